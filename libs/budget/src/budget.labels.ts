import {
  ARRANGEMENT_OUTCOMES,
  ARRANGEMENT_STATUSES,
  LOAN_REPAYMENT_STATUSES,
  SPEND_CATEGORIES,
  SPEND_KINDS,
  SPEND_STATUSES,
  type ArrangementOutcome,
  type ArrangementStatus,
  type LoanRepaymentStatus,
  type SpendCategory,
  type SpendKind,
  type SpendStatus,
} from '@koers/persistence';

export {
  ARRANGEMENT_OUTCOMES,
  ARRANGEMENT_STATUSES,
  LOAN_REPAYMENT_STATUSES,
  SPEND_CATEGORIES,
  SPEND_KINDS,
  SPEND_STATUSES,
  type ArrangementOutcome,
  type ArrangementStatus,
  type LoanRepaymentStatus,
  type SpendCategory,
  type SpendKind,
  type SpendStatus,
};

// Dutch wording for the web app, the export and the reports; the ids are the API's.

export const SPEND_CATEGORY_LABELS = {
  clinic_deposit: 'Borg privékliniek',
  skip_container: 'Container (vervuilde woning)',
  sports_subscription: 'Sportabonnement',
  travel: 'Reiskosten',
  bills: 'Rekeningen',
  housing_materials: 'Inrichting en materialen woning',
  other: 'Overig',
} as const satisfies Record<SpendCategory, string>;

export const SPEND_KIND_LABELS = {
  gift: 'Gift',
  loan: 'Lening',
  conditional_gift: 'Gift onder voorwaarden',
} as const satisfies Record<SpendKind, string>;

export const SPEND_STATUS_LABELS = {
  requested: 'Aangevraagd',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  cancelled: 'Ingetrokken',
} as const satisfies Record<SpendStatus, string>;

export const LOAN_REPAYMENT_STATUS_LABELS = {
  open: 'Nog niets terugbetaald',
  repaying: 'Wordt terugbetaald',
  repaid: 'Terugbetaald',
  written_off: 'Kwijtgescholden',
} as const satisfies Record<LoanRepaymentStatus, string>;

export const ARRANGEMENT_STATUS_LABELS = {
  open: 'Loopt',
  reviewed: 'Getoetst',
  cancelled: 'Vervallen',
} as const satisfies Record<ArrangementStatus, string>;

export const ARRANGEMENT_OUTCOME_LABELS = {
  extend: 'Verlengen',
  stop: 'Stoppen',
  adjust: 'Aanpassen',
} as const satisfies Record<ArrangementOutcome, string>;
