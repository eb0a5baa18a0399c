import { transition } from 'xstate';
import { PREPARE_ALL, SAMPLE, TO_AFTERCARE, samplesOf } from './fixtures/trajectory-events.samples';
import { drive, reachableSnapshots } from './fixtures/trajectory-graph.samples';
import {
  STAGE_MILESTONES,
  acceptedEventTypes,
  applyEvent,
  blockedMilestones,
  deadlineKindsWithEffect,
  initialSnapshot,
  refusalsFor,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import { trajectoryMachine } from './trajectory.machine';
import {
  DEADLINE_KINDS,
  STAGES,
  SYSTEM_EVENT_TYPES,
  TRAJECTORY_EVENT_TYPES,
  type Stage,
  type TrajectoryEvent,
} from './trajectory.types';

const IN = {
  signal: () => initialSnapshot(),
  consent: () => drive([SAMPLE.include]),
  motivation: () => drive([SAMPLE.include, SAMPLE.consentGiven]),
  waitingList: () => drive([SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed]),
  inTreatment: () => drive(TO_AFTERCARE.slice(0, -1)),
  onLeave: () => drive([...TO_AFTERCARE.slice(0, -1), SAMPLE.leaveStarted]),
  aftercare: () => drive(TO_AFTERCARE),
  closed: () => drive([SAMPLE.exclude]),
};

const codes = (snapshot: TrajectorySnapshot, event: TrajectoryEvent) =>
  refusalsFor(snapshot, event).map((r) => r.code);

describe('stageOf', () => {
  it('returns the top-level state for every stage', () => {
    expect(stageOf(IN.signal())).toBe('signal');
    expect(stageOf(IN.consent())).toBe('consent');
    expect(stageOf(IN.motivation())).toBe('motivation');
    expect(stageOf(IN.waitingList())).toBe('waiting_list');
    expect(stageOf(IN.inTreatment())).toBe('admission');
    expect(stageOf(IN.onLeave())).toBe('admission');
    expect(stageOf(IN.aftercare())).toBe('aftercare');
    expect(stageOf(IN.closed())).toBe('closed');
  });

  it('covers every stage over the reachable states', () => {
    expect(new Set(reachableSnapshots().map(stageOf))).toEqual(new Set(STAGES));
  });
});

describe('acceptedEventTypes', () => {
  it('lists the transitions of the current state configuration, ignoring guards', () => {
    const common = ['CONTACT_LOGGED', 'MOVED_AWAY', 'TRAJECTORY_CLOSED'];
    // Past the consent stage the legal basis can change (withdrawn consent, a covenant).
    const basis = ['CONSENT_WITHDRAWN', 'COVENANT_INVOKED'];
    const sorted = (types: string[]) => [...types].sort();
    expect(sorted(acceptedEventTypes(IN.signal()))).toEqual(sorted(['INCLUSION_DECIDED', ...common]));
    expect(sorted(acceptedEventTypes(IN.consent()))).toEqual(
      sorted(['CONSENT_GIVEN', 'CONSENT_OVERRIDDEN', 'CONSENT_REFUSED', ...common]),
    );
    expect(sorted(acceptedEventTypes(IN.motivation()))).toEqual(
      sorted(['TREATMENT_AGREED', ...basis, ...common]),
    );
    expect(sorted(acceptedEventTypes(IN.waitingList()))).toEqual(
      sorted(['AFTERCARE_ITEM_PREPARED', 'ADMITTED', 'WITHDRAWN', ...basis, ...common]),
    );
    expect(sorted(acceptedEventTypes(IN.inTreatment()))).toEqual(
      sorted(['LEAVE_STARTED', 'DISCHARGED', 'TREATMENT_ABORTED', ...basis, ...common]),
    );
    expect(sorted(acceptedEventTypes(IN.onLeave()))).toEqual(
      sorted(['LEAVE_ENDED', 'TREATMENT_ABORTED', ...basis, ...common]),
    );
    expect(sorted(acceptedEventTypes(IN.aftercare()))).toEqual(
      sorted([
        'POSTAL_ADDRESS_ARRANGED',
        'DEBT_ARRANGEMENT_SET',
        'HOUSED',
        'DAYTIME_ARRANGED',
        'NETWORK_ASSESSED',
        'RELAPSED',
        ...basis,
        ...common,
      ]),
    );
    expect(acceptedEventTypes(IN.closed())).toEqual([]);
  });

  it('never lists a system event type, also where DEADLINE_REACHED is accepted', () => {
    let accepting = 0;
    for (const snapshot of reachableSnapshots()) {
      const accepted: readonly string[] = acceptedEventTypes(snapshot);
      for (const type of SYSTEM_EVENT_TYPES) expect(accepted).not.toContain(type);
      if (samplesOf('DEADLINE_REACHED').some((event) => snapshot.can(event))) accepting++;
    }
    expect(accepting).toBeGreaterThan(0);
  });

  it('includes a type whenever some payload of it is possible, over all reachable states', () => {
    for (const snapshot of reachableSnapshots()) {
      const accepted = acceptedEventTypes(snapshot);
      for (const type of TRAJECTORY_EVENT_TYPES) {
        if (samplesOf(type).some((event) => snapshot.can(event))) expect(accepted).toContain(type);
      }
    }
  });
});

describe('refusalsFor', () => {
  it('has at least one sample of every event type, user and system', () => {
    for (const type of [...TRAJECTORY_EVENT_TYPES, ...SYSTEM_EVENT_TYPES]) {
      expect(samplesOf(type).length).toBeGreaterThan(0);
    }
  });

  it('system events: accepted exactly for the deadline kinds with an effect, else event_not_accepted', () => {
    let checked = 0;
    for (const snapshot of reachableSnapshots()) {
      const effective = deadlineKindsWithEffect(snapshot);
      for (const kind of DEADLINE_KINDS) {
        const event: TrajectoryEvent = { type: 'DEADLINE_REACHED', deadlineId: 'd-1', kind };
        const refusals = refusalsFor(snapshot, event);
        expect([kind, snapshot.can(event)]).toEqual([kind, effective.includes(kind)]);
        expect(refusals.map((r) => r.code)).toEqual(effective.includes(kind) ? [] : ['event_not_accepted']);
        const result = applyEvent(snapshot, event);
        expect(result.ok).toBe(effective.includes(kind));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(deadlineKindsWithEffect(IN.onLeave())).toEqual(['leave_return']);
    expect(deadlineKindsWithEffect(drive([SAMPLE.postalArranged], IN.aftercare()))).toEqual([
      'postal_address_expiry',
    ]);
    expect(deadlineKindsWithEffect(IN.aftercare())).toEqual([]);
    expect(deadlineKindsWithEffect(IN.closed())).toEqual([]);
  });

  it('explains a deadline without effect in Dutch, and an expired postal address', () => {
    expect(refusalsFor(IN.waitingList(), SAMPLE.waitingContactReached)).toEqual([
      {
        code: 'event_not_accepted',
        message:
          "In de fase Wachtlijst kan 'DEADLINE_REACHED' (Contact tijdens wachttijd) niet worden verwerkt. " +
          'Deze termijn verandert hier niets aan het traject.',
      },
    ]);
    const expired = drive([SAMPLE.postalArranged, SAMPLE.postalAddressExpiryReached], IN.aftercare());
    expect(refusalsFor(expired, SAMPLE.postalAddressExpiryReached)[0].message).toBe(
      "In de fase Nazorg kan 'DEADLINE_REACHED' (Postadres verloopt) niet worden verwerkt. " +
        'Het tijdelijke postadres is verlopen; verleng het of regel een nieuw.',
    );
    expect(refusalsFor(IN.closed(), SAMPLE.leaveReturnReached)[0].message).toContain(
      'Het traject is afgesloten.',
    );
    const unchanged = applyEvent(IN.onLeave(), SAMPLE.waitingContactReached);
    expect(unchanged.ok ? 'accepted' : unchanged.refusals.map((r) => r.code)).toEqual(['event_not_accepted']);
  });

  it('agrees exactly with snapshot.can(event) for every reachable state × every event type', () => {
    let checked = 0;
    for (const snapshot of reachableSnapshots()) {
      const accepted = acceptedEventTypes(snapshot);
      for (const type of TRAJECTORY_EVENT_TYPES) {
        for (const event of samplesOf(type)) {
          const refusals = refusalsFor(snapshot, event);
          expect([type, refusals.length === 0]).toEqual([type, snapshot.can(event)]);
          if (!accepted.includes(type)) expect(refusals.map((r) => r.code)).toEqual(['event_not_accepted']);
          else expect(refusals.map((r) => r.code)).not.toContain('event_not_accepted');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('explains an event the stage does not accept, in Dutch, naming the stage', () => {
    expect(refusalsFor(IN.waitingList(), SAMPLE.discharged)).toEqual([
      {
        code: 'event_not_accepted',
        message:
          "In de fase Wachtlijst kan 'DISCHARGED' niet worden verwerkt. Wel mogelijk: CONTACT_LOGGED, " +
          'AFTERCARE_ITEM_PREPARED, ADMITTED, WITHDRAWN, MOVED_AWAY, TRAJECTORY_CLOSED, CONSENT_WITHDRAWN, ' +
          'COVENANT_INVOKED.',
      },
    ]);
    expect(refusalsFor(IN.onLeave(), SAMPLE.discharged)[0].message).toBe(
      "In de fase Opname (met verlof) kan 'DISCHARGED' niet worden verwerkt. " +
        'De cliënt is met verlof; ontslag volgt na terugkeer (LEAVE_ENDED).',
    );
    expect(refusalsFor(IN.inTreatment(), SAMPLE.leaveEnded)[0].message).toContain(
      'De cliënt is niet met verlof.',
    );
    expect(refusalsFor(IN.onLeave(), SAMPLE.leaveStarted)[0].message).toContain(
      'De cliënt is al met verlof.',
    );
    expect(refusalsFor(IN.aftercare(), SAMPLE.postalExtended)[0].message).toBe(
      "In de fase Nazorg kan 'POSTAL_ADDRESS_EXTENDED' niet worden verwerkt. Er is geen actief postadres.",
    );
    const active = drive([SAMPLE.postalArranged], IN.aftercare());
    expect(refusalsFor(active, SAMPLE.postalArranged)[0].message).toContain('Er is al een actief postadres');
    expect(refusalsFor(IN.aftercare(), SAMPLE.evaluationContinue)[0].message).toContain(
      'De cliënt heeft geen woning.',
    );
    expect(refusalsFor(IN.closed(), SAMPLE.contactLogged)).toEqual([
      {
        code: 'event_not_accepted',
        message:
          "In de fase Afgesloten kan 'CONTACT_LOGGED' niet worden verwerkt. Het traject is afgesloten.",
      },
    ]);
  });

  it("returns the rule's refusals when the guard fails, and nothing when it passes", () => {
    expect(codes(IN.waitingList(), SAMPLE.admitted)).toEqual(['aftercare_not_ready']);
    expect(refusalsFor(IN.waitingList(), SAMPLE.admitted)[0].message).toContain(
      'Vervolgbehandeling, Financiën, Huisvesting, Daginvulling en Gezond netwerk',
    );
    expect(refusalsFor(drive(PREPARE_ALL, IN.waitingList()), SAMPLE.admitted)).toEqual([]);
    expect(codes(IN.signal(), SAMPLE.includeWithoutCriteria)).toEqual(['additional_criterion_missing']);
    expect(codes(IN.consent(), SAMPLE.closedGoalAchieved)).toEqual(['goal_achieved_only_from_aftercare']);
    expect(codes(IN.aftercare(), SAMPLE.closedGoalAchieved)).toEqual(['no_housing', 'no_daytime_activity']);
  });
});

describe('blockedMilestones', () => {
  it('names the milestone event of every stage', () => {
    expect(STAGE_MILESTONES).toEqual({
      signal: 'INCLUSION_DECIDED',
      consent: 'CONSENT_GIVEN',
      motivation: 'TREATMENT_AGREED',
      waiting_list: 'ADMITTED',
      admission: 'DISCHARGED',
      aftercare: 'TRAJECTORY_CLOSED',
      closed: null,
    });
  });

  it('is empty where nothing in the context blocks the milestone', () => {
    for (const snapshot of [IN.signal(), IN.consent(), IN.motivation(), IN.inTreatment(), IN.closed()]) {
      expect(blockedMilestones(snapshot)).toEqual([]);
    }
    expect(blockedMilestones(drive(PREPARE_ALL, IN.waitingList()))).toEqual([]);
    expect(
      blockedMilestones(drive([SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged], IN.aftercare())),
    ).toEqual([]);
  });

  it('waiting list: ADMITTED is blocked by the aftercare items not yet prepared, by name', () => {
    const partly = drive(
      [SAMPLE.prepareTreatmentFollowup, SAMPLE.prepareFinances, SAMPLE.prepareHousing],
      IN.waitingList(),
    );
    expect(blockedMilestones(partly)).toEqual([
      {
        type: 'ADMITTED',
        reasons: [
          'Opname kan pas als de nazorg is voorbereid; nog niet voorbereid: Daginvulling en Gezond netwerk. ' +
            'Bij spoed kan een urgente afwijking met reden.',
        ],
        refusals: [expect.objectContaining({ code: 'aftercare_not_ready' })],
      },
    ]);
  });

  it('admission: DISCHARGED waits for the return from leave', () => {
    expect(blockedMilestones(IN.onLeave())).toEqual([
      {
        type: 'DISCHARGED',
        reasons: [
          'De cliënt is met verlof tot 2026-12-01; ontslag kan pas na terugkeer in de kliniek (LEAVE_ENDED).',
        ],
        refusals: [expect.objectContaining({ code: 'on_leave' })],
      },
    ]);
  });

  it('admission: says so when the return from leave is overdue', () => {
    const overdue = drive([SAMPLE.leaveReturnReached], IN.onLeave());
    expect(blockedMilestones(overdue)).toEqual([
      {
        type: 'DISCHARGED',
        reasons: [
          'De cliënt is met verlof tot 2026-12-01 en is niet op tijd teruggekeerd; ' +
            'ontslag kan pas na terugkeer in de kliniek (LEAVE_ENDED).',
        ],
        refusals: [expect.objectContaining({ code: 'on_leave' })],
      },
    ]);
  });

  it('aftercare: closing with goal_achieved is blocked by missing housing and daytime activity', () => {
    const blocked = blockedMilestones(IN.aftercare());
    expect(blocked.map((b) => [b.type, b.refusals.map((r) => r.code)])).toEqual([
      ['TRAJECTORY_CLOSED', ['no_housing', 'no_daytime_activity']],
    ]);
    const housed = blockedMilestones(drive([SAMPLE.housedWithAgreement], IN.aftercare()));
    expect(housed[0].reasons).toEqual([
      "Afsluiten met 'doel bereikt' vraagt een daginvulling; die is nog niet geregeld.",
    ]);
  });

  it('agrees with refusalsFor for the milestone sent without override, in every reachable state', () => {
    const cleanMilestone: Record<Exclude<Stage, 'closed'>, TrajectoryEvent> = {
      signal: SAMPLE.include,
      consent: SAMPLE.consentGiven,
      motivation: SAMPLE.treatmentAgreed,
      waiting_list: SAMPLE.admitted,
      admission: SAMPLE.discharged,
      aftercare: SAMPLE.closedGoalAchieved,
    };
    for (const snapshot of reachableSnapshots()) {
      const stage = stageOf(snapshot);
      const blocked = blockedMilestones(snapshot);
      if (stage === 'closed') {
        expect(blocked).toEqual([]);
        continue;
      }
      const refusals = refusalsFor(snapshot, cleanMilestone[stage]);
      expect(blocked.length > 0).toBe(refusals.length > 0);
      for (const milestone of blocked) {
        expect(milestone.type).toBe(STAGE_MILESTONES[stage]);
        expect(milestone.reasons).toEqual(milestone.refusals.map((r) => r.message));
        if (refusals[0]?.code !== 'event_not_accepted') expect(milestone.refusals).toEqual(refusals);
      }
    }
  });
});

describe('applyEvent and initialSnapshot', () => {
  it('starts in signal with an active snapshot', () => {
    const snapshot = initialSnapshot();
    expect(snapshot.value).toBe('signal');
    expect(snapshot.status).toBe('active');
  });

  it('returns the next snapshot, the stages and whether anything changed', () => {
    const result = applyEvent(IN.signal(), SAMPLE.include);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.previousStage, result.stage, result.changed]).toEqual(['signal', 'consent', true]);
    const [expected] = transition(trajectoryMachine, IN.signal(), SAMPLE.include);
    expect(result.snapshot.value).toEqual(expected.value);
    expect(result.snapshot.context).toEqual(expected.context);

    const contact = applyEvent(result.snapshot, SAMPLE.contactLogged);
    expect(contact.ok && [contact.stage, contact.changed, contact.snapshot.context.contacts]).toEqual([
      'consent',
      true,
      1,
    ]);
  });

  it('reports no change for an idempotent event', () => {
    const prepared = drive([SAMPLE.prepareHousing], IN.waitingList());
    const again = applyEvent(prepared, SAMPLE.prepareHousing);
    expect(again.ok && [again.stage, again.changed]).toEqual(['waiting_list', false]);
  });

  it('returns the refusals and leaves the snapshot untouched when refused', () => {
    const waiting = IN.waitingList();
    const before = JSON.stringify([waiting.value, waiting.context]);
    const result = applyEvent(waiting, SAMPLE.admitted);
    expect(result.ok ? 'accepted' : result.refusals.map((r) => r.code)).toEqual(['aftercare_not_ready']);
    expect(JSON.stringify([waiting.value, waiting.context])).toBe(before);
    const closed = applyEvent(IN.closed(), SAMPLE.include);
    expect(closed.ok ? 'accepted' : closed.refusals.map((r) => r.code)).toEqual(['event_not_accepted']);
  });
});
