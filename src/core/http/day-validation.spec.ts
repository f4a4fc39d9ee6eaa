import { isDay, isDayNotInFuture } from './day-validation';

describe('day validation', () => {
  it('accepts real calendar days only', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-04-31')).toBe(false);
    expect(isDay('2026-4-1')).toBe(false);
    expect(isDay('1899-12-31')).toBe(false);
    expect(isDay(20260101)).toBe(false);
  });

  it('refuses a day that has not begun anywhere yet', () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    expect(isDayNotInFuture('2026-06-10', now)).toBe(true);
    // Already the 11th in Dushanbe (UTC+5) after 19:00 UTC, and in Kiribati (UTC+14) from 10:00 UTC.
    expect(isDayNotInFuture('2026-06-11', now)).toBe(true);
    expect(isDayNotInFuture('2026-06-12', now)).toBe(false);
  });
});
