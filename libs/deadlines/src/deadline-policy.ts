import type { DeadlineKind } from '@koers/machines/trajectory';

/**
 * The ladder of domain.md §3: a warning to the owner, then overdue to the owner and the chair, then the
 * client is flagged for the agenda of the next casusoverleg. Each step is sent once and logged.
 */
export const DEADLINE_STEPS = ['warning', 'overdue', 'agenda'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/** Who receives a step: the parties that own the deadline, or the chair of the casusoverleg. */
export type Recipient = 'owner' | 'chair';

export interface Offset {
  days?: number;
  months?: number;
}

export interface StepPolicy {
  step: DeadlineStep;
  /** Relative to the due time: negative is before it. */
  offset: Offset;
  recipients: Recipient[];
}

export interface DeadlinePolicy {
  /** Added to the deadline's base (the event time, or a date from the payload). */
  due: Offset;
  /** Party kinds that own the deadline; `chair` is the municipality's process manager. */
  owners: ('chair' | 'addiction_care' | 'housing_corporation' | 'police')[];
  steps: StepPolicy[];
}

const days = (n: number): Offset => ({ days: n });
const AT_DUE = days(0);

/** Defaults of domain.md §3; a casusoverleg can override `due` and step offsets per kind (team.deadline_settings). */
export const DEFAULT_DEADLINE_POLICIES: Record<DeadlineKind, DeadlinePolicy> = {
  inclusion_decision: {
    due: days(21),
    owners: ['chair'],
    steps: [
      { step: 'overdue', offset: AT_DUE, recipients: ['chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  consent: {
    due: days(14),
    owners: ['addiction_care'],
    steps: [
      { step: 'warning', offset: days(-7), recipients: ['owner'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  waiting_contact: {
    due: days(7),
    owners: ['addiction_care'],
    steps: [
      { step: 'warning', offset: AT_DUE, recipients: ['owner'] },
      { step: 'overdue', offset: days(7), recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: days(7), recipients: [] },
    ],
  },
  waiting_duration: {
    due: days(42),
    owners: ['chair'],
    steps: [
      { step: 'overdue', offset: AT_DUE, recipients: ['chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  postal_address_expiry: {
    due: days(0),
    owners: ['addiction_care'],
    steps: [
      { step: 'warning', offset: days(-7), recipients: ['owner'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  three_party_evaluation: {
    due: { months: 3 },
    owners: ['housing_corporation', 'addiction_care'],
    steps: [
      { step: 'warning', offset: days(-14), recipients: ['owner'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  leave_return: {
    due: days(0),
    owners: ['addiction_care'],
    steps: [
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  action_due: {
    due: days(0),
    owners: ['chair'],
    steps: [
      { step: 'warning', offset: days(-2), recipients: ['owner'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: days(1), recipients: [] },
    ],
  },
  meeting_cadence: {
    due: days(21),
    owners: ['chair'],
    steps: [
      { step: 'warning', offset: days(-7), recipients: ['chair'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['chair'] },
    ],
  },
  condition_review: {
    due: days(0),
    owners: ['chair'],
    steps: [
      { step: 'warning', offset: days(-7), recipients: ['owner'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['owner', 'chair'] },
      { step: 'agenda', offset: AT_DUE, recipients: [] },
    ],
  },
  urgent_payment: {
    due: days(0),
    owners: ['chair'],
    steps: [
      { step: 'warning', offset: days(-2), recipients: ['chair'] },
      { step: 'overdue', offset: AT_DUE, recipients: ['chair'] },
    ],
  },
};
