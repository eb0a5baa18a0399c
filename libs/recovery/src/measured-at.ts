import { amsterdamDate, amsterdamInstant } from '@koers/clock';
import { parseIsoDate } from '@koers/machines/trajectory';

/** A date-time may lie this far ahead of the server's clock (clocks of devices drift a little). */
export const MEASURED_AT_TOLERANCE_MS = 5 * 60_000;

export type MeasuredAt = { ok: true; instant: Date; dateOnly: boolean } | { ok: false; message: string };

/**
 * When an instrument was administered: an ISO date (stored as 00:00 Amsterdam time, shown as the date) or a
 * date-time with offset; not in the future (a date at most today in Amsterdam).
 */
export function parseMeasuredAt(value: string, now: Date): MeasuredAt {
  const parsed = parseIsoDate(value);
  if (parsed === null) {
    return {
      ok: false,
      message:
        'measuredAt must be an ISO 8601 date (2026-12-01) or date-time with offset (2026-12-01T14:30:00+01:00)',
    };
  }
  if (parsed.instant === null) {
    if (parsed.date > amsterdamDate(now)) return { ok: false, message: 'measuredAt lies in the future' };
    return { ok: true, instant: amsterdamInstant(parsed.date), dateOnly: true };
  }
  if (parsed.instant > now.getTime() + MEASURED_AT_TOLERANCE_MS) {
    return { ok: false, message: 'measuredAt lies in the future' };
  }
  return { ok: true, instant: new Date(parsed.instant), dateOnly: false };
}
