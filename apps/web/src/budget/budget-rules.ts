/**
 * What the budget screens check before they send anything, in the API's own terms (libs/budget budget.rules.ts,
 * budget-access.ts), so a user gets a Dutch message on the field instead of the API's English 400. Pure: no DOM,
 * no React (the browser test imports it too).
 */

/** EUR 100,000 for one spend (SPEND_MAX_CENTS). */
export const SPEND_MAX_CENTS = 10_000_000;
/** EUR 100 million a year (BUDGET_MAX_CENTS). */
export const BUDGET_MAX_CENTS = 10_000_000_000;
/** A needed-by or review date at most this many days ahead (MAX_DAYS_AHEAD). */
export const MAX_DAYS_AHEAD = 366;

export type Parsed = { ok: true; cents: number } | { ok: false; error: string };

const GROUPED = /^\d{1,3}(\.\d{3})+$/;

/**
 * An amount as people type it in the Netherlands, to euro cents: "450", "450,00", "450,5", "1.250,50",
 * "1250", "€ 1.250". A dot with three digits after it groups thousands ("1.250" is twelve hundred and fifty);
 * a dot with one or two digits is a decimal point ("12.50"), since that is what someone meant who typed it.
 */
export function parseEuros(input: string, options: { allowZero?: boolean; maxCents?: number } = {}): Parsed {
  const text = input.replace(/€|\s|\u00a0/g, '');
  if (text === '') return { ok: false, error: 'Vul een bedrag in.' };
  if (text.startsWith('-')) return { ok: false, error: 'Het bedrag kan niet negatief zijn.' };
  let whole: string;
  let fraction = '';
  if (text.includes(',')) {
    const parts = text.split(',');
    if (parts.length !== 2) return invalid();
    [whole, fraction] = parts;
    if (whole.includes('.')) {
      if (!GROUPED.test(whole)) return invalid();
      whole = whole.replace(/\./g, '');
    }
  } else if (text.includes('.')) {
    if (GROUPED.test(text)) whole = text.replace(/\./g, '');
    else if (/^\d+\.\d{1,2}$/.test(text)) [whole, fraction] = text.split('.');
    else return invalid();
  } else {
    whole = text;
  }
  if (whole === '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) {
    return fraction.length > 2 && /^\d+$/.test(fraction)
      ? { ok: false, error: 'Gebruik hoogstens twee cijfers achter de komma.' }
      : invalid();
  }
  if (whole.length > 12) return tooHigh(options.maxCents);
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (cents === 0 && !options.allowZero) return { ok: false, error: 'Het bedrag moet meer dan € 0 zijn.' };
  if (options.maxCents !== undefined && cents > options.maxCents) return tooHigh(options.maxCents);
  return { ok: true, cents };
}

function invalid(): Parsed {
  return { ok: false, error: 'Vul een bedrag in euro’s in, bijvoorbeeld 450 of 1.250,50.' };
}

function tooHigh(maxCents: number | undefined): Parsed {
  return {
    ok: false,
    error:
      maxCents === undefined
        ? 'Het bedrag is te hoog.'
        : `Het bedrag is te hoog: hoogstens ${new Intl.NumberFormat('nl-NL', {
            style: 'currency',
            currency: 'EUR',
          }).format(maxCents / 100)}.`,
  };
}

/** Cents as the amount field shows them back ("1250,50"), for a form that edits an amount. */
export function centsToInput(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/** `iso` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A date the casusoverleg plans for (needed-by, review): from today up to a year ahead; null when fine. */
export function futureDateError(date: string, today: string, what: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `Vul ${what} in.`;
  if (date < today) return `${capitalise(what)} kan niet in het verleden liggen.`;
  if (date > addDays(today, MAX_DAYS_AHEAD)) return `${capitalise(what)} ligt meer dan een jaar vooruit.`;
  return null;
}

/** A day that has happened (a repayment): not in the future; null when fine. */
export function pastDateError(date: string, today: string, what: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `Vul ${what} in.`;
  if (date > today) return `${capitalise(what)} kan niet in de toekomst liggen.`;
  return null;
}

/** Free text the API accepts (isSubstantive): at least ten characters and two words. */
export function substantiveError(text: string, what: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `Vul ${what} in.`;
  const words = trimmed.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  if (trimmed.length < 10 || words.length < 2) return `Schrijf bij ${what} ten minste een korte zin.`;
  if (trimmed.length > 2000) return `${capitalise(what)} is te lang (hoogstens 2000 tekens).`;
  return null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who may do what (libs/budget budget-access.ts): the UI offers only what the API would allow. */
export interface BudgetActor {
  role: string;
  partyKind: string;
  teamIds: string[];
}

/** The chair of the casusoverleg: the budget holder (sets the budget, approves, rejects, writes off). */
export const isBudgetHolder = (me: BudgetActor, teamId: string) =>
  me.role === 'chair' && me.teamIds.includes(teamId);

/** Requests spends, records repayments, makes and reviews arrangements: the chair and addiction care. */
export const mayWriteBudget = (me: BudgetActor, teamId: string) =>
  me.teamIds.includes(teamId) && (me.role === 'chair' || me.partyKind === 'addiction_care');
