import fc from 'fast-check';
import { feasibleValues } from '../../../test/support/disclosure-attack';
import { TOTAL } from './dimensions';
import type { Dimension } from './dimensions';
import { keyOf, StatisticalTable } from './statistical-table';
import { suppress } from './suppression';

const K = 11;

/** A table from its cells, with every margin summed. */
function tableOf(categories: string[][], cells: number[]): StatisticalTable {
  const counts = new Map<string, number>();
  const keys: string[][] = [];
  const build = (prefix: string[]): void => {
    if (prefix.length === categories.length) keys.push(prefix);
    else for (const value of categories[prefix.length]) build([...prefix, value]);
  };
  build([]);
  keys.forEach((key, i) => {
    // Add the cell to itself and to every margin it belongs to.
    for (let mask = 0; mask < 1 << key.length; mask++) {
      const margin = key.map((v, d) => (mask & (1 << d) ? TOTAL : v));
      counts.set(keyOf(margin), (counts.get(keyOf(margin)) ?? 0) + cells[i]);
    }
  });
  return new StatisticalTable(categories, counts);
}

function attack(table: StatisticalTable, withheld: Set<string>, target: string[]): Set<number> {
  // Ranges kept small so that the exhaustive attacker stays quick.
  const dims = table.categories.map((_, i) => `d${i}` as Dimension);
  return feasibleValues(table.categories, dims, (key) => (withheld.has(keyOf(key)) ? null : table.count(key)), target, {
    maximum: table.grandTotal,
    stopAfter: 2,
    around: table.count(target),
  });
}

/** Whether the attacker above must allow the target a value of at least k: its upper protection level. */
function reachesK(table: StatisticalTable, withheld: Set<string>, target: string[]): boolean {
  const dims = table.categories.map((_, i) => `d${i}` as Dimension);
  return (
    feasibleValues(table.categories, dims, (key) => (withheld.has(keyOf(key)) ? null : table.count(key)), target, {
      maximum: table.grandTotal,
      stopAfter: 1,
      from: K,
      around: K,
    }).size === 1
  );
}

describe('suppress', () => {
  it('does not let the published lines bound a withheld cell below k (3 × 4 counterexample)', () => {
    // With only pairs per line withheld, r0c2 (3) could be shown to lie in 0..4 and r2c3 (1) in 0..4.
    const table = tableOf(
      [
        ['r0', 'r1', 'r2'],
        ['c0', 'c1', 'c2', 'c3'],
      ],
      [11, 11, 3, 0, 0, 0, 8, 11, 1, 11, 0, 1],
    );
    const withheld = suppress(table, K);
    for (const target of [
      ['r0', 'c2'],
      ['r2', 'c0'],
      ['r2', 'c3'],
      ['r1', 'c2'],
    ]) {
      expect(withheld.has(keyOf(target))).toBe(true);
      expect(reachesK(table, withheld, target)).toBe(true);
    }
  });

  it('withholds a region of three and the smallest other region, so that the total does not give it away', () => {
    const table = tableOf([['DU', 'GB', 'KT', 'RA', 'SU']], [20, 0, 3, 12, 14]);
    const withheld = suppress(table, K);
    expect([...withheld].sort()).toEqual(['KT', 'RA']);
    expect(attack(table, withheld, ['KT']).size).toBe(2);
  });

  it('keeps withholding while the withheld cells of a line add up to too little to hide one below k', () => {
    // 3 and 4 withheld together total 7: each is then known to lie in 1..6, so below k. A third is added.
    const table = tableOf([['a', 'b', 'c', 'd']], [3, 4, 30, 40]);
    expect([...suppress(table, K)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('publishes zeros and withholds nothing in a table without small cells', () => {
    const table = tableOf(
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
      [0, 12, 15, 20],
    );
    expect(suppress(table, K).size).toBe(0);
  });

  it('gives the same pattern for the same table, whatever order its counts arrive in', () => {
    const categories = [
      ['a', 'b', 'c'],
      ['x', 'y'],
    ];
    const cells = [1, 13, 2, 30, 5, 11];
    const first = suppress(tableOf(categories, cells), K);
    const again = suppress(
      tableOf(
        categories.map((c) => [...c]),
        [...cells],
      ),
      K,
    );
    expect([...again]).toEqual([...first]);
  });

  it('never leaves a line with one withheld entry, and no withheld small cell can be solved for (2-D, random tables)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 16 })), {
          minLength: 12,
          maxLength: 12,
        }),
        (rows, columns, values) => {
          const categories = [
            Array.from({ length: rows }, (_, i) => `r${i}`),
            Array.from({ length: columns }, (_, i) => `c${i}`),
          ];
          const table = tableOf(categories, values.slice(0, rows * columns));
          fc.pre(table.grandTotal >= K); // below k the question is not answered at all
          const withheld = suppress(table, K);
          for (const line of table.lines()) {
            const hidden = [...line.members, line.total].filter((e) => withheld.has(keyOf(e))).length;
            expect(hidden).not.toBe(1);
          }
          for (const entry of table.entries) {
            const n = table.count(entry);
            if (n > 0 && n < K) {
              expect(withheld.has(keyOf(entry))).toBe(true);
              expect(attack(table, withheld, entry).size).toBe(2);
              expect(reachesK(table, withheld, entry)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('protects every small cell of a three-dimensional table along every line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 16 })), {
          minLength: 8,
          maxLength: 8,
        }),
        (values) => {
          const table = tableOf(
            [
              ['a', 'b'],
              ['x', 'y'],
              ['p', 'q'],
            ],
            values,
          );
          fc.pre(table.grandTotal >= K);
          const withheld = suppress(table, K);
          for (const line of table.lines()) {
            const hidden = [...line.members, line.total].filter((e) => withheld.has(keyOf(e))).length;
            expect(hidden).not.toBe(1);
          }
          for (const entry of table.entries) {
            const n = table.count(entry);
            if (n > 0 && n < K) {
              expect(attack(table, withheld, entry).size).toBe(2);
              expect(reachesK(table, withheld, entry)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
