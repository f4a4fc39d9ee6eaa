import type { PublishedTimeliness, SnapshotRecord } from './release-contract';

/**
 * NRM timeliness of a release (suppression mode), from the same frozen snapshot as its tables.
 *
 * Why medians only over k or more: a median over few cases is close to one person's wait. Why no
 * perturbation: the snapshot is frozen, so the figure is computed once and cannot be asked twice
 * around a new registration (the differencing oracle live answers had); a revision is a new
 * snapshot and is checked as a whole. The overdue count is a count like any cell: 0 < n < k is
 * withheld.
 */
export function releaseTimeliness(records: readonly SnapshotRecord[], k: number): PublishedTimeliness {
  const toAcceptance = records.flatMap((r) => (r.daysToAcceptance === null ? [] : [r.daysToAcceptance]));
  const response = records.flatMap((r) => r.referralResponseDays);
  const overdue = records.reduce((sum, r) => sum + r.overdueReferrals, 0);
  return {
    identificationToAcceptanceDays: toAcceptance.length >= k ? median(toAcceptance) : null,
    referralResponseDays: response.length >= k ? median(response) : null,
    overdueReferrals: overdue > 0 && overdue < k ? null : overdue,
  };
}

/** The median in whole days (the mean of the two middle values rounded half up when their number is even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}
