/**
 * The report's filters as they live in the URL (Dutch keys, ids only: a filtered report can be shared and survives
 * a reload), the period presets, and the Dutch wording of dates, days and numbers the report screen uses.
 */
import { todayIso } from '../ui/format';

export interface ReportFilters {
  /** Calendar dates (Amsterdam), both inclusive. */
  from: string;
  to: string;
  /** The caseload's date; empty: the last day of the period (the API's default). */
  at: string;
  /** Empty for the whole region (all the reader's teams). */
  municipality: string;
  team: string;
}

/** The API's query for these filters (GET /reports/flow, /reports/drilldown, /reports/flow/export). */
export function apiQuery(filters: ReportFilters): Record<string, string> {
  const query: Record<string, string> = { from: filters.from, to: filters.to };
  if (filters.at) query.at = filters.at;
  if (filters.team) query.team = filters.team;
  else if (filters.municipality) query.municipality = filters.municipality;
  return query;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `iso` moved by whole days / years (calendar arithmetic at noon UTC: no daylight-saving surprises). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

export type PresetKey = 'last12' | 'thisYear' | 'lastYear';

export const PRESETS: { key: PresetKey; label: string }[] = [
  { key: 'thisYear', label: 'Dit jaar' },
  { key: 'lastYear', label: 'Vorig jaar' },
  { key: 'last12', label: 'Afgelopen 12 maanden' },
];

export function presetPeriod(key: PresetKey, today = todayIso()): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  switch (key) {
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'last12':
      return { from: addDays(addYears(today, -1), 1), to: today };
  }
}

/** The preset a period is, if any (the matching button shows as chosen). */
export function presetOf(filters: Pick<ReportFilters, 'from' | 'to'>, today = todayIso()): PresetKey | null {
  const found = PRESETS.find(({ key }) => {
    const period = presetPeriod(key, today);
    return period.from === filters.from && period.to === filters.to;
  });
  return found?.key ?? null;
}

/**
 * The URL's filters: `van`, `tot`, `peildatum`, `gemeente`, `team`. Without a (valid) period: the last twelve
 * months, which always has something to show (a calendar year has little in January).
 */
export function filtersOf(query: URLSearchParams, today = todayIso()): ReportFilters {
  const date = (key: string) => {
    const value = query.get(key) ?? '';
    return isIsoDate(value) ? value : '';
  };
  const id = (key: string) => {
    const value = query.get(key) ?? '';
    return UUID.test(value) ? value.toLowerCase() : '';
  };
  const fallback = presetPeriod('last12', today);
  const from = date('van');
  const to = date('tot');
  return {
    from: from || (to ? `${to.slice(0, 4)}-01-01` : fallback.from),
    to: to || (from && from > today ? from : today),
    at: date('peildatum'),
    municipality: id('gemeente'),
    team: id('team'),
  };
}

export function searchOf(filters: ReportFilters): string {
  const params = new URLSearchParams({ van: filters.from, tot: filters.to });
  if (filters.at) params.set('peildatum', filters.at);
  if (filters.team) params.set('team', filters.team);
  else if (filters.municipality) params.set('gemeente', filters.municipality);
  return `?${params}`;
}

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A calendar date (YYYY-MM-DD) in Dutch: "22 november 2026". */
export const formatDay = (iso: string): string => dayFormat.format(new Date(`${iso}T12:00:00Z`));

export const formatPeriod = (period: { from: string; to: string }): string =>
  `${formatDay(period.from)} t/m ${formatDay(period.to)}`;

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
/** A count or a one-decimal figure with a Dutch decimal comma. */
export const formatNumber = (value: number): string => number.format(value);

/** Days with one decimal: "1 dag", "3,5 dagen". */
export const formatDaysDecimal = (days: number | null): string =>
  days === null ? '—' : `${number.format(days)} ${days === 1 ? 'dag' : 'dagen'}`;

/** A change in score with its sign: "+13,3", "−2", "0". */
export const formatChange = (value: number | null): string =>
  value === null
    ? '—'
    : value > 0
      ? `+${number.format(value)}`
      : value < 0
        ? `−${number.format(-value)}`
        : '0';

export const percentOf = (part: number, whole: number): number =>
  whole > 0 ? Math.round((part / whole) * 100) : 0;
