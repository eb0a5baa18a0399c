import { addAmsterdamDays, addAmsterdamMonths } from '@koers/clock';

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Adds an ISO 8601 duration (`P22D`, `P6W`, `P1M`, `PT2H30M`) to an instant: years, months, weeks and
 * days on the Amsterdam calendar (DST-safe), hours, minutes and seconds as elapsed time. Null if it is not one.
 */
export function addIsoDuration(instant: Date, duration: string): Date | null {
  const m = DURATION.exec(duration);
  if (!m) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => Number(v ?? 0));
  let result = instant;
  if (years || months) result = addAmsterdamMonths(result, years * 12 + months);
  if (weeks || days) result = addAmsterdamDays(result, weeks * 7 + days);
  return new Date(result.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);
}
