import { makePopulation } from '../../../../test/support/release-population';
import { median, releaseTimeliness } from './release-timeliness';

describe('releaseTimeliness', () => {
  it('publishes medians over k or more cases and referrals, and the overdue count when 0 or at least k', () => {
    const records = makePopulation(200, 1, 2025);
    const timeliness = releaseTimeliness(records, 11);
    expect(timeliness.identificationToAcceptanceDays).toEqual(expect.any(Number));
    expect(timeliness.referralResponseDays).toEqual(expect.any(Number));
    const overdue = records.reduce((sum, r) => sum + r.overdueReferrals, 0);
    expect(timeliness.overdueReferrals).toBe(overdue > 0 && overdue < 11 ? null : overdue);
  });

  it('withholds a median over fewer than k and an overdue count 0 < n < k', () => {
    const records = makePopulation(12, 1, 2025).map((r, i) => ({
      ...r,
      daysToAcceptance: i < 5 ? 3 : null,
      referralResponseDays: i < 5 ? [2] : [],
      overdueReferrals: i < 2 ? 1 : 0,
    }));
    expect(releaseTimeliness(records, 11)).toEqual({
      identificationToAcceptanceDays: null,
      referralResponseDays: null,
      overdueReferrals: null,
    });
  });

  it('takes the middle value, or the rounded mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 6])).toBe(3);
  });
});
