import { keyOf, StatisticalTable } from './statistical-table';

/**
 * Which entries of a table to withhold, from its true counts.
 *
 * Primary: every entry (cell or margin) counting 0 < n < k. Complementary: in every line (an entry with
 * a margin in one dimension and the entries that break it down), a lone withheld entry could be
 * recovered by subtraction, so a second one is withheld; and where the withheld members of a line add
 * up to so little that one of them could be shown to be below k (each withheld entry counts at least
 * one), more are withheld. Lines are visited in a fixed order and candidates chosen by a fixed rule
 * (the smallest non-zero member, ties by key; the line's total last), repeated until nothing changes,
 * so the same table always gives the same pattern. Zero entries are published: an empty cell names
 * nobody.
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
        // The attacker knows the hidden members' sum and that each is at least 1.
        const sum = hiddenMembers.reduce((s, m) => s + m.count, 0);
        exposed = sum - (hiddenMembers.length - 1) < k;
      }
      if (!exposed) continue;
      const candidate = line.members.find((m) => m.count > 0 && !withheld.has(m.key));
      if (candidate) withheld.add(candidate.key);
      else if (!totalHidden && line.totalCount > 0) withheld.add(line.total);
      else continue;
      changed = true;
    }
  }
  return withheld;
}
