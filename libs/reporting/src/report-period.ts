// The report's period and its statistics' units. Pure.

import { addCalendarDays, amsterdamInstant } from '@koers/clock';
import { ValidationFailedException } from '@koers/errors';

export interface ReportPeriod {
  /** Calendar dates (Amsterdam), both inclusive. */
  from: string;
  to: string;
  /** The caseload's date (inclusive: the caseload at the end of that day). */
  at: string;
  /** Start of `from`, Amsterdam time. */
  fromInstant: Date;
  /** Start of the day after `to`: the period is [fromInstant, toInstant). */
  toInstant: Date;
  /** End of the period, or now if that is earlier: what "still ongoing" and "still open" are measured at. */
  endInstant: Date;
  /** End of `at`, or now if that is earlier. */
  atInstant: Date;
}

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * The period asked for, with defaults: `to` today, `from` the first of January of `to`'s year, `at` equal to
 * `to`. Dates are validated as ISO dates at the edge (the DTO); here only their order. `today` is the Amsterdam
 * date of `now`.
 */
export function resolvePeriod(
  query: { from?: string; to?: string; at?: string },
  now: Date,
  today: string,
): ReportPeriod {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw new ValidationFailedException([
      { code: 'invalid_period', field: 'from', message: 'from must not be after to' },
    ]);
  }
  const at = query.at ?? to;
  const toInstant = amsterdamInstant(addCalendarDays(to, 1));
  return {
    from,
    to,
    at,
    fromInstant: amsterdamInstant(from),
    toInstant,
    endInstant: earlier(toInstant, now),
    atInstant: earlier(amsterdamInstant(addCalendarDays(at, 1)), now),
  };
}

const SECONDS_PER_DAY = 86_400;

/** Seconds (as PostgreSQL's extract(epoch ...) gives them) as days with one decimal; null stays null. */
export function secondsToDays(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  return Math.round((seconds / SECONDS_PER_DAY) * 10) / 10;
}

/** A score mean or change with one decimal; null stays null. */
export function oneDecimal(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 10) / 10;
}

/**
 * Quartiles from percentile_cont(ARRAY[0.25, 0.5, 0.75]) over seconds (null when there were no rows) as
 * days: `{ q1Days, medianDays, q3Days }`.
 */
export function quartileDays(quartiles: readonly (number | null)[] | null | undefined): {
  q1Days: number | null;
  medianDays: number | null;
  q3Days: number | null;
} {
  const [q1, median, q3] = quartiles ?? [];
  return { q1Days: secondsToDays(q1), medianDays: secondsToDays(median), q3Days: secondsToDays(q3) };
}
