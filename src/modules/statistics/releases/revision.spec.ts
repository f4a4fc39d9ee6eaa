import { makePopulation } from '../../../../test/support/release-population';
import { buildRelease } from './release-tables';
import type { SnapshotRecord } from './release-contract';
import { revisionIsSafe } from './revision';

const K = 11;

function check(oldRecords: readonly SnapshotRecord[], nextRecords: readonly SnapshotRecord[]) {
  const old = buildRelease({ period: '2025', records: oldRecords, k: K }).tables;
  const next = buildRelease({ period: '2025', records: nextRecords, k: K }).tables;
  return revisionIsSafe({ period: '2025', k: K, old, next, oldRecords, nextRecords });
}

describe('revisionIsSafe', () => {
  const records = makePopulation(200, 3, 2025);

  it('accepts a version where nothing changed', () => {
    expect(check(records, [...records])).toEqual({ safe: true });
  });

  it('defers a version with one late registration: a line changes by 1', () => {
    const late = { ...records[0], quarter: 4 as const };
    const result = check(records, [...records, late]);
    expect(result.safe).toBe(false);
    expect(result.reason).toEqual(expect.any(String));
  });

  it('defers a version where one case changed its stage', () => {
    const changed = records.map((r, i) =>
      i === 0 ? { ...r, stage: r.stage === 'closed' ? 'assistance' : 'closed' } : r,
    );
    expect(check(records, changed).safe).toBe(false);
  });

  it('accepts k late registrations spread over entries that are published or stay hidden safely', () => {
    // k more cases alike in every code a large group has: every published entry moves by 0 or k.
    const dims = [
      'region',
      'gender',
      'ageBand',
      'exploitationType',
      'countryOfExploitation',
      'stage',
      'traffickingStatus',
      'referralOutcome',
    ] as const;
    // No code of it is folded, so both versions have the same categories.
    const common = records.find((r) =>
      dims.every((d) => records.filter((o) => o[d] === r[d]).length >= K),
    ) as SnapshotRecord;
    const late = Array.from({ length: K }, () => ({ ...common }));
    expect(check(records, [...records, ...late])).toEqual({ safe: true });
  });
});
