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
