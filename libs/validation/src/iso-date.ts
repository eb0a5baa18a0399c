/**
 * Dates in payloads (domain.md §2): an ISO 8601 calendar date (`2026-12-01`) or a date-time with an
 * explicit offset (`2026-12-01T14:30:00+01:00`, `...Z`). A date-time without offset is ambiguous and refused.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?([0-5]\d))$/;

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && isRealCalendarDate(+m[1], +m[2], +m[3]);
}

export function isIsoDateOrDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isIsoDate(value)) return true;
  const m = DATE_TIME.exec(value);
  return !!m && isRealCalendarDate(+m[1], +m[2], +m[3]);
}
