import fc from 'fast-check';
import { snapshotPopulation, snapshotRecord } from '../../../../test/support/snapshot-population';
import { CTDC_COLUMNS } from '../ctdc-layout';
import type { SnapshotRecord } from './release-contract';
import { KNOWN_COLUMNS, releaseMicrodata, SENSITIVE_GROUPS } from './release-microdata';

function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  expect(header.split(',')).toEqual([...CTDC_COLUMNS]);
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [CTDC_COLUMNS[i], v])));
}

function groupBy(rows: readonly Record<string, string>[], columns: readonly string[]): Record<string, string>[][] {
  const classes = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const key = columns.map((c) => row[c]).join('|');
    classes.set(key, [...(classes.get(key) ?? []), row]);
  }
  return [...classes.values()];
}

/** Every class over every published column has k rows or more. */
function expectKAnonymous(rows: readonly Record<string, string>[], k: number): void {
  for (const members of groupBy(rows, CTDC_COLUMNS)) expect(members.length).toBeGreaterThanOrEqual(k);
}

/** Every class over the known columns shows l values of each sensitive group, or nothing of it. */
function expectLDiverse(rows: readonly Record<string, string>[], l: number): void {
  for (const members of groupBy(rows, KNOWN_COLUMNS)) {
    for (const [group, columns] of Object.entries(SENSITIVE_GROUPS)) {
      const values = new Set(members.map((r) => columns.map((c) => r[c]).join('|')));
      const nothing = values.size === 1 && [...values][0] === columns.map(() => '').join('|');
      expect([group, nothing || values.size >= l]).toEqual([group, true]);
    }
  }
}

const base = snapshotPopulation(1)[0];
const alike = (n: number, ctdc: Partial<SnapshotRecord['ctdc']>): SnapshotRecord[] =>
  Array.from({ length: n }, () => ({ ...base, ctdc: { ...base.ctdc, year: 2025, ...ctdc } }));

describe('the CTDC dataset of a suppression-mode release', () => {
  it('is k-anonymous over every published column and l-diverse for every sensitive group, on random populations', () => {
    let published = 0;
    fc.assert(
      fc.property(fc.array(snapshotRecord(2025), { minLength: 0, maxLength: 400, size: 'max' }), (records) => {
        const rows = parse(releaseMicrodata({ records, k: 11, l: 2 }));
        expect(rows.length).toBeLessThanOrEqual(records.length);
        expectKAnonymous(rows, 11);
        expectLDiverse(rows, 2);
        published += rows.length;
      }),
      { numRuns: 40 },
    );
    // Not vacuous: the populations are large enough for rows to be published.
    expect(published).toBeGreaterThan(0);
  });

  it('does not tell the one way a group was exploited that everyone in it shares', () => {
    const profile = { gender: 'Masculine', ageBand: '9--17', citizenship: 'TJK', countryOfExploitation: 'AFG' };
    const records = [
      // Every boy of 9–17 exploited in Afghanistan was in forced begging: k-anonymous, but not 2-diverse.
      ...alike(15, { ...profile, exploitationTypes: ['ForcedBegging'], meansOfControl: [], labourSector: null }),
      ...alike(15, { ...profile, gender: 'Feminine', exploitationTypes: ['ForcedLabour'], meansOfControl: [] }),
      ...alike(15, { ...profile, gender: 'Feminine', exploitationTypes: ['SexualExploitation'], meansOfControl: [] }),
    ];
    const rows = parse(releaseMicrodata({ records, k: 11, l: 2 }));
    expectKAnonymous(rows, 11);
    expectLDiverse(rows, 2);
    const boys = rows.filter((r) => r.gender === 'Male' && r.ageBroad === '9--17');
    expect(new Set(boys.map((r) => SENSITIVE_GROUPS.exploitationType.map((c) => r[c]).join('|'))).size).not.toBe(1);
    // With l = 1 (k-anonymity alone) the boys' begging is there to read.
    const plain = parse(releaseMicrodata({ records, k: 11, l: 1 }));
    expect(plain.filter((r) => r.gender === 'Male' && r.typeOfLabourBegging === '1')).toHaveLength(15);
  });

  it('gives the same bytes on every call and for the records in any order', () => {
    const records = snapshotPopulation(300);
    const once = releaseMicrodata({ records, k: 11, l: 2 });
    expect(releaseMicrodata({ records, k: 11, l: 2 })).toBe(once);
    expect(releaseMicrodata({ records: [...records].reverse(), k: 11, l: 2 })).toBe(once);
  });

  it('refuses a k or an l that is not a positive integer', () => {
    expect(() => releaseMicrodata({ records: [], k: 0, l: 2 })).toThrow(RangeError);
    expect(() => releaseMicrodata({ records: [], k: 11, l: 1.5 })).toThrow(RangeError);
  });
});
