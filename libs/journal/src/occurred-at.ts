import { amsterdamDate, amsterdamInstant } from '@koers/clock';
import { parseIsoDate } from '@koers/machines/trajectory';

/** A date-time may lie this far ahead of the server's clock (clocks of devices drift a little). */
export const OCCURRED_AT_TOLERANCE_MS = 5 * 60_000;

export type OccurredAt = { ok: true; instant: Date; dateOnly: boolean } | { ok: false; message: string };

/**
 * When a journal entry happened: an ISO date (`2026-12-01`, stored as 00:00 Amsterdam time and shown as
 * the date) or a date-time with offset. Not in the future: a date at most today (Amsterdam), a date-time
 * at most OCCURRED_AT_TOLERANCE_MS after `now`.
 */
export function parseOccurredAt(value: string, now: Date): OccurredAt {
  const parsed = parseIsoDate(value);
  if (parsed === null) {
    return {
      ok: false,
      message:
        'occurredAt must be an ISO 8601 date (2026-12-01) or date-time with offset (2026-12-01T14:30:00+01:00)',
    };
  }
  if (parsed.instant === null) {
    if (parsed.date > amsterdamDate(now)) return { ok: false, message: 'occurredAt lies in the future' };
    return { ok: true, instant: amsterdamInstant(parsed.date), dateOnly: true };
  }
  if (parsed.instant > now.getTime() + OCCURRED_AT_TOLERANCE_MS) {
    return { ok: false, message: 'occurredAt lies in the future' };
  }
  return { ok: true, instant: new Date(parsed.instant), dateOnly: false };
}
