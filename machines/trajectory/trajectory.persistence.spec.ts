import { createActor, transition } from 'xstate';
import fixture from './fixtures/trajectory-v1.snapshot.json';
import fixtureV2 from './fixtures/trajectory-v2.snapshot.json';
import { SAMPLE, SAMPLE_EVENTS } from './fixtures/trajectory-events.samples';
import { drive, reachableSnapshots } from './fixtures/trajectory-graph.samples';
import {
  acceptedEventTypes,
  applyEvent,
  blockedMilestones,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import { TRAJECTORY_MACHINE_ID, TRAJECTORY_MACHINE_VERSION, trajectoryMachine } from './trajectory.machine';
import type { TrajectoryEvent } from './trajectory.types';

function jsonRoundTrip(snapshot: TrajectorySnapshot): unknown {
  return JSON.parse(JSON.stringify(trajectoryMachine.getPersistedSnapshot(snapshot)));
}

function applyAll(snapshot: TrajectorySnapshot, events: readonly TrajectoryEvent[]): TrajectorySnapshot {
  return events.reduce((current, event) => {
    const result = applyEvent(current, event);
    if (!result.ok) throw new Error(`${event.type}: ${JSON.stringify(result.refusals)}`);
    return result.snapshot;
  }, snapshot);
}

/** The fixture with the defaults of the context fields added to version 1 before its release. */
const fixtureWithDefaults = {
  ...fixture.snapshot,
  context: {
    ...fixture.snapshot.context,
    leaveOverdue: false,
    postalAddress: { ...fixture.snapshot.context.postalAddress, expired: false },
  },
};

describe('persisted snapshot of version 1 (fixture, mid-aftercare)', () => {
  const continuation: TrajectoryEvent[] = [
    SAMPLE.postalExtended,
    SAMPLE.evaluationContinue,
    SAMPLE.daytimeArranged,
    SAMPLE.closedGoalAchieved,
  ];

  it('records machine id, machine version and xstate version', () => {
    expect(fixture.machineId).toBe(TRAJECTORY_MACHINE_ID);
    expect(fixture.machineVersion).toBe(1);
    expect(fixture.machineVersion).toBeLessThanOrEqual(TRAJECTORY_MACHINE_VERSION);
    expect(fixture.xstateVersion).toBe('5.33.3');
  });

  it('restores in aftercare with its regions and context', () => {
    const restored = restoreSnapshot(fixture.snapshot);
    expect(restored.status).toBe('active');
    expect(stageOf(restored)).toBe('aftercare');
    expect(restored.value).toEqual({
      aftercare: { finances: 'active', housing: 'housed', daytime_activity: 'none', network: 'assessed' },
    });
    expect(restored.context).toEqual(fixtureWithDefaults.context);
    expect(acceptedEventTypes(restored)).toEqual([
      'CONTACT_LOGGED',
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
      // Version 2 lets a version 1 snapshot withdraw its consent, as it is.
      'CONSENT_WITHDRAWN',
      'COVENANT_INVOKED',
    ]);
    expect(blockedMilestones(restored).map((b) => b.refusals.map((r) => r.code))).toEqual([
      ['no_daytime_activity'],
    ]);
  });

  it('persists unchanged after restoring, apart from the defaults of fields added to version 1', () => {
    expect(persistSnapshot(restoreSnapshot(fixture.snapshot))).toEqual(fixtureWithDefaults);
    expect(persistSnapshot(restoreSnapshot(fixtureWithDefaults))).toEqual(fixtureWithDefaults);
  });

  it('takes system events after restoring: the postal address expires, and is extended again', () => {
    const restored = restoreSnapshot(fixture.snapshot);
    const expired = applyAll(restored, [SAMPLE.postalAddressExpiryReached]);
    expect(expired.matches({ aftercare: { finances: 'expired' } })).toBe(true);
    expect(expired.context.postalAddress).toEqual({
      validUntil: '2026-12-01',
      endedReason: null,
      expired: true,
    });
    const roundTripped = restoreSnapshot(persistSnapshot(expired));
    expect(roundTripped.value).toEqual(expired.value);
    expect(roundTripped.context).toEqual(expired.context);
    const closed = applyAll(roundTripped, continuation);
    expect(closed.value).toBe('closed');
    expect(closed.context.postalAddress).toEqual({
      validUntil: '2027-01-15',
      endedReason: null,
      expired: false,
    });
  });

  it('continues to closed (goal achieved) with the pure functions', () => {
    const closed = applyAll(restoreSnapshot(fixture.snapshot), continuation);
    expect(closed.status).toBe('done');
    expect(closed.value).toBe('closed');
    expect(closed.context).toMatchObject({
      postalAddress: { validUntil: '2027-01-15', endedReason: null },
      housing: { lastEvaluation: { outcome: 'continue', note: null } },
      daytimeActivity: 'volunteer_work',
      closure: { reason: 'goal_achieved', stillUsing: 'no', explanation: null },
      contacts: 2,
    });
  });

  it('continues the same way in an actor restored the xstate way (createActor with snapshot)', () => {
    const actor = createActor(trajectoryMachine, {
      snapshot: fixture.snapshot as unknown as TrajectorySnapshot,
    }).start();
    for (const event of continuation) actor.send(event);
    const pure = applyAll(restoreSnapshot(fixture.snapshot), continuation);
    expect(actor.getSnapshot().value).toEqual(pure.value);
    // A raw v1 snapshot lacks `leaveOverdue` (restoreSnapshot adds it); everything else is the same.
    expect(actor.getSnapshot().context).not.toHaveProperty('leaveOverdue');
    expect({ ...actor.getSnapshot().context, leaveOverdue: false }).toEqual(pure.context);
    expect(actor.getSnapshot().status).toBe('done');
    actor.stop();
  });

  it('still refuses what v1 refuses (an earlier postal address end date)', () => {
    const restored = restoreSnapshot(fixture.snapshot);
    expect(restored.can(SAMPLE.postalExtendedEarlier)).toBe(false);
    const result = applyEvent(restored, SAMPLE.postalExtendedEarlier);
    expect(result.ok ? [] : result.refusals.map((r) => r.code)).toEqual(['extension_not_later']);
  });
});

describe('persist / restore round trip', () => {
  it('round-trips every reachable state through JSON and keeps working the same', () => {
    const states = reachableSnapshots();
    expect(states.length).toBeGreaterThan(100);
    for (const original of states) {
      const restored = restoreSnapshot(jsonRoundTrip(original));
      expect(restored.value).toEqual(original.value);
      expect(restored.context).toEqual(original.context);
      expect(restored.status).toBe(original.status);
      expect(acceptedEventTypes(restored)).toEqual(acceptedEventTypes(original));
      for (const event of SAMPLE_EVENTS) {
        expect(restored.can(event)).toBe(original.can(event));
        const [a] = transition(trajectoryMachine, original, event);
        const [b] = transition(trajectoryMachine, restored, event);
        expect(b.value).toEqual(a.value);
        expect(b.context).toEqual(a.context);
      }
    }
  });

  it('persistSnapshot returns plain JSON equal to getPersistedSnapshot after JSON round trip', () => {
    const snapshot = drive([SAMPLE.include, SAMPLE.consentGiven, SAMPLE.contactLogged]);
    const persisted = persistSnapshot(snapshot);
    expect(persisted).toEqual(jsonRoundTrip(snapshot));
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(persisted).toMatchObject({ status: 'active', value: 'motivation', context: { contacts: 1 } });
  });

  it('restores a closed trajectory as done', () => {
    const closed = drive([SAMPLE.exclude]);
    const restored = restoreSnapshot(persistSnapshot(closed));
    expect(restored.status).toBe('done');
    expect(restored.value).toBe('closed');
    expect(acceptedEventTypes(restored)).toEqual([]);
  });

  it('accepts a JSON string', () => {
    const snapshot = drive([SAMPLE.include]);
    expect(restoreSnapshot(JSON.stringify(persistSnapshot(snapshot))).value).toBe('consent');
  });

  it('refuses malformed snapshots with a clear error', () => {
    const { context } = persistSnapshot(drive([]));
    expect(() => restoreSnapshot(null)).toThrow('Not a persisted trajectory snapshot');
    expect(() => restoreSnapshot({ value: 'signal' })).toThrow('Not a persisted trajectory snapshot');
    expect(() => restoreSnapshot({ value: 42, context })).toThrow('Not a persisted trajectory snapshot');
    expect(() => restoreSnapshot({ value: 'paused', context })).toThrow("State 'paused' does not exist");
    const { movedTo: _movedTo, ...incomplete } = context;
    expect(() => restoreSnapshot({ value: 'signal', context: incomplete })).toThrow('context lacks movedTo');
    const { leaveOverdue: _leaveOverdue, ...withoutLateField } = context;
    expect(restoreSnapshot({ value: 'signal', context: withoutLateField }).context).toEqual(context);
  });
});

describe('persisted snapshot of version 2 (fixture: waiting list, consent withdrawn without a covenant)', () => {
  it('records machine id, machine version and xstate version', () => {
    expect(fixtureV2.machineId).toBe(TRAJECTORY_MACHINE_ID);
    expect(fixtureV2.machineVersion).toBe(2);
    expect(fixtureV2.machineVersion).toBeLessThanOrEqual(TRAJECTORY_MACHINE_VERSION);
    expect(fixtureV2.xstateVersion).toBe('5.33.3');
  });

  it('restores without a legal basis, standing still, and persists unchanged', () => {
    const restored = restoreSnapshot(fixtureV2.snapshot);
    expect(stageOf(restored)).toBe('waiting_list');
    expect(restored.context.legalBasis).toEqual({
      kind: 'none',
      reason: 'Wil geen contact meer met de hulpverlening',
    });
    expect(restored.can(SAMPLE.admittedUrgent)).toBe(false);
    expect(blockedMilestones(restored).map((b) => b.refusals.map((r) => r.code))).toEqual([
      ['no_legal_basis'],
    ]);
    expect(persistSnapshot(restored)).toEqual(fixtureV2.snapshot);
  });

  it('continues under a covenant recorded later, to admission', () => {
    const continued = applyAll(restoreSnapshot(fixtureV2.snapshot), [
      SAMPLE.covenantInvoked,
      SAMPLE.admittedUrgent,
    ]);
    expect(continued.value).toEqual({ admission: 'in_treatment' });
    expect(continued.context.legalBasis?.kind).toBe('safety_covenant');
  });
});
