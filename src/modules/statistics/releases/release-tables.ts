import { categoriesOf, OTHER, TOTAL, UNKNOWN } from '../dimensions';
import { keyOf, StatisticalTable } from '../statistical-table';
import {
  canonicalKey,
  dedupeLines,
  isAcyclic,
  protectLinked,
  TooDetailedError,
  UnprotectableError,
  withheldBounds,
} from './linked-protection';
import { CATALOGUE, MULTIPLE, RELEASE_DIMENSIONS } from './release-contract';
import type {
  LinkedEntry,
  LinkedLine,
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  SnapshotRecord,
} from './release-contract';
import { releaseTimeliness } from './release-timeliness';

export { canonicalKey };

/**
 * The tables of a release, from its snapshot.
 *
 * Why global recoding once per release: the categories of a dimension must be the same in every
 * table and every request from the snapshot, or the canonical keys of shared margins would not
 * match and the linked system would split into pieces a reader could still combine. Categories
 * counting 0 < n < k over the whole snapshot fold into `other` (as recoding.ts folds them), which
 * keeps more of every table publishable than suppressing their cells one by one; `other` is then
 * protected like any entry (folding large categories to lift it above k would cost the national
 * figures more than withholding it does).
 *
 * Why pooling only from earlier releases' snapshots: a pooled table over three years adds the two
 * years before from the very snapshots their releases were computed from. Fresh data for old years
 * would differ from those releases by the late registrations, and the difference would publish them.
 * The earlier releases' entries are part of the linked system (published ones fixed, withheld ones
 * protected), linked to the pooled entries by year lines (pooled = Σ years). A pooled category is one
 * no release of the three folded, so every year's own categories map onto it exactly.
 *
 * Why requests are refused instead of widened: only the new table's entries may be withheld (the
 * rest is published already); a cyclic design, a too-detailed table, or a protection that would need
 * an earlier entry withheld is refused, and the caller counts the refusal.
 */

export type Recoding = Record<string, string[]>;

export interface ParsedPeriod {
  year: number;
  quarter?: 1 | 2 | 3 | 4;
}

/** `2025` or `2025-Q3`; anything else is a programming error here (the DTO names the field). */
export function parsePeriod(period: string): ParsedPeriod {
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!match) throw new Error('a release period is a year (2025) or a quarter (2025-Q3)');
  return match[2] ? { year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 } : { year: Number(match[1]) };
}

function inPeriod(record: SnapshotRecord, period: ParsedPeriod): boolean {
  return record.year === period.year && (period.quarter === undefined || record.quarter === period.quarter);
}

/** The categories a dimension has before recoding, in a fixed order. */
function fixedCategories(dimension: ReleaseDimension, period: ParsedPeriod): readonly string[] {
  if (dimension === 'quarter') {
    const quarters = period.quarter ? [period.quarter] : [1, 2, 3, 4];
    return quarters.map((q) => `${period.year}-Q${q}`);
  }
  const fixed = categoriesOf(dimension, period.year, period.year);
  if (dimension !== 'exploitationType') return fixed;
  return [...fixed.filter((c) => c !== UNKNOWN), MULTIPLE, UNKNOWN];
}

function codeOf(record: SnapshotRecord, dimension: ReleaseDimension): string {
  return dimension === 'quarter' ? `${record.year}-Q${record.quarter}` : record[dimension];
}

/** Global recoding: per dimension (quarter aside), the categories folded into `other`. */
export function chooseRecoding(records: readonly SnapshotRecord[], period: ParsedPeriod, k: number): Recoding {
  const recoding: Recoding = {};
  for (const dimension of RELEASE_DIMENSIONS) {
    if (dimension === 'quarter') continue;
    const counts = new Map<string, number>();
    for (const record of records)
      counts.set(codeOf(record, dimension), (counts.get(codeOf(record, dimension)) ?? 0) + 1);
    recoding[dimension] = fixedCategories(dimension, period).filter((c) => {
      const n = counts.get(c) ?? 0;
      return n > 0 && n < k;
    });
  }
  return recoding;
}

/** A dimension's published categories: the fixed ones not folded, `other` last (never for quarters). */
export function categoriesUnder(dimension: ReleaseDimension, period: ParsedPeriod, recoding: Recoding): string[] {
  const fixed = fixedCategories(dimension, period);
  if (dimension === 'quarter') return [...fixed];
  const folded = new Set(recoding[dimension] ?? []);
  return [...fixed.filter((c) => !folded.has(c)), OTHER];
}

/** A table with every true count (margins included), in the fixed order of StatisticalTable. */
function tabulate(
  id: string,
  dimensions: readonly ReleaseDimension[],
  categories: readonly (readonly string[])[],
  folded: PublishedTable['folded'],
  records: readonly SnapshotRecord[],
  pooled?: { from: number; to: number },
): PublishedTable {
  const counts = new Map<string, number>();
  for (const record of records) {
    const key = dimensions.map((d, i) => {
      const code = codeOf(record, d);
      return categories[i].includes(code) && code !== OTHER ? code : OTHER;
    });
    for (let mask = 0; mask < 1 << key.length; mask++) {
      const margin = keyOf(key.map((v, i) => (mask & (1 << i) ? TOTAL : v)));
      counts.set(margin, (counts.get(margin) ?? 0) + 1);
    }
  }
  const table = new StatisticalTable(categories, counts);
  return {
    id,
    dimensions: [...dimensions],
    categories: categories.map((c) => [...c]),
    folded,
    ...(pooled ? { pooled } : {}),
    entries: table.entries.map((key) => ({ key, count: table.count(key) })),
  };
}

function foldedOf(dimensions: readonly ReleaseDimension[], recoding: Recoding): PublishedTable['folded'] {
  const folded: Partial<Record<ReleaseDimension, string[]>> = {};
  for (const d of dimensions) if ((recoding[d] ?? []).length > 0) folded[d] = [...recoding[d]];
  return folded;
}

/** The year coordinate of a table's entries: the period's year, or the pooled span. */
function yearOf(table: PublishedTable, year: number | string): string {
  return table.pooled ? `${table.pooled.from}-${table.pooled.to}` : String(year);
}

export function entryKey(table: PublishedTable, key: readonly string[], year: number | string): string {
  const coords: Partial<Record<'year' | ReleaseDimension, string>> = { year: yearOf(table, year) };
  table.dimensions.forEach((d, i) => (coords[d] = key[i]));
  return canonicalKey(coords);
}

/** Every line of a table (a margin equals the sum of the entries that break it down), canonically keyed. */
export function linesOf(table: PublishedTable, year: number | string): LinkedLine[] {
  const lines: LinkedLine[] = [];
  for (const { key } of table.entries) {
    key.forEach((value, axis) => {
      if (value !== TOTAL) return;
      lines.push({
        total: entryKey(table, key, year),
        members: table.categories[axis].map((c) =>
          entryKey(
            table,
            key.map((v, i) => (i === axis ? c : v)),
            year,
          ),
        ),
      });
    });
  }
  return lines;
}

/** The same tables with every true count from `records` (same categories, recoding and pooling). */
export function trueTables(input: {
  period: string;
  records: readonly SnapshotRecord[];
  tables: readonly PublishedTable[];
}): PublishedTable[] {
  const period = parsePeriod(input.period);
  return input.tables.map((table) => {
    const records = input.records.filter((r) =>
      table.pooled ? r.year >= table.pooled.from && r.year <= table.pooled.to : inPeriod(r, period),
    );
    return tabulate(table.id, table.dimensions, table.categories, table.folded, records, table.pooled);
  });
}

/** A table as published: each withheld entry's count null. */
function publish(table: PublishedTable, year: number | string, withheld: ReadonlySet<string>): PublishedTable {
  return {
    ...table,
    entries: table.entries.map((e) => ({
      key: e.key,
      count: withheld.has(entryKey(table, e.key, year)) ? null : e.count,
    })),
  };
}

interface SystemPart {
  table: PublishedTable;
  year: number | string;
  /** Entries published (count) or withheld (null) earlier; absent for new tables. */
  published?: PublishedTable;
}

/** The linked system of these tables: one entry per canonical key, every line once. */
function systemOf(
  parts: readonly SystemPart[],
  extraLines: readonly LinkedLine[] = [],
): {
  entries: LinkedEntry[];
  lines: LinkedLine[];
} {
  const entries = new Map<string, LinkedEntry>();
  for (const { table, year, published } of parts) {
    table.entries.forEach((entry, i) => {
      const key = entryKey(table, entry.key, year);
      const before = entries.get(key);
      const earlier = published?.entries[i];
      const next: LinkedEntry = { key, count: entry.count ?? 0 };
      if (earlier) {
        if (earlier.count === null) next.withheld = true;
        else next.published = true;
      }
      // An entry several tables share keeps what the earliest publication said of it.
      if (!before || (!before.published && !before.withheld && (next.published || next.withheld)))
        entries.set(key, next);
    });
  }
  const lines = dedupeLines([...parts.flatMap(({ table, year }) => linesOf(table, year)), ...extraLines]);
  return { entries: [...entries.values()], lines };
}

/** Share of a table's non-zero cells (margins aside) that are published. */
function publishedShare(truth: PublishedTable, published: PublishedTable): number {
  let nonZero = 0;
  let shown = 0;
  truth.entries.forEach((entry, i) => {
    if (entry.key.includes(TOTAL) || (entry.count ?? 0) === 0) return;
    nonZero += 1;
    if (published.entries[i].count !== null) shown += 1;
  });
  return nonZero === 0 ? 1 : shown / nonZero;
}

export function buildRelease(input: {
  period: string;
  records: readonly SnapshotRecord[];
  k: number;
  previous?: readonly { year: number; records: readonly SnapshotRecord[]; tables: readonly PublishedTable[] }[];
}): { tables: PublishedTable[]; timeliness: PublishedTimeliness; suppressionRate: number; recoding: Recoding } {
  const period = parsePeriod(input.period);
  const records = input.records.filter((r) => inPeriod(r, period));
  const recoding = chooseRecoding(records, period, input.k);
  const truth = CATALOGUE.filter((t) => !t.yearOnly || period.quarter === undefined).map((t) =>
    tabulate(
      t.id,
      t.dimensions,
      t.dimensions.map((d) => categoriesUnder(d, period, recoding)),
      foldedOf(t.dimensions, recoding),
      records,
    ),
  );
  const single = protectLinked(systemOf(truth.map((table) => ({ table, year: period.year }))), input.k);
  let tables = truth.map((t) => publish(t, period.year, single.withheld));
  if (period.quarter === undefined && input.previous) {
    const pooled = pool(period.year, truth, tables, records, recoding, input.previous, input.k);
    if (pooled) tables = pooled;
  }
  const cells = tables.reduce((sum, t) => sum + t.entries.length, 0);
  const withheld = tables.reduce((sum, t) => sum + t.entries.filter((e) => e.count === null).length, 0);
  return {
    tables,
    timeliness: releaseTimeliness(records, input.k),
    suppressionRate: cells === 0 ? 0 : withheld / cells,
    recoding,
  };
}

/** The years a pooled table adds up: the release's year and the two before. */
const POOLED_YEARS = 3;

/**
 * The release's tables with pooled versions of the sparse ones, protected jointly with the earlier
 * releases; undefined when there is nothing to pool, the earlier releases are missing, or the joint
 * protection cannot be had (the single-year tables are then published alone).
 */
function pool(
  year: number,
  truth: readonly PublishedTable[],
  published: readonly PublishedTable[],
  records: readonly SnapshotRecord[],
  recoding: Recoding,
  previous: readonly { year: number; records: readonly SnapshotRecord[]; tables: readonly PublishedTable[] }[],
  k: number,
): PublishedTable[] | undefined {
  const from = year - POOLED_YEARS + 1;
  const earlier: { year: number; records: readonly SnapshotRecord[]; tables: readonly PublishedTable[] }[] = [];
  for (let y = from; y < year; y++) {
    const release = previous.find((p) => p.year === y);
    if (!release) return undefined;
    earlier.push(release);
  }
  const sparse = truth.filter((t, i) => !t.dimensions.includes('quarter') && publishedShare(t, published[i]) < 0.5);
  if (sparse.length === 0) return undefined;
  const span = { from, to: year };
  const allRecords = [...earlier.flatMap((e) => e.records.filter((r) => r.year === e.year)), ...records];
  const pooledTruth: PublishedTable[] = [];
  const parts: SystemPart[] = truth.map((table) => ({ table, year }));
  const yearLines: LinkedLine[] = [];
  const byYear = new Map(previous.filter((p) => p.year < year).map((p) => [p.year, p]));
  // Every earlier release given is part of the reader's system, its own pooled tables too when the
  // snapshots of all the years they add up are given (otherwise they are left out of it).
  for (const e of [...byYear.values()].sort((a, b) => a.year - b.year)) {
    const singles = e.tables.filter((t) => !t.pooled);
    const counted = trueTables({ period: String(e.year), records: e.records, tables: singles });
    counted.forEach((table, i) => parts.push({ table, year: e.year, published: singles[i] }));
    for (const pooled of e.tables.filter((t) => t.pooled)) {
      const own = pooled.pooled as { from: number; to: number };
      const years: { year: number; table: PublishedTable | undefined }[] = [];
      for (let y = own.from; y <= own.to; y++) {
        years.push({ year: y, table: byYear.get(y)?.tables.find((t) => !t.pooled && sameDimensions(t, pooled)) });
      }
      if (years.some((v) => !v.table)) continue;
      const spanRecords = years.flatMap((v) => (byYear.get(v.year)?.records ?? []).filter((r) => r.year === v.year));
      const [counts] = trueTables({ period: String(e.year), records: spanRecords, tables: [pooled] });
      parts.push({ table: counts, year: e.year, published: pooled });
      yearLines.push(...poolingLines(pooled, years as { year: number; table: PublishedTable }[], e.year));
    }
  }
  for (const table of sparse) {
    const versions = [
      ...earlier.map((e) => ({ year: e.year, table: e.tables.find((t) => !t.pooled && sameDimensions(t, table)) })),
      { year, table },
    ];
    if (versions.some((v) => !v.table)) continue;
    // A category stays its own only if no year's release folded it.
    const folded = table.dimensions.map((d) => {
      const set = new Set(recoding[d] ?? []);
      for (const v of versions) for (const c of v.table?.folded[d] ?? []) set.add(c);
      return set;
    });
    const period = { year };
    const categories = table.dimensions.map((d, i) => [
      ...fixedCategories(d, period).filter((c) => !folded[i].has(c)),
      OTHER,
    ]);
    const foldedRecord: Partial<Record<ReleaseDimension, string[]>> = {};
    table.dimensions.forEach((d, i) => {
      if (folded[i].size > 0) foldedRecord[d] = fixedCategories(d, period).filter((c) => folded[i].has(c));
    });
    const pooledTable = tabulate(`${table.id}-pooled`, table.dimensions, categories, foldedRecord, allRecords, span);
    pooledTruth.push(pooledTable);
    parts.push({ table: pooledTable, year });
    yearLines.push(...poolingLines(pooledTable, versions as { year: number; table: PublishedTable }[], year));
  }
  if (pooledTruth.length === 0) return undefined;
  try {
    const { withheld } = protectLinked(systemOf(parts, yearLines), k);
    return [...truth.map((t) => publish(t, year, withheld)), ...pooledTruth.map((t) => publish(t, year, withheld))];
  } catch (error) {
    if (error instanceof UnprotectableError || error instanceof TooDetailedError) return undefined;
    throw error;
  }
}

function sameDimensions(a: PublishedTable, b: PublishedTable): boolean {
  return a.dimensions.length === b.dimensions.length && a.dimensions.every((d, i) => b.dimensions[i] === d);
}

/** Pooled entry = Σ over the years of the entries whose categories it covers. */
export function poolingLines(
  pooled: PublishedTable,
  versions: readonly { year: number | string; table: PublishedTable }[],
  year: number | string,
): LinkedLine[] {
  const covers = (pooledCategory: string, axis: number, category: string): boolean => {
    if (pooledCategory === TOTAL || category === TOTAL) return pooledCategory === category;
    const own = pooled.categories[axis].includes(category) && category !== OTHER;
    return own ? category === pooledCategory : pooledCategory === OTHER;
  };
  return pooled.entries.map(({ key }) => ({
    total: entryKey(pooled, key, year),
    members: versions.flatMap((v) =>
      v.table.entries
        .filter((e) => e.key.every((c, axis) => covers(key[axis], axis, c)))
        .map((e) => entryKey(v.table, e.key, v.year)),
    ),
  }));
}

/** The largest number of cells (margins included) a requested table may have. */
export const MAX_REQUEST_ENTRIES = 4000;

export function answerRequest(input: {
  period: string;
  records: readonly SnapshotRecord[];
  k: number;
  recoding: Recoding;
  published: readonly PublishedTable[];
  dimensions: readonly ReleaseDimension[];
  id: string;
}): { ok: true; table: PublishedTable } | { ok: false; code: 'cyclic' | 'too-detailed' | 'unprotectable' } {
  const dimensions = [...input.dimensions];
  if (
    dimensions.length === 0 ||
    new Set(dimensions).size !== dimensions.length ||
    dimensions.some((d) => !(RELEASE_DIMENSIONS as readonly string[]).includes(d))
  ) {
    throw new Error('a request names 1 to 3 distinct release dimensions');
  }
  if (dimensions.length > 3) return { ok: false, code: 'too-detailed' };
  const period = parsePeriod(input.period);
  const earlier = input.published.filter((t) => !t.pooled);
  if (!isAcyclic([...earlier.map((t) => t.dimensions), dimensions])) return { ok: false, code: 'cyclic' };
  const categories = dimensions.map((d) => categoriesUnder(d, period, input.recoding));
  if (categories.reduce((n, c) => n * (c.length + 1), 1) > MAX_REQUEST_ENTRIES)
    return { ok: false, code: 'too-detailed' };
  const records = input.records.filter((r) => inPeriod(r, period));
  const table = tabulate(input.id, dimensions, categories, foldedOf(dimensions, input.recoding), records);
  const counted = trueTables({ period: input.period, records, tables: earlier });
  const parts: SystemPart[] = [
    ...counted.map((t, i) => ({ table: t, year: period.year, published: earlier[i] })),
    { table, year: period.year },
  ];
  try {
    const { withheld } = protectLinked(systemOf(parts), input.k);
    const before = new Map<string, number | null>();
    earlier.forEach((t) => t.entries.forEach((e) => before.set(entryKey(t, e.key, period.year), e.count)));
    // Entries the earlier tables published keep what they said; only the new ones can be withheld.
    return {
      ok: true,
      table: {
        ...table,
        entries: table.entries.map((e) => {
          const key = entryKey(table, e.key, period.year);
          if (before.has(key)) return { key: e.key, count: before.get(key) ?? null };
          return { key: e.key, count: withheld.has(key) ? null : e.count };
        }),
      },
    };
  } catch (error) {
    if (error instanceof UnprotectableError) return { ok: false, code: 'unprotectable' };
    if (error instanceof TooDetailedError) return { ok: false, code: 'too-detailed' };
    throw error;
  }
}

/**
 * The checker: over everything published (all tables jointly, canonical keys), the bounds a reader
 * can put on each withheld entry with 0 < n < k; returns those with lower > 0 or upper < k, and
 * every published entry with 0 < n < k (lower = upper = n). A pooled table is linked to the
 * single-year table of the same dimensions through the years before, which the reader does not see
 * here: one hidden `rest` table (adding up like any table), pooled = this year + rest.
 */
export function auditRelease(input: {
  published: readonly PublishedTable[];
  truth: readonly PublishedTable[];
  k: number;
}): { key: string; count: number; lower: number; upper: number }[] {
  const truthById = new Map(input.truth.map((t) => [t.id, t]));
  const entries = new Map<string, LinkedEntry>();
  const hidden = new Set<string>();
  const lines: LinkedLine[] = [];
  const found: { key: string; count: number; lower: number; upper: number }[] = [];
  const YEAR = 'release';
  for (const table of input.published) {
    const truth = truthById.get(table.id);
    if (!truth) throw new Error(`no true counts for table ${table.id}`);
    table.entries.forEach((entry, i) => {
      const key = entryKey(table, entry.key, YEAR);
      const count = truth.entries[i].count ?? 0;
      entries.set(key, { key, count });
      if (entry.count === null) hidden.add(key);
      else if (count > 0 && count < input.k && !found.some((f) => f.key === key)) {
        found.push({ key, count, lower: count, upper: count });
      }
    });
    lines.push(...linesOf(table, YEAR));
    if (!table.pooled) continue;
    const single = input.published.find((t) => !t.pooled && sameDimensions(t, table));
    const singleTruth = single && truthById.get(single.id);
    if (!single || !singleTruth) continue;
    const rest: PublishedTable = { ...truth, pooled: undefined };
    const restLines = linesOf(rest, 'rest');
    const years = poolingLines(table, [{ year: YEAR, table: singleTruth }], YEAR);
    const singleCount = new Map(singleTruth.entries.map((e) => [entryKey(singleTruth, e.key, YEAR), e.count ?? 0]));
    let consistent = true;
    rest.entries.forEach((entry, i) => {
      const restKey = entryKey(rest, entry.key, 'rest');
      const sum = years[i].members.reduce((s, m) => s + (singleCount.get(m) ?? 0), 0);
      const count = (entry.count ?? 0) - sum;
      if (count < 0) consistent = false;
      entries.set(restKey, { key: restKey, count });
      hidden.add(restKey);
      years[i] = { total: years[i].total, members: [...years[i].members, restKey] };
    });
    if (consistent) lines.push(...restLines, ...years);
  }
  const system = { entries: [...entries.values()], lines: dedupeLines(lines) };
  const restKeys = new Set([...hidden].filter((key) => key.startsWith('rest|')));
  const checked = withheldBounds(system, hidden, input.k, { work: Number.MAX_SAFE_INTEGER }, false);
  return [...checked.filter((v) => !restKeys.has(v.key)), ...found];
}
