// Ids, payloads and context of the client trajectory (domain.md §2).
// Every id in this file is public API: it is stored in snapshots and event history, and sent by clients.

/** Stage ids: the top-level states of the trajectory machine, in order. */
export const STAGES = [
  'signal',
  'consent',
  'motivation',
  'waiting_list',
  'admission',
  'aftercare',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];
export type OpenStage = Exclude<Stage, 'closed'>;

export const STAGE_LABELS = {
  signal: 'Signaal',
  consent: 'Toestemming',
  motivation: 'Motivatie',
  waiting_list: 'Wachtlijst',
  admission: 'Opname',
  aftercare: 'Nazorg',
  closed: 'Afgesloten',
} as const satisfies Record<Stage, string>;

/** The three parties that form the casusoverleg. */
export const CORE_PARTIES = ['municipality', 'addiction_care', 'police'] as const;
export type CoreParty = (typeof CORE_PARTIES)[number];

/** Chain partners join per case when invited (need-to-know). */
export const CHAIN_PARTNERS = [
  'housing_corporation',
  'work_and_income',
  'social_support',
  'financial_administrator',
  'gp',
  'mental_health',
  'peer_expert',
  'other',
] as const;
export type ChainPartner = (typeof CHAIN_PARTNERS)[number];

export const PARTIES = [...CORE_PARTIES, ...CHAIN_PARTNERS] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS = {
  municipality: 'Gemeente (procesregisseur)',
  addiction_care: 'Verslavingszorg',
  police: 'Politie',
  housing_corporation: 'Woningcorporatie',
  work_and_income: 'Werk en inkomen',
  social_support: 'Wmo',
  financial_administrator: 'Bewindvoerder / Stadsbank',
  gp: 'Huisarts',
  mental_health: 'GGZ',
  peer_expert: 'Ervaringsdeskundige',
  other: 'Andere partner',
} as const satisfies Record<Party, string>;

/** Where a signal can come from: any party, plus citizens, the person themselves, the spreekuur and an MDO. */
export const SIGNAL_SOURCES = [...PARTIES, 'citizen', 'self', 'spreekuur', 'mdo'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** Inclusion criteria (handreiking 3.6): both required ones AND at least one additional one. */
export const REQUIRED_CRITERIA = ['serious_substance_use_disorder', 'resident'] as const;
export type RequiredCriterion = (typeof REQUIRED_CRITERIA)[number];

export const ADDITIONAL_CRITERIA = [
  'disproportionate_care_use',
  'cannot_find_regular_care',
  'problems_other_life_domains',
  'serious_signals_from_professionals_or_network',
  'substance_related_offences',
] as const;
export type AdditionalCriterion = (typeof ADDITIONAL_CRITERIA)[number];

export const INCLUSION_CRITERIA = [...REQUIRED_CRITERIA, ...ADDITIONAL_CRITERIA] as const;
export type Criterion = (typeof INCLUSION_CRITERIA)[number];

export const CRITERION_LABELS = {
  serious_substance_use_disorder: 'ernstige verslavingsproblematiek',
  resident: 'inwoner van de gemeente',
  disproportionate_care_use: 'onevenredig veel gebruik van hulp zonder verandering',
  cannot_find_regular_care: 'vindt geen aansluiting bij reguliere zorg',
  problems_other_life_domains: 'problemen op andere leefgebieden',
  serious_signals_from_professionals_or_network: 'ernstige signalen van professionals of netwerk',
  substance_related_offences: 'middelgerelateerde delicten',
} as const satisfies Record<Criterion, string>;

/** Legal bases to share data without consent (exceptional cases). */
export const LEGAL_BASES_OVERRIDE = ['care_covenant', 'safety_covenant'] as const;
export type LegalBasisOverride = (typeof LEGAL_BASES_OVERRIDE)[number];

/**
 * The kind of legal basis a trajectory's data is shared on (domain.md §8), as stored in the trajectory's
 * `legal_basis` column and in the access log:
 * - `pending`: none recorded yet. The casusoverleg assesses a signal (stages `signal` and `consent`) under its
 *   covenant; also a trajectory closed before a basis was recorded (not included).
 * - `consent`: the client consented (CONSENT_GIVEN, with its scope).
 * - `care_covenant`, `safety_covenant`: shared without consent on a covenant, with a justification
 *   (CONSENT_OVERRIDDEN, CONSENT_WITHDRAWN with `continueUnder`, COVENANT_INVOKED).
 * - `none`: the client withdrew consent (CONSENT_WITHDRAWN) and no covenant was recorded, or refused it
 *   (CONSENT_REFUSED). The trajectory stands still until a covenant is recorded or it is closed.
 */
export const LEGAL_BASIS_KINDS = ['pending', 'consent', 'care_covenant', 'safety_covenant', 'none'] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

export const LEGAL_BASIS_LABELS = {
  pending: 'Nog niet vastgelegd (beoordeling van het signaal)',
  consent: 'Toestemming van de cliënt',
  care_covenant: 'Zorgstructuurconvenant',
  safety_covenant: 'Veiligheidshuisconvenant',
  none: 'Geen grondslag (toestemming ingetrokken of geweigerd)',
} as const satisfies Record<LegalBasisKind, string>;

/**
 * What may still happen to a trajectory without a legal basis (`none`): record a covenant, close it, or record
 * that the client moved away. Every other user event is refused (`no_legal_basis`); system events pass.
 */
export const EVENTS_WITHOUT_LEGAL_BASIS = [
  'CONSENT_WITHDRAWN',
  'COVENANT_INVOKED',
  'MOVED_AWAY',
  'TRAJECTORY_CLOSED',
] as const;

export const TREATMENTS = [
  'clinical_detox',
  'ambulatory_detox',
  'clinical',
  'ambulatory',
  'private_clinic',
] as const;
export type Treatment = (typeof TREATMENTS)[number];

export const CONTACT_CHANNELS = ['visit', 'call', 'message'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The aftercare checklist that must be ready before admission ("detox without follow-up is not treatment"). */
export const AFTERCARE_ITEMS = [
  'treatment_followup',
  'finances',
  'housing',
  'daytime_activity',
  'healthy_network',
] as const;
export type AftercareItem = (typeof AFTERCARE_ITEMS)[number];

export const AFTERCARE_ITEM_LABELS = {
  treatment_followup: 'Vervolgbehandeling',
  finances: 'Financiën',
  housing: 'Huisvesting',
  daytime_activity: 'Daginvulling',
  healthy_network: 'Gezond netwerk',
} as const satisfies Record<AftercareItem, string>;

export const DEBT_ARRANGEMENTS = ['none', 'budget_management', 'protective_administration'] as const;
export type DebtArrangement = (typeof DEBT_ARRANGEMENTS)[number];

export const HOUSING_KINDS = [
  'social_rent',
  'supported_living',
  'protected_living',
  'temporary',
  'own_home',
] as const;
export type HousingKind = (typeof HOUSING_KINDS)[number];

export const THREE_PARTY_OUTCOMES = ['continue', 'adjust', 'terminate'] as const;
export type ThreePartyOutcome = (typeof THREE_PARTY_OUTCOMES)[number];

export const DAYTIME_KINDS = [
  'paid_work',
  'volunteer_work',
  'sport',
  'education',
  'home_improvement',
  'other',
] as const;
export type DaytimeKind = (typeof DAYTIME_KINDS)[number];

export const OUTFLOW_REASONS = [
  'goal_achieved',
  'regular_care',
  'moved',
  'dropped_out',
  'declined',
  'not_included',
  'detained',
  'deceased',
  'other',
] as const;
export type OutflowReason = (typeof OUTFLOW_REASONS)[number];

export const STILL_USING = ['yes', 'no', 'unknown'] as const;
export type StillUsing = (typeof STILL_USING)[number];

/** An ISO 8601 date (`2026-12-01`) or date-time with offset (`2026-12-01T14:30:00+01:00`). */
export type IsoDateString = string;

/** Deadline kinds (domain.md §3). The first seven are the trajectory's own (see trajectory.deadlines.ts). */
export const DEADLINE_KINDS = [
  'inclusion_decision',
  'consent',
  'waiting_contact',
  'waiting_duration',
  'postal_address_expiry',
  'three_party_evaluation',
  'leave_return',
  'action_due',
  'meeting_cadence',
  'condition_review',
  'urgent_payment',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_KIND_LABELS = {
  inclusion_decision: 'Besluit over inclusie',
  consent: 'Toestemming',
  waiting_contact: 'Contact tijdens wachttijd',
  waiting_duration: 'Wachttijd',
  postal_address_expiry: 'Postadres verloopt',
  three_party_evaluation: 'Evaluatie driepartijenovereenkomst',
  leave_return: 'Terugkeer van verlof',
  action_due: 'Actie uit het casusoverleg',
  meeting_cadence: 'Volgend casusoverleg',
  condition_review: 'Toets voorwaardelijke afspraak',
  urgent_payment: 'Spoedbetaling',
} as const satisfies Record<DeadlineKind, string>;

// ---------------------------------------------------------------------------------------------------------
// Events. The server validates payload shapes (types, enum membership) before the machine sees them; the
// machine's guards enforce the domain rules (trajectory.rules.ts).

export const TRAJECTORY_EVENT_TYPES = [
  'INCLUSION_DECIDED',
  'CONSENT_GIVEN',
  'CONSENT_OVERRIDDEN',
  'CONSENT_REFUSED',
  'TREATMENT_AGREED',
  'CONTACT_LOGGED',
  'AFTERCARE_ITEM_PREPARED',
  'ADMITTED',
  'WITHDRAWN',
  'LEAVE_STARTED',
  'LEAVE_ENDED',
  'DISCHARGED',
  'TREATMENT_ABORTED',
  'POSTAL_ADDRESS_ARRANGED',
  'POSTAL_ADDRESS_EXTENDED',
  'POSTAL_ADDRESS_ENDED',
  'DEBT_ARRANGEMENT_SET',
  'HOUSED',
  'THREE_PARTY_EVALUATED',
  'DAYTIME_ARRANGED',
  'NETWORK_ASSESSED',
  'RELAPSED',
  'MOVED_AWAY',
  'TRAJECTORY_CLOSED',
  'CONSENT_WITHDRAWN',
  'COVENANT_INVOKED',
] as const;
export type TrajectoryEventType = (typeof TRAJECTORY_EVENT_TYPES)[number];

/**
 * Events the system sends (the server's deadline worker), never a user: not in TRAJECTORY_EVENT_TYPES (the
 * types a user may send over the API), not in `acceptedEventTypes`. Where a system event does not apply,
 * the machine takes no transition and `refusalsFor` reports `event_not_accepted`: the sender treats that as
 * a no-op.
 */
export const SYSTEM_EVENT_TYPES = ['DEADLINE_REACHED'] as const;
export type SystemEventType = (typeof SYSTEM_EVENT_TYPES)[number];

/** Every event type the machine handles: the user event types and the system event types. */
export type AnyTrajectoryEventType = TrajectoryEventType | SystemEventType;

export interface InclusionDecidedEvent {
  type: 'INCLUSION_DECIDED';
  included: boolean;
  /** Ids of the criteria that are met. */
  criteria: readonly Criterion[];
  reasons: string;
  /** Needed to include someone who does not meet the criteria. */
  override?: { reason: string };
}

export interface ConsentGivenEvent {
  type: 'CONSENT_GIVEN';
  scope: string;
}

export interface ConsentOverriddenEvent {
  type: 'CONSENT_OVERRIDDEN';
  legalBasis: LegalBasisOverride;
  justification: string;
}

/** A covenant to continue on, with its justification (the same rule as CONSENT_OVERRIDDEN). */
export interface CovenantBasis {
  legalBasis: LegalBasisOverride;
  justification: string;
}

/**
 * The client withdraws consent (only while the basis is consent, in a stage past `consent`). With `continueUnder`
 * the trajectory continues on that covenant; without it the basis becomes `none`.
 */
export interface ConsentWithdrawnEvent {
  type: 'CONSENT_WITHDRAWN';
  reason: string;
  continueUnder?: CovenantBasis;
}

/** A covenant recorded without consent after the consent stage: after a withdrawal, or another covenant. */
export interface CovenantInvokedEvent extends CovenantBasis {
  type: 'COVENANT_INVOKED';
}

export interface ConsentRefusedEvent {
  type: 'CONSENT_REFUSED';
  reason?: string;
}

export interface TreatmentAgreedEvent {
  type: 'TREATMENT_AGREED';
  treatment: Treatment;
}

export interface ContactLoggedEvent {
  type: 'CONTACT_LOGGED';
  channel: ContactChannel;
  note: string;
}

export interface AftercareItemPreparedEvent {
  type: 'AFTERCARE_ITEM_PREPARED';
  item: AftercareItem;
}

export interface AdmittedEvent {
  type: 'ADMITTED';
  facility: string;
  /** Admission before the aftercare checklist is complete. */
  urgentOverride?: { reason: string };
}

export interface WithdrawnEvent {
  type: 'WITHDRAWN';
  reason?: string;
}

export interface LeaveStartedEvent {
  type: 'LEAVE_STARTED';
  until: IsoDateString;
}

export interface LeaveEndedEvent {
  type: 'LEAVE_ENDED';
  note: string;
}

export interface DischargedEvent {
  type: 'DISCHARGED';
  completed: boolean;
}

export interface TreatmentAbortedEvent {
  type: 'TREATMENT_ABORTED';
  reason?: string;
}

export interface PostalAddressArrangedEvent {
  type: 'POSTAL_ADDRESS_ARRANGED';
  validUntil: IsoDateString;
}

export interface PostalAddressExtendedEvent {
  type: 'POSTAL_ADDRESS_EXTENDED';
  validUntil: IsoDateString;
}

export interface PostalAddressEndedEvent {
  type: 'POSTAL_ADDRESS_ENDED';
  reason: string;
}

export interface DebtArrangementSetEvent {
  type: 'DEBT_ARRANGEMENT_SET';
  kind: DebtArrangement;
}

export interface ThreePartyAgreement {
  startDate: IsoDateString;
  landlord: string;
  careProvider: string;
}

export interface HousedEvent {
  type: 'HOUSED';
  kind: HousingKind;
  threePartyAgreement?: ThreePartyAgreement;
}

export interface ThreePartyEvaluatedEvent {
  type: 'THREE_PARTY_EVALUATED';
  outcome: ThreePartyOutcome;
  note?: string;
}

export interface DaytimeArrangedEvent {
  type: 'DAYTIME_ARRANGED';
  kind: DaytimeKind;
}

export interface NetworkAssessedEvent {
  type: 'NETWORK_ASSESSED';
  healthyEngaged: boolean;
  unhealthyAtDistance: boolean;
}

export interface RelapsedEvent {
  type: 'RELAPSED';
  note?: string;
}

export interface MovedAwayEvent {
  type: 'MOVED_AWAY';
  municipality: string;
}

export interface TrajectoryClosedEvent {
  type: 'TRAJECTORY_CLOSED';
  reason: OutflowReason;
  stillUsing: StillUsing;
}

/**
 * A deadline fell due (system event, sent by the server's deadline worker). It changes the trajectory only
 * where the kind has an effect: `postal_address_expiry` while the postal address is active (finances →
 * `expired`), `leave_return` while on leave (records `leaveOverdue`). Elsewhere it is not accepted.
 */
export interface DeadlineReachedEvent {
  type: 'DEADLINE_REACHED';
  deadlineId: string;
  kind: DeadlineKind;
}

/** The events a user may send (their types are TRAJECTORY_EVENT_TYPES). */
export type UserTrajectoryEvent =
  | InclusionDecidedEvent
  | ConsentGivenEvent
  | ConsentOverriddenEvent
  | ConsentRefusedEvent
  | TreatmentAgreedEvent
  | ContactLoggedEvent
  | AftercareItemPreparedEvent
  | AdmittedEvent
  | WithdrawnEvent
  | LeaveStartedEvent
  | LeaveEndedEvent
  | DischargedEvent
  | TreatmentAbortedEvent
  | PostalAddressArrangedEvent
  | PostalAddressExtendedEvent
  | PostalAddressEndedEvent
  | DebtArrangementSetEvent
  | HousedEvent
  | ThreePartyEvaluatedEvent
  | DaytimeArrangedEvent
  | NetworkAssessedEvent
  | RelapsedEvent
  | MovedAwayEvent
  | TrajectoryClosedEvent
  | ConsentWithdrawnEvent
  | CovenantInvokedEvent;

/** The events the system sends (their types are SYSTEM_EVENT_TYPES). */
export type SystemTrajectoryEvent = DeadlineReachedEvent;

/** Every event of the machine: user events and system events. */
export type TrajectoryEvent = UserTrajectoryEvent | SystemTrajectoryEvent;

/** The event of one type, e.g. `TrajectoryEventOf<'ADMITTED'>`. */
export type TrajectoryEventOf<T extends AnyTrajectoryEventType> = Extract<TrajectoryEvent, { type: T }>;

const SYSTEM_EVENT_TYPE_SET: ReadonlySet<string> = new Set(SYSTEM_EVENT_TYPES);

/** Whether an event is a system event (never sent by a user). */
export function isSystemEvent(event: TrajectoryEvent): event is SystemTrajectoryEvent {
  return SYSTEM_EVENT_TYPE_SET.has(event.type);
}

// ---------------------------------------------------------------------------------------------------------
// Context. Plain JSON only (persisted as JSONB): absent values are `null`, never `undefined`.

export interface InclusionDecision {
  included: boolean;
  criteria: Criterion[];
  reasons: string;
  override: { reason: string } | null;
}

/**
 * The legal basis in force (null: none recorded yet). Who recorded it and when is in the event history (the
 * CONSENT_GIVEN, CONSENT_OVERRIDDEN, CONSENT_WITHDRAWN or COVENANT_INVOKED event that set it).
 * `none`: consent withdrawn without a covenant; `reason` is the reason given for the withdrawal.
 */
export type LegalBasis =
  | { kind: 'consent'; scope: string }
  | { kind: LegalBasisOverride; justification: string }
  | { kind: 'none'; reason: string };

export interface AdmissionRecord {
  facility: string;
  urgentOverride: { reason: string } | null;
}

/** The last event that sent the trajectory back to `motivation`. */
export interface Setback {
  type: 'WITHDRAWN' | 'TREATMENT_ABORTED' | 'RELAPSED';
  fromStage: 'waiting_list' | 'admission' | 'aftercare';
  explanation: string | null;
}

export interface PostalAddressRecord {
  validUntil: IsoDateString;
  /** Set when the postal address ended (`POSTAL_ADDRESS_ENDED`). */
  endedReason: string | null;
  /**
   * Set when its `postal_address_expiry` deadline fell due (DEADLINE_REACHED) before it was extended,
   * re-arranged or ended; cleared by an extension or a new address. Kept as it was when the address ends.
   */
  expired: boolean;
}

export interface ThreePartyEvaluation {
  outcome: ThreePartyOutcome;
  note: string | null;
}

export interface HousingRecord {
  kind: HousingKind;
  threePartyAgreement: ThreePartyAgreement | null;
  /** The last evaluation of the three-party agreement; `terminate` means the client is searching again. */
  lastEvaluation: ThreePartyEvaluation | null;
}

export interface NetworkAssessment {
  healthyEngaged: boolean;
  unhealthyAtDistance: boolean;
}

export interface Closure {
  reason: OutflowReason;
  stillUsing: StillUsing;
  /** Optional free text that came with the closing event (e.g. the reason of `CONSENT_REFUSED`). */
  explanation: string | null;
}

export interface TrajectoryContext {
  inclusion: InclusionDecision | null;
  legalBasis: LegalBasis | null;
  treatment: Treatment | null;
  /** Aftercare checklist, in the order of AFTERCARE_ITEMS, without duplicates. */
  preparedAftercare: AftercareItem[];
  admission: AdmissionRecord | null;
  /** While on leave: when the client is due back. */
  leaveUntil: IsoDateString | null;
  /** While on leave: the leave_return deadline fell due (DEADLINE_REACHED). Cleared when the leave ends. */
  leaveOverdue: boolean;
  discharge: { completed: boolean } | null;
  /** TREATMENT_ABORTED and RELAPSED count as relapses. */
  relapses: number;
  contacts: number;
  setback: Setback | null;
  postalAddress: PostalAddressRecord | null;
  debtArrangement: DebtArrangement | null;
  housing: HousingRecord | null;
  daytimeActivity: DaytimeKind | null;
  network: NetworkAssessment | null;
  closure: Closure | null;
  /** Set by MOVED_AWAY: the municipality that receives the warm handover. */
  movedTo: string | null;
}

/** The machine needs no input: the initial context comes from defaults. */
export type TrajectoryInput = undefined;

/** Why an event is not allowed. `code` is a stable snake_case id, `message` a Dutch sentence for the user. */
export interface Refusal {
  code: string;
  message: string;
}
