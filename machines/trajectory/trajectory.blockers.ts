// Blockers ("waar loopt het vast", domain.md §4): pure derivation from the trajectory's snapshot (which next
// milestone is not yet allowed, and why) and from the firing state of its pending deadlines. Never typed in
// by hand. The server loads the facts (pending deadlines with their highest fired ladder step) and calls
// `deriveBlockers`; `DEADLINE_BLOCKERS` lets it filter the board in SQL with the same mapping.

import { blockedMilestones, stageOf, type TrajectorySnapshot } from './trajectory.inspect';
import {
  hasExpiredPostalAddress,
  hasLegalBasis,
  missingAftercareItems,
  parseIsoDate,
} from './trajectory.rules';
import { AFTERCARE_ITEM_LABELS, type DeadlineKind, type Party } from './trajectory.types';

export const BLOCKER_CODES = [
  'decision_pending',
  'consent_missing',
  'no_legal_basis',
  'no_treatment_agreed',
  'contact_overdue',
  'waiting_too_long',
  'aftercare_not_ready',
  'postal_address_expiring',
  'postal_address_expired',
  'evaluation_overdue',
  'no_housing',
  'no_daytime_activity',
  'action_overdue',
  'leave_overdue',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** Short Dutch labels of the codes (board filters, legends). */
export const BLOCKER_CODE_LABELS = {
  decision_pending: 'Besluit over insluiting nodig',
  consent_missing: 'Toestemming ontbreekt',
  no_legal_basis: 'Toestemming ingetrokken, geen grondslag',
  no_treatment_agreed: 'Geen behandeling afgesproken',
  contact_overdue: 'Contact te lang geleden',
  waiting_too_long: 'Te lang op de wachtlijst',
  aftercare_not_ready: 'Nazorg niet voorbereid',
  postal_address_expiring: 'Postadres verloopt binnenkort',
  postal_address_expired: 'Postadres verlopen',
  evaluation_overdue: 'Evaluatie driepartijenovereenkomst te laat',
  no_housing: 'Geen woning',
  no_daytime_activity: 'Geen daginvulling',
  action_overdue: 'Actie uit het casusoverleg te laat',
  leave_overdue: 'Niet terug van verlof',
} as const satisfies Record<BlockerCode, string>;

/** Who can lift a blocker: a party (domain.md §1), or `chair` (the municipality's process manager / casusoverleg). */
export type BlockerLifter = Party | 'chair';

/**
 * The party that can lift each blocker; the same whether it comes from the machine or from a deadline.
 * - `decision_pending`, `waiting_too_long`, `action_overdue`: the chair. Inclusion is decided by the
 *   casusoverleg; a wait that is too long asks for the chair's escalation or budget (e.g. a private clinic);
 *   an action's owner is not part of a deadline fact, so the chair, who receives its escalation, chases it.
 * - `no_legal_basis`: the chair, who alone records a covenant after consent was withdrawn (or closes).
 * - `evaluation_overdue`, `no_housing`: the housing corporation. It is the landlord in the three-party
 *   agreement (it decides to continue, adjust or terminate the lease) and the party that provides housing;
 *   it also sees only housing matters of the cases it is invited to, and these two are exactly that.
 * - everything else: addiction care, the case coordinator who keeps contact with the client and carries out
 *   the steps (consent, treatment, aftercare checklist, postal address at the institution, leave).
 */
export const BLOCKER_LIFTED_BY = {
  decision_pending: 'chair',
  consent_missing: 'addiction_care',
  no_legal_basis: 'chair',
  no_treatment_agreed: 'addiction_care',
  contact_overdue: 'addiction_care',
  waiting_too_long: 'chair',
  aftercare_not_ready: 'addiction_care',
  postal_address_expiring: 'addiction_care',
  postal_address_expired: 'addiction_care',
  evaluation_overdue: 'housing_corporation',
  no_housing: 'housing_corporation',
  no_daytime_activity: 'addiction_care',
  action_overdue: 'chair',
  leave_overdue: 'addiction_care',
} as const satisfies Record<BlockerCode, BlockerLifter>;

/** Highest ladder step that has fired for a pending deadline ('none' = not yet). */
export type DeadlineFactStep = 'none' | 'warning' | 'overdue' | 'agenda';

/** A pending deadline of the trajectory, as the server knows it. */
export interface DeadlineFact {
  kind: DeadlineKind;
  /** ISO instant. */
  dueAt: string;
  step: DeadlineFactStep;
  /** When that step fired (null for 'none'). */
  firedAt: string | null;
}

export interface Blocker {
  code: BlockerCode;
  /** One Dutch sentence for the board, naming what is missing (no client names). */
  message: string;
  /** The party that can lift it (see BLOCKER_LIFTED_BY). */
  liftedBy: BlockerLifter;
  source: 'machine' | 'deadline';
  /** Set when `source` is 'deadline'. */
  deadlineKind?: DeadlineKind;
}

/**
 * For SQL filters: which deadline kind at which minimum fired step yields which code. A fact whose step is
 * at least `minStep` (warning < overdue < agenda) counts. Per kind only the most severe matching entry
 * applies (postal address: expired over expiring). Kinds without an entry (meeting_cadence,
 * condition_review, urgent_payment) concern the meeting or the budget, not what blocks the trajectory.
 */
export const DEADLINE_BLOCKERS: readonly {
  kind: DeadlineKind;
  minStep: Exclude<DeadlineFactStep, 'none'>;
  code: BlockerCode;
}[] = [
  { kind: 'inclusion_decision', minStep: 'overdue', code: 'decision_pending' },
  { kind: 'consent', minStep: 'overdue', code: 'consent_missing' },
  // Its warning fires when the contact falls due (day 7): from then the contact is overdue on the board,
  // though the chair is told only at the overdue step (day 14).
  { kind: 'waiting_contact', minStep: 'warning', code: 'contact_overdue' },
  { kind: 'waiting_duration', minStep: 'overdue', code: 'waiting_too_long' },
  { kind: 'postal_address_expiry', minStep: 'warning', code: 'postal_address_expiring' },
  { kind: 'postal_address_expiry', minStep: 'overdue', code: 'postal_address_expired' },
  { kind: 'three_party_evaluation', minStep: 'overdue', code: 'evaluation_overdue' },
  { kind: 'leave_return', minStep: 'overdue', code: 'leave_overdue' },
  { kind: 'action_due', minStep: 'overdue', code: 'action_overdue' },
];

const STEP_RANK: Record<DeadlineFactStep, number> = { none: 0, warning: 1, overdue: 2, agenda: 3 };

const CODE_ORDER: ReadonlyMap<BlockerCode, number> = new Map(BLOCKER_CODES.map((code, i) => [code, i]));

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An ISO instant as a Dutch date in Europe/Amsterdam ("1 december 2026"); null when it is no valid date. */
function dutchDate(iso: string | null): string | null {
  if (iso === null) return null;
  const parsed = parseIsoDate(iso);
  // A date without time falls due at 09:00 local time (domain.md §3): noon UTC is that same calendar day.
  const millis =
    parsed === null ? Date.parse(iso) : (parsed.instant ?? Date.parse(`${parsed.date}T12:00:00Z`));
  return Number.isNaN(millis) ? null : DUTCH_DATE.format(millis);
}

/** " op 1 december 2026" or "" when there is no (valid) date. */
function onDate(iso: string | null): string {
  const date = dutchDate(iso);
  return date === null ? '' : ` op ${date}`;
}

function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

function byCodeOrder(a: Blocker, b: Blocker): number {
  return (CODE_ORDER.get(a.code) ?? 0) - (CODE_ORDER.get(b.code) ?? 0);
}

/**
 * Sorted in BLOCKER_CODES order. An expired postal address makes "expiring" meaningless: when both are
 * present (e.g. the machine saw the expiry before the deadline's overdue step was recorded), only
 * `postal_address_expired` stays.
 */
function finish(blockers: Blocker[]): Blocker[] {
  const expired = blockers.some((b) => b.code === 'postal_address_expired');
  return blockers.filter((b) => !(expired && b.code === 'postal_address_expiring')).sort(byCodeOrder);
}

function machineBlocker(code: BlockerCode, message: string): Blocker {
  return { code, message, liftedBy: BLOCKER_LIFTED_BY[code], source: 'machine' };
}

// ---------------------------------------------------------------------------------------------------------
// From the machine

/**
 * Blockers that follow from the snapshot alone (no clock): what the stage waits for.
 * - `signal` → decision_pending; `consent` → consent_missing; `motivation` → no_treatment_agreed: the
 *   milestone of the stage has not happened yet (a decision, not a context rule, so always present there).
 * - `waiting_list` → aftercare_not_ready while ADMITTED is blocked by the aftercare checklist (see
 *   `blockedMilestones`), naming the items not yet prepared.
 * - `admission` on leave with `leaveOverdue` → leave_overdue (leave as such is no blocker: it is practice).
 * - `aftercare` → no_housing / no_daytime_activity while closing with `goal_achieved` is blocked by them;
 *   postal_address_expired while the finances region is `expired`. Only in aftercare: outside it (after a
 *   relapse) the postal address can be neither extended nor ended, and its deadline is withdrawn, so it
 *   would be a blocker nobody can lift; it returns when the client re-enters aftercare.
 * - `closed`: none.
 * - any stage without a legal basis (consent withdrawn, no covenant): only no_legal_basis. Nothing else can move
 *   until a covenant is recorded, so that is the one thing to resolve (or the trajectory is closed).
 */
export function machineBlockers(snapshot: TrajectorySnapshot): Blocker[] {
  if (snapshot.status !== 'active') return [];
  const context = snapshot.context;
  if (!hasLegalBasis(context)) {
    return [
      machineBlocker(
        'no_legal_basis',
        'De cliënt heeft de toestemming ingetrokken en er is geen convenant vastgelegd; het traject staat stil ' +
          'tot de voorzitter een convenant met motivering vastlegt of het traject wordt afgesloten.',
      ),
    ];
  }
  const blockers: Blocker[] = [];
  const refusalCodes = new Set(blockedMilestones(snapshot).flatMap((m) => m.refusals.map((r) => r.code)));

  switch (stageOf(snapshot)) {
    case 'signal':
      blockers.push(
        machineBlocker(
          'decision_pending',
          'Het casusoverleg heeft nog niet besloten of de cliënt wordt ingesloten.',
        ),
      );
      break;
    case 'consent':
      blockers.push(
        machineBlocker(
          'consent_missing',
          'De cliënt heeft nog geen toestemming gegeven en er is geen convenant met motivering vastgelegd.',
        ),
      );
      break;
    case 'motivation':
      blockers.push(
        machineBlocker('no_treatment_agreed', 'Er is nog geen behandeling met de cliënt afgesproken.'),
      );
      break;
    case 'waiting_list':
      if (refusalCodes.has('aftercare_not_ready')) {
        const missing = missingAftercareItems(context.preparedAftercare).map((item) =>
          AFTERCARE_ITEM_LABELS[item].toLowerCase(),
        );
        blockers.push(
          machineBlocker(
            'aftercare_not_ready',
            `Opname wacht op de voorbereiding van de nazorg; nog niet voorbereid: ${dutchList(missing)}.`,
          ),
        );
      }
      break;
    case 'admission': {
      if (snapshot.matches({ admission: 'on_leave' }) && context.leaveOverdue) {
        const due = dutchDate(context.leaveUntil);
        blockers.push(
          machineBlocker(
            'leave_overdue',
            `De cliënt is niet op tijd teruggekeerd van verlof${due === null ? '' : ` (verwacht op ${due})`}.`,
          ),
        );
      }
      break;
    }
    case 'aftercare':
      if (snapshot.matches({ aftercare: { finances: 'expired' } }) && hasExpiredPostalAddress(context)) {
        blockers.push(
          machineBlocker(
            'postal_address_expired',
            `Het tijdelijke postadres is verlopen${onDate(context.postalAddress?.validUntil ?? null)}; verleng het of regel een nieuw.`,
          ),
        );
      }
      if (refusalCodes.has('no_housing')) {
        blockers.push(machineBlocker('no_housing', 'De cliënt heeft nog geen woning.'));
      }
      if (refusalCodes.has('no_daytime_activity')) {
        blockers.push(
          machineBlocker('no_daytime_activity', 'Er is nog geen daginvulling voor de cliënt geregeld.'),
        );
      }
      break;
    default:
      break;
  }
  return finish(blockers);
}

// ---------------------------------------------------------------------------------------------------------
// From deadlines

/** The sentence for a deadline blocker, without the final full stop; `date` is a Dutch date or null. */
function deadlineSentence(code: BlockerCode, date: string | null, count: number): string {
  const on = date === null ? '' : ` op ${date}`;
  const byThen = date === null ? 'al' : `uiterlijk op ${date}`;
  switch (code) {
    case 'decision_pending':
      return `Het besluit over insluiting had ${byThen} genomen moeten zijn`;
    case 'consent_missing':
      return `De toestemming van de cliënt (of een convenant met motivering) had ${byThen} geregeld moeten zijn`;
    case 'contact_overdue':
      return `Er is te lang geen contact met de cliënt geweest; het volgende contact was ${byThen} nodig`;
    case 'waiting_too_long':
      return `De cliënt wacht te lang op opname; de maximale wachttijd liep af${on}`;
    case 'postal_address_expiring':
      return `Het tijdelijke postadres verloopt${on || ' binnenkort'}; verleng het of regel een nieuw`;
    case 'postal_address_expired':
      return `Het tijdelijke postadres is verlopen${on}; verleng het of regel een nieuw`;
    case 'evaluation_overdue':
      return `De evaluatie van de driepartijenovereenkomst had ${byThen} plaats moeten vinden`;
    case 'action_overdue':
      return count > 1
        ? `${count} acties uit het casusoverleg zijn niet op tijd afgerond; de eerste had ${byThen} klaar moeten zijn`
        : `Een actie uit het casusoverleg had ${byThen} klaar moeten zijn`;
    case 'leave_overdue':
      return `De cliënt had ${byThen} terug moeten zijn van verlof`;
    default:
      // Codes that come only from the machine (no entry in DEADLINE_BLOCKERS).
      return BLOCKER_CODE_LABELS[code];
  }
}

/** The most severe entry of DEADLINE_BLOCKERS that a fact reaches, if any. */
function entryFor(fact: DeadlineFact): (typeof DEADLINE_BLOCKERS)[number] | null {
  let best: (typeof DEADLINE_BLOCKERS)[number] | null = null;
  for (const entry of DEADLINE_BLOCKERS) {
    if (entry.kind !== fact.kind || STEP_RANK[fact.step] < STEP_RANK[entry.minStep]) continue;
    if (best === null || STEP_RANK[entry.minStep] > STEP_RANK[best.minStep]) best = entry;
  }
  return best;
}

function dueMillis(fact: DeadlineFact): number {
  const millis = Date.parse(fact.dueAt);
  return Number.isNaN(millis) ? Number.POSITIVE_INFINITY : millis;
}

/**
 * Blockers from the fired steps of pending deadlines (see DEADLINE_BLOCKERS). One blocker per code: several
 * facts with the same code (e.g. overdue actions) make one blocker that counts them and names the earliest
 * due date. The sentence adds that the client is on the next agenda when a fact reached the `agenda` step.
 */
export function deadlineBlockers(facts: DeadlineFact[]): Blocker[] {
  const groups = new Map<BlockerCode, { kind: DeadlineKind; facts: DeadlineFact[] }>();
  for (const fact of facts) {
    const entry = entryFor(fact);
    if (entry === null) continue;
    const group = groups.get(entry.code);
    if (group === undefined) groups.set(entry.code, { kind: entry.kind, facts: [fact] });
    else group.facts.push(fact);
  }
  const blockers: Blocker[] = [];
  for (const [code, group] of groups) {
    const earliest = group.facts.reduce((a, b) => (dueMillis(b) < dueMillis(a) ? b : a));
    const onAgenda = group.facts.some((fact) => fact.step === 'agenda');
    const sentence = deadlineSentence(code, dutchDate(earliest.dueAt), group.facts.length);
    blockers.push({
      code,
      message: `${sentence}${onAgenda ? '; dit staat op de agenda van het volgende casusoverleg' : ''}.`,
      liftedBy: BLOCKER_LIFTED_BY[code],
      source: 'deadline',
      deadlineKind: group.kind,
    });
  }
  return finish(blockers);
}

// ---------------------------------------------------------------------------------------------------------
// Both

/**
 * Both, deduplicated by code (the deadline one wins when both give the same code, because it is more
 * specific), in BLOCKER_CODES order. A closed trajectory has no blockers, whatever deadlines are still
 * pending (e.g. an action from a meeting): the board lists open trajectories.
 */
export function deriveBlockers(snapshot: TrajectorySnapshot, facts: DeadlineFact[]): Blocker[] {
  if (snapshot.status !== 'active') return [];
  const fromDeadlines = deadlineBlockers(facts);
  const codes = new Set(fromDeadlines.map((b) => b.code));
  const fromMachine = machineBlockers(snapshot).filter((b) => !codes.has(b.code));
  return finish([...fromMachine, ...fromDeadlines]);
}
