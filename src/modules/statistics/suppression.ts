import { determinedVariables } from './linear-audit';
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
  for (;;) {
    protectLines(lines, withheld, k);
    if (withheld.size > MAX_WITHHELD) throw new TooDetailedError();
    const solved = determined(lines, withheld);
    const exposed = [...withheld].filter((key) => small(key) && solved.has(key)).sort();
    if (exposed.length === 0) return withheld;
    let added = false;
    for (const key of exposed) {
      const candidate = lines
        .filter((line) => line.total === key || line.members.some((m) => m.key === key))
        .flatMap((line) => [...line.members, { key: line.total, count: line.totalCount }])
        .filter((m) => !withheld.has(m.key))
        .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
      if (candidate) {
        withheld.add(candidate.key);
        added = true;
      }
    }
    if (!added) return withheld; // everything around them is withheld already
  }
}

/**
 * More withheld entries than the audit can check quickly: the question is too detailed for the data
 * and is refused rather than answered without the check.
 */
export const MAX_WITHHELD = 1500;

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
