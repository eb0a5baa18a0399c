// What anonymisation keeps and what it removes (issue 5 item 5, domain.md §8: "reports keep only aggregates").
// Pure: the service reads the rows, these functions say what they become, the service writes them back.
//
// The rule is an allow-list: a string is kept only where its path is listed below (enum ids, dates, criteria,
// the kind of treatment, the outflow reason, …); every other string becomes ANONYMISED_TEXT. Numbers, booleans
// and null are kept: counts and yes/no facts identify no one. Shapes stay as they were (same keys, same nesting),
// so snapshots still restore and payloads still read; a field nobody listed yet is removed, never kept.

/** Replaces a client's display name. */
export const ANONYMISED_NAME = 'Geanonimiseerd';
/** Replaces every piece of free text. */
export const ANONYMISED_TEXT = '[geanonimiseerd]';

/**
 * The payload fields kept per history event type (dotted paths; an array's elements share its path). Each is an
 * enum id, a date, a boolean or an id of the system, never free text. Anything else is removed, including the
 * free text of: signal descriptions, inclusion reasons and override reasons, consent scopes and covenant
 * justifications, refusal/withdrawal/abort reasons, contact and leave notes, the facility, the postal address's
 * end reason, landlord and care provider, evaluation notes, relapse notes, the new municipality.
 */
export const KEPT_PAYLOAD_FIELDS: Record<string, readonly string[]> = {
  SIGNAL_REGISTERED: ['source'],
  INCLUSION_DECIDED: ['included', 'criteria'],
  CONSENT_GIVEN: [],
  CONSENT_OVERRIDDEN: ['legalBasis'],
  CONSENT_REFUSED: [],
  TREATMENT_AGREED: ['treatment'],
  CONTACT_LOGGED: ['channel'],
  AFTERCARE_ITEM_PREPARED: ['item'],
  ADMITTED: [],
  WITHDRAWN: [],
  LEAVE_STARTED: ['until'],
  LEAVE_ENDED: [],
  DISCHARGED: ['completed'],
  TREATMENT_ABORTED: [],
  POSTAL_ADDRESS_ARRANGED: ['validUntil'],
  POSTAL_ADDRESS_EXTENDED: ['validUntil'],
  POSTAL_ADDRESS_ENDED: [],
  DEBT_ARRANGEMENT_SET: ['kind'],
  HOUSED: ['kind', 'threePartyAgreement.startDate'],
  THREE_PARTY_EVALUATED: ['outcome'],
  DAYTIME_ARRANGED: ['kind'],
  NETWORK_ASSESSED: ['healthyEngaged', 'unhealthyAtDistance'],
  RELAPSED: [],
  MOVED_AWAY: [],
  TRAJECTORY_CLOSED: ['reason', 'stillUsing'],
  CONSENT_WITHDRAWN: ['continueUnder.legalBasis'],
  COVENANT_INVOKED: ['legalBasis'],
  DEADLINE_REACHED: ['deadlineId', 'kind'],
};

/** The trajectory context's fields kept (see TrajectoryContext in machines/trajectory/trajectory.types.ts). */
export const KEPT_CONTEXT_FIELDS: readonly string[] = [
  'inclusion.included',
  'inclusion.criteria',
  'legalBasis.kind',
  'treatment',
  'preparedAftercare',
  'leaveUntil',
  'discharge',
  'setback.type',
  'setback.fromStage',
  'postalAddress.validUntil',
  'debtArrangement',
  'housing.kind',
  'housing.threePartyAgreement.startDate',
  'housing.lastEvaluation.outcome',
  'daytimeActivity',
  'network',
  'closure.reason',
  'closure.stillUsing',
];

/**
 * The budget's free text about the client (libs/budget), per table (each has a client_id), replaced by
 * ANONYMISED_TEXT where filled in: descriptions, conditions, the chair's notes and reasons, review notes. Amounts,
 * categories, kinds, statuses, dates and who decided stay: spending by category is reported on (domain.md §7).
 * Loan repayments hold no text.
 */
export const BUDGET_FREE_TEXT_COLUMNS = {
  spend: [
    'description',
    'conditions',
    'decision_reason',
    'over_budget_reason',
    'cancel_reason',
    'write_off_reason',
  ],
  conditional_arrangement: ['conditions', 'outcome_note', 'cancel_reason'],
} as const satisfies Record<string, readonly string[]>;

/** The handreiking answers kept (case_intake.answers): only since when the client was in view (a date). */
export const KEPT_INTAKE_FIELDS: readonly string[] = ['inViewSince'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` with every string whose path is not in `kept` (or under a kept path) replaced by ANONYMISED_TEXT.
 * Numbers, booleans and null stay; objects and arrays keep their shape.
 */
export function scrub(value: unknown, kept: ReadonlySet<string>, path = ''): unknown {
  if (path !== '' && kept.has(path)) return value;
  if (typeof value === 'string') return ANONYMISED_TEXT;
  if (Array.isArray(value)) return value.map((item) => scrub(item, kept, path));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, scrub(child, kept, path ? `${path}.${key}` : key)]),
    );
  }
  return value;
}

const pathSet = (paths: readonly string[]) => new Set(paths);
const PAYLOAD_SETS = new Map(
  Object.entries(KEPT_PAYLOAD_FIELDS).map(([type, paths]) => [type, pathSet(paths)]),
);
const CONTEXT_SET = pathSet(KEPT_CONTEXT_FIELDS);
const INTAKE_SET = pathSet(KEPT_INTAKE_FIELDS);
const NOTHING = new Set<string>();

/** A history event's payload without free text; an event type nobody listed keeps no string at all. */
export function anonymisePayload(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  return scrub(payload, PAYLOAD_SETS.get(type) ?? NOTHING) as Record<string, unknown>;
}

/** A persisted trajectory snapshot with its context's free text removed; state value and the rest untouched. */
export function anonymiseSnapshot(snapshot: unknown): unknown {
  if (!isRecord(snapshot) || !isRecord(snapshot.context)) return snapshot;
  return { ...snapshot, context: scrub(snapshot.context, CONTEXT_SET) };
}

/** One party's handreiking answers without free text. */
export function anonymiseIntakeAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  return scrub(answers, INTAKE_SET) as Record<string, unknown>;
}
