import { randomInt } from 'node:crypto';
import type { CtdcSourceRecord } from '../ctdc-layout';
import { categoriesOf, OTHER, TOTAL, UNKNOWN } from '../dimensions';
import { discreteGaussian, exactRational, Rational, reduce } from './discrete-gaussian';
import {
  CATALOGUE,
  CatalogueTable,
  MULTIPLE,
  PublishedEntry,
  PublishedTable,
  ReleaseDimension,
  SnapshotRecord,
} from './release-contract';
import { synthesise } from './synthetic-microdata';

/**
 * A release in dp mode (PANOH_STATISTICS_MODE=dp): the catalogue's tables under zero-concentrated
 * differential privacy (zCDP, Bun and Steinke 2016), TopDown-style — one noisy grand total, then
 * noise on the finest cells of every table, post-processed so that every table adds up to that total.
 *
 * Neighbouring snapshots differ by one case (added or removed). A case counts in exactly one cell of
 * each table and in the grand total, so each noisy histogram has L2 sensitivity 1, and discrete
 * Gaussian noise of variance σ² on it costs ρ = 1 / (2σ²). (A case whose codes change moves between two
 * cells: sensitivity √2 per table, so twice each table's ρ; the grand total does not move.)
 *
 * Allocation (sequential composition: zCDP costs add up, and the shares add up to exactly ρ):
 *   - the grand total: ρ/4 — it is the national figure the Commission plans with, and every table is
 *     fitted to it, so it gets a large share of its own;
 *   - each catalogue table of the release: an equal part of the other 3ρ/4 — no indicator is worth
 *     more than another, and a cell's noise does not depend on how many cells its table has.
 * For ρ = 0.5, a year's release (8 tables): grand total ρ = 1/8, σ² = 4; each table ρ = 3/64,
 * σ² = 32/3 ≈ 10.7 per cell (σ ≈ 3.3), before post-processing. A quarter's release (7 tables, no table
 * by quarter): grand total σ² = 4, each table σ² = 28/3 ≈ 9.3. Shares are counted in a unit of ρ fine
 * enough (2^-52 of ρ or finer) that each is an exact double and their sum, in the order of
 * `allocation`, is exactly ρ; the noise is calibrated on the exact rational value of each share.
 *
 * Post-processing (free under DP: it reads only the noisy values):
 *   1. the noisy grand total, negative read as 0, is the total T of every table;
 *   2. each table's noisy cells y are projected on { x >= 0, Σx = T } (the Euclidean projection on the
 *      scaled simplex: x = max(y - τ, 0) with the one τ that makes them add up to T), computed exactly
 *      in integers (τ has denominator the size of the support);
 *   3. integers by largest remainder: each x rounded down, the missing units to the largest remainders.
 *      All remainders of a projection are equal (the cells share τ), so the units go to cells of the
 *      support chosen uniformly at random (fresh randomness, no budget), not always to the first ones;
 *   4. every margin is the sum of its cells, the grand total is T in every table.
 * Cells that are empty by construction (a quarter outside the release's period: the snapshot holds only
 * the period's cases) are published as 0 with no noise; that is public knowledge, not data.
 *
 * The categories are fixed in advance (dimensions.ts), `other` last as in suppression mode, nothing
 * folded: recoding that depends on the data would spend budget. The synthetic CTDC records are drawn
 * from the post-processed tables only (synthetic-microdata.ts), so they cost nothing more.
 */

/** The key of the grand total's share in `allocation`. */
export const GRAND_TOTAL = 'grand-total';

export interface PrivateRelease {
  tables: PublishedTable[];
  /** ρ spent per table id, and on the grand total (GRAND_TOTAL); the values add up to the release's ρ. */
  allocation: Record<string, number>;
  synthetic: CtdcSourceRecord[];
}

interface Period {
  years: readonly number[];
  quarter?: 1 | 2 | 3 | 4;
}

/** `2025`, `2025-Q3`, or a span of years `2023-2025`. */
export function parsePeriod(period: string): Period {
  const year = /^(\d{4})$/.exec(period);
  if (year) return { years: [Number(year[1])] };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return { years: [Number(quarter[1])], quarter: Number(quarter[2]) as 1 | 2 | 3 | 4 };
  const span = /^(\d{4})-(\d{4})$/.exec(period);
  if (span && Number(span[1]) < Number(span[2])) {
    const years: number[] = [];
    for (let y = Number(span[1]); y <= Number(span[2]); y++) years.push(y);
    return { years };
  }
  throw new RangeError('period must be a year (2025), a quarter (2025-Q3) or a span of years (2023-2025)');
}

/**
 * The tables of a release of the period: the catalogue, without the table by quarter in a quarter's
 * release (where it would be the grand total again).
 */
export function releaseCatalogue(period: string): CatalogueTable[] {
  const { quarter } = parsePeriod(period);
  return CATALOGUE.filter((table) => !(table.yearOnly && quarter !== undefined));
}

/** The fixed categories of a release dimension, `other` last; exploitation type adds `Multiple`. */
export function releaseCategories(dimension: ReleaseDimension, period: string): string[] {
  const { years } = parsePeriod(period);
  const fixed = categoriesOf(dimension, years[0], years[years.length - 1]);
  // The same order as suppression-mode releases (release-tables.ts): `Multiple` before `Unknown`.
  return dimension === 'exploitationType'
    ? [...fixed.filter((c) => c !== UNKNOWN), MULTIPLE, UNKNOWN, OTHER]
    : [...fixed, OTHER];
}

/** The category a snapshot record falls in: its code, or `other` when the code is not a fixed category. */
function categoryOf(record: SnapshotRecord, dimension: ReleaseDimension, categories: readonly string[]): string {
  const code = dimension === 'quarter' ? `${record.year}-Q${record.quarter}` : record[dimension];
  return code !== OTHER && categories.includes(code) ? code : OTHER;
}

function inPeriod(record: SnapshotRecord, period: Period): boolean {
  return period.years.includes(record.year) && (period.quarter === undefined || record.quarter === period.quarter);
}

/**
 * ρ split over the grand total (weight: one per table) and the tables (weight 3 each), in exact
 * integer units of ρ so that the doubles add up to ρ exactly: ρ = M·u with M < 2^53, each share m_i·u
 * with the integers m_i adding up to M (largest remainder).
 */
export function allocate(rho: number, tableIds: readonly string[]): { id: string; rho: number; exact: Rational }[] {
  if (!Number.isFinite(rho) || rho <= 0) throw new RangeError('rho must be a positive number');
  const ids = [GRAND_TOTAL, ...tableIds];
  const weights = ids.map((id) => (id === GRAND_TOTAL ? BigInt(tableIds.length) : 3n));
  const whole = weights.reduce((s, w) => s + w, 0n);
  const { n, d } = exactRational(rho);
  const scale = BigInt(Math.max(0, 52 - n.toString(2).length));
  const units = n << scale; // ρ = units / unitDenominator
  const unitDenominator = d << scale;
  const shares = weights.map((w) => (units * w) / whole);
  const order = weights
    .map((w, i) => ({ i, remainder: (units * w) % whole }))
    .sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : a.i - b.i));
  let left = units - shares.reduce((s, m) => s + m, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return ids.map((id, i) => ({
    id,
    rho: Number(shares[i]) / Number(unitDenominator),
    exact: reduce({ n: shares[i], d: unitDenominator }),
  }));
}

/** σ² = 1 / (2ρ) for a count of sensitivity 1. */
function varianceFor(rho: Rational): Rational {
  return reduce({ n: rho.d, d: 2n * rho.n });
}

/**
 * The noisy cells projected on { x >= 0, Σx = total } and rounded to integers that add up to `total`
 * (steps 2–3 of the header), exactly in integers.
 */
export function fitToTotal(noisy: readonly number[], total: number): number[] {
  if (total <= 0 || noisy.length === 0) return noisy.map(() => 0);
  const sorted = [...noisy].sort((a, b) => b - a);
  let sum = 0;
  let support = 0;
  let supportSum = 0;
  sorted.forEach((y, j) => {
    sum += y;
    if (y * (j + 1) - (sum - total) > 0) {
      support = j + 1;
      supportSum = sum;
    }
  });
  // x_i = max(y_i - τ, 0) with τ = (supportSum - total) / support; numerators over `support`.
  const shift = supportSum - total;
  const numerators = noisy.map((y) => Math.max(support * y - shift, 0));
  const cells = numerators.map((v) => Math.floor(v / support));
  let left = total - cells.reduce((s, c) => s + c, 0);
  const candidates = numerators.map((v, i) => ({ i, remainder: v % support, tie: randomInt(2 ** 47) }));
  candidates.sort((a, b) => b.remainder - a.remainder || a.tie - b.tie || a.i - b.i);
  for (const { i, remainder } of candidates) {
    if (left === 0 || remainder === 0) break;
    cells[i] += 1;
    left -= 1;
  }
  return cells;
}

/** Every combination of the axes' values, the last axis varying fastest. */
function product(axes: readonly (readonly string[])[]): string[][] {
  return axes.reduce<string[][]>((keys, axis) => keys.flatMap((key) => axis.map((v) => [...key, v])), [[]]);
}

function noisyTable(
  table: CatalogueTable,
  period: string,
  records: readonly SnapshotRecord[],
  sigma2: Rational,
  total: number,
): PublishedTable {
  const { years } = parsePeriod(period);
  const categories = table.dimensions.map((d) => releaseCategories(d, period));
  const cells = product(categories);
  const index = new Map(cells.map((key, i) => [key.join('\u001f'), i]));
  const counts = cells.map(() => 0);
  for (const record of records) {
    const key = table.dimensions.map((d, i) => categoryOf(record, d, categories[i]));
    counts[index.get(key.join('\u001f')) as number] += 1;
  }
  // A quarter outside the period cannot hold a case of the snapshot: 0 by construction.
  const structural = cells.map((key) =>
    table.dimensions.some(
      (d, i) => d === 'quarter' && (key[i] === OTHER || !years.includes(Number(key[i].slice(0, 4)))),
    ),
  );
  const free = cells.flatMap((_, i) => (structural[i] ? [] : [i]));
  const fitted = fitToTotal(
    free.map((i) => counts[i] + discreteGaussian(sigma2)),
    total,
  );
  const published = cells.map(() => 0);
  free.forEach((cell, j) => (published[cell] = fitted[j]));

  const entries: PublishedEntry[] = product(categories.map((values) => [...values, TOTAL])).map((key) => ({
    key,
    count: cells.reduce(
      (sum, cell, i) => (cell.every((v, a) => key[a] === TOTAL || key[a] === v) ? sum + published[i] : sum),
      0,
    ),
  }));
  return { id: table.id, dimensions: table.dimensions, categories, folded: {}, entries };
}

/** The release's tables, its allocation of ρ, and its synthetic CTDC records (see the header). */
export function buildPrivateRelease(input: {
  period: string;
  records: readonly SnapshotRecord[];
  rho: number;
}): PrivateRelease {
  const period = parsePeriod(input.period);
  const catalogue = releaseCatalogue(input.period);
  const shares = allocate(
    input.rho,
    catalogue.map((t) => t.id),
  );
  const records = input.records.filter((r) => inPeriod(r, period));
  const [grandTotal, ...perTable] = shares;
  const total = Math.max(0, records.length + discreteGaussian(varianceFor(grandTotal.exact)));
  const tables = catalogue.map((table, i) =>
    noisyTable(table, input.period, records, varianceFor(perTable[i].exact), total),
  );
  return {
    tables,
    allocation: Object.fromEntries(shares.map((s) => [s.id, s.rho])),
    synthetic: synthesise({ tables, years: period.years }),
  };
}
