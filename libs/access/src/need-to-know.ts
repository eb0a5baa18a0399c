// Need-to-know (domain.md §8): which clients and which data categories each party may see, kept as data.
// Pure: the services ask it what to show, and the README's table is checked against it by a test.

import {
  type BlockerCode,
  type DeadlineKind,
  type LegalBasisKind,
  type Party,
  type TrajectoryEventType,
} from '@koers/machines/trajectory';
import type { JournalCategory } from '@koers/persistence';

/** What is stored about a client, by kind. Stage and days in stage go with identity: whoever sees a client sees them. */
export const DATA_CATEGORIES = [
  'identity',
  'trajectory',
  'health',
  'justice',
  'housing',
  'finances',
  'budget',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_CATEGORY_LABELS = {
  identity: 'Identiteit en fase',
  trajectory: 'Traject (besluiten, knelpunten, acties)',
  health: 'Gezondheid en behandeling',
  justice: 'Justitie en politie',
  housing: 'Wonen',
  finances: 'Financiën',
  budget: 'Budget',
} as const satisfies Record<DataCategory, string>;

/**
 * `team`: every client of the casusoverleg teams the user takes part in; `invited`: only clients the party was
 * invited to (per client, with a scope and an end date). Categories are the most a party may see; an
 * invitation's scope can narrow them further.
 */
export interface PartyAccess {
  clients: 'team' | 'invited';
  categories: readonly DataCategory[];
}

const ALL = DATA_CATEGORIES;

export const NEED_TO_KNOW = {
  municipality: { clients: 'team', categories: ALL },
  addiction_care: { clients: 'team', categories: ALL },
  // The police sees stage, blockers and actions, and what concerns nuisance and housing: no treatment details.
  police: { clients: 'team', categories: ['identity', 'trajectory', 'justice', 'housing'] },
  housing_corporation: { clients: 'invited', categories: ['identity', 'housing'] },
  work_and_income: { clients: 'invited', categories: ['identity', 'finances'] },
  social_support: { clients: 'invited', categories: ['identity', 'housing', 'finances'] },
  financial_administrator: { clients: 'invited', categories: ['identity', 'finances', 'budget'] },
  gp: { clients: 'invited', categories: ['identity', 'health'] },
  mental_health: { clients: 'invited', categories: ['identity', 'health'] },
  peer_expert: { clients: 'invited', categories: ['identity', 'trajectory'] },
  other: { clients: 'invited', categories: ['identity'] },
} as const satisfies Record<Party, PartyAccess>;

/** Roles that read no client data at all (the privacy officer reads the access log; the admin manages users). */
export const ROLES_WITHOUT_CLIENT_DATA = ['privacy_officer', 'admin'] as const;

/** What a user of `partyKind` with `role` may see, narrowed by an invitation's scope where one applies. */
export function accessOf(partyKind: string, role: string, scope?: readonly string[] | null): PartyAccess {
  if ((ROLES_WITHOUT_CLIENT_DATA as readonly string[]).includes(role))
    return { clients: 'team', categories: [] };
  if (role === 'chair') return NEED_TO_KNOW.municipality;
  const access: PartyAccess = (NEED_TO_KNOW as Record<string, PartyAccess>)[partyKind] ?? {
    clients: 'invited',
    categories: ['identity'],
  };
  if (!scope) return access;
  return {
    clients: access.clients,
    categories: access.categories.filter((c) => c === 'identity' || scope.includes(c)),
  };
}

/**
 * The legal basis (domain.md §8): what may be shared of a client at all on the basis of its trajectory, whoever
 * reads or writes. A user sees the intersection of this with their own need-to-know (NEED_TO_KNOW, narrowed by an
 * invitation's scope); see `categoriesFor` in actor.ts. Kept as data, and shown in the README (a test checks it).
 * - `pending` (a signal being assessed, before the consent stage is decided) and `consent`: what the matrix
 *   allows. A consent's scope is free text (CONSENT_GIVEN): it is recorded and shown, not enforced per category.
 * - `care_covenant` (zorgstructuurconvenant): care, housing and money, not justice.
 * - `safety_covenant` (veiligheidshuisconvenant): safety, justice and housing, not health or money.
 * - `none` (consent withdrawn without a covenant, or refused): only who the client is and where the trajectory
 *   stands, so that the chair and the casusoverleg can record a covenant or close it.
 */
export const BASIS_CATEGORIES = {
  pending: ALL,
  consent: ALL,
  care_covenant: ['identity', 'trajectory', 'health', 'housing', 'finances', 'budget'],
  safety_covenant: ['identity', 'trajectory', 'justice', 'housing'],
  none: ['identity', 'trajectory'],
} as const satisfies Record<LegalBasisKind, readonly DataCategory[]>;

/** What a basis allows; an unknown kind allows what `none` does. */
export function basisCategories(basis: string): readonly DataCategory[] {
  return (BASIS_CATEGORIES as Record<string, readonly DataCategory[]>)[basis] ?? BASIS_CATEGORIES.none;
}

/** `categories` narrowed to what the client's legal basis allows, in the order given. */
export function withinBasis(categories: readonly DataCategory[], basis: string): DataCategory[] {
  const allowed = basisCategories(basis);
  return categories.filter((c) => allowed.includes(c));
}

/**
 * Who may decide, after the consent stage, to go on without consent: record a covenant (COVENANT_INVOKED, or
 * CONSENT_WITHDRAWN with `continueUnder`). The chair (the municipality's process manager) answers for it. Anyone
 * who may record trajectory events records a withdrawal without a covenant: whoever hears it must record it.
 */
export const COVENANT_ROLES = ['chair'] as const;

/** Whether an event (as sent) records a covenant after the consent stage. */
export function invokesCovenant(event: { type: string; continueUnder?: unknown }): boolean {
  return (
    event.type === 'COVENANT_INVOKED' || (event.type === 'CONSENT_WITHDRAWN' && event.continueUnder != null)
  );
}

/** The category of what each event's payload says (the event type and stage change are shown with identity). */
export const EVENT_CATEGORIES = {
  INCLUSION_DECIDED: 'trajectory',
  CONSENT_GIVEN: 'trajectory',
  CONSENT_OVERRIDDEN: 'trajectory',
  CONSENT_REFUSED: 'trajectory',
  TREATMENT_AGREED: 'health',
  CONTACT_LOGGED: 'health',
  AFTERCARE_ITEM_PREPARED: 'trajectory',
  ADMITTED: 'health',
  WITHDRAWN: 'trajectory',
  LEAVE_STARTED: 'health',
  LEAVE_ENDED: 'health',
  DISCHARGED: 'health',
  TREATMENT_ABORTED: 'health',
  POSTAL_ADDRESS_ARRANGED: 'finances',
  POSTAL_ADDRESS_EXTENDED: 'finances',
  POSTAL_ADDRESS_ENDED: 'finances',
  DEBT_ARRANGEMENT_SET: 'finances',
  HOUSED: 'housing',
  THREE_PARTY_EVALUATED: 'housing',
  DAYTIME_ARRANGED: 'trajectory',
  NETWORK_ASSESSED: 'trajectory',
  RELAPSED: 'health',
  MOVED_AWAY: 'identity',
  TRAJECTORY_CLOSED: 'trajectory',
  CONSENT_WITHDRAWN: 'trajectory',
  COVENANT_INVOKED: 'trajectory',
} as const satisfies Record<TrajectoryEventType, DataCategory>;

/** Events of the system and the signal that opened the trajectory. */
export const OTHER_EVENT_CATEGORIES: Record<string, DataCategory> = {
  SIGNAL_REGISTERED: 'trajectory',
  DEADLINE_REACHED: 'trajectory',
};

export function eventCategory(type: string): DataCategory {
  return (
    (EVENT_CATEGORIES as Record<string, DataCategory>)[type] ?? OTHER_EVENT_CATEGORIES[type] ?? 'trajectory'
  );
}

/** The trajectory context, field by field. */
export const CONTEXT_CATEGORIES: Record<string, DataCategory> = {
  inclusion: 'trajectory',
  legalBasis: 'trajectory',
  treatment: 'health',
  preparedAftercare: 'trajectory',
  admission: 'health',
  leaveUntil: 'health',
  leaveOverdue: 'health',
  discharge: 'health',
  relapses: 'health',
  contacts: 'trajectory',
  setback: 'health',
  postalAddress: 'finances',
  debtArrangement: 'finances',
  housing: 'housing',
  daytimeActivity: 'trajectory',
  network: 'trajectory',
  closure: 'trajectory',
  movedTo: 'identity',
};

// Deadlines and blockers say what holds a client up, which the police and the casusoverleg need (domain.md §8:
// the police sees stage, blockers and actions); only those about finances and housing are that partner's.
export const DEADLINE_CATEGORIES = {
  inclusion_decision: 'trajectory',
  consent: 'trajectory',
  waiting_contact: 'trajectory',
  waiting_duration: 'trajectory',
  postal_address_expiry: 'finances',
  three_party_evaluation: 'housing',
  leave_return: 'trajectory',
  action_due: 'trajectory',
  meeting_cadence: 'trajectory',
  condition_review: 'budget',
  urgent_payment: 'budget',
} as const satisfies Record<DeadlineKind, DataCategory>;

export const BLOCKER_CATEGORIES = {
  decision_pending: 'trajectory',
  consent_missing: 'trajectory',
  no_legal_basis: 'trajectory',
  no_treatment_agreed: 'trajectory',
  contact_overdue: 'trajectory',
  waiting_too_long: 'trajectory',
  aftercare_not_ready: 'trajectory',
  postal_address_expiring: 'finances',
  postal_address_expired: 'finances',
  evaluation_overdue: 'housing',
  no_housing: 'housing',
  no_daytime_activity: 'trajectory',
  action_overdue: 'trajectory',
  leave_overdue: 'trajectory',
} as const satisfies Record<BlockerCode, DataCategory>;

/** The client journal (libs/journal): the need-to-know category of each journal category. */
export const JOURNAL_DATA_CATEGORIES = {
  general: 'trajectory',
  health: 'health',
  justice: 'justice',
  housing: 'housing',
  finances: 'finances',
  network: 'trajectory',
} as const satisfies Record<JournalCategory, DataCategory>;

/**
 * The handreiking's questions about a new case (libs/casusoverleg case intake), answer by answer, and its life
 * domains one by one. An answer or domain not listed counts as health: shown only to those who see everything.
 */
export const INTAKE_ANSWER_CATEGORIES: Record<string, DataCategory> = {
  facts: 'trajectory',
  inViewSince: 'trajectory',
  involvement: 'trajectory',
  careNow: 'health',
  careBefore: 'health',
  offences: 'justice',
  nuisance: 'justice',
};
export const LIFE_DOMAIN_CATEGORIES: Record<string, DataCategory> = {
  meaning: 'trajectory',
  housing: 'housing',
  finances: 'finances',
  social_relations: 'trajectory',
  physical_health: 'health',
  mental_health: 'health',
  work_and_activities: 'trajectory',
};

/**
 * Notes and decisions of a meeting (libs/casusoverleg): each is stored with one of these categories, `trajectory`
 * unless the writer chose the one the note is about. Readers see only the records of the categories they may see
 * of that client (meeting view, minutes, export). An inclusion decision is always `trajectory`: its reasons go
 * into the trajectory as INCLUSION_DECIDED.
 */
export const MEETING_RECORD_CATEGORIES = [
  'trajectory',
  'health',
  'justice',
  'housing',
  'finances',
  'budget',
] as const satisfies readonly DataCategory[];
export type MeetingRecordCategory = (typeof MEETING_RECORD_CATEGORIES)[number];
export const DEFAULT_MEETING_RECORD_CATEGORY: MeetingRecordCategory = 'trajectory';

/** The context with the fields of categories the reader may not see left out. */
export function redactContext(context: Record<string, unknown>, categories: readonly DataCategory[]) {
  return Object.fromEntries(
    Object.entries(context).filter(([key]) => categories.includes(CONTEXT_CATEGORIES[key] ?? 'trajectory')),
  );
}

export function mayRead(categories: readonly DataCategory[], category: DataCategory): boolean {
  return categories.includes(category);
}
