import { PREPARE_ALL, SAMPLE, SAMPLE_EVENTS, TO_AFTERCARE } from './fixtures/trajectory-events.samples';
import { drive, reachableSnapshots } from './fixtures/trajectory-graph.samples';
import {
  TRAJECTORY_DEADLINE_KINDS,
  deadlineChanges,
  type DeadlineChange,
  type TrajectoryDeadlineKind,
} from './trajectory.deadlines';
import {
  applyEvent,
  initialSnapshot,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import {
  DEADLINE_KINDS,
  DEADLINE_KIND_LABELS,
  STAGES,
  type OpenStage,
  type Stage,
  type TrajectoryEvent,
} from './trajectory.types';

// ---------------------------------------------------------------------------------------------------------
// Helpers

const TO_CONSENT: readonly TrajectoryEvent[] = [SAMPLE.include];
const TO_MOTIVATION: readonly TrajectoryEvent[] = [...TO_CONSENT, SAMPLE.consentGiven];
const TO_WAITING_LIST: readonly TrajectoryEvent[] = [...TO_MOTIVATION, SAMPLE.treatmentAgreed];
const TO_ADMISSION: readonly TrajectoryEvent[] = [...TO_WAITING_LIST, ...PREPARE_ALL, SAMPLE.admitted];
const TO_LEAVE: readonly TrajectoryEvent[] = [...TO_ADMISSION, SAMPLE.leaveStarted];
const ROUTES: Record<OpenStage, readonly TrajectoryEvent[]> = {
  signal: [],
  consent: TO_CONSENT,
  motivation: TO_MOTIVATION,
  waiting_list: TO_WAITING_LIST,
  admission: TO_ADMISSION,
  aftercare: TO_AFTERCARE,
};
/** From a relapse in aftercare back to just before discharge. */
const BACK_TO_DISCHARGE: readonly TrajectoryEvent[] = [
  SAMPLE.relapsed,
  SAMPLE.treatmentAgreed,
  ...PREPARE_ALL,
  SAMPLE.admitted,
];

const evaluationAdjust: TrajectoryEvent = {
  type: 'THREE_PARTY_EVALUATED',
  outcome: 'adjust',
  note: 'Afspraken over bezoek aangescherpt na overlast',
};
const housedLater: TrajectoryEvent = {
  type: 'HOUSED',
  kind: 'supported_living',
  threePartyAgreement: { startDate: '2027-02-01', landlord: 'Woonstichting Thuis', careProvider: 'Novadic' },
};
/** Accepted events the samples lack (an adjusted evaluation, a second agreement). */
const EXTRA_EVENTS: readonly TrajectoryEvent[] = [evaluationAdjust, housedLater];
const ALL_EVENTS: readonly TrajectoryEvent[] = [...SAMPLE_EVENTS, ...EXTRA_EVENTS];

/** The changes of applying `event` after driving `events` from a new trajectory (the event must be accepted). */
function changesAfter(events: readonly TrajectoryEvent[], event: TrajectoryEvent): DeadlineChange[] {
  const before = drive(events);
  const result = applyEvent(before, event);
  if (!result.ok) throw new Error(`${event.type} refused: ${JSON.stringify(result.refusals)}`);
  return deadlineChanges(before, event, result.snapshot);
}

const start = (kind: TrajectoryDeadlineKind, base = 'event'): DeadlineChange => ({ op: 'start', kind, base });
const cancel = (kind: TrajectoryDeadlineKind): DeadlineChange => ({ op: 'cancel', kind });
const CANCEL_ALL = TRAJECTORY_DEADLINE_KINDS.map(cancel);

/** Stages in which a deadline of each kind can be pending. */
const KIND_STAGES: Record<TrajectoryDeadlineKind, readonly Stage[]> = {
  inclusion_decision: ['signal'],
  consent: ['consent'],
  waiting_contact: ['waiting_list', 'admission'],
  waiting_duration: ['waiting_list'],
  leave_return: ['admission'],
  postal_address_expiry: ['aftercare'],
  three_party_evaluation: ['aftercare'],
};

/** Whether a deadline of `kind` belongs to the state (stage and region) of `s`. */
function belongsTo(kind: TrajectoryDeadlineKind, s: TrajectorySnapshot): boolean {
  if (!KIND_STAGES[kind].includes(stageOf(s))) return false;
  // Consent withdrawn without a covenant: nothing may be done for the client, so nothing is chased.
  if (s.context.legalBasis?.kind === 'none') return false;
  switch (kind) {
    case 'leave_return':
      return s.matches({ admission: 'on_leave' });
    case 'postal_address_expiry':
      return (
        s.matches({ aftercare: { finances: 'active' } }) || s.matches({ aftercare: { finances: 'expired' } })
      );
    case 'three_party_evaluation':
      return s.matches({ aftercare: { housing: 'housed' } });
    default:
      return true;
  }
}

/**
 * What should be pending in `s`, with its base: an independent restatement of domain.md §3. `expiredBeforeStay`:
 * the postal address in `s` expired before the current aftercare stay (a relapse came between), so its ladder
 * already ran and nothing is pending for it.
 */
function expectedPending(
  s: TrajectorySnapshot,
  expiredBeforeStay = false,
): Map<TrajectoryDeadlineKind, string> {
  const c = s.context;
  const pending = new Map<TrajectoryDeadlineKind, string>();
  for (const kind of TRAJECTORY_DEADLINE_KINDS) {
    if (!belongsTo(kind, s)) continue;
    if (kind === 'postal_address_expiry' && expiredBeforeStay) continue;
    if (kind === 'leave_return') pending.set(kind, c.leaveUntil ?? 'missing');
    else if (kind === 'postal_address_expiry') pending.set(kind, c.postalAddress?.validUntil ?? 'missing');
    else if (kind === 'three_party_evaluation') {
      const agreement = c.housing?.threePartyAgreement;
      const last = c.housing?.lastEvaluation;
      if (agreement && !last) pending.set(kind, agreement.startDate);
      else if (agreement && last?.outcome === 'adjust') pending.set(kind, 'event');
    } else pending.set(kind, 'event');
  }
  return pending;
}

/** Invariants of every step's changes. */
function checkStep(before: TrajectorySnapshot | null, after: TrajectorySnapshot, changes: DeadlineChange[]) {
  const kinds = changes.map((c) => c.kind);
  expect(new Set(kinds).size).toBe(kinds.length);
  for (const kind of kinds) expect(TRAJECTORY_DEADLINE_KINDS).toContain(kind);
  const ops = changes.map((c) => c.op);
  expect(ops).toEqual([...ops].sort((a, b) => (a === b ? 0 : a === 'cancel' ? -1 : 1)));
  const order = (k: TrajectoryDeadlineKind) => TRAJECTORY_DEADLINE_KINDS.indexOf(k);
  for (const op of ['cancel', 'start'] as const) {
    const ofOp = changes.filter((c) => c.op === op).map((c) => order(c.kind));
    expect(ofOp).toEqual([...ofOp].sort((a, b) => a - b));
  }
  const reachesClosed = stageOf(after) === 'closed' && (before === null || stageOf(before) !== 'closed');
  if (stageOf(after) === 'closed') expect(changes.every((c) => c.op === 'cancel')).toBe(true);
  if (reachesClosed) expect(changes).toEqual(CANCEL_ALL);
  for (const change of changes) {
    if (change.op === 'start') {
      expect(belongsTo(change.kind, after)).toBe(true);
      expect(change.base).toMatch(/^(event|\d{4}-\d{2}-\d{2}(T.+)?)$/);
    } else if (!reachesClosed) {
      // Apart from closing, a cancel is for a kind that could be pending in the stage left or stayed in.
      expect(before === null ? false : KIND_STAGES[change.kind].includes(stageOf(before))).toBe(true);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// API

describe('deadline kinds', () => {
  it('lists the trajectory kinds first, all with a Dutch label', () => {
    expect(TRAJECTORY_DEADLINE_KINDS).toEqual(DEADLINE_KINDS.slice(0, 7));
    expect(Object.keys(DEADLINE_KIND_LABELS).sort()).toEqual([...DEADLINE_KINDS].sort());
    expect(DEADLINE_KIND_LABELS.postal_address_expiry).toBe('Postadres verloopt');
    for (const label of Object.values(DEADLINE_KIND_LABELS)) expect(label.trim().length).toBeGreaterThan(3);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rules per kind (domain.md §3)

describe('inclusion_decision', () => {
  it('starts when the signal is registered', () => {
    expect(deadlineChanges(null, { type: 'SIGNAL_REGISTERED' }, initialSnapshot())).toEqual([
      start('inclusion_decision'),
    ]);
  });

  it('is cancelled when the signal stage is left, by inclusion or exclusion', () => {
    expect(changesAfter([], SAMPLE.include)).toEqual([cancel('inclusion_decision'), start('consent')]);
    expect(changesAfter([], SAMPLE.exclude)).toEqual(CANCEL_ALL);
  });

  it('is untouched by an event that stays in signal', () => {
    expect(changesAfter([], SAMPLE.contactLogged)).toEqual([]);
  });
});

describe('consent', () => {
  it('starts on entering consent', () => {
    expect(changesAfter([], SAMPLE.includeWithOverride)).toContainEqual(start('consent'));
  });

  it('is cancelled on leaving consent: given, overridden or refused', () => {
    expect(changesAfter(TO_CONSENT, SAMPLE.consentGiven)).toEqual([cancel('consent')]);
    expect(changesAfter(TO_CONSENT, SAMPLE.consentOverridden)).toEqual([cancel('consent')]);
    expect(changesAfter(TO_CONSENT, SAMPLE.consentRefused)).toEqual(CANCEL_ALL);
  });

  it('is untouched by a contact logged in consent', () => {
    expect(changesAfter(TO_CONSENT, SAMPLE.contactLogged)).toEqual([]);
  });
});

describe('waiting_contact and waiting_duration', () => {
  it('both start on entering the waiting list', () => {
    expect(changesAfter(TO_MOTIVATION, SAMPLE.treatmentAgreed)).toEqual([
      start('waiting_contact'),
      start('waiting_duration'),
    ]);
  });

  it('admission cancels waiting_duration and starts a fresh waiting_contact', () => {
    const expected = [cancel('waiting_duration'), start('waiting_contact')];
    expect(changesAfter([...TO_WAITING_LIST, ...PREPARE_ALL], SAMPLE.admitted)).toEqual(expected);
    expect(changesAfter(TO_WAITING_LIST, SAMPLE.admittedUrgent)).toEqual(expected);
  });

  it('a contact moves waiting_contact in the waiting list and in admission (also on leave), not elsewhere', () => {
    expect(changesAfter(TO_WAITING_LIST, SAMPLE.contactLogged)).toEqual([start('waiting_contact')]);
    expect(changesAfter(TO_ADMISSION, SAMPLE.contactLogged)).toEqual([start('waiting_contact')]);
    expect(changesAfter(TO_LEAVE, SAMPLE.contactLogged)).toEqual([start('waiting_contact')]);
    expect(changesAfter(TO_MOTIVATION, SAMPLE.contactLogged)).toEqual([]);
    expect(changesAfter(TO_AFTERCARE, SAMPLE.contactLogged)).toEqual([]);
  });

  it('other events in the waiting list leave both alone', () => {
    expect(changesAfter(TO_WAITING_LIST, SAMPLE.prepareFinances)).toEqual([]);
  });

  it('withdrawal cancels both; leaving admission cancels waiting_contact', () => {
    expect(changesAfter(TO_WAITING_LIST, SAMPLE.withdrawn)).toEqual([
      cancel('waiting_contact'),
      cancel('waiting_duration'),
    ]);
    expect(changesAfter(TO_ADMISSION, SAMPLE.discharged)).toEqual([cancel('waiting_contact')]);
    expect(changesAfter(TO_ADMISSION, SAMPLE.treatmentAborted)).toEqual([cancel('waiting_contact')]);
  });
});

describe('leave_return', () => {
  it('stays pending when it falls due (leaveOverdue); LEAVE_ENDED still cancels it', () => {
    expect(changesAfter(TO_LEAVE, SAMPLE.leaveReturnReached)).toEqual([]);
    const overdue = [...TO_LEAVE, SAMPLE.leaveReturnReached];
    expect(changesAfter(overdue, SAMPLE.contactLogged)).toEqual([start('waiting_contact')]);
    expect(changesAfter(overdue, SAMPLE.leaveEnded)).toEqual([cancel('leave_return')]);
  });

  it('starts on LEAVE_STARTED, counting from `until`', () => {
    expect(changesAfter(TO_ADMISSION, SAMPLE.leaveStarted)).toEqual([start('leave_return', '2026-12-01')]);
  });

  it('is cancelled on LEAVE_ENDED and when admission is left while on leave', () => {
    expect(changesAfter(TO_LEAVE, SAMPLE.leaveEnded)).toEqual([cancel('leave_return')]);
    expect(changesAfter(TO_LEAVE, SAMPLE.treatmentAborted)).toEqual([
      cancel('waiting_contact'),
      cancel('leave_return'),
    ]);
    expect(changesAfter(TO_LEAVE, SAMPLE.closedRegularCare)).toEqual(CANCEL_ALL);
  });
});

describe('postal_address_expiry', () => {
  it('starts on POSTAL_ADDRESS_ARRANGED and moves on POSTAL_ADDRESS_EXTENDED, counting from validUntil', () => {
    expect(changesAfter(TO_AFTERCARE, SAMPLE.postalArranged)).toEqual([
      start('postal_address_expiry', '2026-12-01'),
    ]);
    expect(changesAfter([...TO_AFTERCARE, SAMPLE.postalArranged], SAMPLE.postalExtended)).toEqual([
      start('postal_address_expiry', '2027-01-15'),
    ]);
  });

  it('starts again when a new postal address is arranged after the last one ended', () => {
    const ended = [...TO_AFTERCARE, SAMPLE.postalArranged, SAMPLE.postalEnded];
    expect(changesAfter(ended, SAMPLE.postalArranged)).toEqual([
      start('postal_address_expiry', '2026-12-01'),
    ]);
  });

  it('is cancelled on POSTAL_ADDRESS_ENDED and when aftercare is left', () => {
    const active = [...TO_AFTERCARE, SAMPLE.postalArranged];
    expect(changesAfter(active, SAMPLE.postalEnded)).toEqual([cancel('postal_address_expiry')]);
    expect(changesAfter(active, SAMPLE.relapsed)).toEqual([cancel('postal_address_expiry')]);
    expect(changesAfter(active, SAMPLE.movedAway)).toEqual(CANCEL_ALL);
  });

  it('is untouched by other finance events', () => {
    expect(changesAfter([...TO_AFTERCARE, SAMPLE.postalArranged], SAMPLE.debtArrangementSet)).toEqual([]);
  });

  const expired = [...TO_AFTERCARE, SAMPLE.postalArranged, SAMPLE.postalAddressExpiryReached];

  it('stays pending when it falls due: DEADLINE_REACHED (→ expired) starts and cancels nothing', () => {
    expect(changesAfter([...TO_AFTERCARE, SAMPLE.postalArranged], SAMPLE.postalAddressExpiryReached)).toEqual(
      [],
    );
    expect(changesAfter(expired, SAMPLE.debtArrangementSet)).toEqual([]);
  });

  it('from expired: EXTENDED and ARRANGED start (move) it, also with the same date; ENDED cancels it', () => {
    expect(changesAfter(expired, SAMPLE.postalExtended)).toEqual([
      start('postal_address_expiry', '2027-01-15'),
    ]);
    expect(changesAfter(expired, SAMPLE.postalArranged)).toEqual([
      start('postal_address_expiry', '2026-12-01'),
    ]);
    const laterArranged: TrajectoryEvent = { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2027-03-01' };
    expect(changesAfter(expired, laterArranged)).toEqual([start('postal_address_expiry', '2027-03-01')]);
    expect(changesAfter(expired, SAMPLE.postalEnded)).toEqual([cancel('postal_address_expiry')]);
  });

  it('is cancelled when aftercare is left while expired, and does not start again on re-entry', () => {
    expect(changesAfter(expired, SAMPLE.relapsed)).toEqual([cancel('postal_address_expiry')]);
    expect(changesAfter(expired, SAMPLE.closedRegularCare)).toEqual(CANCEL_ALL);
    // Its ladder ran before the relapse: restarting it from the past validUntil would repeat every step at once.
    expect(changesAfter([...expired, ...BACK_TO_DISCHARGE], SAMPLE.discharged)).toEqual([
      cancel('waiting_contact'),
    ]);
  });
});

describe('three_party_evaluation', () => {
  const housed = [...TO_AFTERCARE, SAMPLE.housedWithAgreement];

  it('starts on HOUSED with an agreement, counting from its startDate; a new agreement moves it', () => {
    expect(changesAfter(TO_AFTERCARE, SAMPLE.housedWithAgreement)).toEqual([
      start('three_party_evaluation', '2026-11-01'),
    ]);
    expect(changesAfter(housed, housedLater)).toEqual([start('three_party_evaluation', '2027-02-01')]);
  });

  it('is cancelled by HOUSED without an agreement (also when none was pending)', () => {
    expect(changesAfter(housed, SAMPLE.housedWithoutAgreement)).toEqual([cancel('three_party_evaluation')]);
    expect(changesAfter(TO_AFTERCARE, SAMPLE.housedWithoutAgreement)).toEqual([
      cancel('three_party_evaluation'),
    ]);
  });

  it('is cancelled by an evaluation, except `adjust`, which starts a new one from the event', () => {
    expect(changesAfter(housed, SAMPLE.evaluationContinue)).toEqual([cancel('three_party_evaluation')]);
    expect(changesAfter(housed, SAMPLE.evaluationTerminate)).toEqual([cancel('three_party_evaluation')]);
    expect(changesAfter(housed, evaluationAdjust)).toEqual([start('three_party_evaluation')]);
    expect(changesAfter([...housed, evaluationAdjust], evaluationAdjust)).toEqual([
      start('three_party_evaluation'),
    ]);
    expect(changesAfter([...housed, evaluationAdjust], SAMPLE.evaluationContinue)).toEqual([
      cancel('three_party_evaluation'),
    ]);
  });

  it('is cancelled when aftercare is left', () => {
    expect(changesAfter(housed, SAMPLE.relapsed)).toEqual([cancel('three_party_evaluation')]);
    expect(changesAfter(housed, SAMPLE.closedRegularCare)).toEqual(CANCEL_ALL);
  });
});

describe('closed', () => {
  it.each(STAGES.filter((s): s is OpenStage => s !== 'closed'))(
    'reaching closed from %s cancels every trajectory kind',
    (stage) => {
      expect(changesAfter(ROUTES[stage], SAMPLE.closedRegularCare)).toEqual(CANCEL_ALL);
      expect(changesAfter(ROUTES[stage], SAMPLE.movedAway)).toEqual(CANCEL_ALL);
    },
  );

  it('closing with goal_achieved from a full aftercare cancels everything', () => {
    const full = [
      ...TO_AFTERCARE,
      SAMPLE.postalArranged,
      SAMPLE.housedWithAgreement,
      SAMPLE.daytimeArranged,
      SAMPLE.networkAssessed,
    ];
    expect(changesAfter(full, SAMPLE.closedGoalAchieved)).toEqual(CANCEL_ALL);
  });
});

describe('re-entering aftercare after a relapse', () => {
  const facts = [...TO_AFTERCARE, SAMPLE.postalArranged, SAMPLE.housedWithAgreement, SAMPLE.daytimeArranged];

  it('starts the postal address and an unevaluated agreement again from the recorded facts', () => {
    expect(changesAfter([...facts, ...BACK_TO_DISCHARGE], SAMPLE.discharged)).toEqual([
      cancel('waiting_contact'),
      start('postal_address_expiry', '2026-12-01'),
      start('three_party_evaluation', '2026-11-01'),
    ]);
  });

  it('an extended postal address counts from the extended date', () => {
    expect(
      changesAfter([...facts, SAMPLE.postalExtended, ...BACK_TO_DISCHARGE], SAMPLE.discharged),
    ).toContainEqual(start('postal_address_expiry', '2027-01-15'));
  });

  it('an adjusted agreement is evaluated again, counting from the re-entry', () => {
    expect(changesAfter([...facts, evaluationAdjust, ...BACK_TO_DISCHARGE], SAMPLE.discharged)).toEqual([
      cancel('waiting_contact'),
      start('postal_address_expiry', '2026-12-01'),
      start('three_party_evaluation'),
    ]);
  });

  describe('with a postal address that expired before the relapse', () => {
    const expiredThenBack = [
      ...facts,
      SAMPLE.postalAddressExpiryReached,
      ...BACK_TO_DISCHARGE,
      SAMPLE.discharged,
    ];

    it('does not restart its deadline (no repeat of warning, overdue and agenda), the rest resumes', () => {
      const before = drive([...facts, SAMPLE.postalAddressExpiryReached, ...BACK_TO_DISCHARGE]);
      const result = applyEvent(before, SAMPLE.discharged);
      if (!result.ok) throw new Error('DISCHARGED refused');
      expect(result.snapshot.matches({ aftercare: { finances: 'expired' } })).toBe(true);
      expect(deadlineChanges(before, SAMPLE.discharged, result.snapshot)).toEqual([
        cancel('waiting_contact'),
        start('three_party_evaluation', '2026-11-01'),
      ]);
    });

    it('also after an incomplete discharge and a second relapse', () => {
      const again = [...expiredThenBack, ...BACK_TO_DISCHARGE];
      expect(changesAfter(again, SAMPLE.dischargedIncomplete)).not.toContainEqual(
        expect.objectContaining({ kind: 'postal_address_expiry' }),
      );
    });

    it('an extension or a new address in the re-entered aftercare starts a deadline as usual', () => {
      expect(changesAfter(expiredThenBack, SAMPLE.postalExtended)).toEqual([
        start('postal_address_expiry', '2027-01-15'),
      ]);
      const arranged: TrajectoryEvent = { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2027-03-01' };
      expect(changesAfter(expiredThenBack, arranged)).toEqual([start('postal_address_expiry', '2027-03-01')]);
      // ... whose own expiry then keeps its ladder (DEADLINE_REACHED starts and cancels nothing).
      const reached = [...expiredThenBack, arranged, SAMPLE.postalAddressExpiryReached];
      expect(changesAfter([...expiredThenBack, arranged], SAMPLE.postalAddressExpiryReached)).toEqual([]);
      expect(changesAfter(reached, SAMPLE.debtArrangementSet)).toEqual([]);
      expect(changesAfter(reached, SAMPLE.postalEnded)).toEqual([cancel('postal_address_expiry')]);
    });

    it('other events in the re-entered aftercare leave it alone; leaving it withdraws nothing that exists', () => {
      expect(changesAfter(expiredThenBack, SAMPLE.debtArrangementSet)).toEqual([]);
      expect(changesAfter(expiredThenBack, SAMPLE.daytimeArranged)).toEqual([]);
      // A cancel withdraws the pending deadline of its kind if any: here there is none, which is fine.
      expect(changesAfter(expiredThenBack, SAMPLE.postalEnded)).toEqual([cancel('postal_address_expiry')]);
      expect(changesAfter(expiredThenBack, SAMPLE.relapsed)).toContainEqual(cancel('postal_address_expiry'));
    });
  });

  it('an address still active at the relapse starts again from its validUntil, also if that has passed since', () => {
    // The declarations have no clock: whether 2026-12-01 is past at re-entry does not change them. Its expiry
    // was never escalated (the relapse withdrew the deadline), so owner and chair are told once, now, and
    // the overdue step's DEADLINE_REACHED moves the region to `expired` ...
    const back = [...facts, ...BACK_TO_DISCHARGE, SAMPLE.discharged];
    expect(changesAfter([...facts, ...BACK_TO_DISCHARGE], SAMPLE.discharged)).toContainEqual(
      start('postal_address_expiry', '2026-12-01'),
    );
    expect(changesAfter(back, SAMPLE.postalAddressExpiryReached)).toEqual([]);
    // ... after which it counts as escalated: a later relapse and return do not repeat it.
    const reachedThenBack = [...back, SAMPLE.postalAddressExpiryReached, ...BACK_TO_DISCHARGE];
    expect(changesAfter(reachedThenBack, SAMPLE.discharged)).toEqual([
      cancel('waiting_contact'),
      start('three_party_evaluation', '2026-11-01'),
    ]);
  });

  it('starts nothing for an ended postal address or an agreement evaluated or terminated', () => {
    const cases = [
      [SAMPLE.postalEnded, SAMPLE.evaluationContinue],
      [SAMPLE.postalEnded, SAMPLE.evaluationTerminate],
    ];
    for (const extra of cases) {
      expect(changesAfter([...facts, ...extra, ...BACK_TO_DISCHARGE], SAMPLE.discharged)).toEqual([
        cancel('waiting_contact'),
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

describe('deadlineChanges over every reachable state', () => {
  const steps = reachableSnapshots().flatMap((before) =>
    ALL_EVENTS.flatMap((event) => {
      const result = applyEvent(before, event);
      return result.ok ? [{ before, event, after: result.snapshot }] : [];
    }),
  );

  it('covers accepted steps in every stage', () => {
    expect(new Set(steps.map((s) => stageOf(s.before)))).toEqual(
      new Set(STAGES.filter((s) => s !== 'closed')),
    );
    expect(steps.length).toBeGreaterThan(100);
  });

  it('keeps its invariants: one change per kind, cancels first, only cancels after closed, starts in place', () => {
    checkStep(
      null,
      initialSnapshot(),
      deadlineChanges(null, { type: 'SIGNAL_REGISTERED' }, initialSnapshot()),
    );
    for (const { before, event, after } of steps)
      checkStep(before, after, deadlineChanges(before, event, after));
  });

  it('is deterministic, also for snapshots restored from JSON', () => {
    for (const { before, event, after } of steps) {
      const changes = deadlineChanges(before, event, after);
      expect(deadlineChanges(before, event, after)).toEqual(changes);
      const restored = deadlineChanges(
        restoreSnapshot(persistSnapshot(before)),
        JSON.parse(JSON.stringify(event)) as TrajectoryEvent,
        restoreSnapshot(persistSnapshot(after)),
      );
      expect(restored).toEqual(changes);
    }
  });

  it('DEADLINE_REACHED never starts or cancels anything', () => {
    const reached = steps.filter((s) => s.event.type === 'DEADLINE_REACHED');
    expect(new Set(reached.map((s) => JSON.stringify(s.after.value))).size).toBeGreaterThan(1);
    for (const { before, event, after } of reached) expect(deadlineChanges(before, event, after)).toEqual([]);
  });

  it('gives nothing for a refused event (no step: the snapshot stays as it was)', () => {
    for (const snapshot of reachableSnapshots()) {
      for (const event of ALL_EVENTS) {
        if (!applyEvent(snapshot, event).ok) expect(deadlineChanges(snapshot, event, snapshot)).toEqual([]);
      }
    }
  });

  it('replaying the changes along random walks keeps exactly the deadlines the state implies', () => {
    let seed = 20260101;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    // Each walk follows a random prefix of a route (random steps alone rarely get past the waiting list),
    // then random accepted events; closing events only now and then, so that walks stay open for a while.
    const routes: readonly (readonly TrajectoryEvent[])[] = [
      TO_LEAVE,
      [
        ...TO_AFTERCARE,
        SAMPLE.postalArranged,
        SAMPLE.housedWithAgreement,
        evaluationAdjust,
        ...BACK_TO_DISCHARGE,
      ],
      [...TO_AFTERCARE, SAMPLE.housedWithAgreement, SAMPLE.relapsed, SAMPLE.treatmentAgreed, ...PREPARE_ALL],
      [
        ...TO_AFTERCARE,
        SAMPLE.postalArranged,
        SAMPLE.postalAddressExpiryReached,
        ...BACK_TO_DISCHARGE,
        SAMPLE.discharged,
      ],
    ];
    const closing = new Set(['TRAJECTORY_CLOSED', 'MOVED_AWAY', 'CONSENT_REFUSED']);
    const seen = new Set<TrajectoryDeadlineKind>();
    const isExpired = (s: TrajectorySnapshot) => s.matches({ aftercare: { finances: 'expired' } });
    let stepCount = 0;
    let reentriesWithExpiredAddress = 0;
    for (let walk = 0; walk < 120; walk += 1) {
      let snapshot = initialSnapshot();
      const pending = new Map<TrajectoryDeadlineKind, string>();
      // The address in `snapshot` expired before the current aftercare stay (tracked from the walk's events).
      let expiredBeforeStay = false;
      const step = (event: TrajectoryEvent): boolean => {
        const result = applyEvent(snapshot, event);
        if (!result.ok) return false;
        for (const c of deadlineChanges(snapshot, event, result.snapshot)) {
          if (c.op === 'cancel') pending.delete(c.kind);
          else pending.set(c.kind, c.base);
        }
        const entersAftercare = stageOf(snapshot) !== 'aftercare' && stageOf(result.snapshot) === 'aftercare';
        if (entersAftercare) expiredBeforeStay = isExpired(result.snapshot);
        else if (!isExpired(result.snapshot)) expiredBeforeStay = false;
        if (entersAftercare && expiredBeforeStay) reentriesWithExpiredAddress += 1;
        snapshot = result.snapshot;
        expect(pending).toEqual(expectedPending(snapshot, expiredBeforeStay));
        for (const kind of pending.keys()) seen.add(kind);
        stepCount += 1;
        return true;
      };
      for (const c of deadlineChanges(null, { type: 'SIGNAL_REGISTERED' }, snapshot)) {
        if (c.op === 'start') pending.set(c.kind, c.base);
      }
      expect(pending).toEqual(expectedPending(snapshot));
      const route = routes[random(routes.length)];
      for (const event of route.slice(0, random(route.length + 1))) step(event);
      for (let i = 0; i < 30 && snapshot.status === 'active'; i += 1) {
        const first = random(ALL_EVENTS.length);
        const mayClose = random(20) === 0;
        for (let k = 0; k < ALL_EVENTS.length; k += 1) {
          const event = ALL_EVENTS[(first + k) % ALL_EVENTS.length];
          if (closing.has(event.type) && !mayClose) continue;
          if (event.type === 'INCLUSION_DECIDED' && !event.included && !mayClose) continue;
          if (step(event)) break;
        }
      }
    }
    // The walks get everywhere: every trajectory kind has been pending at some point.
    expect([...seen].sort()).toEqual([...TRAJECTORY_DEADLINE_KINDS].sort());
    expect(reentriesWithExpiredAddress).toBeGreaterThan(0);
    expect(stepCount).toBeGreaterThan(2000);
  });
});
