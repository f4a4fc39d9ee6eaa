import { isDay, isDayNotInFuture, isInstant, isPartialDay } from './day-validation';

/** Forms other standards or parsers accept, and none of the API's date fields does. */
const NOT_A_DAY = ['2025', '2025-06', '2025-W01', '+2025-01-01', '9999-12-31', '2025-123', '20250101', '2025-1-01'];

describe('day validation', () => {
  it('accepts real calendar days only', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-04-31')).toBe(false);
    expect(isDay('2026-4-1')).toBe(false);
    expect(isDay('1899-12-31')).toBe(false);
    expect(isDay('2101-01-01')).toBe(false);
    expect(isDay(20260101)).toBe(false);
  });

  it('refuses week dates, ordinal dates, signed years, compact forms and partial days', () => {
    for (const value of NOT_A_DAY) expect({ value, day: isDay(value) }).toEqual({ value, day: false });
    for (const value of ['2025-06-01T00:00:00Z', ' 2025-06-01', '2025-06-01\n', '２０２５-06-01']) {
      expect({ value, day: isDay(value) }).toEqual({ value, day: false });
    }
  });

  it('refuses a day that has not begun anywhere yet', () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    expect(isDayNotInFuture('2026-06-10', now)).toBe(true);
    // Already the 11th in Dushanbe (UTC+5) after 19:00 UTC, and in Kiribati (UTC+14) from 10:00 UTC.
    expect(isDayNotInFuture('2026-06-11', now)).toBe(true);
    expect(isDayNotInFuture('2026-06-12', now)).toBe(false);
  });

  it('accepts a year, a month or a day as a partial day, real and not in the future', () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    for (const value of ['1998', '1998-04', '1998-04-02', '2026-06-11']) expect(isPartialDay(value, now)).toBe(true);
    for (const value of ['1998-13', '1998-02-30', '1899', '2027', '2026-07', '98', '1998-W10', '+1998', '19980402']) {
      expect({ value, partial: isPartialDay(value, now) }).toEqual({ value, partial: false });
    }
  });

  it('accepts an instant only with its offset, each part in range', () => {
    for (const value of [
      '2026-03-01T09:00:00Z',
      '2026-03-01T09:00Z',
      '2026-03-01T09:00:00.123Z',
      '2026-03-01T09:00:00+05:00',
      '2026-03-01T23:59:59-11:00',
    ]) {
      expect({ value, instant: isInstant(value) }).toEqual({ value, instant: true });
    }
    for (const value of [
      ...NOT_A_DAY,
      '2026-03-01',
      '2026-03-01T09:00:00',
      '2026-03-01 09:00:00Z',
      '2026-03-01t09:00:00z',
      '2026-02-30T09:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T09:60:00Z',
      '2026-03-01T09:00:60Z',
      '2026-03-01T09:00:00+15:00',
      '2026-03-01T09:00:00+0500',
      '+2026-03-01T09:00:00Z',
      '2026-W09-1T09:00:00Z',
    ]) {
      expect({ value, instant: isInstant(value) }).toEqual({ value, instant: false });
    }
  });
});
