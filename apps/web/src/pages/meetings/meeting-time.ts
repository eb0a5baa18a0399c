/**
 * Meeting times are Amsterdam wall-clock times (domain.md §3), whatever time zone the browser is in: the form asks
 * for a date and a time, and the API gets them with Amsterdam's offset on that day (DST-safe).
 */
const ZONE = 'Europe/Amsterdam';
const pad = (n: number) => String(n).padStart(2, '0');

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** '2026-12-03', '13:00' → '2026-12-03T13:00:00+01:00'. */
export function amsterdamDateTime(date: string, time: string): string {
  const asUtc = new Date(`${date}T${time}:00Z`);
  const offset = offsetMinutes(new Date(asUtc.getTime() - offsetMinutes(asUtc) * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE });
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the date and time fields show it in Amsterdam. */
export function amsterdamFields(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return { date: dateParts.format(at), time: timeParts.format(at) };
}

const timeOnly = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const longDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "donderdag 3 december 2026". */
export const formatLongDate = (iso: string): string => longDate.format(new Date(iso));

/** "13:00–15:00". */
export const formatTimeRange = (startIso: string, endIso: string): string =>
  `${timeOnly.format(new Date(startIso))}–${timeOnly.format(new Date(endIso))}`;

/** "2026-12-03" in Amsterdam: for file names. */
export const isoDay = (iso: string): string => dateParts.format(new Date(iso));

/** A due date (YYYY-MM-DD) in Dutch: "15 december 2026". */
export function formatDueDate(day: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}
