import { AuditBudgetExceeded } from '../linear-audit';
import { LinearKnowledge, PROTECTION_WORK } from './linked-protection';
import type { PublishedTable, SnapshotRecord } from './release-contract';
import { entryKey, linesOf, trueTables } from './release-tables';

/**
 * Whether a new version of a period's release may be published next to the old one.
 *
 * Why: a reader holds both versions. Subtracting them is a table of the late registrations (and of
 * the cases whose codes changed): one new case shows as a line that changed by 1, and with it
 * everything it belongs to. So, for every entry published in both versions, the change must be 0 or
 * at least k; and the changes the reader cannot see (an entry withheld in either version) must keep
 * their protection in the reader's joint system: both versions' lines, both versions' published
 * entries, and a link between them. The link gives the reader more than they have (conservative):
 * the change of each entry is known to be at least min(0, true change), that is, counts only grew
 * where they did grow. A hidden change d with 0 < |d| < k must then still range over 0 and ±k.
 */
export function revisionIsSafe(input: {
  period: string;
  k: number;
  old: readonly PublishedTable[];
  next: readonly PublishedTable[];
  oldRecords: readonly SnapshotRecord[];
  nextRecords: readonly SnapshotRecord[];
}): { safe: boolean; reason?: string } {
  const { k } = input;
  // Pooled tables add the years before from those releases' own snapshots, unchanged between versions.
  const pairs: { old: PublishedTable; next: PublishedTable }[] = [];
  for (const old of input.old.filter((t) => !t.pooled)) {
    const next = input.next.find((t) => t.id === old.id && !t.pooled);
    if (!next) continue;
    // Other categories (a category folded in one version only) would difference `other` itself.
    if (!sameShape(old, next)) return { safe: false, reason: `${old.id}: the recoding changed between versions` };
    pairs.push({ old, next });
  }
  const oldTruth = trueTables({ period: input.period, records: input.oldRecords, tables: pairs.map((p) => p.old) });
  const nextTruth = trueTables({ period: input.period, records: input.nextRecords, tables: pairs.map((p) => p.next) });
  const knowledge = new LinearKnowledge();
  const change = new Map<string, number>();
  const bothPublished = new Set<string>();
  for (const [i, { old, next }] of pairs.entries()) {
    for (const [j, entry] of old.entries.entries()) {
      const key = entryKey(old, entry.key, 'v');
      const before = oldTruth[i].entries[j].count ?? 0;
      const after = nextTruth[i].entries[j].count ?? 0;
      const shownBefore = entry.count !== null;
      const shownAfter = next.entries[j].count !== null;
      if (shownBefore && shownAfter) {
        const d = (next.entries[j].count ?? 0) - (entry.count ?? 0);
        if (d !== 0 && Math.abs(d) < k) {
          return { safe: false, reason: `${old.id}: a published entry changed by fewer than ${k}` };
        }
        bothPublished.add(key);
      }
      if (change.has(key)) continue;
      change.set(key, after - before);
      knowledge.quantity(`old|${key}`, before, shownBefore);
      knowledge.quantity(`new|${key}`, after, shownAfter);
      // new − old − slack = min(0, change): slack >= 0 is what the reader is granted to know.
      knowledge.quantity(`slack|${key}`, after - before - Math.min(0, after - before), false);
      knowledge.equation(
        [
          { name: `new|${key}`, coefficient: 1 },
          { name: `old|${key}`, coefficient: -1 },
          { name: `slack|${key}`, coefficient: -1 },
        ],
        Math.min(0, after - before),
      );
    }
  }
  for (const [version, tables] of [
    ['old', oldTruth],
    ['new', nextTruth],
  ] as const) {
    for (const table of tables) {
      for (const line of linesOf(table, 'v')) {
        knowledge.equation([
          ...line.members.map((m) => ({ name: `${version}|${m}`, coefficient: 1 })),
          { name: `${version}|${line.total}`, coefficient: -1 },
        ]);
      }
    }
  }
  const targets = [...change]
    .filter(([key, d]) => !bothPublished.has(key) && d !== 0 && Math.abs(d) < k)
    .map(([key]) => key)
    .sort();
  if (targets.length === 0) return { safe: true };
  try {
    const { range } = knowledge.region({ work: PROTECTION_WORK });
    for (const key of targets) {
      const d = change.get(key) ?? 0;
      const { lower, upper } = range([
        { name: `new|${key}`, coefficient: 1 },
        { name: `old|${key}`, coefficient: -1 },
      ]);
      const hidden = d > 0 ? lower <= 1e-6 && upper >= k - 1e-6 : upper >= -1e-6 && lower <= -k + 1e-6;
      if (!hidden) return { safe: false, reason: 'a withheld entry changed by fewer than k and the versions show it' };
    }
  } catch (error) {
    if (error instanceof AuditBudgetExceeded) return { safe: false, reason: 'too many changes to check' };
    throw error;
  }
  return { safe: true };
}

function sameShape(a: PublishedTable, b: PublishedTable): boolean {
  return (
    a.entries.length === b.entries.length &&
    a.dimensions.join() === b.dimensions.join() &&
    a.categories.every((c, i) => c.join() === b.categories[i]?.join())
  );
}
