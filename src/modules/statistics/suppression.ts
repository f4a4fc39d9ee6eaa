import { AuditBudgetExceeded, determinedVariables, FeasibleRegion } from './linear-audit';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { keyOf, StatisticalTable } from './statistical-table';

/**
 * Which entries of a table to withhold, from its true counts.
 *
 * Primary: every entry (cell or margin) counting 0 < n < k. Complementary, in two steps repeated until
 * nothing changes:
 * - lines: in every line (an entry with a margin in one dimension and the entries that break it
 *   down) a lone withheld entry could be recovered by subtraction, so a second one is withheld; and
 *   where the withheld members of a line add up to less than k, so that each is known to be below k,
 *   more are withheld. Candidates: the smallest non-zero member (ties by key), the line's total last.
 * - audit: the published entries and every line's sum form a linear system in the withheld ones; a
 *   small entry that the system determines (through several lines together, or through published
 *   zeros) gets a further entry of one of its lines withheld, a zero first (a withheld zero costs the
 *   reader nothing and is as uncertain as any other withheld entry), then the smallest.
 * Fixed order and fixed choices: the same table always gives the same pattern. Lines of a dimension
 * with several values per case (exploitation type) do not add up; they are protected as if they did.
 */
export function suppress(table: StatisticalTable, k: number): Set<string> {
  const withheld = new Set<string>();
  for (const entry of table.entries) {
    const n = table.count(entry);
    if (n > 0 && n < k) withheld.add(keyOf(entry));
  }
  if (withheld.size === 0) return withheld;
  const lines = table.lines().map((line) => ({
    total: keyOf(line.total),
    totalCount: table.count(line.total),
    members: line.members
      .map((member) => ({ key: keyOf(member), count: table.count(member) }))
      .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  }));
  const small = (key: string): boolean => {
    const n = table.count(key.split('\u001f'));
    return n > 0 && n < k;
  };
  const budget = { work: AUDIT_WORK };
  let farther = 0;
  for (;;) {
    protectLines(lines, withheld, k);
    if (withheld.size > MAX_WITHHELD) throw new TooDetailedError();
    const solved = determined(lines, withheld);
    let exposed = [...withheld].filter((key) => small(key) && solved.has(key)).sort();
    if (exposed.length === 0) {
      try {
        exposed = boundedBelowK(lines, withheld, (key) => table.count(key.split('\u001f')), small, k, budget);
      } catch (error) {
        if (error instanceof AuditBudgetExceeded) throw new TooDetailedError();
        throw error;
      }
    }
    if (exposed.length === 0) return withheld;
    let added = false;
    for (const key of exposed) {
      const candidate = smallestPublished(
        lines.filter((line) => line.total === key || line.members.some((m) => m.key === key)),
        withheld,
      );
      if (candidate) {
        withheld.add(candidate);
        added = true;
      }
    }
    if (!added) {
      // Every entry of their lines is withheld already: the bound comes from further away. Withhold
      // the nearest published entry (fewest lines away); if that does not settle it soon, refuse.
      const candidate = nearestPublished(lines, withheld, exposed);
      if (!candidate || ++farther > MAX_FARTHER) throw new TooDetailedError();
      withheld.add(candidate);
    }
  }
}

/** How many entries beyond the exposed entries' own lines one table may have withheld. */
const MAX_FARTHER = 20;

/** The smallest published entry of the lines nearest (in steps through withheld entries) to `from`. */
function nearestPublished(lines: Line[], withheld: Set<string>, from: readonly string[]): string | undefined {
  const seen = new Set(from);
  let frontier = [...from];
  while (frontier.length > 0) {
    const here = new Set(frontier);
    const touching = lines.filter((line) => here.has(line.total) || line.members.some((m) => here.has(m.key)));
    const candidate = smallestPublished(touching, withheld);
    if (candidate) return candidate;
    frontier = touching
      .flatMap((line) => [line.total, ...line.members.map((m) => m.key)])
      .filter((key) => !seen.has(key));
    frontier.forEach((key) => seen.add(key));
  }
  return undefined;
}

/** The smallest entry of these lines that is still published (a zero first), ties by key. */
function smallestPublished(lines: Line[], withheld: Set<string>): string | undefined {
  return lines
    .flatMap((line) => [...line.members, { key: line.total, count: line.totalCount }])
    .filter((m) => !withheld.has(m.key))
    .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0]?.key;
}

/**
 * More withheld entries than the audit can check quickly: the question is too detailed for the data
 * and is refused rather than answered without the check.
 */
export const MAX_WITHHELD = 1500;

/** Tableau updates the protection-level audit of one table may take (about half a second). */
export const AUDIT_WORK = 400_000_000;

export class TooDetailedError extends Error {
  constructor() {
    super('too many small cells to protect');
  }
}

interface Line {
  total: string;
  totalCount: number;
  members: { key: string; count: number }[];
}

function protectLines(lines: Line[], withheld: Set<string>, k: number): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenMembers = line.members.filter((m) => withheld.has(m.key));
      const totalHidden = withheld.has(line.total);
      const hidden = hiddenMembers.length + (totalHidden ? 1 : 0);
      if (hidden === 0) continue;
      let exposed = hidden === 1;
      if (!exposed && !totalHidden && hiddenMembers.some((m) => m.count > 0 && m.count < k)) {
        // The reader knows the withheld members' sum, and so a bound on each of them.
        exposed = hiddenMembers.reduce((sum, m) => sum + m.count, 0) < k;
      }
      if (!exposed) continue;
      const candidate = line.members.find((m) => m.count > 0 && !withheld.has(m.key));
      if (candidate) withheld.add(candidate.key);
      else if (!totalHidden && line.totalCount > 0) withheld.add(line.total);
      else continue;
      changed = true;
    }
  }
}

/**
 * The small withheld entries whose largest value consistent with everything published — every line's
 * sum, the published entries, non-negativity — may stay below k (the upper protection level of
 * tau-ARGUS, by linear programming): a reader could conclude that such an entry is small without
 * learning its value, which withholding it was meant to prevent.
 *
 * Each entry's program runs over the withheld entries near it (sharing a line with it, then a line
 * with those, up to a few steps), the others held at their true values; only when that region cannot take it to k
 * does a program over every withheld entry decide. A point of that
 * smaller region is a point of the whole one, so an entry it takes to k is protected for certain; one
 * it cannot take to k is treated as exposed, which may withhold more than needed, never less. Each
 * solution is a witness for every other small entry it takes to k, which is then not solved again.
 */
function boundedBelowK(
  lines: Line[],
  withheld: Set<string>,
  count: (key: string) => number,
  small: (key: string) => boolean,
  k: number,
  budget: { work: number },
): string[] {
  const hidden = lines
    .map((line) => ({
      terms: [...line.members.map((m) => ({ key: m.key, coefficient: 1 })), { key: line.total, coefficient: -1 }],
    }))
    .map((line) => ({ ...line, withheldTerms: line.terms.filter((t) => withheld.has(t.key)) }))
    .filter((line) => line.withheldTerms.length > 0);
  const linesOf = new Map<string, number[]>();
  hidden.forEach((line, index) => {
    for (const term of line.withheldTerms) linesOf.set(term.key, [...(linesOf.get(term.key) ?? []), index]);
  });
  const reaches = new Set<string>();
  const exposed: string[] = [];
  let whole: { region: FeasibleRegion; unknowns: string[] } | undefined;
  /** The program over the withheld entries within `radius` lines of the target (all when Infinity). */
  const maximiseNear = (target: string, radius: number): number => {
    let unknowns: string[];
    let region: FeasibleRegion;
    if (radius === Infinity && whole) ({ unknowns, region } = whole);
    else {
      const near = new Set([target]);
      let frontier = radius === Infinity ? [...withheld] : [target];
      if (radius === Infinity) frontier.forEach((key) => near.add(key));
      for (let step = 0; step < radius && frontier.length > 0; step++) {
        const next: string[] = [];
        for (const key of frontier) {
          for (const index of linesOf.get(key) ?? []) {
            for (const term of hidden[index].withheldTerms) {
              if (!near.has(term.key)) {
                near.add(term.key);
                next.push(term.key);
              }
            }
          }
        }
        frontier = next;
      }
      unknowns = [...near].sort();
      const column = new Map(unknowns.map((key, i) => [key, i]));
      const touched = new Set(unknowns.flatMap((key) => linesOf.get(key) ?? []));
      const rows: { column: number; coefficient: number }[][] = [];
      const rhs: number[] = [];
      for (const index of [...touched].sort((a, b) => a - b)) {
        const terms = hidden[index].withheldTerms.filter((t) => column.has(t.key));
        rows.push(terms.map((t) => ({ column: column.get(t.key) as number, coefficient: t.coefficient })));
        // Entries outside the neighbourhood keep their true values: their part of the sum is constant.
        rhs.push(terms.reduce((sum, t) => sum + t.coefficient * count(t.key), 0));
      }
      region = new FeasibleRegion(rows, rhs, unknowns.length, budget);
      // The whole region's program is kept: the next entry's starts from this one's optimum.
      if (radius === Infinity) whole = { region, unknowns };
    }
    const { value, solution } = region.maximise(unknowns.indexOf(target));
    solution.forEach((v, j) => {
      if (v >= k - 1e-6) reaches.add(unknowns[j]);
    });
    return value;
  };
  for (const target of [...withheld].sort()) {
    if (!small(target) || reaches.has(target)) continue;
    let value = 0;
    for (const radius of NEIGHBOURHOODS) {
      value = maximiseNear(target, radius);
      if (value >= k - 1e-6) break;
    }
    if (value < k - 1e-6) exposed.push(target);
  }
  return exposed;
}

/**
 * How far (in lines) from a withheld entry the audit's programs look for room to move it: near first
 * (small programs), then over every withheld entry.
 */
const NEIGHBOURHOODS = [2, 4, Infinity];

/** The withheld entries that the published entries and the lines' sums determine. */
function determined(lines: Line[], withheld: Set<string>): Set<string> {
  const unknowns = [...withheld].sort();
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const rows = lines
    .map((line) =>
      [...line.members.map((m) => ({ key: m.key, coefficient: 1 })), { key: line.total, coefficient: -1 }]
        .filter((term) => column.has(term.key))
        .map((term) => ({ column: column.get(term.key) as number, coefficient: term.coefficient })),
    )
    .filter((row) => row.length > 0);
  const solved = determinedVariables(rows, unknowns.length);
  return new Set([...solved].map((i) => unknowns[i]));
}

/** The entries to withhold, or a 422 when there are too many small cells to check their protection. */
export function withholding(table: StatisticalTable, k: number): Set<string> {
  try {
    return suppress(table, k);
  } catch (error) {
    if (!(error instanceof TooDetailedError)) throw error;
    throw new StatisticsException(
      StatisticsErrorCode.TooDetailed,
      'Too many small counts in this table to publish it safely; group by fewer dimensions or filter more',
    );
  }
}
