// The budget's rules (issue 7 items 3 and 4, domain.md §6), pure: the services read rows, these say what follows.

import { addCalendarDays } from '@koers/clock';
import type { DomainErrorDetail } from '@koers/errors';
import {
  SPEND_CATEGORIES,
  type LoanRepaymentStatus,
  type SpendCategory,
  type SpendKind,
  type SpendStatus,
} from './budget.labels';

/** EUR 100,000 for one spend: far above a clinic deposit, low enough to catch euros typed as cents twice. */
export const SPEND_MAX_CENTS = 10_000_000;
/** EUR 100 million a year: far above any casusoverleg's budget, far below 2^53 (as PATCH /teams/:id allows). */
export const BUDGET_MAX_CENTS = 10_000_000_000;
/** A needed-by or review date more than this many days ahead is a typo, not a plan. */
export const MAX_DAYS_AHEAD = 366;
export const TEXT_MAX = 2000;

export interface SpendRequestInput {
  kind: SpendKind;
  conditions?: string;
  urgent?: boolean;
  neededBy?: string;
}

/**
 * What is wrong with a spend request beyond its fields' own validation (400): a conditional gift states its
 * conditions; an urgent spend, and only an urgent one, has a needed-by date, from today up to a year ahead.
 */
export function spendRequestProblems(input: SpendRequestInput, today: string): DomainErrorDetail[] {
  const problems: DomainErrorDetail[] = [];
  if (input.kind === 'conditional_gift' && !input.conditions) {
    problems.push({
      code: 'invalid_field',
      field: 'conditions',
      message: 'conditions are required for a conditional_gift (what the client agrees to)',
    });
  }
  if (input.urgent && !input.neededBy) {
    problems.push({
      code: 'invalid_field',
      field: 'neededBy',
      message: 'neededBy is required for an urgent spend (the date the money is needed)',
    });
  }
  if (!input.urgent && input.neededBy) {
    problems.push({
      code: 'invalid_field',
      field: 'neededBy',
      message: 'neededBy is only for an urgent spend: send urgent: true with it',
    });
  }
  if (input.neededBy) problems.push(...futureDateProblems('neededBy', input.neededBy, today));
  return problems;
}

/** A date the casusoverleg plans for: today or later, at most MAX_DAYS_AHEAD days ahead. */
export function futureDateProblems(field: string, date: string, today: string): DomainErrorDetail[] {
  if (date < today) return [{ code: 'invalid_field', field, message: `${field} must be today or later` }];
  if (date > addCalendarDays(today, MAX_DAYS_AHEAD)) {
    return [{ code: 'invalid_field', field, message: `${field} lies more than a year ahead` }];
  }
  return [];
}

/** A loan's repayment status from what was repaid (a written-off loan stays written off). */
export function repaymentStatusFor(amountCents: number, repaidCents: number): LoanRepaymentStatus {
  if (repaidCents <= 0) return 'open';
  return repaidCents >= amountCents ? 'repaid' : 'repaying';
}

/** The money of one casusoverleg and year that an approval is weighed against. */
export interface BudgetPosition {
  /** The yearly budget; null when none is on record for the year. */
  budgetCents: number | null;
  /** Approved spends (gifts, loans, conditional gifts). */
  approvedCents: number;
  /** Repayments on the year's loans: they flow back into the budget. */
  repaidCents: number;
}

/** What is left: the budget minus what was approved, plus what loans paid back (negative when overspent). */
export function remainingCents(position: BudgetPosition): number {
  return (position.budgetCents ?? 0) - position.approvedCents + position.repaidCents;
}

export interface Refusal {
  code: string;
  message: string;
}

/**
 * Whether the chair may approve `amountCents` now: within what remains of the year's budget, or beyond it only
 * with an explicit reason (an urgent clinic deposit cannot wait for next year's budget; the reason is recorded).
 * The refusal is a rule of the casusoverleg (422), in Dutch like the other refusals the web app shows.
 */
export function approvalRefusal(
  position: BudgetPosition,
  amountCents: number,
  year: number,
  overBudgetReason: string | undefined,
): Refusal | null {
  const remaining = remainingCents(position);
  if (amountCents <= remaining || overBudgetReason) return null;
  const message =
    position.budgetCents === null
      ? `Er is geen budget vastgesteld voor ${year}. Stel het jaarbudget vast, of keur goed met een reden ` +
        '(overBudgetReason) waarom dit niet kan wachten.'
      : `Deze uitgave (${euros(amountCents)}) is meer dan er over is van het budget van ${year} ` +
        `(${euros(remaining)}). Keur goed met een reden (overBudgetReason), of verlaag het bedrag.`;
  return { code: 'over_budget', message };
}

/** Euro cents as Dutch money, e.g. `€ 1.234,50` (no client data: an amount only). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** One spend of the year as the overview reads it. */
export interface OverviewSpend {
  clientId: string;
  category: SpendCategory;
  kind: SpendKind;
  status: SpendStatus;
  amountCents: number;
  repaidCents: number;
  repaymentStatus: LoanRepaymentStatus | null;
}

export interface Amounts {
  /** Approved (gross). */
  approvedCents: number;
  /** Paid back on approved loans. */
  repaidCents: number;
  /** Approved minus repaid: what the budget is down by. */
  spentCents: number;
  /** Requested, not yet decided. */
  pendingCents: number;
  /** Still owed on loans that are open or being repaid (not written off). */
  openLoanCents: number;
  approvedCount: number;
  pendingCount: number;
}

export interface BudgetSummary extends Amounts {
  budgetCents: number | null;
  /** The budget minus what was spent (net); negative when overspent. */
  remainingCents: number;
  /** What would remain if every pending request were approved. */
  remainingAfterPendingCents: number;
  overspent: boolean;
  /** Every category, in the order of SPEND_CATEGORIES, also those without spends. */
  byCategory: (Amounts & { category: SpendCategory })[];
  /** Clients with an approved or pending spend, most spent first. */
  byClient: (Amounts & { clientId: string })[];
}

const zero = (): Amounts => ({
  approvedCents: 0,
  repaidCents: 0,
  spentCents: 0,
  pendingCents: 0,
  openLoanCents: 0,
  approvedCount: 0,
  pendingCount: 0,
});

function add(into: Amounts, spend: OverviewSpend): void {
  if (spend.status === 'requested') {
    into.pendingCents += spend.amountCents;
    into.pendingCount += 1;
  } else if (spend.status === 'approved') {
    into.approvedCents += spend.amountCents;
    into.repaidCents += spend.repaidCents;
    into.spentCents += spend.amountCents - spend.repaidCents;
    into.approvedCount += 1;
    if (spend.kind === 'loan' && spend.repaymentStatus !== 'written_off') {
      into.openLoanCents += Math.max(0, spend.amountCents - spend.repaidCents);
    }
  }
}

/** Budget against spent for one casusoverleg and year, in total, per category and per client. */
export function summarise(budgetCents: number | null, spends: readonly OverviewSpend[]): BudgetSummary {
  const total = zero();
  const categories = new Map<SpendCategory, Amounts>(SPEND_CATEGORIES.map((c) => [c, zero()]));
  const clients = new Map<string, Amounts>();
  for (const spend of spends) {
    add(total, spend);
    add(categories.get(spend.category)!, spend);
    if (spend.status === 'approved' || spend.status === 'requested') {
      if (!clients.has(spend.clientId)) clients.set(spend.clientId, zero());
      add(clients.get(spend.clientId)!, spend);
    }
  }
  const remaining = remainingCents({
    budgetCents,
    approvedCents: total.approvedCents,
    repaidCents: total.repaidCents,
  });
  return {
    budgetCents,
    ...total,
    remainingCents: remaining,
    remainingAfterPendingCents: remaining - total.pendingCents,
    overspent: remaining < 0,
    byCategory: SPEND_CATEGORIES.map((category) => ({ category, ...categories.get(category)! })),
    byClient: [...clients]
      .map(([clientId, amounts]) => ({ clientId, ...amounts }))
      .sort(
        (a, b) =>
          b.spentCents - a.spentCents ||
          b.pendingCents - a.pendingCents ||
          a.clientId.localeCompare(b.clientId),
      ),
  };
}

/**
 * The per-client rows a reader may see, and the others added up without naming anyone (a client whose legal basis
 * does not allow sharing its budget still counts in the totals: the budget holder's books must add up).
 */
export function withholdClients<T extends Amounts & { clientId: string }>(
  byClient: readonly T[],
  mayShow: (clientId: string) => boolean,
): { shown: T[]; withheld: (Amounts & { clients: number }) | null } {
  const shown = byClient.filter((c) => mayShow(c.clientId));
  const hidden = byClient.filter((c) => !mayShow(c.clientId));
  if (hidden.length === 0) return { shown, withheld: null };
  const withheld = { ...zero(), clients: hidden.length };
  for (const c of hidden) {
    for (const key of Object.keys(zero()) as (keyof Amounts)[]) withheld[key] += c[key];
  }
  return { shown, withheld };
}
