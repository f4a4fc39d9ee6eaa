import { ValidateBy } from 'class-validator';

/**
 * The one place where the API's dates are checked. Every date a request carries is one of three kinds,
 * each with one validator here, strict about its form (no `2025-W01`, `+2025-01-01`, `20250101`,
 * `2025-123`) and about the calendar (no 31 April, no 29 February 2026):
 *
 * - a **day** `YYYY-MM-DD` (registration, a support plan's dates, a proceeding's dates, list filters);
 * - a **partial day** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` for what a victim remembers (a date of birth,
 *   when a trafficking event happened), never in the future;
 * - an **instant** `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or an offset (a referral's deadline, an
 *   audit period): without its offset a moment means something else in Dushanbe and in UTC.
 *
 * Years run from 1900 to 2100.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DAY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
/** The latest time zone is UTC+14: a day that has begun anywhere is not in the future. */
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= FIRST_YEAR &&
    year <= LAST_YEAR &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A calendar day `YYYY-MM-DD` between 1900 and 2100 (a real date: no 31 April). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A calendar day that has begun somewhere on Earth: what happened cannot be dated later. */
export function isDayNotInFuture(value: unknown, now = Date.now()): value is string {
  return isDay(value) && Date.parse(`${value}T00:00:00Z`) <= now + LATEST_OFFSET_MS;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date from 1900, not begun later than today anywhere: victims often know only a year. */
export function isPartialDay(value: unknown, now = Date.now()): value is string {
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  return isCalendarDay(year, month, day) && Date.UTC(year, month - 1, day) <= now + LATEST_OFFSET_MS;
}

/** A moment with its offset from UTC, on a real day from 1900 to 2100, each part in its range. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isDay(match[1])) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  const [offsetHours, offsetMinutes] = [Number(match[6] ?? 0), Number(match[7] ?? 0)];
  return hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59;
}

const dateDecorator = (name: string, validate: (value: unknown) => boolean, message: string) => () =>
  ValidateBy({ name, validator: { validate, defaultMessage: () => `$property ${message}` } });

export const IsDay = dateDecorator('isDay', isDay, 'must be a date YYYY-MM-DD (1900–2100)');

export const IsDayNotInFuture = dateDecorator(
  'isDayNotInFuture',
  (value) => isDayNotInFuture(value),
  'must be a date YYYY-MM-DD, not in the future',
);

export const IsPartialDay = dateDecorator(
  'isPartialDay',
  (value) => isPartialDay(value),
  'must be YYYY, YYYY-MM or YYYY-MM-DD, from 1900 to today',
);

export const IsInstant = dateDecorator(
  'isInstant',
  isInstant,
  'must be a moment YYYY-MM-DDTHH:MM:SS with Z or an offset, such as 2026-03-01T09:00:00+05:00',
);
