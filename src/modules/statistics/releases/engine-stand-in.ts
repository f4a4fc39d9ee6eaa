import { randomInt } from 'node:crypto';
import type { CtdcSourceRecord } from '../ctdc-layout';
import { exportCtdc } from '../ctdc-export';
import { CATALOGUE, RELEASE_DIMENSIONS } from './release-contract';
import type {
  PublishedEntry,
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  SnapshotRecord,
} from './release-contract';

/**
 * A deliberately minimal stand-in for the release engine and the private release, with the
 * signatures of the real ones: primary suppression only (0 < n < k withheld), no secondary
 * suppression, no recoding, no pooling. It lets the storage, the routes and their tests run; it is
 * not disclosure control, and release-engine.ts must point at the real engine before any release
 * is published.
 */

const TOTAL = '*';

function codeOf(record: SnapshotRecord, dimension: ReleaseDimension): string {
  return String(record[dimension]);
}

function tabulate(id: string, dimensions: readonly ReleaseDimension[], records: readonly SnapshotRecord[]) {
  const categories = dimensions.map((d) => [...new Set(records.map((r) => codeOf(r, d)))].sort());
  const keys: string[][] = [[]];
  for (const cats of categories) {
    const next: string[][] = [];
    for (const key of keys) for (const c of [...cats, TOTAL]) next.push([...key, c]);
    keys.splice(0, keys.length, ...next);
  }
  const entries = keys.map((key) => ({
    key,
    count: records.filter((r) => dimensions.every((d, i) => key[i] === TOTAL || codeOf(r, d) === key[i])).length,
  }));
  return { id, dimensions, categories, folded: {}, entries };
}

function protect(table: PublishedTable, k: number): PublishedTable {
  return {
    ...table,
    entries: table.entries.map((e): PublishedEntry => ({
      key: e.key,
      count: e.count !== null && e.count > 0 && e.count < k ? null : e.count,
    })),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function catalogueFor(period: string) {
  return CATALOGUE.filter((t) => !t.yearOnly || !period.includes('Q'));
}

export function buildRelease(input: {
  period: string;
  records: readonly SnapshotRecord[];
  k: number;
  previous?: readonly { year: number; records: readonly SnapshotRecord[]; tables: readonly PublishedTable[] }[];
}): {
  tables: PublishedTable[];
  timeliness: PublishedTimeliness;
  suppressionRate: number;
  recoding: Record<string, string[]>;
} {
  const { records, k } = input;
  const tables = catalogueFor(input.period).map((t) => protect(tabulate(t.id, t.dimensions, records), k));
  const all = tables.flatMap((t) => t.entries);
  const accepted = records.flatMap((r) => (r.daysToAcceptance === null ? [] : [r.daysToAcceptance]));
  const responses = records.flatMap((r) => r.referralResponseDays);
  const overdue = records.reduce((sum, r) => sum + r.overdueReferrals, 0);
  return {
    tables,
    timeliness: {
      identificationToAcceptanceDays: accepted.length >= k ? median(accepted) : null,
      referralResponseDays: responses.length >= k ? median(responses) : null,
      overdueReferrals: overdue > 0 && overdue < k ? null : overdue,
    },
    suppressionRate: all.length ? all.filter((e) => e.count === null).length / all.length : 0,
    recoding: {},
  };
}

/** Graham reduction: the dimension sets form an acyclic hypergraph. */
function acyclic(sets: readonly (readonly string[])[]): boolean {
  let edges = sets.map((s) => new Set(s));
  for (let changed = true; changed;) {
    changed = false;
    for (const edge of edges) {
      for (const v of [...edge]) {
        if (edges.filter((e) => e.has(v)).length === 1) {
          edge.delete(v);
          changed = true;
        }
      }
    }
    const kept = edges.filter(
      (e, i) =>
        e.size > 0 && !edges.some((o, j) => j !== i && [...e].every((v) => o.has(v)) && (o.size > e.size || j < i)),
    );
    if (kept.length !== edges.length) changed = true;
    edges = kept;
  }
  return edges.length === 0;
}

export function answerRequest(input: {
  period: string;
  records: readonly SnapshotRecord[];
  k: number;
  recoding: Record<string, string[]>;
  published: readonly PublishedTable[];
  dimensions: readonly ReleaseDimension[];
  id: string;
}): { ok: true; table: PublishedTable } | { ok: false; code: 'cyclic' | 'too-detailed' | 'unprotectable' } {
  const dimensions = RELEASE_DIMENSIONS.filter((d) => input.dimensions.includes(d));
  if (!acyclic([...input.published.map((t) => t.dimensions), dimensions])) return { ok: false, code: 'cyclic' };
  const table = tabulate(input.id, dimensions, input.records);
  if (table.entries.length > 2000) return { ok: false, code: 'too-detailed' };
  return { ok: true, table: protect(table, input.k) };
}

export function revisionIsSafe(input: {
  period: string;
  k: number;
  old: readonly PublishedTable[];
  next: readonly PublishedTable[];
  oldRecords: readonly SnapshotRecord[];
  nextRecords: readonly SnapshotRecord[];
}): { safe: boolean; reason?: string } {
  for (const table of input.next) {
    const before = input.old.find((t) => t.id === table.id);
    if (!before) continue;
    for (const entry of table.entries) {
      const old = before.entries.find((e) => e.key.join('\u001f') === entry.key.join('\u001f'));
      if (!old || old.count === null || entry.count === null) continue;
      const change = Math.abs(entry.count - old.count);
      if (change > 0 && change < input.k) return { safe: false, reason: `${table.id} changes by ${change}` };
    }
  }
  return { safe: true };
}

export function trueTables(input: {
  period: string;
  records: readonly SnapshotRecord[];
  tables: readonly PublishedTable[];
}): PublishedTable[] {
  return input.tables.map((t) => ({ ...tabulate(t.id, t.dimensions, input.records), pooled: t.pooled }));
}

export function buildPrivateRelease(input: { period: string; records: readonly SnapshotRecord[]; rho: number }): {
  tables: PublishedTable[];
  allocation: Record<string, number>;
  synthetic: CtdcSourceRecord[];
} {
  const catalogue = catalogueFor(input.period);
  const tables = catalogue.map((t) => {
    const exact = tabulate(t.id, t.dimensions, input.records);
    return {
      ...exact,
      entries: exact.entries.map((e) => ({ key: e.key, count: Math.max(0, e.count + randomInt(-2, 3)) })),
    };
  });
  return {
    tables,
    allocation: Object.fromEntries(catalogue.map((t) => [t.id, input.rho / catalogue.length])),
    synthetic: [],
  };
}

export function releaseMicrodata(input: { records: readonly SnapshotRecord[]; k: number; l: number }): string {
  return exportCtdc(
    input.records.map((r) => r.ctdc),
    input.k,
  ).csv;
}

export function syntheticMicrodata(records: readonly CtdcSourceRecord[]): string {
  return exportCtdc(records, 1).csv;
}
