import { transition, type StateValue } from 'xstate';
import { getPathsFromEvents, getShortestPaths, getStateNodes } from 'xstate/graph';
import {
  PREPARE_ALL,
  SAMPLE,
  SAMPLE_EVENTS,
  TO_AFTERCARE,
  samplesOf,
} from './fixtures/trajectory-events.samples';
import {
  TRAVERSAL_OPTIONS,
  activeNodeIds,
  drive,
  reachableSnapshots,
} from './fixtures/trajectory-graph.samples';
import {
  applyEvent,
  initialSnapshot,
  refusalsFor,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import {
  TRAJECTORY_MACHINE_ID,
  TRAJECTORY_MACHINE_VERSION,
  initialTrajectoryContext,
  trajectoryMachine,
} from './trajectory.machine';
import {
  STAGES,
  SYSTEM_EVENT_TYPES,
  TRAJECTORY_EVENT_TYPES,
  type OpenStage,
  type Stage,
  type TrajectoryContext,
  type TrajectoryEvent,
} from './trajectory.types';

const OPEN_STAGES = STAGES.filter((s): s is OpenStage => s !== 'closed');

/** A snapshot in each open stage, reached with passing sample events. */
function snapshotIn(stage: OpenStage): TrajectorySnapshot {
  const routes: Record<OpenStage, readonly TrajectoryEvent[]> = {
    signal: [],
    consent: [SAMPLE.include],
    motivation: [SAMPLE.include, SAMPLE.consentGiven],
    waiting_list: [SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed],
    admission: [SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed, ...PREPARE_ALL, SAMPLE.admitted],
    aftercare: TO_AFTERCARE,
  };
  return drive(routes[stage]);
}

function step(snapshot: TrajectorySnapshot, event: TrajectoryEvent): TrajectorySnapshot {
  return transition(trajectoryMachine, snapshot, event)[0];
}

describe('trajectory machine: structure', () => {
  it('has id and version', () => {
    expect(trajectoryMachine.id).toBe('trajectory');
    expect(TRAJECTORY_MACHINE_ID).toBe('trajectory');
    expect(TRAJECTORY_MACHINE_VERSION).toBe(2);
  });

  it('has every stage as a top-level state, in order, and starts in signal', () => {
    expect(Object.keys(trajectoryMachine.root.states)).toEqual([...STAGES]);
    expect(initialSnapshot().value).toBe('signal');
    expect(initialSnapshot().context).toEqual(initialTrajectoryContext());
  });

  it('has the sub-states of admission and the parallel regions of aftercare', () => {
    const { admission, aftercare, closed } = trajectoryMachine.root.states;
    expect(Object.keys(admission.states)).toEqual(['in_treatment', 'on_leave']);
    expect(aftercare.type).toBe('parallel');
    const regions = Object.fromEntries(
      Object.entries(aftercare.states).map(([key, node]) => [key, Object.keys(node.states)]),
    );
    expect(regions).toEqual({
      finances: ['none', 'active', 'expired', 'ended'],
      housing: ['searching', 'housed'],
      daytime_activity: ['none', 'arranged'],
      network: ['unassessed', 'assessed'],
    });
    expect(closed.type).toBe('final');
  });

  it('uses no delayed (`after`) transitions and no actors', () => {
    for (const node of getStateNodes(trajectoryMachine.root)) {
      expect(node.after).toEqual([]);
      expect(node.invoke).toEqual([]);
    }
  });

  it('handles every event type somewhere, user and system, and only known event types', () => {
    const handled = new Set(
      getStateNodes(trajectoryMachine.root).flatMap((node) => [...node.transitions.keys()]),
    );
    expect([...handled].sort()).toEqual([...TRAJECTORY_EVENT_TYPES, ...SYSTEM_EVENT_TYPES].sort());
    expect(SYSTEM_EVENT_TYPES).toEqual(['DEADLINE_REACHED']);
    expect(TRAJECTORY_EVENT_TYPES as readonly string[]).not.toContain('DEADLINE_REACHED');
  });
});

describe('trajectory machine: graph (xstate/graph)', () => {
  const paths = getShortestPaths(trajectoryMachine, TRAVERSAL_OPTIONS);

  it('uses samples that pass and samples that fail guards for every guarded event type', () => {
    const states = reachableSnapshots();
    for (const type of [
      'INCLUSION_DECIDED',
      'ADMITTED',
      'POSTAL_ADDRESS_EXTENDED',
      'TRAJECTORY_CLOSED',
      'DEADLINE_REACHED',
    ] as const) {
      const outcomes = new Set(
        states.flatMap((s) => samplesOf(type).map((e) => (refusalsFor(s, e).length === 0 ? 'pass' : 'fail'))),
      );
      expect(outcomes).toEqual(new Set(['pass', 'fail']));
    }
  });

  it('reaches every state node, including every sub-state of every aftercare region', () => {
    const reached = new Set(paths.flatMap((path) => activeNodeIds(path.state.value)));
    const all = getStateNodes(trajectoryMachine.root).map((node) => node.id);
    expect(all).toContain('trajectory.aftercare.finances.ended');
    expect(all).toContain('trajectory.aftercare.finances.expired');
    expect(all.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('reaches closed with every outflow reason the machine can produce', () => {
    const reasons = new Set(
      paths.filter((p) => p.state.status === 'done').map((p) => p.state.context.closure?.reason),
    );
    expect(reasons).toEqual(new Set(['not_included', 'declined', 'moved', 'goal_achieved', 'regular_care']));
  });

  it('has paths whose every step is an event that refusalsFor allows', () => {
    // Each step holds the event and the state it led to; the first step is `xstate.init`.
    let steps = 0;
    for (const path of paths) {
      for (let i = 1; i < path.steps.length; i++) {
        expect(refusalsFor(path.steps[i - 1].state, path.steps[i].event)).toEqual([]);
        steps++;
      }
    }
    expect(paths.length).toBe(reachableSnapshots().length);
    expect(steps).toBeGreaterThan(100);
  });
});

describe('trajectory machine: every sample event in every reachable state', () => {
  const states = reachableSnapshots();

  it('explores a substantial state space', () => {
    expect(states.length).toBeGreaterThan(100);
    expect(new Set(states.map(stageOf))).toEqual(new Set(STAGES));
  });

  it('takes a transition exactly when refusalsFor is empty, and changes nothing otherwise', () => {
    let accepted = 0;
    let refused = 0;
    for (const snapshot of states) {
      for (const event of SAMPLE_EVENTS) {
        const refusals = refusalsFor(snapshot, event);
        expect({ value: snapshot.value, event, can: snapshot.can(event) }).toEqual({
          value: snapshot.value,
          event,
          can: refusals.length === 0,
        });
        const next = step(snapshot, event);
        if (refusals.length > 0) {
          refused++;
          expect(next.value).toEqual(snapshot.value);
          expect(next.context).toEqual(snapshot.context);
          const result = applyEvent(snapshot, event);
          expect(result.ok ? 'accepted' : result.refusals).toEqual(refusals);
        } else {
          accepted++;
          const result = applyEvent(snapshot, event);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.snapshot.value).toEqual(next.value);
            expect(result.snapshot.context).toEqual(next.context);
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it('keeps a plain JSON context in every reachable state', () => {
    for (const snapshot of states) {
      expect(JSON.parse(JSON.stringify(snapshot.context))).toEqual(snapshot.context);
      expect(Object.keys(snapshot.context).sort()).toEqual(Object.keys(initialTrajectoryContext()).sort());
    }
  });
});

describe('trajectory machine: both outcomes of every guard', () => {
  type GuardName = keyof typeof trajectoryMachine.implementations.guards;
  type GuardFn = (args: { context: TrajectoryContext; event: TrajectoryEvent }, params?: unknown) => boolean;
  interface Case {
    context: TrajectoryContext;
    event: TrajectoryEvent;
    params?: { stage: Stage };
  }

  const base = initialTrajectoryContext();
  const prepared = { ...base, preparedAftercare: drive(TO_AFTERCARE.slice(0, -2)).context.preparedAftercare };
  const activePostal = {
    ...base,
    postalAddress: { validUntil: '2026-12-01', endedReason: null, expired: false },
  };
  const expiredPostal = {
    ...base,
    postalAddress: { validUntil: '2026-12-01', endedReason: null, expired: true },
  };
  const endedPostal = {
    ...base,
    postalAddress: { validUntil: '2026-12-01', endedReason: 'Eigen adres gevonden', expired: false },
  };
  const agreement = { startDate: '2026-11-01', landlord: 'Woonstichting', careProvider: 'Novadic' };
  const housedWithAgreement = {
    ...base,
    housing: { kind: 'social_rent' as const, threePartyAgreement: agreement, lastEvaluation: null },
  };
  const housedWithoutAgreement = {
    ...base,
    housing: { kind: 'own_home' as const, threePartyAgreement: null, lastEvaluation: null },
  };
  const terminated = {
    ...housedWithAgreement,
    housing: {
      ...housedWithAgreement.housing,
      lastEvaluation: { outcome: 'terminate' as const, note: 'Opgezegd' },
    },
  };
  const readyForGoal = { ...housedWithoutAgreement, daytimeActivity: 'sport' as const };
  const anyEvent = SAMPLE.contactLogged;
  const onConsent = { ...base, legalBasis: { kind: 'consent' as const, scope: 'Delen in het casusoverleg' } };
  const withoutBasis = { ...base, legalBasis: { kind: 'none' as const, reason: 'Wil geen hulp meer' } };
  const onCovenant = {
    ...base,
    legalBasis: { kind: 'care_covenant' as const, justification: 'Ernstige zorg om de gezondheid' },
  };

  const cases: Record<GuardName, { pass: Case; fail: Case }> = {
    legalBasisInForce: {
      pass: { context: onConsent, event: anyEvent },
      fail: { context: withoutBasis, event: anyEvent },
    },
    consentWithdrawalAllowed: {
      pass: { context: onConsent, event: SAMPLE.consentWithdrawnUnderCovenant },
      fail: { context: onCovenant, event: SAMPLE.consentWithdrawn },
    },
    covenantInvocationAllowed: {
      pass: { context: withoutBasis, event: SAMPLE.covenantInvoked },
      fail: { context: onConsent, event: SAMPLE.covenantInvoked },
    },
    inclusionAllowed: {
      pass: { context: base, event: SAMPLE.include },
      fail: { context: base, event: SAMPLE.includeWithoutCriteria },
    },
    exclusionAllowed: {
      pass: { context: base, event: SAMPLE.exclude },
      fail: { context: base, event: SAMPLE.excludeWithOverride },
    },
    consentGivenAllowed: {
      pass: { context: base, event: SAMPLE.consentGiven },
      fail: { context: base, event: SAMPLE.consentGivenBlankScope },
    },
    consentOverrideAllowed: {
      pass: { context: base, event: SAMPLE.consentOverridden },
      fail: { context: base, event: SAMPLE.consentOverriddenShort },
    },
    consentRefusalAllowed: {
      pass: { context: base, event: SAMPLE.consentRefusedWithReason },
      fail: { context: base, event: SAMPLE.consentRefusedShortReason },
    },
    admissionAllowed: {
      pass: { context: prepared, event: SAMPLE.admitted },
      fail: { context: base, event: SAMPLE.admitted },
    },
    withdrawalAllowed: {
      pass: { context: base, event: SAMPLE.withdrawn },
      fail: { context: base, event: SAMPLE.withdrawnShort },
    },
    leaveStartAllowed: {
      pass: { context: base, event: SAMPLE.leaveStarted },
      fail: { context: base, event: SAMPLE.leaveStartedBadDate },
    },
    abortAllowed: {
      pass: { context: base, event: SAMPLE.treatmentAborted },
      fail: { context: base, event: SAMPLE.treatmentAbortedShort },
    },
    postalArrangementAllowed: {
      pass: { context: base, event: SAMPLE.postalArranged },
      fail: { context: base, event: SAMPLE.postalArrangedBadDate },
    },
    postalExtensionAllowed: {
      pass: { context: activePostal, event: SAMPLE.postalExtended },
      fail: { context: activePostal, event: SAMPLE.postalExtendedEarlier },
    },
    postalEndAllowed: {
      pass: { context: activePostal, event: SAMPLE.postalEnded },
      fail: { context: activePostal, event: SAMPLE.postalEndedShort },
    },
    housingAllowed: {
      pass: { context: base, event: SAMPLE.housedWithAgreement },
      fail: { context: base, event: SAMPLE.housedBadAgreement },
    },
    threePartyTerminationAllowed: {
      pass: { context: housedWithAgreement, event: SAMPLE.evaluationTerminate },
      fail: { context: housedWithoutAgreement, event: SAMPLE.evaluationTerminate },
    },
    threePartyContinuationAllowed: {
      pass: { context: housedWithAgreement, event: SAMPLE.evaluationContinue },
      fail: { context: housedWithAgreement, event: SAMPLE.evaluationAdjustWithoutNote },
    },
    moveAllowed: {
      pass: { context: base, event: SAMPLE.movedAway },
      fail: { context: base, event: SAMPLE.movedAwayBlank },
    },
    closureAllowed: {
      pass: { context: readyForGoal, event: SAMPLE.closedGoalAchieved, params: { stage: 'aftercare' } },
      fail: { context: readyForGoal, event: SAMPLE.closedGoalAchieved, params: { stage: 'admission' } },
    },
    postalAddressExpiryReached: {
      pass: { context: activePostal, event: SAMPLE.postalAddressExpiryReached },
      fail: { context: activePostal, event: SAMPLE.leaveReturnReached },
    },
    leaveReturnReached: {
      pass: { context: base, event: SAMPLE.leaveReturnReached },
      fail: { context: base, event: SAMPLE.waitingContactReached },
    },
    postalAddressIsActive: {
      pass: { context: activePostal, event: anyEvent },
      fail: { context: expiredPostal, event: anyEvent },
    },
    postalAddressHasExpired: {
      pass: { context: expiredPostal, event: anyEvent },
      fail: { context: activePostal, event: anyEvent },
    },
    postalAddressHasEnded: {
      pass: { context: endedPostal, event: anyEvent },
      fail: { context: activePostal, event: anyEvent },
    },
    housingIsKnown: {
      pass: { context: housedWithoutAgreement, event: anyEvent },
      fail: { context: terminated, event: anyEvent },
    },
    daytimeActivityIsKnown: {
      pass: { context: readyForGoal, event: anyEvent },
      fail: { context: base, event: anyEvent },
    },
    networkIsKnown: {
      pass: {
        context: { ...base, network: { healthyEngaged: false, unhealthyAtDistance: true } },
        event: anyEvent,
      },
      fail: { context: base, event: anyEvent },
    },
  };

  it('covers every guard named in setup()', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(trajectoryMachine.implementations.guards).sort());
  });

  it.each(Object.entries(cases))('%s passes and fails', (name, { pass, fail }) => {
    const guard = trajectoryMachine.implementations.guards[name as GuardName] as unknown as GuardFn;
    expect(guard({ context: pass.context, event: pass.event }, pass.params)).toBe(true);
    expect(guard({ context: fail.context, event: fail.event }, fail.params)).toBe(false);
  });

  it('postal address re-entry guards: an ended or expired address is not active', () => {
    const isActive = trajectoryMachine.implementations.guards.postalAddressIsActive as unknown as GuardFn;
    const hasExpired = trajectoryMachine.implementations.guards.postalAddressHasExpired as unknown as GuardFn;
    expect(isActive({ context: endedPostal, event: anyEvent })).toBe(false);
    expect(isActive({ context: base, event: anyEvent })).toBe(false);
    expect(
      hasExpired({
        context: {
          ...endedPostal,
          postalAddress: { ...expiredPostal.postalAddress, endedReason: 'Eigen adres' },
        },
        event: anyEvent,
      }),
    ).toBe(false);
    expect(hasExpired({ context: base, event: anyEvent })).toBe(false);
  });

  it('inclusion: criteria met or override → consent; not met → refused; not included → closed', () => {
    expect(step(initialSnapshot(), SAMPLE.include).value).toBe('consent');
    expect(step(initialSnapshot(), SAMPLE.includeWithOverride).value).toBe('consent');
    expect(step(initialSnapshot(), SAMPLE.includeWithoutCriteria).value).toBe('signal');
    expect(step(initialSnapshot(), SAMPLE.includeWithEmptyOverride).value).toBe('signal');
    expect(step(initialSnapshot(), SAMPLE.includeWithoutReasons).value).toBe('signal');
    const excluded = step(initialSnapshot(), SAMPLE.exclude);
    expect(excluded.value).toBe('closed');
    expect(excluded.status).toBe('done');
    expect(excluded.context.closure).toEqual({
      reason: 'not_included',
      stillUsing: 'unknown',
      explanation: null,
    });
    expect(excluded.context.inclusion).toEqual({
      included: false,
      criteria: ['resident'],
      reasons: SAMPLE.exclude.reasons,
      override: null,
    });
    expect(step(initialSnapshot(), SAMPLE.excludeWithOverride).value).toBe('signal');
  });

  it('admission: checklist complete or urgent override → admission; otherwise stays on the waiting list', () => {
    const waiting = snapshotIn('waiting_list');
    expect(step(waiting, SAMPLE.admitted).value).toBe('waiting_list');
    expect(step(waiting, SAMPLE.admittedUrgentShort).value).toBe('waiting_list');
    const urgent = step(waiting, SAMPLE.admittedUrgent);
    expect(urgent.value).toEqual({ admission: 'in_treatment' });
    expect(urgent.context.admission).toEqual({
      facility: 'Kliniek De Ark',
      urgentOverride: { reason: SAMPLE.admittedUrgent.urgentOverride.reason },
    });
    const ready = drive(PREPARE_ALL, waiting);
    expect(step(ready, SAMPLE.admitted).value).toEqual({ admission: 'in_treatment' });
    expect(step(ready, SAMPLE.admittedNoFacility).value).toBe('waiting_list');
  });

  it('three-party evaluation: terminate → searching, continue stays housed, without agreement refused', () => {
    const housed = drive([SAMPLE.housedWithAgreement], snapshotIn('aftercare'));
    expect(step(housed, SAMPLE.evaluationTerminate).matches({ aftercare: { housing: 'searching' } })).toBe(
      true,
    );
    const continued = step(housed, SAMPLE.evaluationContinue);
    expect(continued.matches({ aftercare: { housing: 'housed' } })).toBe(true);
    expect(continued.context.housing?.lastEvaluation).toEqual({ outcome: 'continue', note: null });
    const withoutAgreement = drive([SAMPLE.housedWithoutAgreement], snapshotIn('aftercare'));
    expect(withoutAgreement.can(SAMPLE.evaluationContinue)).toBe(false);
    expect(withoutAgreement.can(SAMPLE.evaluationTerminate)).toBe(false);
  });

  it('closure: goal_achieved only from aftercare, and only with housing and daytime activity', () => {
    for (const stage of OPEN_STAGES) {
      expect(snapshotIn(stage).can(SAMPLE.closedGoalAchieved)).toBe(false);
      expect(snapshotIn(stage).can(SAMPLE.closedRegularCare)).toBe(true);
      expect(snapshotIn(stage).can(SAMPLE.closedMoved)).toBe(false);
      expect(snapshotIn(stage).can(SAMPLE.closedNotIncluded)).toBe(false);
    }
    const ready = drive([SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged], snapshotIn('aftercare'));
    const closed = step(ready, SAMPLE.closedGoalAchieved);
    expect(closed.value).toBe('closed');
    expect(closed.context.closure).toEqual({ reason: 'goal_achieved', stillUsing: 'no', explanation: null });
  });
});

describe('trajectory machine: transitions', () => {
  it('consent: given / overridden → motivation with the legal basis; refused → closed (declined)', () => {
    const consent = snapshotIn('consent');
    const given = step(consent, SAMPLE.consentGiven);
    expect(given.value).toBe('motivation');
    expect(given.context.legalBasis).toEqual({ kind: 'consent', scope: SAMPLE.consentGiven.scope });
    const overridden = step(consent, SAMPLE.consentOverridden);
    expect(overridden.value).toBe('motivation');
    expect(overridden.context.legalBasis).toEqual({
      kind: 'care_covenant',
      justification: SAMPLE.consentOverridden.justification,
    });
    expect(step(consent, SAMPLE.consentOverriddenShort).value).toBe('consent');
    const refused = step(consent, SAMPLE.consentRefusedWithReason);
    expect(refused.value).toBe('closed');
    expect(refused.context.closure).toEqual({
      reason: 'declined',
      stillUsing: 'unknown',
      explanation: SAMPLE.consentRefusedWithReason.reason,
    });
    expect(step(consent, SAMPLE.consentRefused).context.closure?.explanation).toBeNull();
  });

  it('motivation → waiting list with the agreed treatment', () => {
    const next = step(snapshotIn('motivation'), SAMPLE.treatmentAgreed);
    expect(next.value).toBe('waiting_list');
    expect(next.context.treatment).toBe('clinical_detox');
  });

  it('prepares aftercare items idempotently, in checklist order, only on the waiting list', () => {
    const waiting = snapshotIn('waiting_list');
    const twice = drive([SAMPLE.prepareHousing, SAMPLE.prepareFinances, SAMPLE.prepareHousing], waiting);
    expect(twice.context.preparedAftercare).toEqual(['finances', 'housing']);
    const again = applyEvent(twice, SAMPLE.prepareHousing);
    expect(again.ok && again.changed).toBe(false);
    for (const stage of OPEN_STAGES.filter((s) => s !== 'waiting_list')) {
      expect(snapshotIn(stage).can(SAMPLE.prepareHousing)).toBe(false);
    }
  });

  it('withdrawn → motivation, starting a new round without counting a relapse', () => {
    const withdrawn = step(drive([SAMPLE.prepareFinances], snapshotIn('waiting_list')), SAMPLE.withdrawn);
    expect(withdrawn.value).toBe('motivation');
    expect(withdrawn.context).toMatchObject({
      relapses: 0,
      treatment: null,
      preparedAftercare: [],
      setback: { type: 'WITHDRAWN', fromStage: 'waiting_list', explanation: SAMPLE.withdrawn.reason },
    });
  });

  it('admission: leave switches in_treatment ⇄ on_leave; discharge only from in_treatment', () => {
    const admitted = snapshotIn('admission');
    const onLeave = step(admitted, SAMPLE.leaveStarted);
    expect(onLeave.value).toEqual({ admission: 'on_leave' });
    expect(onLeave.context.leaveUntil).toBe('2026-12-01');
    expect(onLeave.can(SAMPLE.discharged)).toBe(false);
    expect(onLeave.can(SAMPLE.leaveStarted)).toBe(false);
    const back = step(onLeave, SAMPLE.leaveEnded);
    expect(back.value).toEqual({ admission: 'in_treatment' });
    expect(back.context.leaveUntil).toBeNull();
    expect(admitted.can(SAMPLE.leaveEnded)).toBe(false);
    const discharged = step(back, SAMPLE.dischargedIncomplete);
    expect(discharged.value).toEqual({
      aftercare: { finances: 'none', housing: 'searching', daytime_activity: 'none', network: 'unassessed' },
    });
    expect(discharged.context.discharge).toEqual({ completed: false });
  });

  it('admission: DEADLINE_REACHED (leave_return) while on leave records leaveOverdue; cleared on leaving', () => {
    const onLeave = step(snapshotIn('admission'), SAMPLE.leaveStarted);
    expect(onLeave.context.leaveOverdue).toBe(false);
    const overdue = step(onLeave, SAMPLE.leaveReturnReached);
    expect(overdue.value).toEqual({ admission: 'on_leave' });
    expect(overdue.context).toEqual({ ...onLeave.context, leaveOverdue: true });
    expect(step(overdue, SAMPLE.leaveReturnReached).context).toEqual(overdue.context);
    // Other kinds, and leave_return outside leave, change nothing.
    for (const event of [SAMPLE.postalAddressExpiryReached, SAMPLE.waitingContactReached]) {
      expect(onLeave.can(event)).toBe(false);
    }
    expect(snapshotIn('admission').can(SAMPLE.leaveReturnReached)).toBe(false);
    expect(overdue.can(SAMPLE.discharged)).toBe(false);
    const back = step(overdue, SAMPLE.leaveEnded);
    expect(back.value).toEqual({ admission: 'in_treatment' });
    expect(back.context).toMatchObject({ leaveUntil: null, leaveOverdue: false });
    expect(step(overdue, SAMPLE.treatmentAborted).context).toMatchObject({ leaveOverdue: false });
    expect(step(overdue, SAMPLE.closedRegularCare).context.leaveOverdue).toBe(false);
    expect(step(overdue, SAMPLE.movedAway).context.leaveOverdue).toBe(false);
  });

  it('DEADLINE_REACHED changes nothing in the stages where no deadline has an effect', () => {
    for (const stage of OPEN_STAGES) {
      const before = snapshotIn(stage);
      for (const event of samplesOf('DEADLINE_REACHED')) {
        expect(before.can(event)).toBe(false);
        const next = step(before, event);
        expect([next.value, next.context]).toEqual([before.value, before.context]);
      }
    }
  });

  it('treatment aborted (also from leave) and relapse → motivation, each counting a relapse', () => {
    const aborted = step(step(snapshotIn('admission'), SAMPLE.leaveStarted), SAMPLE.treatmentAborted);
    expect(aborted.value).toBe('motivation');
    expect(aborted.context).toMatchObject({
      relapses: 1,
      leaveUntil: null,
      admission: null,
      setback: {
        type: 'TREATMENT_ABORTED',
        fromStage: 'admission',
        explanation: SAMPLE.treatmentAborted.reason,
      },
    });
    const relapsed = step(snapshotIn('aftercare'), SAMPLE.relapsed);
    expect(relapsed.value).toBe('motivation');
    expect(relapsed.context.relapses).toBe(1);
    expect(relapsed.context.setback).toEqual({
      type: 'RELAPSED',
      fromStage: 'aftercare',
      explanation: SAMPLE.relapsed.note,
    });
  });

  it('counts CONTACT_LOGGED in every open stage, including admission sub-states and aftercare', () => {
    for (const stage of OPEN_STAGES) {
      const before = snapshotIn(stage);
      const after = step(before, SAMPLE.contactLogged);
      expect(after.value).toEqual(before.value);
      expect(after.context.contacts).toBe(before.context.contacts + 1);
    }
    const onLeave = step(snapshotIn('admission'), SAMPLE.leaveStarted);
    expect(step(onLeave, SAMPLE.contactLogged).context.contacts).toBe(onLeave.context.contacts + 1);
  });

  it.each(OPEN_STAGES)('closes from %s with MOVED_AWAY (moved, movedTo) and TRAJECTORY_CLOSED', (stage) => {
    const moved = step(snapshotIn(stage), SAMPLE.movedAway);
    expect(moved.value).toBe('closed');
    expect(moved.context.closure).toEqual({ reason: 'moved', stillUsing: 'unknown', explanation: null });
    expect(moved.context.movedTo).toBe('Utrecht');
    expect(snapshotIn(stage).can(SAMPLE.movedAwayBlank)).toBe(false);
    const closed = step(snapshotIn(stage), SAMPLE.closedRegularCare);
    expect(closed.value).toBe('closed');
    expect(closed.context.closure).toEqual({
      reason: 'regular_care',
      stillUsing: 'unknown',
      explanation: null,
    });
  });

  it('accepts nothing once closed', () => {
    const closed = step(snapshotIn('motivation'), SAMPLE.closedRegularCare);
    expect(closed.status).toBe('done');
    for (const event of SAMPLE_EVENTS) {
      expect(closed.can(event)).toBe(false);
      expect(step(closed, event).context).toEqual(closed.context);
    }
  });

  describe('aftercare regions', () => {
    const regionsOf = (s: TrajectorySnapshot) =>
      (s.value as { aftercare: Record<string, StateValue> }).aftercare;

    it('finances: postal address none → active → ended → active; extension only while active and later', () => {
      const start = snapshotIn('aftercare');
      expect(start.can(SAMPLE.postalExtended)).toBe(false);
      expect(start.can(SAMPLE.postalEnded)).toBe(false);
      const active = step(start, SAMPLE.postalArranged);
      expect(regionsOf(active).finances).toBe('active');
      expect(active.can(SAMPLE.postalArranged)).toBe(false);
      expect(active.can(SAMPLE.postalExtendedEarlier)).toBe(false);
      const extended = step(active, SAMPLE.postalExtended);
      expect(extended.context.postalAddress).toEqual({
        validUntil: '2027-01-15',
        endedReason: null,
        expired: false,
      });
      expect(extended.can(SAMPLE.postalExtended)).toBe(false); // the same date is not later
      const ended = step(extended, SAMPLE.postalEnded);
      expect(regionsOf(ended).finances).toBe('ended');
      expect(ended.context.postalAddress).toEqual({
        validUntil: '2027-01-15',
        endedReason: SAMPLE.postalEnded.reason,
        expired: false,
      });
      expect(ended.can(SAMPLE.postalExtended)).toBe(false);
      const again = step(ended, SAMPLE.postalArranged);
      expect(regionsOf(again).finances).toBe('active');
      expect(again.context.postalAddress).toEqual({
        validUntil: '2026-12-01',
        endedReason: null,
        expired: false,
      });
    });

    it('finances: DEADLINE_REACHED (postal_address_expiry) while active → expired, keeping the address', () => {
      const active = step(snapshotIn('aftercare'), SAMPLE.postalArranged);
      const expired = step(active, SAMPLE.postalAddressExpiryReached);
      expect(regionsOf(expired).finances).toBe('expired');
      expect(expired.context.postalAddress).toEqual({
        validUntil: '2026-12-01',
        endedReason: null,
        expired: true,
      });
      // The other regions and the rest of the context are untouched.
      expect({ ...regionsOf(expired), finances: 'active' }).toEqual(regionsOf(active));
      expect({ ...expired.context, postalAddress: active.context.postalAddress }).toEqual(active.context);
      // Other kinds do nothing while active; nothing happens in none, expired or ended.
      for (const event of [SAMPLE.leaveReturnReached, SAMPLE.waitingContactReached]) {
        expect(active.can(event)).toBe(false);
        expect(step(active, event).context).toEqual(active.context);
      }
      const ended = step(active, SAMPLE.postalEnded);
      for (const s of [snapshotIn('aftercare'), expired, ended]) {
        expect(s.can(SAMPLE.postalAddressExpiryReached)).toBe(false);
        expect(step(s, SAMPLE.postalAddressExpiryReached).context).toEqual(s.context);
      }
    });

    it('finances: from expired, EXTENDED (later) or ARRANGED → active, ENDED → ended', () => {
      const expired = drive(
        [SAMPLE.postalArranged, SAMPLE.postalAddressExpiryReached],
        snapshotIn('aftercare'),
      );
      expect(expired.can(SAMPLE.postalExtendedEarlier)).toBe(false);
      expect(expired.can({ type: 'POSTAL_ADDRESS_EXTENDED', validUntil: '2026-12-01' })).toBe(false);
      expect(expired.can(SAMPLE.postalArrangedBadDate)).toBe(false);
      expect(expired.can(SAMPLE.postalEndedShort)).toBe(false);
      const extended = step(expired, SAMPLE.postalExtended);
      expect(regionsOf(extended).finances).toBe('active');
      expect(extended.context.postalAddress).toEqual({
        validUntil: '2027-01-15',
        endedReason: null,
        expired: false,
      });
      const arranged = step(expired, SAMPLE.postalArranged);
      expect(regionsOf(arranged).finances).toBe('active');
      expect(arranged.context.postalAddress).toEqual({
        validUntil: '2026-12-01',
        endedReason: null,
        expired: false,
      });
      const ended = step(expired, SAMPLE.postalEnded);
      expect(regionsOf(ended).finances).toBe('ended');
      expect(ended.context.postalAddress).toEqual({
        validUntil: '2026-12-01',
        endedReason: SAMPLE.postalEnded.reason,
        expired: true,
      });
      // An address that ended after expiring is not expired on re-entry: a new one can be arranged.
      expect(regionsOf(step(ended, SAMPLE.postalArranged)).finances).toBe('active');
      // It expires again when the extended date passes.
      expect(regionsOf(step(extended, SAMPLE.postalAddressExpiryReached)).finances).toBe('expired');
    });

    it('finances: a debt arrangement is recorded in every finances state', () => {
      const start = snapshotIn('aftercare');
      const active = step(start, SAMPLE.postalArranged);
      const ended = step(active, SAMPLE.postalEnded);
      const expired = step(active, SAMPLE.postalAddressExpiryReached);
      for (const s of [start, active, expired, ended]) {
        const next = step(s, SAMPLE.debtArrangementSet);
        expect(next.context.debtArrangement).toBe('budget_management');
        expect(regionsOf(next).finances).toBe(regionsOf(s).finances);
      }
    });

    it('housing: searching → housed; moving replaces the record; terminate → searching', () => {
      const housed = step(snapshotIn('aftercare'), SAMPLE.housedWithAgreement);
      expect(regionsOf(housed).housing).toBe('housed');
      const moved = step(housed, SAMPLE.housedWithoutAgreement);
      expect(regionsOf(moved).housing).toBe('housed');
      expect(moved.context.housing).toEqual({
        kind: 'own_home',
        threePartyAgreement: null,
        lastEvaluation: null,
      });
      const terminated = step(housed, SAMPLE.evaluationTerminate);
      expect(regionsOf(terminated).housing).toBe('searching');
      expect(terminated.context.housing?.lastEvaluation).toEqual({
        outcome: 'terminate',
        note: SAMPLE.evaluationTerminate.note,
      });
      expect(terminated.can(SAMPLE.evaluationContinue)).toBe(false);
      expect(regionsOf(step(terminated, SAMPLE.housedWithAgreement)).housing).toBe('housed');
    });

    it('daytime activity and network: arranged / assessed, and re-arrangeable / re-assessable', () => {
      const arranged = step(snapshotIn('aftercare'), SAMPLE.daytimeArranged);
      expect(regionsOf(arranged).daytime_activity).toBe('arranged');
      const rearranged = step(arranged, { type: 'DAYTIME_ARRANGED', kind: 'paid_work' });
      expect(rearranged.context.daytimeActivity).toBe('paid_work');
      const assessed = step(arranged, SAMPLE.networkAssessed);
      expect(regionsOf(assessed).network).toBe('assessed');
      const reassessed = step(assessed, {
        type: 'NETWORK_ASSESSED',
        healthyEngaged: false,
        unhealthyAtDistance: false,
      });
      expect(regionsOf(reassessed).network).toBe('assessed');
      expect(reassessed.context.network).toEqual({ healthyEngaged: false, unhealthyAtDistance: false });
    });

    it('re-entering aftercare after a relapse resumes every region from the recorded facts', () => {
      const rich = drive(
        [
          SAMPLE.postalArranged,
          SAMPLE.postalEnded,
          SAMPLE.housedWithAgreement,
          SAMPLE.daytimeArranged,
          SAMPLE.networkAssessed,
        ],
        snapshotIn('aftercare'),
      );
      const relapsed = step(rich, SAMPLE.relapsed);
      expect(relapsed.context.housing).toEqual(rich.context.housing);
      const back = drive(TO_AFTERCARE.slice(2), relapsed);
      expect(back.value).toEqual({
        aftercare: {
          finances: 'ended',
          housing: 'housed',
          daytime_activity: 'arranged',
          network: 'assessed',
        },
      });
      const activeAgain = drive(
        [SAMPLE.relapsed, ...TO_AFTERCARE.slice(2)],
        step(back, SAMPLE.postalArranged),
      );
      expect(regionsOf(activeAgain).finances).toBe('active');
      const expiredAgain = drive(
        [SAMPLE.postalAddressExpiryReached, SAMPLE.relapsed, ...TO_AFTERCARE.slice(2)],
        step(back, SAMPLE.postalArranged),
      );
      expect(regionsOf(expiredAgain).finances).toBe('expired');
      expect(expiredAgain.context.postalAddress?.expired).toBe(true);
      const terminatedBack = drive(
        [SAMPLE.evaluationTerminate, SAMPLE.relapsed, ...TO_AFTERCARE.slice(2)],
        back,
      );
      expect(regionsOf(terminatedBack).housing).toBe('searching');
    });
  });
});

describe('trajectory machine: happy path', () => {
  const events: TrajectoryEvent[] = [
    SAMPLE.include,
    SAMPLE.consentGiven,
    SAMPLE.treatmentAgreed,
    SAMPLE.contactLogged,
    ...PREPARE_ALL,
    SAMPLE.admitted,
    SAMPLE.contactLogged,
    SAMPLE.leaveStarted,
    SAMPLE.leaveEnded,
    SAMPLE.discharged,
    SAMPLE.postalArranged,
    SAMPLE.debtArrangementSet,
    SAMPLE.housedWithAgreement,
    SAMPLE.evaluationContinue,
    SAMPLE.daytimeArranged,
    SAMPLE.networkAssessed,
    SAMPLE.postalExtended,
    SAMPLE.postalEnded,
    SAMPLE.closedGoalAchieved,
  ];

  it('runs signal → consent → motivation → waiting list → admission → aftercare → closed (goal achieved)', () => {
    const stages: Stage[] = [];
    let snapshot = initialSnapshot();
    for (const event of events) {
      const result = applyEvent(snapshot, event);
      if (!result.ok) throw new Error(`${event.type}: ${JSON.stringify(result.refusals)}`);
      expect(result.changed).toBe(true);
      if (stages[stages.length - 1] !== result.stage) stages.push(result.stage);
      snapshot = result.snapshot;
    }
    expect(['signal', ...stages]).toEqual([...STAGES]);
    expect(snapshot.status).toBe('done');
    expect(snapshot.context).toEqual({
      inclusion: {
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'disproportionate_care_use'],
        reasons: SAMPLE.include.reasons,
        override: null,
      },
      legalBasis: { kind: 'consent', scope: SAMPLE.consentGiven.scope },
      treatment: 'clinical_detox',
      preparedAftercare: ['treatment_followup', 'finances', 'housing', 'daytime_activity', 'healthy_network'],
      admission: { facility: 'Kliniek De Ark', urgentOverride: null },
      leaveUntil: null,
      leaveOverdue: false,
      discharge: { completed: true },
      relapses: 0,
      contacts: 2,
      setback: null,
      postalAddress: { validUntil: '2027-01-15', endedReason: SAMPLE.postalEnded.reason, expired: false },
      debtArrangement: 'budget_management',
      housing: {
        kind: 'social_rent',
        threePartyAgreement: SAMPLE.housedWithAgreement.threePartyAgreement,
        lastEvaluation: { outcome: 'continue', note: null },
      },
      daytimeActivity: 'volunteer_work',
      network: { healthyEngaged: true, unhealthyAtDistance: true },
      closure: { reason: 'goal_achieved', stillUsing: 'no', explanation: null },
      movedTo: null,
    } satisfies TrajectoryContext);
  });

  it('is found by xstate/graph getPathsFromEvents', () => {
    // The abstract serialization keeps the traversal finite (CONTACT_LOGGED would otherwise count forever).
    const [path] = getPathsFromEvents(trajectoryMachine, events, TRAVERSAL_OPTIONS);
    expect(path.steps.map((s) => s.event.type)).toEqual(['xstate.init', ...events.map((e) => e.type)]);
    expect(path.state.value).toBe('closed');
    expect(path.state.context.closure?.reason).toBe('goal_achieved');
  });
});
