/**
 * Moments and days as the pages show them: in Tajikistan's time (UTC+5 all year, no daylight saving),
 * written the same way in every language (`2026-03-14 09:30`), so that nothing depends on the browser.
 */
export const SHOWN_TIME_ZONE = 'Asia/Dushanbe';
const OFFSET = '+05:00';

const MOMENT = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHOWN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string | Date): Record<string, string> {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Object.fromEntries(MOMENT.formatToParts(date).map((p) => [p.type, p.value]));
}

/** `2026-03-14 09:30`, in Dushanbe. */
export function shownMoment(iso: string | Date): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026-03-14`: the day it is in Dushanbe at that moment. */
export function shownDay(iso: string | Date): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The first moment of day `YYYY-MM-DD` in Dushanbe, as an instant the API takes. */
export function startOfDay(day: string): string {
  return `${day}T00:00:00${OFFSET}`;
}

/** The last second of day `YYYY-MM-DD` in Dushanbe (a deadline "by that day"). */
export function endOfDay(day: string): string {
  return `${day}T23:59:59${OFFSET}`;
}

/** The day `days` after today in Dushanbe. */
export function dayInDays(days: number, now = Date.now()): string {
  return shownDay(new Date(now + days * 86_400_000));
}
