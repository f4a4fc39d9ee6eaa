/** A release's period: a year (`2025`) or a quarter (`2025-Q3`), as the days it covers. */
export interface PeriodSpan {
  period: string;
  year: number;
  quarter?: 1 | 2 | 3 | 4;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** The day after the last, exclusive (YYYY-MM-DD). */
  to: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4]))?$/;

function day(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The span of a well-formed period, or undefined. */
export function parsePeriod(period: string): PeriodSpan | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return undefined;
  if (match[2] === undefined) return { period, year, from: day(year, 1), to: day(year + 1, 1) };
  const quarter = Number(match[2]) as 1 | 2 | 3 | 4;
  const startMonth = (quarter - 1) * 3 + 1;
  return {
    period,
    year,
    quarter,
    from: day(year, startMonth),
    to: quarter === 4 ? day(year + 1, 1) : day(year, startMonth + 3),
  };
}

/** Whether the period ended before `now` (UTC): the current and future periods are not closed. */
export function isClosed(span: PeriodSpan, now: Date): boolean {
  return span.to <= now.toISOString().slice(0, 10);
}

/** The first day (UTC) of the month of `now`, the month a request counts in. */
export function monthOf(now: Date): string {
  return day(now.getUTCFullYear(), now.getUTCMonth() + 1);
}
