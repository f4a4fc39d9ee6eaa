import { tablesCsv } from './release-csv';
import { isClosed, monthOf, parsePeriod } from './release-period';
import { canonicalBytes, stableJson } from './release-signature';
import type { PublishedTable } from './release-contract';

const TABLE: PublishedTable = {
  id: 'victims-by-region',
  dimensions: ['region'],
  categories: [['TJ-DU', 'other']],
  folded: { region: ['TJ-KT'] },
  entries: [
    { key: ['TJ-DU'], count: 25 },
    { key: ['other'], count: null },
    { key: ['*'], count: 28 },
  ],
};

describe('release storage helpers', () => {
  it('writes JSON with sorted keys, so the same release always has the same canonical bytes', () => {
    expect(stableJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const release = {
      summary: {
        id: 'r',
        period: '2025',
        version: 1,
        method: 'suppression' as const,
        threshold: 11,
        suppressionRate: 0.5,
        generatedAt: '2026-01-02T00:00:00.000Z',
        publicKey: 'k',
      },
      tables: [TABLE],
      timeliness: null,
      tablesCsv: 'a',
      ctdcCsv: 'b',
    };
    const reordered = { ...release, summary: Object.fromEntries(Object.entries(release.summary).reverse()) };
    expect(canonicalBytes(reordered as typeof release).equals(canonicalBytes(release))).toBe(true);
    expect(canonicalBytes({ ...release, ctdcCsv: 'c' }).equals(canonicalBytes(release))).toBe(false);
  });

  it('writes every entry of every table as one CSV line, a withheld count empty and marked', () => {
    const csv = tablesCsv([TABLE], {
      identificationToAcceptanceDays: 12,
      referralResponseDays: null,
      overdueReferrals: 0,
    });
    expect(csv.split('\r\n')).toEqual([
      'table,years,dimension_1,category_1,dimension_2,category_2,dimension_3,category_3,count,withheld',
      'victims-by-region,,region,TJ-DU,,,,,25,0',
      'victims-by-region,,region,other,,,,,,1',
      'victims-by-region,,region,*,,,,,28,0',
      'timeliness,,measure,identificationToAcceptanceDays,,,,,12,0',
      'timeliness,,measure,referralResponseDays,,,,,,1',
      'timeliness,,measure,overdueReferrals,,,,,0,0',
      '',
    ]);
  });

  it('reads years and quarters, and closes a period only once it is over (UTC)', () => {
    expect(parsePeriod('2025')).toEqual({ period: '2025', year: 2025, from: '2025-01-01', to: '2026-01-01' });
    expect(parsePeriod('2025-Q4')).toMatchObject({ quarter: 4, from: '2025-10-01', to: '2026-01-01' });
    expect(parsePeriod('2025-Q2')).toMatchObject({ from: '2025-04-01', to: '2025-07-01' });
    expect(parsePeriod('2025-Q5')).toBeUndefined();
    expect(parsePeriod('25')).toBeUndefined();
    const now = new Date('2026-04-01T00:30:00Z');
    expect(isClosed(parsePeriod('2026-Q1')!, now)).toBe(true);
    expect(isClosed(parsePeriod('2026-Q2')!, now)).toBe(false);
    expect(isClosed(parsePeriod('2026')!, now)).toBe(false);
    expect(monthOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-01');
  });
});
