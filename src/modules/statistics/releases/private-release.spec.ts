import { snapshotPopulation } from '../../../../test/support/snapshot-population';
import { OTHER, TOTAL, UNKNOWN } from '../dimensions';
import {
  allocate,
  buildPrivateRelease,
  fitToTotal,
  GRAND_TOTAL,
  releaseCatalogue,
  releaseCategories,
} from './private-release';
import { CATALOGUE, MULTIPLE, PublishedTable, SnapshotRecord } from './release-contract';
import { syntheticMicrodata } from './synthetic-microdata';

const cellsOf = (table: PublishedTable) => table.entries.filter((e) => !e.key.includes(TOTAL));
const grandTotalOf = (table: PublishedTable) => table.entries.find((e) => e.key.every((v) => v === TOTAL))?.count;
const countAt = (table: PublishedTable, key: readonly string[]) =>
  table.entries.find((e) => e.key.every((v, i) => v === key[i]))?.count;

describe('the allocation of a dp release', () => {
  it('gives the grand total a quarter of ρ and each table an equal part of the rest, adding up to exactly ρ', () => {
    const year = allocate(
      0.5,
      releaseCatalogue('2025').map((t) => t.id),
    );
    expect(year.map((s) => s.id)).toEqual([GRAND_TOTAL, ...CATALOGUE.map((t) => t.id)]);
    expect(year[0]).toMatchObject({ rho: 0.125, exact: { n: 1n, d: 8n } });
    for (const share of year.slice(1)) expect(share).toMatchObject({ rho: 0.046875, exact: { n: 3n, d: 64n } });

    for (const rho of [0.5, 0.3, 0.1, 1, 2.7, 1e-3]) {
      for (const period of ['2025', '2025-Q2']) {
        const shares = allocate(
          rho,
          releaseCatalogue(period).map((t) => t.id),
        );
        // Summed in the order the allocation lists them, as a reader would.
        expect(shares.reduce((sum, s) => sum + s.rho, 0)).toBe(rho);
        expect(Math.abs(shares[0].rho - rho / 4)).toBeLessThan(rho * 1e-12);
        for (const s of shares) expect(Number(s.exact.n) / Number(s.exact.d)).toBe(s.rho);
      }
    }
  });

  it('returns the allocation with the release, by table id', () => {
    const { allocation } = buildPrivateRelease({ period: '2025-Q3', records: snapshotPopulation(30), rho: 0.5 });
    expect(Object.keys(allocation)).toEqual([
      GRAND_TOTAL,
      ...CATALOGUE.filter((t) => t.id !== 'victims-by-quarter').map((t) => t.id),
    ]);
    expect(Object.values(allocation).reduce((s, r) => s + r, 0)).toBe(0.5);
  });

  it('refuses a budget that is not a positive number and a period it cannot read', () => {
    for (const rho of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildPrivateRelease({ period: '2025', records: [], rho })).toThrow(RangeError);
    }
    expect(() => buildPrivateRelease({ period: '2025-Q5', records: [], rho: 0.5 })).toThrow(/period/);
  });
});

describe('fitting noisy cells to the noisy total', () => {
  it('projects on the non-negative cells adding up to the total, then rounds by largest remainder', () => {
    expect(fitToTotal([5, 3, -2], 6)).toEqual([4, 2, 0]);
    expect(fitToTotal([0, 0, 0], 0)).toEqual([0, 0, 0]);
    expect(fitToTotal([-3, -1], 4)).toEqual([1, 3]);
    // τ = 1/2: x = [4.5, 2.5, 0], one unit to one of the two halves.
    const fitted = fitToTotal([5, 3, 0], 7);
    expect([
      [5, 2, 0],
      [4, 3, 0],
    ]).toContainEqual(fitted);
  });

  it('always gives non-negative integers adding up to the total', () => {
    for (let run = 0; run < 500; run++) {
      const size = 1 + (run % 17);
      const noisy = Array.from({ length: size }, (_, i) => ((run * 7919 + i * 104729) % 41) - 20);
      const total = (run * 31) % 60;
      const fitted = fitToTotal(noisy, total);
      expect(fitted.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(fitted.reduce((s, x) => s + x, 0)).toBe(total);
    }
  });
});

describe('a dp release', () => {
  const records = snapshotPopulation(200);

  it('publishes every catalogue table with fixed categories, every count, nothing folded, margins that add up', () => {
    const { tables } = buildPrivateRelease({ period: '2025', records, rho: 0.5 });
    expect(tables.map((t) => t.id)).toEqual(CATALOGUE.map((t) => t.id));
    const total = grandTotalOf(tables[0]);
    expect(total).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.dimensions).toEqual(CATALOGUE.find((t) => t.id === table.id)?.dimensions);
      expect(table.categories).toEqual(table.dimensions.map((d) => releaseCategories(d, '2025')));
      expect(table.folded).toEqual({});
      expect(table.pooled).toBeUndefined();
      const expected = table.categories.reduce((n, c) => n * (c.length + 1), 1);
      expect(table.entries).toHaveLength(expected);
      for (const entry of table.entries) {
        expect(Number.isInteger(entry.count) && (entry.count as number) >= 0).toBe(true);
        // Every margin (any TOTAL coordinate) is the sum of the cells it covers.
        if (!entry.key.includes(TOTAL)) continue;
        const covered = cellsOf(table).filter((c) =>
          c.key.every((v, i) => entry.key[i] === TOTAL || entry.key[i] === v),
        );
        expect(entry.count).toBe(covered.reduce((s, c) => s + (c.count as number), 0));
      }
      expect(grandTotalOf(table)).toBe(total);
    }
    const types = tables.find((t) => t.id === 'victims-by-exploitation-type') as PublishedTable;
    expect(types.categories[0]).toEqual(expect.arrayContaining([MULTIPLE, UNKNOWN, OTHER]));
    expect(types.categories[0][types.categories[0].length - 1]).toBe(OTHER);
    // No quarter outside the period holds anyone.
    const quarters = tables.find((t) => t.id === 'victims-by-quarter') as PublishedTable;
    expect(countAt(quarters, [OTHER])).toBe(0);
  });

  it('counts only the period’s cases', () => {
    const quarter = records.filter((r) => r.quarter === 2);
    const { tables } = buildPrivateRelease({ period: '2025-Q2', records, rho: 1000 });
    // With ρ = 1000 the noise is almost always 0 (σ² = 1/500 on the total): the count is the quarter's.
    expect(Math.abs((grandTotalOf(tables[0]) as number) - quarter.length)).toBeLessThanOrEqual(1);
  });

  it('draws synthetic records whose counts are exactly the published tables’', () => {
    const { tables, synthetic } = buildPrivateRelease({ period: '2025', records, rho: 0.5 });
    const table = (id: string) => tables.find((t) => t.id === id) as PublishedTable;
    expect(synthetic).toHaveLength(grandTotalOf(tables[0]) as number);
    const tally = (values: string[]) =>
      values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
    const expectMatches = (id: string, values: string[]) => {
      const counts = tally(values);
      for (const cell of cellsOf(table(id)))
        expect([cell.key.join('|'), counts.get(cell.key.join('|')) ?? 0]).toEqual([cell.key.join('|'), cell.count]);
    };
    const category = (v: string | null) => v ?? UNKNOWN;
    expectMatches(
      'victims-by-gender-and-age',
      synthetic.map((r) => `${category(r.gender)}|${category(r.ageBand)}`),
    );
    expectMatches(
      'victims-by-exploitation-type',
      synthetic.map((r) => r.exploitationTypes[0] ?? UNKNOWN),
    );
    expectMatches(
      'victims-by-country-of-exploitation',
      synthetic.map((r) => category(r.countryOfExploitation)),
    );
    expect(synthetic.every((r) => r.year === 2025)).toBe(true);
    // Nothing the tables do not publish.
    expect(synthetic.every((r) => r.citizenship === null && r.labourSector === null)).toBe(true);
    expect(synthetic.every((r) => r.meansOfControl.length === 0 && r.sexExploitationTypes.length === 0)).toBe(true);
  });

  it('draws the years of a span of years from its table by quarter', () => {
    const span = [...snapshotPopulation(40, 2023), ...snapshotPopulation(40, 2024)];
    const { tables, synthetic } = buildPrivateRelease({ period: '2023-2024', records: span, rho: 0.5 });
    const quarters = tables.find((t) => t.id === 'victims-by-quarter') as PublishedTable;
    for (const year of [2023, 2024]) {
      const published = cellsOf(quarters)
        .filter((c) => c.key[0].startsWith(String(year)))
        .reduce((s, c) => s + (c.count as number), 0);
      expect(synthetic.filter((r) => r.year === year)).toHaveLength(published);
    }
  });

  /**
   * The attacker of the export attack: knows every case but one, and whether that one is a boy or a
   * girl of 9–17 is the question. Exact counts answer it with certainty (the boys' cell is c or c - 1);
   * under the release's noise the best the attacker can do with that cell is guess.
   *
   * The bound is a consequence of zCDP, not a fit to what the sampler does: the table's share is
   * ρ_t = 3/64 for adding or removing a case, so 2ρ_t for changing one; zCDP bounds the Kullback–Leibler
   * divergence between the two releases by 2ρ_t, Pinsker's inequality their total variation by
   * √(ρ_t) ≈ 0.217, so no test tells them apart with probability above 1/2 + 0.217/2 ≈ 0.609. Each
   * observed success rate below is the mean of 2N independent trials, so by Hoeffding it exceeds its
   * true value by t with probability at most exp(-4N t²); over the 41 thresholds tried, with N = 400
   * and t = 0.125, that is below 1e-9. Seed-free, and wrong by chance less than once in a billion runs.
   */
  it('does not tell an attacker who knows every other case which cell the last one is in, nor does its CTDC export', () => {
    // Thirty other boys of 9–17, so that the cell is not near 0 where fitting to the total clips it.
    const others = snapshotPopulation(120).map((r, i) =>
      i < 30 ? { ...r, gender: 'Masculine', ageBand: '9--17' } : { ...r, gender: 'Feminine' },
    );
    const target: SnapshotRecord = { ...others[0], gender: 'Masculine', ageBand: '9--17' };
    const boy = [...others, target];
    const girl = [...others, { ...target, gender: 'Feminine' }];
    const exact = boy.filter((r) => r.gender === 'Masculine' && r.ageBand === '9--17').length;
    expect(exact).toBe(31);

    const runs = 400;
    // The attacker counts the boys of 9–17 in the release's CTDC dataset (the same count as the table's cell).
    const read = (population: SnapshotRecord[]) =>
      Array.from({ length: runs }, () => {
        const csv = syntheticMicrodata(
          buildPrivateRelease({ period: '2025', records: population, rho: 0.5 }).synthetic,
        );
        return csv.split('\r\n').filter((line) => line.includes(',Male,9--17,')).length;
      });
    const withBoy = read(boy);
    const withGirl = read(girl);

    let best = 0;
    for (let threshold = exact - 20; threshold <= exact + 20; threshold++) {
      const right = withBoy.filter((v) => v >= threshold).length + withGirl.filter((v) => v < threshold).length;
      best = Math.max(best, right / (2 * runs));
    }
    // Exact counts (31 against 30) would give 1.
    expect(best).toBeLessThan(0.609 + 0.125);
    // And the cell is not the exact count plus a constant: it varies from release to release.
    expect(new Set(withBoy).size).toBeGreaterThan(1);
  });
});
