import { TOTAL } from './dimensions';

/**
 * A table of counts over up to three dimensions with every margin: an entry for each combination of
 * categories, where a coordinate may also be TOTAL (all categories of that dimension). Entries are
 * addressed by their coordinates joined with a separator no code contains.
 */
export class StatisticalTable {
  readonly entries: string[][] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    readonly categories: readonly (readonly string[])[],
    counts: ReadonlyMap<string, number>,
  ) {
    const axes = categories.map((values) => [...values, TOTAL]);
    const build = (prefix: string[]): void => {
      if (prefix.length === axes.length) {
        this.entries.push(prefix);
        this.counts.set(keyOf(prefix), counts.get(keyOf(prefix)) ?? 0);
        return;
      }
      for (const value of axes[prefix.length]) build([...prefix, value]);
    };
    build([]);
  }

  count(key: readonly string[]): number {
    return this.counts.get(keyOf(key)) ?? 0;
  }

  get grandTotal(): number {
    return this.count(this.categories.map(() => TOTAL));
  }

  /**
   * Every line: an entry with TOTAL in dimension `axis` and the entries that replace it with each
   * category of that axis. When the dimension has one value per case the members add up to the total.
   */
  lines(): { total: string[]; members: string[][]; axis: number }[] {
    const lines: { total: string[]; members: string[][]; axis: number }[] = [];
    for (const entry of this.entries) {
      entry.forEach((value, axis) => {
        if (value !== TOTAL) return;
        const members = this.categories[axis].map((category) => entry.map((v, i) => (i === axis ? category : v)));
        lines.push({ total: entry, members, axis });
      });
    }
    return lines;
  }
}

export function keyOf(key: readonly string[]): string {
  return key.join('\u001f');
}
