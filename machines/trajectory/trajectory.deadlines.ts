// Deadlines as data (architecture invariants 1–2, domain.md §3): for one step of the trajectory, which
// deadlines start, move or are withdrawn. Pure: the services turn these changes into rows and jobs.

import { stageOf, type TrajectorySnapshot } from './trajectory.inspect';
import { hasLegalBasis, hasThreePartyAgreement, normalizeOptionalText } from './trajectory.rules';
import type {
  DeadlineKind,
  HousedEvent,
  PostalAddressArrangedEvent,
  PostalAddressExtendedEvent,
  ThreePartyEvaluatedEvent,
  TrajectoryEvent,
} from './trajectory.types';

/** The kinds a trajectory's own transitions start and withdraw (the others come from meetings and the budget). */
export const TRAJECTORY_DEADLINE_KINDS = [
  'inclusion_decision',
  'consent',
  'waiting_contact',
  'waiting_duration',
  'postal_address_expiry',
  'three_party_evaluation',
  'leave_return',
] as const satisfies readonly DeadlineKind[];
export type TrajectoryDeadlineKind = (typeof TRAJECTORY_DEADLINE_KINDS)[number];

/**
 * `base` is what the deadline counts from: 'event' = the time of the event that caused it (the service adds
 * the per-casusoverleg offset, e.g. +14 days for consent), or an ISO date / date-time from the payload
 * (postal address validUntil, leave until, three-party startDate: the service adds the offset, 0 or 3 months).
 */
export type DeadlineChange =
  /** Start a deadline of this kind, or move it if one of this kind is pending. */
  | { op: 'start'; kind: TrajectoryDeadlineKind; base: 'event' | string }
  /** Withdraw the pending deadline of this kind, if any. */
  | { op: 'cancel'; kind: TrajectoryDeadlineKind };

/** The event of a step: a trajectory event, or the registration of the signal (the first step). */
export type DeadlineStepEvent = TrajectoryEvent | { type: 'SIGNAL_REGISTERED' };

type Pending = Map<TrajectoryDeadlineKind, string>;

/**
 * The trajectory deadlines that belong to the state of `snapshot`, with the base they count from:
 * - `signal`: inclusion_decision; `consent`: consent;
 * - `waiting_list`: waiting_contact and waiting_duration; `admission`: waiting_contact, plus leave_return
 *   (until the leave's end) while `on_leave`;
 * - `aftercare`: postal_address_expiry (validUntil) while `finances` is `active` or `expired` (an expired
 *   address keeps its deadline, so its escalation ladder runs on; but see `startsWithState`: re-entering
 *   aftercare does not start one for an address that had already expired); three_party_evaluation while
 *   `housing` is `housed` with an agreement that is still to be evaluated: never evaluated (counts from the
 *   agreement's startDate) or evaluated with outcome `adjust` (counts from the event).
 * - none while there is no legal basis (consent withdrawn without a covenant): nothing may be done for the
 *   client until a covenant is recorded, so nobody is chased for it (the board shows `no_legal_basis` to the
 *   chair instead). Recording a covenant starts what the state implies again, counting from that event.
 */
function pendingDeadlines(snapshot: TrajectorySnapshot | null): Pending {
  const pending: Pending = new Map();
  if (snapshot === null || snapshot.status !== 'active') return pending;
  const context = snapshot.context;
  if (!hasLegalBasis(context)) return pending;
  switch (stageOf(snapshot)) {
    case 'signal':
      pending.set('inclusion_decision', 'event');
      break;
    case 'consent':
      pending.set('consent', 'event');
      break;
    case 'waiting_list':
      pending.set('waiting_contact', 'event');
      pending.set('waiting_duration', 'event');
      break;
    case 'admission':
      pending.set('waiting_contact', 'event');
      if (snapshot.matches({ admission: 'on_leave' }) && context.leaveUntil !== null) {
        pending.set('leave_return', context.leaveUntil);
      }
      break;
    case 'aftercare': {
      const postalPending =
        snapshot.matches({ aftercare: { finances: 'active' } }) ||
        snapshot.matches({ aftercare: { finances: 'expired' } });
      if (postalPending && context.postalAddress !== null) {
        pending.set('postal_address_expiry', context.postalAddress.validUntil);
      }
      const agreement = context.housing?.threePartyAgreement ?? null;
      if (
        snapshot.matches({ aftercare: { housing: 'housed' } }) &&
        hasThreePartyAgreement(context) &&
        agreement !== null
      ) {
        const last = context.housing?.lastEvaluation ?? null;
        if (last === null) pending.set('three_party_evaluation', agreement.startDate);
        else if (last.outcome === 'adjust') pending.set('three_party_evaluation', 'event');
      }
      break;
    }
    default:
      break;
  }
  return pending;
}

/**
 * Whether a deadline that belongs to `next` but was not pending before starts just because the state now
 * implies it. Always, except postal_address_expiry for an address that is `expired`: the only way into that
 * state without its deadline is re-entering aftercare (after a relapse) with the address that expired
 * before the relapse. Its ladder already ran (the expiry is what moved the region to `expired`), so
 * restarting it from the old, past validUntil would only send the same warning, overdue and agenda steps
 * again at once. The region shows the address as expired, and a new address or an extension starts a
 * deadline as usual.
 *
 * An address that was still `active` at the relapse is resumed as `active` and its deadline starts again
 * from its validUntil, also when that date has passed in the meantime: that expiry has never been escalated
 * (the relapse withdrew the deadline before it fell due), so owner and chair are told once, straight away,
 * and the overdue step moves the region to `expired`. (Its late warning goes out with them; skipping a
 * warning that is already past is for the schedule to decide, not these declarations.) The declarations
 * cannot tell the two cases apart by date (they have no clock), and need not: what matters is whether the
 * expiry was escalated, and `expired` records that.
 */
function startsWithState(kind: TrajectoryDeadlineKind, next: TrajectorySnapshot): boolean {
  return !(kind === 'postal_address_expiry' && next.matches({ aftercare: { finances: 'expired' } }));
}

/** Whether `next` holds the housing record that `event` makes (so the HOUSED event was taken). */
function recordsHousing(before: TrajectorySnapshot, event: HousedEvent, next: TrajectorySnapshot): boolean {
  const housing = next.context.housing;
  return (
    stageOf(before) === 'aftercare' &&
    next.matches({ aftercare: { housing: 'housed' } }) &&
    housing !== null &&
    housing.kind === event.kind &&
    housing.lastEvaluation === null &&
    (housing.threePartyAgreement?.startDate ?? null) === (event.threePartyAgreement?.startDate ?? null)
  );
}

/**
 * Whether `next` holds the postal address that `event` makes (so the ARRANGED or EXTENDED event was taken):
 * finances went to `active` with the event's validUntil, from another finances state or another date.
 */
function recordsPostalAddress(
  before: TrajectorySnapshot,
  event: PostalAddressArrangedEvent | PostalAddressExtendedEvent,
  next: TrajectorySnapshot,
): boolean {
  const wasActive = before.matches({ aftercare: { finances: 'active' } });
  return (
    stageOf(before) === 'aftercare' &&
    next.matches({ aftercare: { finances: 'active' } }) &&
    next.context.postalAddress?.validUntil === event.validUntil &&
    (!wasActive || before.context.postalAddress?.validUntil !== event.validUntil)
  );
}

/** Whether `next` holds the evaluation that `event` makes (so the THREE_PARTY_EVALUATED event was taken). */
function recordsEvaluation(
  before: TrajectorySnapshot,
  event: ThreePartyEvaluatedEvent,
  next: TrajectorySnapshot,
): boolean {
  const last = next.context.housing?.lastEvaluation ?? null;
  return (
    stageOf(before) === 'aftercare' &&
    hasThreePartyAgreement(before.context) &&
    stageOf(next) === 'aftercare' &&
    last !== null &&
    last.outcome === event.outcome &&
    last.note === normalizeOptionalText(event.note)
  );
}

/**
 * The deadline changes of one step of the trajectory: `before` → `event` → `next`, where `next` is the
 * snapshot the machine computed for `event` from `before` (a refused event is no step). `before` is null for
 * the first step, the signal registration (`SIGNAL_REGISTERED`, `next` = `initialSnapshot()`).
 *
 * Derived from the deadlines that belong to the state before and after (see `pendingDeadlines`): one that
 * no longer belongs is cancelled, one that newly belongs (or whose date base changed, e.g. an extended
 * postal address) is started, except an expired postal address on re-entering aftercare (see
 * `startsWithState`). On top of that, per event: entering `admission` restarts waiting_contact,
 * `POSTAL_ADDRESS_ARRANGED` / `_EXTENDED` start (move) postal_address_expiry, also from `expired` with the
 * same date;
 * `CONTACT_LOGGED` in `waiting_list`/`admission` moves it, `HOUSED` starts (with an agreement) or cancels
 * three_party_evaluation, `THREE_PARTY_EVALUATED` cancels it or, with outcome `adjust`, starts a new one
 * from the event. Reaching `closed` cancels every trajectory kind.
 *
 * `DEADLINE_REACHED` (a system event) starts and cancels nothing: the deadline that fell due stays pending
 * (an expired postal address, an overdue leave) until the state it belongs to is left.
 *
 * A cancel withdraws the pending deadline of its kind if there is one: leaving a re-entered aftercare with
 * an address that had already expired cancels postal_address_expiry, which then finds nothing pending.
 *
 * Cancels come before starts, each in the order of DEADLINE_KINDS; at most one change per kind.
 */
export function deadlineChanges(
  before: TrajectorySnapshot | null,
  event: DeadlineStepEvent,
  next: TrajectorySnapshot,
): DeadlineChange[] {
  const changes = new Map<TrajectoryDeadlineKind, DeadlineChange>();
  const start = (kind: TrajectoryDeadlineKind, base: string) =>
    changes.set(kind, { op: 'start', kind, base });
  const cancel = (kind: TrajectoryDeadlineKind) => changes.set(kind, { op: 'cancel', kind });

  // 1. The state: deadlines that stop or start belonging to it, and moved date bases.
  const pendingBefore = pendingDeadlines(before);
  const pendingAfter = pendingDeadlines(next);
  for (const kind of TRAJECTORY_DEADLINE_KINDS) {
    const was = pendingBefore.get(kind);
    const is = pendingAfter.get(kind);
    if (is === undefined) {
      if (was !== undefined) cancel(kind);
    } else if (was === undefined ? startsWithState(kind, next) : was !== is) {
      start(kind, is);
    }
  }

  // 2. Entering a stage: waiting_contact counts afresh (waiting_list → admission keeps the kind pending).
  const stageBefore = before === null ? null : stageOf(before);
  const stageAfter = stageOf(next);
  if (stageBefore !== stageAfter && pendingAfter.has('waiting_contact')) start('waiting_contact', 'event');

  // 3. Events that move or end a deadline without leaving its state (none without a legal basis: see above).
  if (before !== null && hasLegalBasis(next.context)) {
    switch (event.type) {
      case 'CONTACT_LOGGED':
        if (pendingAfter.has('waiting_contact') && next.context.contacts > before.context.contacts) {
          start('waiting_contact', 'event');
        }
        break;
      case 'POSTAL_ADDRESS_ARRANGED':
      case 'POSTAL_ADDRESS_EXTENDED':
        if (recordsPostalAddress(before, event, next)) start('postal_address_expiry', event.validUntil);
        break;
      case 'HOUSED':
        if (recordsHousing(before, event, next)) {
          if (event.threePartyAgreement) start('three_party_evaluation', event.threePartyAgreement.startDate);
          else cancel('three_party_evaluation');
        }
        break;
      case 'THREE_PARTY_EVALUATED':
        if (recordsEvaluation(before, event, next)) {
          if (event.outcome === 'adjust') start('three_party_evaluation', 'event');
          else cancel('three_party_evaluation');
        }
        break;
      default:
        break;
    }
  }

  // 4. Reaching `closed` withdraws everything the trajectory may have pending.
  if (stageAfter === 'closed' && stageBefore !== 'closed') {
    for (const kind of TRAJECTORY_DEADLINE_KINDS) cancel(kind);
  }

  const ordered = TRAJECTORY_DEADLINE_KINDS.flatMap((kind) => {
    const change = changes.get(kind);
    return change === undefined ? [] : [change];
  });
  return [...ordered.filter((c) => c.op === 'cancel'), ...ordered.filter((c) => c.op === 'start')];
}
