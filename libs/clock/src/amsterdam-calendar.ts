/** Calendar arithmetic in the casusoverleg's time zone: days count in Europe/Amsterdam, not UTC. */
export const TIME_ZONE = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local calendar date (YYYY-MM-DD) of an instant in Europe/Amsterdam. */
export function amsterdamDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Whole calendar days from `from` to `to` as seen on an Amsterdam wall calendar (DST-safe). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.parse(`${amsterdamDate(from)}T00:00:00Z`);
  const b = Date.parse(`${amsterdamDate(to)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The hour at which a deadline given as a date (no time) falls due, local time (domain.md §3). */
export const DATE_ONLY_DUE_HOUR = 9;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: +parts.year,
    month: +parts.month,
    day: +parts.day,
    hour: +parts.hour,
    minute: +parts.minute,
    second: +parts.second,
  };
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in Amsterdam. A time that does not exist (the hour skipped when
 * summer time starts) is taken an hour later; an ambiguous one (the hour repeated in October) as the
 * first occurrence.
 */
export function amsterdamInstant(date: string, hour = 0, minute = 0): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Try the offsets in force just before and just after; the first that maps back to the wall time wins.
  const candidates = [wall - 3 * 3_600_000, wall + 3 * 3_600_000].map(
    (probe) => new Date(wall - amsterdamOffsetMinutes(new Date(probe)) * 60_000),
  );
  const exact = candidates.find((c) => {
    const w = wallClock(c);
    return w.hour === hour && w.minute === minute && w.day === day;
  });
  // No exact match: the time fell in the skipped hour; the offset from before the change moves it an hour on.
  return exact ?? candidates[0];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When a payload date falls due: a date (`2026-12-01`) at 09:00 Amsterdam time, a date-time with
 * offset exactly as given.
 */
export function dueInstant(value: string): Date {
  return DATE_ONLY.test(value) ? amsterdamInstant(value, DATE_ONLY_DUE_HOUR) : new Date(value);
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar date plus whole days. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A calendar date plus whole months, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatDate(targetYear, targetMonth, Math.min(day, lastDay));
}

/** The same Amsterdam wall-clock time a number of calendar days later (a day across DST is 23 or 25 hours). */
export function addAmsterdamDays(instant: Date, days: number): Date {
  const w = wallClock(instant);
  return amsterdamInstant(addCalendarDays(formatDate(w.year, w.month, w.day), days), w.hour, w.minute);
}

/** The same Amsterdam wall-clock time a number of calendar months later (clamped to the month's end). */
export function addAmsterdamMonths(instant: Date, months: number): Date {
  const w = wallClock(instant);
  return amsterdamInstant(addCalendarMonths(formatDate(w.year, w.month, w.day), months), w.hour, w.minute);
}
