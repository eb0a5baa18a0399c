// Pure functions over a trajectory snapshot, for the server: step, explain, persist and restore.

import {
  getNextTransitions,
  initialTransition,
  transition,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';
import {
  TRAJECTORY_MACHINE_VERSION,
  initialTrajectoryContext,
  trajectoryMachine,
} from './trajectory.machine';
import {
  POSTAL_ADDRESS_EXPIRED_MESSAGE,
  aftercareReadinessRefusals,
  eventRefusals,
  goalAchievedReadinessRefusals,
  hasLegalBasis,
  noLegalBasisRefusals,
} from './trajectory.rules';
import {
  DEADLINE_KIND_LABELS,
  STAGES,
  STAGE_LABELS,
  TRAJECTORY_EVENT_TYPES,
  isSystemEvent,
  type DeadlineKind,
  type DeadlineReachedEvent,
  type Refusal,
  type Stage,
  type TrajectoryContext,
  type TrajectoryEvent,
  type TrajectoryEventType,
} from './trajectory.types';

export type TrajectorySnapshot = SnapshotFrom<typeof trajectoryMachine>;

/** A snapshot as stored (JSONB): what `getPersistedSnapshot()` returns, after a JSON round trip. */
export interface PersistedTrajectorySnapshot {
  status: 'active' | 'done';
  value: StateValue;
  context: TrajectoryContext;
  historyValue: Record<string, unknown>;
  children: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------
// Reading a snapshot

/** The stage: the key of the active top-level state. */
export function stageOf(snapshot: TrajectorySnapshot): Stage {
  const value = snapshot.value;
  const key = typeof value === 'string' ? value : Object.keys(value)[0];
  if (!(STAGES as readonly string[]).includes(key)) throw new Error(`Unknown trajectory stage '${key}'`);
  return key as Stage;
}

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(TRAJECTORY_EVENT_TYPES);

/**
 * The event types a user may send for which the current state configuration has a transition, ignoring
 * guards, in the order of TRAJECTORY_EVENT_TYPES. System events (SYSTEM_EVENT_TYPES) are never listed. Uses xstate's public `getNextTransitions(snapshot)`, which lists the
 * transitions of the active atomic states and their ancestors (eventless transitions are left out).
 */
export function acceptedEventTypes(snapshot: TrajectorySnapshot): TrajectoryEventType[] {
  if (snapshot.status !== 'active') return [];
  const types = new Set(getNextTransitions(snapshot).map((t) => t.eventType));
  return TRAJECTORY_EVENT_TYPES.filter((type) => EVENT_TYPE_SET.has(type) && types.has(type));
}

/** Dutch description of where the trajectory is, e.g. "Opname (met verlof)". */
function placeLabel(snapshot: TrajectorySnapshot): string {
  const stage = stageOf(snapshot);
  if (snapshot.matches({ admission: 'on_leave' })) return `${STAGE_LABELS[stage]} (met verlof)`;
  if (snapshot.matches({ admission: 'in_treatment' })) return `${STAGE_LABELS[stage]} (in behandeling)`;
  return STAGE_LABELS[stage];
}

/**
 * The deadline kinds whose DEADLINE_REACHED changes the trajectory in its current state (empty elsewhere):
 * `postal_address_expiry` while the postal address is active, `leave_return` while on leave; none without a
 * legal basis (no deadline is pending then, see trajectory.deadlines.ts).
 */
export function deadlineKindsWithEffect(snapshot: TrajectorySnapshot): DeadlineKind[] {
  if (snapshot.status !== 'active' || !hasLegalBasis(snapshot.context)) return [];
  const kinds: DeadlineKind[] = [];
  if (snapshot.matches({ aftercare: { finances: 'active' } })) kinds.push('postal_address_expiry');
  if (snapshot.matches({ admission: 'on_leave' })) kinds.push('leave_return');
  return kinds;
}

/** Why a stage accepts an event type in another of its sub-states but not in the current one. */
function structuralHint(snapshot: TrajectorySnapshot, type: TrajectoryEventType): string | null {
  if (snapshot.status !== 'active') return 'Het traject is afgesloten.';
  switch (type) {
    case 'LEAVE_STARTED':
      return snapshot.matches({ admission: 'on_leave' }) ? 'De cliënt is al met verlof.' : null;
    case 'LEAVE_ENDED':
      return snapshot.matches({ admission: 'in_treatment' }) ? 'De cliënt is niet met verlof.' : null;
    case 'DISCHARGED':
      return snapshot.matches({ admission: 'on_leave' })
        ? 'De cliënt is met verlof; ontslag volgt na terugkeer (LEAVE_ENDED).'
        : null;
    case 'POSTAL_ADDRESS_ARRANGED':
      return snapshot.matches({ aftercare: { finances: 'active' } })
        ? 'Er is al een actief postadres; verleng of beëindig dat.'
        : null;
    case 'POSTAL_ADDRESS_EXTENDED':
    case 'POSTAL_ADDRESS_ENDED':
      return stageOf(snapshot) === 'aftercare' ? 'Er is geen actief postadres.' : null;
    case 'THREE_PARTY_EVALUATED':
      return snapshot.matches({ aftercare: { housing: 'searching' } })
        ? 'De cliënt heeft geen woning.'
        : null;
    case 'CONSENT_WITHDRAWN':
      return stageOf(snapshot) === 'signal' || stageOf(snapshot) === 'consent'
        ? 'Er is nog geen toestemming gegeven om in te trekken.'
        : null;
    case 'COVENANT_INVOKED':
      return stageOf(snapshot) === 'consent'
        ? 'In de fase Toestemming wordt een convenant vastgelegd met CONSENT_OVERRIDDEN.'
        : stageOf(snapshot) === 'signal'
          ? 'Eerst besluit het casusoverleg over insluiting; de grondslag volgt in de fase Toestemming.'
          : null;
    default:
      return null;
  }
}

/** A system event that has no effect here; the sender (the deadline worker) treats it as a no-op. */
function deadlineWithoutEffect(snapshot: TrajectorySnapshot, event: DeadlineReachedEvent): Refusal {
  const label = DEADLINE_KIND_LABELS[event.kind] ?? event.kind;
  const tail =
    snapshot.status !== 'active'
      ? 'Het traject is afgesloten.'
      : event.kind === 'postal_address_expiry' && snapshot.matches({ aftercare: { finances: 'expired' } })
        ? POSTAL_ADDRESS_EXPIRED_MESSAGE
        : 'Deze termijn verandert hier niets aan het traject.';
  return {
    code: 'event_not_accepted',
    message: `In de fase ${placeLabel(snapshot)} kan 'DEADLINE_REACHED' (${label}) niet worden verwerkt. ${tail}`,
  };
}

function notAccepted(snapshot: TrajectorySnapshot, type: TrajectoryEventType): Refusal {
  const hint = structuralHint(snapshot, type);
  const accepted = acceptedEventTypes(snapshot);
  const tail =
    hint ??
    (accepted.length > 0 ? `Wel mogelijk: ${accepted.join(', ')}.` : 'Er zijn geen gebeurtenissen mogelijk.');
  return {
    code: 'event_not_accepted',
    message: `In de fase ${placeLabel(snapshot)} kan '${type}' niet worden verwerkt. ${tail}`,
  };
}

/**
 * Why the machine would not take a transition for `event` (empty when it would). When the current state
 * has no transition for the event type: one refusal `event_not_accepted`; otherwise the refusals of the
 * rule behind the guard. A system event (DEADLINE_REACHED) whose kind has no effect in the current state
 * (see `deadlineKindsWithEffect`) is refused with `event_not_accepted` too. Agrees with `snapshot.can(event)`
 * (tested for every reachable state and event).
 */
export function refusalsFor(snapshot: TrajectorySnapshot, event: TrajectoryEvent): Refusal[] {
  if (isSystemEvent(event)) {
    return deadlineKindsWithEffect(snapshot).includes(event.kind)
      ? []
      : [deadlineWithoutEffect(snapshot, event)];
  }
  if (!acceptedEventTypes(snapshot).includes(event.type)) return [notAccepted(snapshot, event.type)];
  return eventRefusals(stageOf(snapshot), snapshot.context, event);
}

/** The event that moves each stage forward (for `aftercare`: closing with `goal_achieved`). */
export const STAGE_MILESTONES = {
  signal: 'INCLUSION_DECIDED',
  consent: 'CONSENT_GIVEN',
  motivation: 'TREATMENT_AGREED',
  waiting_list: 'ADMITTED',
  admission: 'DISCHARGED',
  aftercare: 'TRAJECTORY_CLOSED',
  closed: null,
} as const satisfies Record<Stage, TrajectoryEventType | null>;

export interface BlockedMilestone {
  type: TrajectoryEventType;
  /** Dutch sentences, one per refusal. */
  reasons: string[];
  refusals: Refusal[];
}

/**
 * The milestone of the current stage when the current context (not the payload) stands in its way
 * without an override. Empty when nothing blocks. Payload-only rules (a substantive reason, a valid date)
 * are not blockers: they are met by sending a proper event.
 * - waiting_list → ADMITTED: the aftercare items not yet prepared (`aftercare_not_ready`; an urgent
 *   override lifts it).
 * - admission → DISCHARGED: while on leave (`on_leave`): discharge waits for the return (LEAVE_ENDED); the
 *   sentence says so when the return is overdue (`leaveOverdue`).
 * - aftercare → TRAJECTORY_CLOSED with `goal_achieved`: no housing (`no_housing`) and/or no daytime
 *   activity (`no_daytime_activity`).
 * - signal, consent, motivation: nothing in the context blocks the decision (a pending decision is a
 *   deadline matter, not a blocked milestone).
 * - any stage without a legal basis (consent withdrawn, no covenant): the milestone waits for a covenant
 *   (`no_legal_basis`), except closing, which needs no basis.
 */
export function blockedMilestones(snapshot: TrajectorySnapshot): BlockedMilestone[] {
  if (snapshot.status !== 'active') return [];
  const context = snapshot.context;
  const blocked = (type: TrajectoryEventType, refusals: Refusal[]): BlockedMilestone[] =>
    refusals.length === 0 ? [] : [{ type, reasons: refusals.map((r) => r.message), refusals }];
  const stage = stageOf(snapshot);
  const milestone = STAGE_MILESTONES[stage];
  if (milestone !== null) {
    const withoutBasis = noLegalBasisRefusals(context, { type: milestone } as TrajectoryEvent);
    if (withoutBasis.length > 0) return blocked(milestone, withoutBasis);
  }
  switch (stage) {
    case 'waiting_list':
      return blocked('ADMITTED', aftercareReadinessRefusals(context));
    case 'admission':
      if (!snapshot.matches({ admission: 'on_leave' })) return [];
      return blocked('DISCHARGED', [
        {
          code: 'on_leave',
          message:
            `De cliënt is met verlof${context.leaveUntil ? ` tot ${context.leaveUntil}` : ''}` +
            `${context.leaveOverdue ? ' en is niet op tijd teruggekeerd' : ''}; ` +
            'ontslag kan pas na terugkeer in de kliniek (LEAVE_ENDED).',
        },
      ]);
    case 'aftercare':
      return blocked('TRAJECTORY_CLOSED', goalAchievedReadinessRefusals(context));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Stepping

/** The snapshot of a new trajectory (stage `signal`). */
export function initialSnapshot(): TrajectorySnapshot {
  const [snapshot] = initialTransition(trajectoryMachine);
  return snapshot;
}

export type ApplyEventResult =
  | {
      ok: true;
      snapshot: TrajectorySnapshot;
      stage: Stage;
      previousStage: Stage;
      /** Whether the state value or the context changed (false e.g. for an already prepared aftercare item). */
      changed: boolean;
    }
  | { ok: false; refusals: Refusal[] };

function fingerprint(snapshot: TrajectorySnapshot): string {
  return JSON.stringify([snapshot.value, snapshot.context]);
}

/**
 * Computes the next snapshot with xstate's pure `transition()`. Refused events (see `refusalsFor`) change
 * nothing and return the refusals.
 */
export function applyEvent(snapshot: TrajectorySnapshot, event: TrajectoryEvent): ApplyEventResult {
  const refusals = refusalsFor(snapshot, event);
  if (refusals.length > 0) return { ok: false, refusals };
  const [next] = transition(trajectoryMachine, snapshot, event);
  return {
    ok: true,
    snapshot: next,
    stage: stageOf(next),
    previousStage: stageOf(snapshot),
    changed: fingerprint(next) !== fingerprint(snapshot),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Persistence

/** The snapshot as plain JSON (for JSONB): xstate's `getPersistedSnapshot()` after a JSON round trip. */
export function persistSnapshot(snapshot: TrajectorySnapshot): PersistedTrajectorySnapshot {
  return JSON.parse(
    JSON.stringify(trajectoryMachine.getPersistedSnapshot(snapshot)),
  ) as PersistedTrajectorySnapshot;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Context fields added to version 1 before it was released (system events: `leaveOverdue`,
 * `postalAddress.expired`). A version 1 snapshot stored without them gets their defaults, so it restores
 * and continues as it was: nothing had expired or was overdue. Other missing fields still make it invalid.
 */
function withDefaultsAddedInVersion1(context: Record<string, unknown>): Record<string, unknown> {
  const upgraded = { ...context };
  if (!('leaveOverdue' in upgraded)) upgraded.leaveOverdue = false;
  const postal = upgraded.postalAddress;
  if (isRecord(postal) && !('expired' in postal)) upgraded.postalAddress = { ...postal, expired: false };
  return upgraded;
}

/**
 * Restores a snapshot persisted by `persistSnapshot` (of the current machine version; older versions are
 * upgraded before). Uses `trajectoryMachine.resolveState({ value, context })`: the machine has no actors
 * and no history states, so value and context are the whole state. Throws on a malformed snapshot or a
 * state value this machine does not have.
 */
export function restoreSnapshot(json: unknown): TrajectorySnapshot {
  const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (
    !isRecord(parsed) ||
    !isRecord(parsed.context) ||
    !(typeof parsed.value === 'string' || isRecord(parsed.value))
  ) {
    throw new Error(
      'Not a persisted trajectory snapshot: expected an object with a state value and a context',
    );
  }
  const context = withDefaultsAddedInVersion1(parsed.context);
  const missing = Object.keys(initialTrajectoryContext()).filter((key) => !(key in context));
  if (missing.length > 0) {
    throw new Error(
      `Not a trajectory snapshot of version ${TRAJECTORY_MACHINE_VERSION}: context lacks ${missing.join(', ')}`,
    );
  }
  return trajectoryMachine.resolveState({
    value: parsed.value as StateValue,
    context: context as unknown as TrajectoryContext,
  });
}
