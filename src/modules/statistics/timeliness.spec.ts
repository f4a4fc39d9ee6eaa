import type { TimelinessRow } from './statistics.repository';
import { medianWeeks, publishTimeliness } from './timeliness';

const row = (over: Partial<TimelinessRow>): TimelinessRow => ({
  measure: 'referralResponse',
  key: '*',
  n: 20,
  cases: 20,
  keySum: 0n,
  median: 8,
  ...over,
});

describe('publishTimeliness', () => {
  it('publishes medians in whole weeks, so that one added case does not give its value away', () => {
    // Exact medians 8 and 8.5 days over populations differing by one case would give x = 2·8.5 − 8 = 9.
    const before = publishTimeliness([row({ median: 8 })], undefined, [], 11).referralResponse.entries[0];
    const after = publishTimeliness([row({ n: 21, cases: 21, median: 8.5 })], undefined, [], 11).referralResponse
      .entries[0];
    expect(before.medianWeeks).toBe(1);
    expect(after.medianWeeks).toBe(before.medianWeeks);
    expect(medianWeeks(3)).toBe(0);
    expect(medianWeeks(4)).toBe(1);
  });

  it('withholds the median of an entry resting on fewer than k distinct cases', () => {
    const answer = publishTimeliness(
      [row({ key: 'TJ-DU', n: 30, cases: 5 }), row({ key: 'TJ-SU', cases: 25 }), row({ key: '*', n: 50, cases: 30 })],
      'region',
      ['TJ-DU', 'TJ-SU'],
      11,
    ).referralResponse;
    expect(answer.entries.find((e) => e.key.region === 'TJ-DU')).toMatchObject({ count: null, medianWeeks: null });
  });
});
