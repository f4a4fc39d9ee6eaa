import { ValidateBy } from 'class-validator';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The latest time zone is UTC+14: a day that has begun anywhere is not in the future. */
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** A calendar day `YYYY-MM-DD` between 1900 and 2100 (a real date: no 31 April). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2100 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A calendar day that has begun somewhere on Earth: what happened cannot be dated later. */
export function isDayNotInFuture(value: unknown, now = Date.now()): value is string {
  return isDay(value) && Date.parse(`${value}T00:00:00Z`) <= now + LATEST_OFFSET_MS;
}

export const IsDay = (): PropertyDecorator =>
  ValidateBy({
    name: 'isDay',
    validator: { validate: isDay, defaultMessage: () => '$property must be a date YYYY-MM-DD (1900–2100)' },
  });

export const IsDayNotInFuture = (): PropertyDecorator =>
  ValidateBy({
    name: 'isDayNotInFuture',
    validator: {
      validate: (value: unknown) => isDayNotInFuture(value),
      defaultMessage: () => '$property must be a date YYYY-MM-DD, not in the future',
    },
  });
