// The legal basis of a trajectory (domain.md §2 and §8, issue 5): consent, a covenant with its justification, a
// withdrawal of consent (CONSENT_WITHDRAWN), and a covenant recorded after it (COVENANT_INVOKED).

import { PREPARE_ALL, SAMPLE, TO_AFTERCARE } from './fixtures/trajectory-events.samples';
import { drive, reachableSnapshots } from './fixtures/trajectory-graph.samples';
import { machineBlockers } from './trajectory.blockers';
import { deadlineChanges } from './trajectory.deadlines';
import {
  acceptedEventTypes,
  applyEvent,
  blockedMilestones,
  deadlineKindsWithEffect,
  refusalsFor,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import { initialTrajectoryContext } from './trajectory.machine';
import { hasLegalBasis, legalBasisKindOf, noLegalBasisRefusals } from './trajectory.rules';
import {
  EVENTS_WITHOUT_LEGAL_BASIS,
  LEGAL_BASIS_KINDS,
  LEGAL_BASIS_LABELS,
  TRAJECTORY_EVENT_TYPES,
  type TrajectoryEvent,
} from './trajectory.types';

const ON_CONSENT = [SAMPLE.include, SAMPLE.consentGiven];
const IN = {
  signal: () => drive([]),
  consent: () => drive([SAMPLE.include]),
  motivation: () => drive(ON_CONSENT),
  waitingList: () => drive([...ON_CONSENT, SAMPLE.treatmentAgreed]),
  onLeave: () => drive([...TO_AFTERCARE.slice(0, -1), SAMPLE.leaveStarted]),
  aftercare: () => drive([...TO_AFTERCARE, SAMPLE.postalArranged, SAMPLE.housedWithAgreement]),
  onCovenant: () => drive([SAMPLE.include, SAMPLE.consentOverridden]),
};

const codes = (snapshot: TrajectorySnapshot, event: TrajectoryEvent) =>
  refusalsFor(snapshot, event).map((r) => r.code);

function apply(snapshot: TrajectorySnapshot, event: TrajectoryEvent): TrajectorySnapshot {
  const result = applyEvent(snapshot, event);
  if (!result.ok) throw new Error(`${event.type}: ${JSON.stringify(result.refusals)}`);
  return result.snapshot;
}

describe('legal basis: kinds', () => {
  it('has a Dutch label for every kind', () => {
    expect(LEGAL_BASIS_KINDS).toEqual(['pending', 'consent', 'care_covenant', 'safety_covenant', 'none']);
    expect(Object.keys(LEGAL_BASIS_LABELS)).toEqual([...LEGAL_BASIS_KINDS]);
  });

  it('derives the kind: pending before consent, the recorded basis after, none for refused consent', () => {
    expect(legalBasisKindOf(IN.signal().context)).toBe('pending');
    expect(legalBasisKindOf(IN.consent().context)).toBe('pending');
    expect(legalBasisKindOf(IN.motivation().context)).toBe('consent');
    expect(legalBasisKindOf(IN.onCovenant().context)).toBe('care_covenant');
    expect(legalBasisKindOf(apply(IN.motivation(), SAMPLE.consentWithdrawn).context)).toBe('none');
    expect(legalBasisKindOf(drive([SAMPLE.include, SAMPLE.consentRefused]).context)).toBe('none');
    // Not included: closed before any basis was needed.
    expect(legalBasisKindOf(drive([SAMPLE.exclude]).context)).toBe('pending');
    expect(legalBasisKindOf(initialTrajectoryContext())).toBe('pending');
  });
});

describe('CONSENT_WITHDRAWN', () => {
  it('without a covenant: the stage stays, the basis becomes none with the trimmed reason', () => {
    const withdrawn = apply(IN.waitingList(), {
      ...SAMPLE.consentWithdrawn,
      reason: '  Wil geen hulp meer  ',
    });
    expect(withdrawn.value).toBe('waiting_list');
    expect(withdrawn.context.legalBasis).toEqual({ kind: 'none', reason: 'Wil geen hulp meer' });
    expect(hasLegalBasis(withdrawn.context)).toBe(false);
  });

  it('with a covenant: continues on it, keeping the stage and its sub-states', () => {
    const onLeave = apply(IN.onLeave(), SAMPLE.consentWithdrawnUnderCovenant);
    expect(onLeave.value).toEqual({ admission: 'on_leave' });
    expect(onLeave.context.legalBasis).toEqual({
      kind: 'care_covenant',
      justification: SAMPLE.consentWithdrawnUnderCovenant.continueUnder.justification,
    });
    const aftercare = IN.aftercare();
    const continued = apply(aftercare, SAMPLE.consentWithdrawnUnderCovenant);
    expect(continued.value).toEqual(aftercare.value);
    // The trajectory goes on as before.
    expect(apply(continued, SAMPLE.daytimeArranged).context.daytimeActivity).toBe('volunteer_work');
  });

  it('is possible in every open stage past consent, and nowhere else', () => {
    for (const snapshot of [IN.motivation(), IN.waitingList(), IN.onLeave(), IN.aftercare()]) {
      expect(acceptedEventTypes(snapshot)).toContain('CONSENT_WITHDRAWN');
      expect(snapshot.can(SAMPLE.consentWithdrawn)).toBe(true);
    }
    expect(refusalsFor(IN.signal(), SAMPLE.consentWithdrawn)).toEqual([
      {
        code: 'event_not_accepted',
        message:
          "In de fase Signaal kan 'CONSENT_WITHDRAWN' niet worden verwerkt. Er is nog geen toestemming gegeven om in te trekken.",
      },
    ]);
    expect(codes(IN.consent(), SAMPLE.consentWithdrawn)).toEqual(['event_not_accepted']);
    expect(codes(drive([SAMPLE.exclude]), SAMPLE.consentWithdrawn)).toEqual(['event_not_accepted']);
  });

  it('is refused when the basis is not consent, in Dutch', () => {
    expect(refusalsFor(IN.onCovenant(), SAMPLE.consentWithdrawn)).toEqual([
      {
        code: 'consent_not_in_force',
        message:
          'Er is geen toestemming om in te trekken: het traject loopt op grond van het zorgstructuurconvenant.',
      },
    ]);
    const withdrawn = apply(IN.motivation(), SAMPLE.consentWithdrawn);
    expect(refusalsFor(withdrawn, SAMPLE.consentWithdrawn)[0]).toEqual({
      code: 'consent_not_in_force',
      message: 'De toestemming is al ingetrokken; leg zo nodig een convenant vast (COVENANT_INVOKED).',
    });
  });

  it('needs a substantive reason, and a covenant with a substantive justification', () => {
    expect(codes(IN.motivation(), SAMPLE.consentWithdrawnShort)).toEqual([
      'withdrawal_reason_not_substantive',
    ]);
    expect(codes(IN.motivation(), SAMPLE.consentWithdrawnUnderShortCovenant)).toEqual([
      'justification_not_substantive',
    ]);
    const unknownCovenant = {
      ...SAMPLE.consentWithdrawnUnderCovenant,
      continueUnder: { legalBasis: 'gut_feeling', justification: 'Ernstige zorgen over de veiligheid' },
    } as unknown as TrajectoryEvent;
    expect(codes(IN.motivation(), unknownCovenant)).toEqual(['legal_basis_invalid']);
    expect(codes(IN.onCovenant(), SAMPLE.consentWithdrawnShort)).toEqual([
      'consent_not_in_force',
      'withdrawal_reason_not_substantive',
    ]);
  });
});

describe('without a legal basis (consent withdrawn, no covenant)', () => {
  const withdrawnIn = (snapshot: TrajectorySnapshot) => apply(snapshot, SAMPLE.consentWithdrawn);

  it('refuses every user event but a covenant, closing and moving away, with the same Dutch reason', () => {
    const waiting = withdrawnIn(IN.waitingList());
    for (const event of [
      SAMPLE.contactLogged,
      SAMPLE.prepareFinances,
      SAMPLE.admittedUrgent,
      SAMPLE.withdrawn,
    ] as TrajectoryEvent[]) {
      expect(waiting.can(event)).toBe(false);
      expect(refusalsFor(waiting, event)).toEqual([
        {
          code: 'no_legal_basis',
          message:
            'De cliënt heeft de toestemming ingetrokken en er is geen convenant vastgelegd: zonder grondslag kan het ' +
            'traject niet verder. Leg een convenant met motivering vast (COVENANT_INVOKED) of sluit het traject af.',
        },
      ]);
    }
    expect(codes(withdrawnIn(IN.motivation()), SAMPLE.treatmentAgreed)).toEqual(['no_legal_basis']);
    const aftercare = withdrawnIn(IN.aftercare());
    for (const event of [
      SAMPLE.daytimeArranged,
      SAMPLE.postalExtended,
      SAMPLE.evaluationContinue,
      SAMPLE.relapsed,
    ] as TrajectoryEvent[]) {
      expect(codes(aftercare, event)).toEqual(['no_legal_basis']);
    }
    expect(waiting.can(SAMPLE.closedRegularCare)).toBe(true);
    expect(waiting.can(SAMPLE.movedAway)).toBe(true);
    expect(apply(waiting, SAMPLE.closedRegularCare).value).toBe('closed');
  });

  it('lets system events pass the basis rule, yet no deadline has an effect (none is pending)', () => {
    const onLeave = withdrawnIn(IN.onLeave());
    expect(noLegalBasisRefusals(onLeave.context, SAMPLE.leaveReturnReached)).toEqual([]);
    expect(deadlineKindsWithEffect(IN.onLeave())).toEqual(['leave_return']);
    expect(deadlineKindsWithEffect(onLeave)).toEqual([]);
    expect(onLeave.can(SAMPLE.leaveReturnReached)).toBe(false);
    expect(codes(onLeave, SAMPLE.leaveReturnReached)).toEqual(['event_not_accepted']);
  });

  it('the events allowed without a basis are exactly EVENTS_WITHOUT_LEGAL_BASIS', () => {
    const context = withdrawnIn(IN.motivation()).context;
    const allowed = TRAJECTORY_EVENT_TYPES.filter(
      (type) => noLegalBasisRefusals(context, { type } as TrajectoryEvent).length === 0,
    );
    expect(allowed).toEqual(
      [...EVENTS_WITHOUT_LEGAL_BASIS].sort(
        (a, b) => TRAJECTORY_EVENT_TYPES.indexOf(a) - TRAJECTORY_EVENT_TYPES.indexOf(b),
      ),
    );
  });

  it('blocks the stage milestone with no_legal_basis, and the board shows that alone, for the chair', () => {
    const motivation = withdrawnIn(IN.motivation());
    expect(blockedMilestones(motivation).map((m) => [m.type, m.refusals.map((r) => r.code)])).toEqual([
      ['TREATMENT_AGREED', ['no_legal_basis']],
    ]);
    const waiting = withdrawnIn(IN.waitingList());
    expect(machineBlockers(IN.waitingList()).map((b) => b.code)).toEqual(['aftercare_not_ready']);
    expect(machineBlockers(waiting)).toEqual([
      {
        code: 'no_legal_basis',
        message: expect.stringContaining('toestemming ingetrokken'),
        liftedBy: 'chair',
        source: 'machine',
      },
    ]);
  });

  it('withdraws every pending deadline, and a covenant starts them again from its event', () => {
    const waiting = IN.waitingList();
    const withdrawn = withdrawnIn(waiting);
    expect(deadlineChanges(waiting, SAMPLE.consentWithdrawn, withdrawn)).toEqual([
      { op: 'cancel', kind: 'waiting_contact' },
      { op: 'cancel', kind: 'waiting_duration' },
    ]);
    const covenant = apply(withdrawn, SAMPLE.covenantInvoked);
    expect(deadlineChanges(withdrawn, SAMPLE.covenantInvoked, covenant)).toEqual([
      { op: 'start', kind: 'waiting_contact', base: 'event' },
      { op: 'start', kind: 'waiting_duration', base: 'event' },
    ]);
    // Continuing on a covenant at once changes no deadline.
    expect(
      deadlineChanges(
        waiting,
        SAMPLE.consentWithdrawnUnderCovenant,
        apply(waiting, SAMPLE.consentWithdrawnUnderCovenant),
      ),
    ).toEqual([]);
  });

  it('holds over every reachable state: no basis, no user event outside EVENTS_WITHOUT_LEGAL_BASIS', () => {
    let checked = 0;
    for (const snapshot of reachableSnapshots()) {
      if (snapshot.status !== 'active' || hasLegalBasis(snapshot.context)) continue;
      checked += 1;
      for (const type of acceptedEventTypes(snapshot)) {
        if ((EVENTS_WITHOUT_LEGAL_BASIS as readonly string[]).includes(type)) continue;
        expect(refusalsFor(snapshot, { type } as TrajectoryEvent).map((r) => r.code)).toEqual([
          'no_legal_basis',
        ]);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('COVENANT_INVOKED', () => {
  it('records a covenant after the consent was withdrawn, and the trajectory goes on', () => {
    const withdrawn = apply(IN.motivation(), SAMPLE.consentWithdrawn);
    const covenant = apply(withdrawn, SAMPLE.covenantInvoked);
    expect(covenant.value).toBe('motivation');
    expect(covenant.context.legalBasis).toEqual({
      kind: 'safety_covenant',
      justification: SAMPLE.covenantInvoked.justification,
    });
    expect(stageOf(apply(covenant, SAMPLE.treatmentAgreed))).toBe('waiting_list');
  });

  it('moves from one covenant to the other', () => {
    const safety = apply(IN.onCovenant(), SAMPLE.covenantInvoked);
    expect(safety.context.legalBasis?.kind).toBe('safety_covenant');
  });

  it('is refused while consent is in force, in the consent stage, and without a substantive justification', () => {
    expect(refusalsFor(IN.motivation(), SAMPLE.covenantInvoked)).toEqual([
      {
        code: 'consent_in_force',
        message:
          'De cliënt heeft toestemming gegeven; een convenant is pas nodig als die is ingetrokken (CONSENT_WITHDRAWN).',
      },
    ]);
    expect(refusalsFor(IN.consent(), SAMPLE.covenantInvoked)[0].message).toContain('CONSENT_OVERRIDDEN');
    expect(codes(IN.signal(), SAMPLE.covenantInvoked)).toEqual(['event_not_accepted']);
    const withdrawn = apply(IN.motivation(), SAMPLE.consentWithdrawn);
    expect(codes(withdrawn, SAMPLE.covenantInvokedShort)).toEqual(['justification_not_substantive']);
  });

  it('keeps everything else of the trajectory as it was', () => {
    const aftercare = IN.aftercare();
    const withdrawn = apply(aftercare, SAMPLE.consentWithdrawn);
    const covenant = apply(withdrawn, SAMPLE.covenantInvoked);
    expect({ ...covenant.context, legalBasis: null }).toEqual({ ...aftercare.context, legalBasis: null });
    expect(covenant.value).toEqual(aftercare.value);
    expect(covenant.context.preparedAftercare).toHaveLength(PREPARE_ALL.length);
  });
});
