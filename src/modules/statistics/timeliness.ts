import { perturb } from './cell-key';
import type { Dimension } from './dimensions';
import type { TimelinessRow } from './statistics.repository';
import { StatisticalTable, keyOf } from './statistical-table';
import { withholding } from './suppression';

export const TIMELINESS_MEASURES = ['identificationToAcceptance', 'referralResponse', 'overdueReferrals'] as const;
export type TimelinessMeasure = (typeof TIMELINESS_MEASURES)[number];

export interface TimelinessEntry {
  key: Partial<Record<Dimension, string>>;
  /** Cases (identification to acceptance) or referrals; null when withheld. */
  count: number | null;
  /**
   * Median in whole weeks (days / 7, rounded), only over k or more distinct cases; null when withheld
   * or when the entry merges categories; absent for overdue referrals.
   */
  medianWeeks?: number | null;
}

export interface TimelinessMeasureAnswer {
  /** False when fewer than k cases are behind the measure in all: nothing of it is published. */
  answered: boolean;
  entries: TimelinessEntry[];
}

/**
 * Applies the disclosure rules of the counts to each timeliness measure: an entry resting on fewer
 * than k distinct cases is withheld with its median, complementary suppression runs over the
 * categories and their total, and published counts carry the cell-key perturbation.
 */
export function publishTimeliness(
  rows: readonly TimelinessRow[],
  dimension: Dimension | undefined,
  categories: readonly string[],
  k: number,
): Record<TimelinessMeasure, TimelinessMeasureAnswer> {
  const answer = {} as Record<TimelinessMeasure, TimelinessMeasureAnswer>;
  const axes = dimension ? [categories] : [];
  for (const measure of TIMELINESS_MEASURES) {
    // Keyed as the table keys its entries: the category, '*' for the total, '' with no dimension.
    const mine = new Map(rows.filter((r) => r.measure === measure).map((r) => [dimension ? r.key : '', r] as const));
    const row = (entry: string[]): TimelinessRow | undefined => mine.get(keyOf(entry));
    const table = new StatisticalTable(axes, new Map([...mine].map(([key, r]) => [key, r.cases])));
    if (table.grandTotal < k) {
      answer[measure] = { answered: false, entries: [] };
      continue;
    }
    const withheld = dimension ? withholding(table, k) : new Set<string>();
    answer[measure] = {
      answered: true,
      entries: table.entries.map((entry) => {
        const r = row(entry);
        const hidden = withheld.has(keyOf(entry)) || (r !== undefined && r.cases < k);
        const published: TimelinessEntry = {
          key: dimension ? { [dimension]: entry[0] } : {},
          count: hidden ? null : perturb(r?.n ?? 0, r?.keySum ?? 0n),
        };
        if (measure !== 'overdueReferrals') {
          published.medianWeeks = hidden || !r || r.median === null || r.cases < k ? null : medianWeeks(r.median);
        }
        return published;
      }),
    };
  }
  return answer;
}

/**
 * A median in whole weeks. Exact medians over populations differing by one case give that case's
 * value away (x = 2·m₂ − m₁); weeks hide a difference of a few days.
 */
export function medianWeeks(days: number): number {
  return Math.round(days / 7);
}
