import { parseIsoDate } from '@koers/machines/trajectory';

/**
 * Dates in payloads (domain.md §2): an ISO 8601 calendar date (`2026-12-01`) or a date-time with an
 * explicit offset (`2026-12-01T14:30:00+01:00`, `...Z`). One definition, the machine's, so the edge (400)
 * and the machine's guards (422) never disagree.
 */
export function isIsoDate(value: unknown): value is string {
  const parsed = parseIsoDate(value);
  return parsed !== null && parsed.instant === null;
}

export function isIsoDateOrDateTime(value: unknown): value is string {
  return parseIsoDate(value) !== null;
}
