/**
 * The budget API's shapes (libs/budget: team-budget.service, spends.repository, conditional-arrangements.repository)
 * as the web app reads them, and the Dutch labels of its ids (libs/budget/src/budget.labels.ts: the same words, so
 * a filter reads like the table it filters).
 */

export const SPEND_CATEGORIES = [
  'clinic_deposit',
  'skip_container',
  'sports_subscription',
  'travel',
  'bills',
  'housing_materials',
  'other',
] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

export const SPEND_KINDS = ['gift', 'loan', 'conditional_gift'] as const;
export type SpendKind = (typeof SPEND_KINDS)[number];

export const SPEND_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type SpendStatus = (typeof SPEND_STATUSES)[number];

export type LoanRepaymentStatus = 'open' | 'repaying' | 'repaid' | 'written_off';

export const ARRANGEMENT_OUTCOMES = ['extend', 'stop', 'adjust'] as const;
export type ArrangementOutcome = (typeof ARRANGEMENT_OUTCOMES)[number];
export type ArrangementStatus = 'open' | 'reviewed' | 'cancelled';

export const SPEND_CATEGORY_LABELS: Record<SpendCategory, string> = {
  clinic_deposit: 'Borg privékliniek',
  skip_container: 'Container (vervuilde woning)',
  sports_subscription: 'Sportabonnement',
  travel: 'Reiskosten',
  bills: 'Rekeningen',
  housing_materials: 'Inrichting en materialen woning',
  other: 'Overig',
};

export const SPEND_KIND_LABELS: Record<SpendKind, string> = {
  gift: 'Gift',
  loan: 'Lening',
  conditional_gift: 'Gift onder voorwaarden',
};

export const SPEND_STATUS_LABELS: Record<SpendStatus, string> = {
  requested: 'Aangevraagd',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  cancelled: 'Ingetrokken',
};

export const ARRANGEMENT_OUTCOME_LABELS: Record<ArrangementOutcome, string> = {
  extend: 'Verlengen',
  stop: 'Stoppen',
  adjust: 'Aanpassen',
};

export interface PersonRef {
  userId: string;
  displayName: string;
}

export interface Amounts {
  approvedCents: number;
  repaidCents: number;
  spentCents: number;
  pendingCents: number;
  openLoanCents: number;
  approvedCount: number;
  pendingCount: number;
}

/** GET /teams/:teamId/budget/:year */
export interface BudgetOverview extends Amounts {
  teamId: string;
  year: number;
  /** null: no budget set for the year. */
  budgetCents: number | null;
  remainingCents: number;
  remainingAfterPendingCents: number;
  overspent: boolean;
  budgetUpdatedAt: string | null;
  budgetUpdatedBy: PersonRef | null;
  byCategory: (Amounts & { category: SpendCategory; categoryLabel: string })[];
  byClient: (Amounts & { clientId: string; displayName: string })[];
  withheld: (Amounts & { clients: number }) | null;
}

export interface RepaymentView {
  id: string;
  amountCents: number;
  paidOn: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

/** GET /spends/:id, /clients/:clientId/spends */
export interface SpendView {
  id: string;
  teamId: string;
  clientId: string;
  budgetYear: number;
  category: SpendCategory;
  categoryLabel: string;
  amountCents: number;
  kind: SpendKind;
  kindLabel: string;
  description: string;
  conditions: string | null;
  status: SpendStatus;
  statusLabel: string;
  urgent: boolean;
  neededBy: string | null;
  arrangementId: string | null;
  requestedBy: PersonRef & { partyKind: string };
  requestedAt: string;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  decisionReason: string | null;
  overBudgetReason: string | null;
  cancelledBy: PersonRef | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  loan: {
    repaymentStatus: LoanRepaymentStatus | null;
    repaymentStatusLabel: string | null;
    repaidCents: number;
    outstandingCents: number;
    repayments: RepaymentView[];
    writtenOffBy: PersonRef | null;
    writtenOffAt: string | null;
    writeOffReason: string | null;
  } | null;
  version: number;
  updatedAt: string;
}

/** GET /teams/:teamId/spends: a spend with its client's name (a page about many clients). */
export interface TeamSpendView extends SpendView {
  clientDisplayName?: string;
}

export interface ArrangementView {
  id: string;
  teamId: string;
  clientId: string;
  conditions: string;
  /** YYYY-MM-DD */
  reviewDate: string;
  status: ArrangementStatus;
  statusLabel: string;
  outcome: ArrangementOutcome | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  followsId: string | null;
  followUpId: string | null;
  cancelledBy: PersonRef | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy: PersonRef;
  createdAt: string;
  version: number;
  spends: {
    id: string;
    categoryLabel: string;
    kindLabel: string;
    amountCents: number;
    status: SpendStatus;
    statusLabel: string;
  }[];
  clientDisplayName?: string;
}

/** GET /clients */
export interface ClientListItem {
  id: string;
  displayName: string;
  teamId: string;
  stage: string;
  stageLabel: string;
}

/** GET /teams */
export interface TeamListItem {
  id: string;
  name: string;
}
