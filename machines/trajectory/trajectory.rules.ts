// Pure domain rules of the trajectory. Each rule returns the list of refusals (empty = allowed).
// The machine's guards call these functions (a guard passes iff the rule returns no refusals), and
// trajectory.inspect.ts uses the same functions to explain, in Dutch, why an event is refused.

import {
  ADDITIONAL_CRITERIA,
  AFTERCARE_ITEMS,
  AFTERCARE_ITEM_LABELS,
  CRITERION_LABELS,
  EVENTS_WITHOUT_LEGAL_BASIS,
  LEGAL_BASES_OVERRIDE,
  LEGAL_BASIS_LABELS,
  REQUIRED_CRITERIA,
  STAGE_LABELS,
  type AdditionalCriterion,
  type AdmittedEvent,
  type AftercareItem,
  type ConsentGivenEvent,
  type ConsentOverriddenEvent,
  type ConsentRefusedEvent,
  type ConsentWithdrawnEvent,
  type CovenantBasis,
  type CovenantInvokedEvent,
  type Criterion,
  type HousedEvent,
  type InclusionDecidedEvent,
  type LeaveStartedEvent,
  type LegalBasisKind,
  type MovedAwayEvent,
  type PostalAddressArrangedEvent,
  type PostalAddressEndedEvent,
  type PostalAddressExtendedEvent,
  type Refusal,
  type RequiredCriterion,
  type Stage,
  type ThreePartyEvaluatedEvent,
  type TrajectoryClosedEvent,
  type TrajectoryContext,
  type TrajectoryEvent,
  type TreatmentAbortedEvent,
  type WithdrawnEvent,
} from './trajectory.types';

// ---------------------------------------------------------------------------------------------------------
// Free text

/** A substantive text has at least this many characters after trimming. */
export const SUBSTANTIVE_MIN_LENGTH = 10;
/** A substantive text has at least this many words (tokens containing a letter or digit). */
export const SUBSTANTIVE_MIN_WORDS = 2;

const SUBSTANTIVE_HINT = `minstens ${SUBSTANTIVE_MIN_LENGTH} tekens en ${SUBSTANTIVE_MIN_WORDS} woorden`;

/** Whether a free-text reason says something: trimmed length ≥ 10 and at least 2 words. */
export function isSubstantive(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const trimmed = text.trim();
  if (trimmed.length < SUBSTANTIVE_MIN_LENGTH) return false;
  const words = trimmed.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  return words.length >= SUBSTANTIVE_MIN_WORDS;
}

/** Whether a text contains anything but whitespace. */
export function isFilled(text: unknown): boolean {
  return typeof text === 'string' && text.trim().length > 0;
}

/** An optional free text as stored in context: trimmed, and `null` when absent or blank. */
export function normalizeOptionalText(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** An optional reason may be left out (or blank), but when given it must say something. */
function optionalReasonRefusals(reason: string | undefined, what: string): Refusal[] {
  if (normalizeOptionalText(reason) === null || isSubstantive(reason)) return [];
  return [
    {
      code: 'reason_not_substantive',
      message: `Als u een reden opgeeft voor ${what}, moet die iets zeggen (${SUBSTANTIVE_HINT}).`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Dates (ISO 8601: `2026-12-01` or `2026-12-01T14:30:00+01:00`)

export interface ParsedIsoDate {
  /** The calendar date as written (for a date-time: the local date at its offset). */
  date: string;
  /** Milliseconds since the epoch for a date-time; `null` for a date without time. */
  instant: number | null;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Years a date may have: far beyond any real date of a client, yet with room on both sides for the deadlines a
 * date starts (a ladder moves it by days or months), so that every date stays one PostgreSQL and JavaScript's ISO
 * strings can hold (year 0 is not a PostgreSQL date; year 10000 is no ISO 8601 string PostgreSQL reads).
 */
const MIN_YEAR = 1000;
const MAX_YEAR = 2999;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Parses an ISO 8601 date or date-time with offset; `null` when it is neither (or not a real date). */
export function parseIsoDate(value: unknown): ParsedIsoDate | null {
  if (typeof value !== 'string') return null;
  const dateMatch = DATE_PATTERN.exec(value);
  if (dateMatch) {
    const [, y, m, d] = dateMatch;
    return isCalendarDate(Number(y), Number(m), Number(d)) ? { date: value, instant: null } : null;
  }
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return null;
  const [, y, m, d, hh, mm, ss = '0', fraction = '', zone, sign, offH = '0', offM = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, m, d, hh, mm, ss].map(Number);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (Number(offH) > 14 || Number(offM) > 59) return null;
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { date: `${y}-${m}-${d}`, instant };
}

export function isIsoDate(value: unknown): boolean {
  return parseIsoDate(value) !== null;
}

/**
 * Whether `next` is later than `current`. Two date-times compare as instants; otherwise (two dates, or a
 * date and a date-time) the calendar dates as written compare, so a date-time on the same day as a date
 * is not later (a date-only deadline falls due during that day).
 */
export function isLaterDate(next: string, current: string): boolean {
  const a = parseIsoDate(next);
  const b = parseIsoDate(current);
  if (a === null) return false;
  if (b === null) return true;
  if (a.instant !== null && b.instant !== null) return a.instant > b.instant;
  return a.date > b.date;
}

function dateRefusals(value: string, code: string, what: string): Refusal[] {
  return isIsoDate(value)
    ? []
    : [
        {
          code,
          message: `${what} moet een geldige ISO 8601-datum zijn, bijvoorbeeld 2026-12-01 of 2026-12-01T14:30:00+01:00.`,
        },
      ];
}

function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// Facts derived from context (shared by guards, rules and inspection)

export function missingRequiredCriteria(criteria: readonly Criterion[]): RequiredCriterion[] {
  return REQUIRED_CRITERIA.filter((criterion) => !criteria.includes(criterion));
}

export function metAdditionalCriteria(criteria: readonly Criterion[]): AdditionalCriterion[] {
  return ADDITIONAL_CRITERIA.filter((criterion) => criteria.includes(criterion));
}

/** Both required criteria and at least one additional criterion (handreiking 3.6). */
export function meetsInclusionCriteria(criteria: readonly Criterion[]): boolean {
  return missingRequiredCriteria(criteria).length === 0 && metAdditionalCriteria(criteria).length > 0;
}

/** Aftercare checklist items not yet prepared, in checklist order. */
export function missingAftercareItems(prepared: readonly AftercareItem[]): AftercareItem[] {
  return AFTERCARE_ITEMS.filter((item) => !prepared.includes(item));
}

/** A postal address that has not ended and not expired. */
export function hasActivePostalAddress(context: TrajectoryContext): boolean {
  return (
    context.postalAddress !== null &&
    context.postalAddress.endedReason === null &&
    context.postalAddress.expired !== true
  );
}

/** A postal address whose deadline fell due (DEADLINE_REACHED) and that has not been extended or ended. */
export function hasExpiredPostalAddress(context: TrajectoryContext): boolean {
  return (
    context.postalAddress !== null &&
    context.postalAddress.endedReason === null &&
    context.postalAddress.expired === true
  );
}

/** Dutch explanation of an expired postal address (finances `expired`). */
export const POSTAL_ADDRESS_EXPIRED_MESSAGE =
  'Het tijdelijke postadres is verlopen; verleng het of regel een nieuw.';

export function hasEndedPostalAddress(context: TrajectoryContext): boolean {
  return context.postalAddress !== null && context.postalAddress.endedReason !== null;
}

/** Housed, unless the last three-party evaluation terminated the agreement (then the client searches again). */
export function isHoused(context: TrajectoryContext): boolean {
  return context.housing !== null && context.housing.lastEvaluation?.outcome !== 'terminate';
}

export function hasThreePartyAgreement(context: TrajectoryContext): boolean {
  return isHoused(context) && context.housing?.threePartyAgreement != null;
}

/**
 * The kind of legal basis of a trajectory (see LEGAL_BASIS_KINDS): the recorded basis, `none` for a refused
 * consent (closed `declined` without a basis), else `pending`. The database keeps the same derivation as the
 * generated column `trajectory.legal_basis` (migration LegalBasis1795900000000): change both together.
 */
export function legalBasisKindOf(context: TrajectoryContext): LegalBasisKind {
  if (context.legalBasis !== null) return context.legalBasis.kind;
  return context.closure?.reason === 'declined' ? 'none' : 'pending';
}

/** Whether the trajectory may go on: a basis is recorded or pending, not withdrawn without a covenant. */
export function hasLegalBasis(context: TrajectoryContext): boolean {
  return context.legalBasis?.kind !== 'none';
}

const EVENTS_WITHOUT_LEGAL_BASIS_SET: ReadonlySet<string> = new Set(EVENTS_WITHOUT_LEGAL_BASIS);

/** Without a legal basis (`none`) only EVENTS_WITHOUT_LEGAL_BASIS (and system events) may happen. */
export function noLegalBasisRefusals(context: TrajectoryContext, event: TrajectoryEvent): Refusal[] {
  if (
    hasLegalBasis(context) ||
    EVENTS_WITHOUT_LEGAL_BASIS_SET.has(event.type) ||
    event.type === 'DEADLINE_REACHED'
  )
    return [];
  return [
    {
      code: 'no_legal_basis',
      message:
        'De cliënt heeft de toestemming ingetrokken en er is geen convenant vastgelegd: zonder grondslag kan het ' +
        'traject niet verder. Leg een convenant met motivering vast (COVENANT_INVOKED) of sluit het traject af.',
    },
  ];
}

/** A covenant with its justification: the same rule for CONSENT_OVERRIDDEN, a withdrawal's `continueUnder` and COVENANT_INVOKED. */
function covenantRefusals(basis: CovenantBasis): Refusal[] {
  const refusals: Refusal[] = [];
  if (!(LEGAL_BASES_OVERRIDE as readonly string[]).includes(basis.legalBasis)) {
    refusals.push({
      code: 'legal_basis_invalid',
      message:
        'Zonder toestemming werken kan alleen op grond van het zorgstructuurconvenant of het veiligheidshuisconvenant.',
    });
  }
  if (!isSubstantive(basis.justification)) {
    refusals.push({
      code: 'justification_not_substantive',
      message: `De motivering om zonder toestemming te werken is verplicht en moet iets zeggen (${SUBSTANTIVE_HINT}).`,
    });
  }
  return refusals;
}

// ---------------------------------------------------------------------------------------------------------
// Rules per event

export function inclusionRefusals(event: InclusionDecidedEvent): Refusal[] {
  const refusals: Refusal[] = [];
  if (!isSubstantive(event.reasons)) {
    refusals.push({
      code: 'inclusion_reasons_not_substantive',
      message: `De onderbouwing van het besluit over insluiten moet iets zeggen (${SUBSTANTIVE_HINT}).`,
    });
  }
  const override = event.override;
  if (!event.included) {
    if (override !== undefined) {
      refusals.push({
        code: 'override_without_inclusion',
        message: 'Een afwijking (override) hoort alleen bij een besluit om iemand toch in te sluiten.',
      });
    }
    return refusals;
  }
  if (!meetsInclusionCriteria(event.criteria)) {
    const missing = missingRequiredCriteria(event.criteria);
    if (missing.length > 0 && override === undefined) {
      refusals.push({
        code: 'required_criteria_missing',
        message:
          `Insluiten vraagt dat beide vereiste criteria zijn vervuld; niet vervuld: ` +
          `${dutchList(missing.map((c) => CRITERION_LABELS[c]))}. Leg anders een afwijking vast met een reden.`,
      });
    }
    if (metAdditionalCriteria(event.criteria).length === 0 && override === undefined) {
      refusals.push({
        code: 'additional_criterion_missing',
        message:
          'Insluiten vraagt minstens één aanvullend criterium (zoals ' +
          `${CRITERION_LABELS.disproportionate_care_use} of ${CRITERION_LABELS.substance_related_offences}). ` +
          'Leg anders een afwijking vast met een reden.',
      });
    }
  }
  if (override !== undefined && !isSubstantive(override.reason)) {
    refusals.push({
      code: 'override_reason_not_substantive',
      message: `De reden om af te wijken van de criteria moet iets zeggen (${SUBSTANTIVE_HINT}).`,
    });
  }
  return refusals;
}

export function consentGivenRefusals(event: ConsentGivenEvent): Refusal[] {
  return isFilled(event.scope)
    ? []
    : [{ code: 'consent_scope_missing', message: 'Geef aan waarvoor de cliënt toestemming geeft.' }];
}

export function consentOverrideRefusals(event: ConsentOverriddenEvent): Refusal[] {
  return covenantRefusals(event);
}

/**
 * Withdrawing consent: only while the basis is consent; the reason must say something, and a covenant to continue
 * on (`continueUnder`) needs a substantive justification like CONSENT_OVERRIDDEN.
 */
export function consentWithdrawalRefusals(
  context: TrajectoryContext,
  event: ConsentWithdrawnEvent,
): Refusal[] {
  const refusals: Refusal[] = [];
  const basis = context.legalBasis;
  if (basis?.kind !== 'consent') {
    refusals.push({
      code: 'consent_not_in_force',
      message:
        basis === null
          ? 'Er is nog geen toestemming vastgelegd om in te trekken.'
          : basis.kind === 'none'
            ? 'De toestemming is al ingetrokken; leg zo nodig een convenant vast (COVENANT_INVOKED).'
            : `Er is geen toestemming om in te trekken: het traject loopt op grond van het ${LEGAL_BASIS_LABELS[basis.kind].toLowerCase()}.`,
    });
  }
  if (!isSubstantive(event.reason)) {
    refusals.push({
      code: 'withdrawal_reason_not_substantive',
      message: `Geef aan waarom de cliënt de toestemming intrekt (${SUBSTANTIVE_HINT}).`,
    });
  }
  if (event.continueUnder !== undefined) refusals.push(...covenantRefusals(event.continueUnder));
  return refusals;
}

/**
 * Recording a covenant after the consent stage: when the consent was withdrawn (`none`), or to move from one
 * covenant to the other; not while the client's consent is in force.
 */
export function covenantInvocationRefusals(
  context: TrajectoryContext,
  event: CovenantInvokedEvent,
): Refusal[] {
  const refusals: Refusal[] = [];
  const basis = context.legalBasis;
  if (basis === null) {
    refusals.push({
      code: 'consent_stage_not_passed',
      message:
        'Een convenant zonder toestemming wordt in de fase Toestemming vastgelegd (CONSENT_OVERRIDDEN).',
    });
  } else if (basis.kind === 'consent') {
    refusals.push({
      code: 'consent_in_force',
      message:
        'De cliënt heeft toestemming gegeven; een convenant is pas nodig als die is ingetrokken (CONSENT_WITHDRAWN).',
    });
  }
  refusals.push(...covenantRefusals(event));
  return refusals;
}

export function consentRefusedRefusals(event: ConsentRefusedEvent): Refusal[] {
  return optionalReasonRefusals(event.reason, 'het weigeren van toestemming');
}

/** The context part of the admission rule: the aftercare checklist must be complete (used for blockers too). */
export function aftercareReadinessRefusals(context: TrajectoryContext): Refusal[] {
  const missing = missingAftercareItems(context.preparedAftercare);
  if (missing.length === 0) return [];
  return [
    {
      code: 'aftercare_not_ready',
      message:
        `Opname kan pas als de nazorg is voorbereid; nog niet voorbereid: ` +
        `${dutchList(missing.map((item) => AFTERCARE_ITEM_LABELS[item]))}. ` +
        'Bij spoed kan een urgente afwijking met reden.',
    },
  ];
}

export function admissionRefusals(context: TrajectoryContext, event: AdmittedEvent): Refusal[] {
  const refusals: Refusal[] = [];
  if (!isFilled(event.facility)) {
    refusals.push({
      code: 'facility_missing',
      message: 'Geef aan in welke instelling de cliënt wordt opgenomen.',
    });
  }
  if (event.urgentOverride === undefined) {
    refusals.push(...aftercareReadinessRefusals(context));
  } else if (!isSubstantive(event.urgentOverride.reason)) {
    refusals.push({
      code: 'urgent_override_reason_not_substantive',
      message: `De reden voor een urgente opname zonder complete nazorg moet iets zeggen (${SUBSTANTIVE_HINT}).`,
    });
  }
  return refusals;
}

export function withdrawalRefusals(event: WithdrawnEvent): Refusal[] {
  return optionalReasonRefusals(event.reason, 'het terugtrekken van de wachtlijst');
}

export function leaveStartRefusals(event: LeaveStartedEvent): Refusal[] {
  return dateRefusals(event.until, 'leave_until_invalid', 'De einddatum van het verlof');
}

export function treatmentAbortRefusals(event: TreatmentAbortedEvent): Refusal[] {
  return optionalReasonRefusals(event.reason, 'het afbreken van de behandeling');
}

export function postalArrangementRefusals(event: PostalAddressArrangedEvent): Refusal[] {
  return dateRefusals(event.validUntil, 'valid_until_invalid', 'De einddatum van het postadres');
}

export function postalExtensionRefusals(
  context: TrajectoryContext,
  event: PostalAddressExtendedEvent,
): Refusal[] {
  const invalid = dateRefusals(
    event.validUntil,
    'valid_until_invalid',
    'De nieuwe einddatum van het postadres',
  );
  if (invalid.length > 0) return invalid;
  const current = context.postalAddress;
  // An expired address (not ended) can still be extended.
  if (current === null || current.endedReason !== null) {
    return [{ code: 'no_active_postal_address', message: 'Er is geen actief postadres om te verlengen.' }];
  }
  if (!isLaterDate(event.validUntil, current.validUntil)) {
    return [
      {
        code: 'extension_not_later',
        message: `De nieuwe einddatum van het postadres (${event.validUntil}) moet later liggen dan de huidige (${current.validUntil}).`,
      },
    ];
  }
  return [];
}

export function postalEndRefusals(event: PostalAddressEndedEvent): Refusal[] {
  return isSubstantive(event.reason)
    ? []
    : [
        {
          code: 'postal_end_reason_not_substantive',
          message: `De reden waarom het postadres stopt moet iets zeggen (${SUBSTANTIVE_HINT}).`,
        },
      ];
}

export function housingRefusals(event: HousedEvent): Refusal[] {
  const agreement = event.threePartyAgreement;
  if (agreement === undefined) return [];
  const refusals = dateRefusals(
    agreement.startDate,
    'agreement_start_invalid',
    'De ingangsdatum van de driepartijenovereenkomst',
  );
  if (!isFilled(agreement.landlord) || !isFilled(agreement.careProvider)) {
    refusals.push({
      code: 'agreement_party_missing',
      message: 'Noem bij een driepartijenovereenkomst zowel de verhuurder als de zorgaanbieder.',
    });
  }
  return refusals;
}

export function threePartyEvaluationRefusals(
  context: TrajectoryContext,
  event: ThreePartyEvaluatedEvent,
): Refusal[] {
  const refusals: Refusal[] = [];
  if (!hasThreePartyAgreement(context)) {
    refusals.push({
      code: 'no_three_party_agreement',
      message:
        'Er is geen driepartijenovereenkomst om te evalueren: de huidige woning is zonder overeenkomst vastgelegd.',
    });
  }
  if (event.outcome !== 'continue' && !isSubstantive(event.note)) {
    refusals.push({
      code: 'evaluation_note_required',
      message: `Bij aanpassen of beëindigen van de driepartijenovereenkomst is een toelichting verplicht (${SUBSTANTIVE_HINT}).`,
    });
  }
  return refusals;
}

export function moveRefusals(event: MovedAwayEvent): Refusal[] {
  return isFilled(event.municipality)
    ? []
    : [{ code: 'municipality_missing', message: 'Geef aan naar welke gemeente de cliënt is verhuisd.' }];
}

/** The context part of closing with `goal_achieved` from aftercare: housing and a daytime activity (used for blockers too). */
export function goalAchievedReadinessRefusals(context: TrajectoryContext): Refusal[] {
  const refusals: Refusal[] = [];
  if (!isHoused(context)) {
    refusals.push({
      code: 'no_housing',
      message: "Afsluiten met 'doel bereikt' vraagt huisvesting; de cliënt heeft nog geen woning.",
    });
  }
  if (context.daytimeActivity === null) {
    refusals.push({
      code: 'no_daytime_activity',
      message: "Afsluiten met 'doel bereikt' vraagt een daginvulling; die is nog niet geregeld.",
    });
  }
  return refusals;
}

export function closureRefusals(
  stage: Stage,
  context: TrajectoryContext,
  event: TrajectoryClosedEvent,
): Refusal[] {
  switch (event.reason) {
    case 'moved':
      return [
        {
          code: 'use_moved_away',
          message:
            'Leg een verhuizing vast met MOVED_AWAY (met de nieuwe gemeente), zodat de warme overdracht volgt.',
        },
      ];
    case 'not_included':
      return [
        {
          code: 'use_inclusion_decision',
          message:
            'Niet insluiten wordt vastgelegd als besluit met onderbouwing (INCLUSION_DECIDED), niet als afsluiting.',
        },
      ];
    case 'goal_achieved':
      if (stage !== 'aftercare') {
        return [
          {
            code: 'goal_achieved_only_from_aftercare',
            message: `Afsluiten met 'doel bereikt' kan alleen vanuit de fase ${STAGE_LABELS.aftercare}, niet vanuit ${STAGE_LABELS[stage]}.`,
          },
        ];
      }
      return goalAchievedReadinessRefusals(context);
    default:
      return [];
  }
}

/**
 * The domain rules of `event` in `stage` with `context`, ignoring whether the stage accepts the event at
 * all (that is structure, see trajectory.inspect.ts). Events without a rule return no refusals; so does the
 * system event DEADLINE_REACHED (whether its kind has an effect depends on the state, see
 * `deadlineKindsWithEffect` in trajectory.inspect.ts). Without a legal basis (consent withdrawn, no covenant)
 * every user event outside EVENTS_WITHOUT_LEGAL_BASIS is refused with `no_legal_basis` before its own rule.
 */
export function eventRefusals(stage: Stage, context: TrajectoryContext, event: TrajectoryEvent): Refusal[] {
  const withoutBasis = noLegalBasisRefusals(context, event);
  if (withoutBasis.length > 0) return withoutBasis;
  switch (event.type) {
    case 'INCLUSION_DECIDED':
      return inclusionRefusals(event);
    case 'CONSENT_GIVEN':
      return consentGivenRefusals(event);
    case 'CONSENT_OVERRIDDEN':
      return consentOverrideRefusals(event);
    case 'CONSENT_REFUSED':
      return consentRefusedRefusals(event);
    case 'ADMITTED':
      return admissionRefusals(context, event);
    case 'WITHDRAWN':
      return withdrawalRefusals(event);
    case 'LEAVE_STARTED':
      return leaveStartRefusals(event);
    case 'TREATMENT_ABORTED':
      return treatmentAbortRefusals(event);
    case 'POSTAL_ADDRESS_ARRANGED':
      return postalArrangementRefusals(event);
    case 'POSTAL_ADDRESS_EXTENDED':
      return postalExtensionRefusals(context, event);
    case 'POSTAL_ADDRESS_ENDED':
      return postalEndRefusals(event);
    case 'HOUSED':
      return housingRefusals(event);
    case 'THREE_PARTY_EVALUATED':
      return threePartyEvaluationRefusals(context, event);
    case 'MOVED_AWAY':
      return moveRefusals(event);
    case 'TRAJECTORY_CLOSED':
      return closureRefusals(stage, context, event);
    case 'CONSENT_WITHDRAWN':
      return consentWithdrawalRefusals(context, event);
    case 'COVENANT_INVOKED':
      return covenantInvocationRefusals(context, event);
    case 'TREATMENT_AGREED':
    case 'CONTACT_LOGGED':
    case 'AFTERCARE_ITEM_PREPARED':
    case 'LEAVE_ENDED':
    case 'DISCHARGED':
    case 'DEBT_ARRANGEMENT_SET':
    case 'DAYTIME_ARRANGED':
    case 'NETWORK_ASSESSED':
    case 'RELAPSED':
    case 'DEADLINE_REACHED':
      return [];
  }
}
