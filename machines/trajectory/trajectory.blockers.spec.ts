import { PREPARE_ALL, REASON, SAMPLE, TO_AFTERCARE } from './fixtures/trajectory-events.samples';
import { reachableSnapshots } from './fixtures/trajectory-graph.samples';
import {
  BLOCKER_CODES,
  BLOCKER_CODE_LABELS,
  BLOCKER_LIFTED_BY,
  DEADLINE_BLOCKERS,
  deadlineBlockers,
  deriveBlockers,
  machineBlockers,
  type Blocker,
  type BlockerCode,
  type DeadlineFact,
  type DeadlineFactStep,
} from './trajectory.blockers';
import {
  applyEvent,
  blockedMilestones,
  initialSnapshot,
  stageOf,
  type TrajectorySnapshot,
} from './trajectory.inspect';
import {
  AFTERCARE_ITEMS,
  AFTERCARE_ITEM_LABELS,
  DEADLINE_KINDS,
  PARTIES,
  type DeadlineKind,
  type TrajectoryEvent,
} from './trajectory.types';

/** Applies `events` with `applyEvent` from `from` (default: a new trajectory); fails on a refusal. */
function run(
  events: readonly TrajectoryEvent[],
  from: TrajectorySnapshot = initialSnapshot(),
): TrajectorySnapshot {
  let snapshot = from;
  for (const event of events) {
    const result = applyEvent(snapshot, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${JSON.stringify(result.refusals)}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

const TO_WAITING_LIST = [SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed];
const TO_ADMISSION = [...TO_WAITING_LIST, ...PREPARE_ALL, SAMPLE.admitted];

const IN = {
  signal: () => initialSnapshot(),
  consent: () => run([SAMPLE.include]),
  motivation: () => run([SAMPLE.include, SAMPLE.consentGiven]),
  waitingList: () => run(TO_WAITING_LIST),
  inTreatment: () => run(TO_ADMISSION),
  onLeave: () => run([...TO_ADMISSION, SAMPLE.leaveStarted]),
  aftercare: () => run(TO_AFTERCARE),
  closed: () => run([SAMPLE.exclude]),
};

const codesOf = (blockers: Blocker[]) => blockers.map((b) => b.code);
const machineCodes = (snapshot: TrajectorySnapshot) => codesOf(machineBlockers(snapshot));
const find = (blockers: Blocker[], code: BlockerCode) => blockers.find((b) => b.code === code);

/** 09:00 Amsterdam (winter time) on 1 December 2026. */
const DUE = '2026-12-01T08:00:00.000Z';
const DUE_DUTCH = '1 december 2026';

function fact(kind: DeadlineKind, step: DeadlineFactStep, dueAt = DUE): DeadlineFact {
  return { kind, dueAt, step, firedAt: step === 'none' ? null : '2026-12-01T08:00:05.000Z' };
}

const STEPS: DeadlineFactStep[] = ['none', 'warning', 'overdue', 'agenda'];
const rank = (step: DeadlineFactStep) => STEPS.indexOf(step);

/** Free text from the sample payloads: it may never reach a blocker message (no names, no case details). */
const FREE_TEXT = [REASON, 'Kliniek De Ark', 'Woonstichting Thuis', 'Novadic', 'Utrecht', 'Huisbezoek'];

function expectWellFormed(blocker: Blocker) {
  expect(BLOCKER_CODES).toContain(blocker.code);
  expect(blocker.liftedBy).toBe(BLOCKER_LIFTED_BY[blocker.code]);
  expect(blocker.message).toMatch(/^[A-Z0-9].*\.$/);
  // One sentence: no full stop followed by another sentence.
  expect(blocker.message.slice(0, -1)).not.toMatch(/\.\s/);
  expect(blocker.message).not.toMatch(/undefined|null|NaN|Invalid/);
  for (const text of FREE_TEXT) expect(blocker.message).not.toContain(text);
}

function expectCodeOrder(blockers: Blocker[]) {
  const positions = blockers.map((b) => BLOCKER_CODES.indexOf(b.code));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(new Set(positions).size).toBe(positions.length);
}

// ---------------------------------------------------------------------------------------------------------

describe('blocker constants', () => {
  it('lists the thirteen codes of domain.md §4 and no_legal_basis in board order', () => {
    expect(BLOCKER_CODES).toEqual([
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
    ]);
  });

  it('gives every code a Dutch label and a party (or the chair) that can lift it', () => {
    for (const code of BLOCKER_CODES) {
      expect(BLOCKER_CODE_LABELS[code].length).toBeGreaterThan(3);
      expect([...PARTIES, 'chair']).toContain(BLOCKER_LIFTED_BY[code]);
    }
    expect(Object.keys(BLOCKER_CODE_LABELS).sort()).toEqual([...BLOCKER_CODES].sort());
    expect(Object.keys(BLOCKER_LIFTED_BY).sort()).toEqual([...BLOCKER_CODES].sort());
  });

  it('maps deadline kinds and steps to codes as agreed', () => {
    expect(DEADLINE_BLOCKERS).toEqual([
      { kind: 'inclusion_decision', minStep: 'overdue', code: 'decision_pending' },
      { kind: 'consent', minStep: 'overdue', code: 'consent_missing' },
      { kind: 'waiting_contact', minStep: 'warning', code: 'contact_overdue' },
      { kind: 'waiting_duration', minStep: 'overdue', code: 'waiting_too_long' },
      { kind: 'postal_address_expiry', minStep: 'warning', code: 'postal_address_expiring' },
      { kind: 'postal_address_expiry', minStep: 'overdue', code: 'postal_address_expired' },
      { kind: 'three_party_evaluation', minStep: 'overdue', code: 'evaluation_overdue' },
      { kind: 'leave_return', minStep: 'overdue', code: 'leave_overdue' },
      { kind: 'action_due', minStep: 'overdue', code: 'action_overdue' },
    ]);
    for (const entry of DEADLINE_BLOCKERS) {
      expect(DEADLINE_KINDS).toContain(entry.kind);
      expect(BLOCKER_CODES).toContain(entry.code);
    }
  });

  it('assigns the lifting parties as chosen', () => {
    expect(BLOCKER_LIFTED_BY).toEqual({
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
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('machineBlockers', () => {
  describe('decision_pending', () => {
    it('is present in signal, for the chair', () => {
      expect(machineBlockers(IN.signal())).toEqual([
        {
          code: 'decision_pending',
          message: 'Het casusoverleg heeft nog niet besloten of de cliënt wordt ingesloten.',
          liftedBy: 'chair',
          source: 'machine',
        },
      ]);
    });

    it('is absent once the inclusion is decided', () => {
      expect(machineCodes(IN.consent())).not.toContain('decision_pending');
      expect(machineCodes(run([SAMPLE.includeWithOverride]))).not.toContain('decision_pending');
    });
  });

  describe('consent_missing', () => {
    it('is present in consent, for addiction care', () => {
      const blockers = machineBlockers(IN.consent());
      expect(codesOf(blockers)).toEqual(['consent_missing']);
      expect(blockers[0]).toMatchObject({ liftedBy: 'addiction_care', source: 'machine' });
      expect(blockers[0].message).toContain('toestemming');
    });

    it('is absent after consent is given or overridden by a covenant', () => {
      expect(machineCodes(IN.motivation())).not.toContain('consent_missing');
      expect(machineCodes(run([SAMPLE.include, SAMPLE.consentOverridden]))).not.toContain('consent_missing');
    });
  });

  describe('no_treatment_agreed', () => {
    it('is present in motivation, for addiction care', () => {
      const blockers = machineBlockers(IN.motivation());
      expect(codesOf(blockers)).toEqual(['no_treatment_agreed']);
      expect(blockers[0]).toMatchObject({ liftedBy: 'addiction_care', source: 'machine' });
      expect(blockers[0].message).toContain('behandeling');
    });

    it('is absent once a treatment is agreed', () => {
      expect(machineCodes(IN.waitingList())).not.toContain('no_treatment_agreed');
    });

    it('returns after a setback (withdrawn, aborted, relapsed), without details of the setback', () => {
      const setbacks = [
        run([SAMPLE.withdrawn], IN.waitingList()),
        run([SAMPLE.treatmentAborted], IN.inTreatment()),
        run([SAMPLE.relapsed], IN.aftercare()),
      ];
      for (const snapshot of setbacks) {
        expect(stageOf(snapshot)).toBe('motivation');
        const blockers = machineBlockers(snapshot);
        expect(codesOf(blockers)).toEqual(['no_treatment_agreed']);
        expect(blockers[0].message).not.toMatch(/verlof|GHB|gebruik/);
      }
    });
  });

  describe('aftercare_not_ready', () => {
    it('is present on the waiting list before any item is prepared, naming all five in Dutch', () => {
      const blockers = machineBlockers(IN.waitingList());
      expect(codesOf(blockers)).toEqual(['aftercare_not_ready']);
      expect(blockers[0]).toMatchObject({ liftedBy: 'addiction_care', source: 'machine' });
      expect(blockers[0].message).toBe(
        'Opname wacht op de voorbereiding van de nazorg; nog niet voorbereid: vervolgbehandeling, ' +
          'financiën, huisvesting, daginvulling en gezond netwerk.',
      );
    });

    it('names only the items still missing', () => {
      const snapshot = run(
        [SAMPLE.prepareTreatmentFollowup, SAMPLE.prepareHousing, SAMPLE.prepareHealthyNetwork],
        IN.waitingList(),
      );
      const message = find(machineBlockers(snapshot), 'aftercare_not_ready')?.message ?? '';
      expect(message).toContain('nog niet voorbereid: financiën en daginvulling.');
      for (const item of ['treatment_followup', 'housing', 'healthy_network'] as const) {
        expect(message).not.toContain(AFTERCARE_ITEM_LABELS[item].toLowerCase());
      }
    });

    it('names a single missing item without a list', () => {
      const snapshot = run(PREPARE_ALL.slice(0, 4), IN.waitingList());
      expect(find(machineBlockers(snapshot), 'aftercare_not_ready')?.message).toBe(
        'Opname wacht op de voorbereiding van de nazorg; nog niet voorbereid: gezond netwerk.',
      );
    });

    it('agrees with blockedMilestones: names every item its refusal names', () => {
      for (let n = 0; n < AFTERCARE_ITEMS.length; n++) {
        const snapshot = run(PREPARE_ALL.slice(0, n), IN.waitingList());
        const refusal = blockedMilestones(snapshot)[0]?.reasons[0] ?? '';
        const message = find(machineBlockers(snapshot), 'aftercare_not_ready')?.message ?? '';
        for (const item of AFTERCARE_ITEMS.slice(n)) {
          expect(refusal).toContain(AFTERCARE_ITEM_LABELS[item]);
          expect(message).toContain(AFTERCARE_ITEM_LABELS[item].toLowerCase());
        }
      }
    });

    it('is absent when all five are prepared, and after an urgent admission', () => {
      expect(machineBlockers(run(PREPARE_ALL, IN.waitingList()))).toEqual([]);
      const urgent = run([SAMPLE.admittedUrgent], IN.waitingList());
      expect(stageOf(urgent)).toBe('admission');
      expect(machineCodes(urgent)).not.toContain('aftercare_not_ready');
    });
  });

  describe('leave_overdue', () => {
    it('is present on leave once the return deadline fell due, with the expected date', () => {
      const blockers = machineBlockers(run([SAMPLE.leaveReturnReached], IN.onLeave()));
      expect(blockers).toEqual([
        {
          code: 'leave_overdue',
          message: `De cliënt is niet op tijd teruggekeerd van verlof (verwacht op ${DUE_DUTCH}).`,
          liftedBy: 'addiction_care',
          source: 'machine',
        },
      ]);
    });

    it('formats a leave end given as a date-time in Europe/Amsterdam', () => {
      const leave = { type: 'LEAVE_STARTED', until: '2026-06-30T23:30:00Z' } as const;
      const snapshot = run([leave, SAMPLE.leaveReturnReached], IN.inTreatment());
      expect(find(machineBlockers(snapshot), 'leave_overdue')?.message).toContain(
        '(verwacht op 1 juli 2026)',
      );
    });

    it('is absent in treatment, on leave in time, and after the return', () => {
      expect(machineBlockers(IN.inTreatment())).toEqual([]);
      expect(machineBlockers(IN.onLeave())).toEqual([]);
      expect(machineBlockers(run([SAMPLE.leaveReturnReached, SAMPLE.leaveEnded], IN.onLeave()))).toEqual([]);
    });
  });

  describe('no_housing and no_daytime_activity', () => {
    it('are present right after discharge, for the housing corporation and addiction care', () => {
      expect(machineBlockers(IN.aftercare())).toEqual([
        {
          code: 'no_housing',
          message: 'De cliënt heeft nog geen woning.',
          liftedBy: 'housing_corporation',
          source: 'machine',
        },
        {
          code: 'no_daytime_activity',
          message: 'Er is nog geen daginvulling voor de cliënt geregeld.',
          liftedBy: 'addiction_care',
          source: 'machine',
        },
      ]);
    });

    it('no_housing is absent once housed (with or without agreement)', () => {
      expect(machineCodes(run([SAMPLE.housedWithoutAgreement], IN.aftercare()))).toEqual([
        'no_daytime_activity',
      ]);
      expect(machineCodes(run([SAMPLE.housedWithAgreement], IN.aftercare()))).toEqual([
        'no_daytime_activity',
      ]);
    });

    it('no_housing returns when the three-party evaluation terminates the lease', () => {
      const snapshot = run(
        [SAMPLE.housedWithAgreement, SAMPLE.daytimeArranged, SAMPLE.evaluationTerminate],
        IN.aftercare(),
      );
      expect(machineCodes(snapshot)).toEqual(['no_housing']);
    });

    it('no_daytime_activity is absent once a daytime activity is arranged', () => {
      expect(machineCodes(run([SAMPLE.daytimeArranged], IN.aftercare()))).toEqual(['no_housing']);
    });

    it('neither is present when both are arranged (goal_achieved is then allowed)', () => {
      const ready = run([SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged], IN.aftercare());
      expect(machineBlockers(ready)).toEqual([]);
      expect(applyEvent(ready, SAMPLE.closedGoalAchieved).ok).toBe(true);
    });
  });

  describe('postal_address_expired', () => {
    const READY = [SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged];
    const expiredAddress = () =>
      run([...READY, SAMPLE.postalArranged, SAMPLE.postalAddressExpiryReached], IN.aftercare());

    it('is present once the postal address deadline fell due, naming its date', () => {
      expect(machineBlockers(expiredAddress())).toEqual([
        {
          code: 'postal_address_expired',
          message: `Het tijdelijke postadres is verlopen op ${DUE_DUTCH}; verleng het of regel een nieuw.`,
          liftedBy: 'addiction_care',
          source: 'machine',
        },
      ]);
    });

    it('is absent while the address is active, and after an extension, a new address or its end', () => {
      expect(machineBlockers(run([...READY, SAMPLE.postalArranged], IN.aftercare()))).toEqual([]);
      expect(machineBlockers(run([SAMPLE.postalExtended], expiredAddress()))).toEqual([]);
      expect(machineBlockers(run([SAMPLE.postalArranged], expiredAddress()))).toEqual([]);
      expect(machineBlockers(run([SAMPLE.postalEnded], expiredAddress()))).toEqual([]);
    });

    it('is absent outside aftercare (it cannot be lifted there) and returns when aftercare is re-entered', () => {
      const relapsed = run([SAMPLE.relapsed], expiredAddress());
      expect(relapsed.context.postalAddress?.expired).toBe(true);
      expect(machineCodes(relapsed)).toEqual(['no_treatment_agreed']);
      const back = run(
        [SAMPLE.treatmentAgreed, ...PREPARE_ALL, SAMPLE.admitted, SAMPLE.discharged],
        relapsed,
      );
      expect(machineCodes(back)).toEqual(['postal_address_expired']);
    });
  });

  describe('closed trajectories', () => {
    it('have no blockers, however they were closed', () => {
      const closed = [
        IN.closed(),
        run([SAMPLE.consentRefused], IN.consent()),
        run([SAMPLE.movedAway], IN.waitingList()),
        run([SAMPLE.closedRegularCare], IN.onLeave()),
        run(
          [SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged, SAMPLE.closedGoalAchieved],
          IN.aftercare(),
        ),
      ];
      for (const snapshot of closed) {
        expect(stageOf(snapshot)).toBe('closed');
        expect(machineBlockers(snapshot)).toEqual([]);
      }
    });
  });

  describe('over every reachable state', () => {
    const snapshots = reachableSnapshots();

    it('gives well-formed machine blockers in code order', () => {
      for (const snapshot of snapshots) {
        const blockers = machineBlockers(snapshot);
        blockers.forEach(expectWellFormed);
        expectCodeOrder(blockers);
        for (const blocker of blockers) {
          expect(blocker.source).toBe('machine');
          expect(blocker).not.toHaveProperty('deadlineKind');
        }
      }
    });

    it('blocks every open trajectory outside admission by something, and no closed one', () => {
      for (const snapshot of snapshots) {
        const stage = stageOf(snapshot);
        const codes = machineCodes(snapshot);
        if (stage === 'closed') expect(codes).toEqual([]);
        if (['signal', 'consent', 'motivation'].includes(stage)) expect(codes).toHaveLength(1);
      }
    });

    it('reports no_legal_basis alone exactly when consent was withdrawn without a covenant', () => {
      let withoutBasis = 0;
      for (const snapshot of snapshots.filter((s) => s.status === 'active')) {
        const none = snapshot.context.legalBasis?.kind === 'none';
        if (none) withoutBasis += 1;
        expect(machineCodes(snapshot).includes('no_legal_basis')).toBe(none);
        if (none) expect(machineCodes(snapshot)).toEqual(['no_legal_basis']);
      }
      expect(withoutBasis).toBeGreaterThan(5);
    });

    it('reports a context blocker exactly when blockedMilestones reports the refusal behind it', () => {
      const milestoneCodes: BlockerCode[] = ['aftercare_not_ready', 'no_housing', 'no_daytime_activity'];
      // Without a legal basis the one blocker is no_legal_basis (tested above).
      for (const snapshot of snapshots.filter((s) => s.context.legalBasis?.kind !== 'none')) {
        const refused = new Set(blockedMilestones(snapshot).flatMap((m) => m.refusals.map((r) => r.code)));
        const codes = machineCodes(snapshot);
        for (const code of milestoneCodes) expect(codes.includes(code)).toBe(refused.has(code));
        expect(codes.includes('leave_overdue')).toBe(
          refused.has('on_leave') && snapshot.context.leaveOverdue,
        );
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('deadlineBlockers', () => {
  describe.each(
    DEADLINE_BLOCKERS.map((entry) => [`${entry.kind} ≥ ${entry.minStep} → ${entry.code}`, entry]),
  )('%s', (_name, entry) => {
    it('is present at its minimum step and above, with its kind and lifting party', () => {
      for (const step of STEPS.filter((s) => rank(s) >= rank(entry.minStep))) {
        const blockers = deadlineBlockers([fact(entry.kind, step)]);
        // Only the most severe code of the kind applies: expiring gives way to expired from overdue on.
        const expected =
          entry.code === 'postal_address_expiring' && rank(step) >= rank('overdue')
            ? 'postal_address_expired'
            : entry.code;
        expect(codesOf(blockers)).toEqual([expected]);
        expect(blockers[0]).toMatchObject({
          liftedBy: BLOCKER_LIFTED_BY[expected],
          source: 'deadline',
          deadlineKind: entry.kind,
        });
        expectWellFormed(blockers[0]);
      }
    });

    it('is absent below its minimum step', () => {
      for (const step of STEPS.filter((s) => rank(s) < rank(entry.minStep))) {
        expect(codesOf(deadlineBlockers([fact(entry.kind, step)]))).not.toContain(entry.code);
      }
    });

    it('names the due date in Dutch', () => {
      const [blocker] = deadlineBlockers([fact(entry.kind, entry.minStep)]);
      expect(blocker.message).toContain(DUE_DUTCH);
    });
  });

  it('gives the exact sentences at the overdue step', () => {
    const messages = Object.fromEntries(
      deadlineBlockers(
        DEADLINE_BLOCKERS.filter((e) => e.minStep === 'overdue' || e.kind === 'waiting_contact').map((e) =>
          fact(e.kind, 'overdue'),
        ),
      ).map((b) => [b.code, b.message]),
    );
    expect(messages).toEqual({
      decision_pending: `Het besluit over insluiting had uiterlijk op ${DUE_DUTCH} genomen moeten zijn.`,
      consent_missing: `De toestemming van de cliënt (of een convenant met motivering) had uiterlijk op ${DUE_DUTCH} geregeld moeten zijn.`,
      contact_overdue: `Er is te lang geen contact met de cliënt geweest; het volgende contact was uiterlijk op ${DUE_DUTCH} nodig.`,
      waiting_too_long: `De cliënt wacht te lang op opname; de maximale wachttijd liep af op ${DUE_DUTCH}.`,
      postal_address_expired: `Het tijdelijke postadres is verlopen op ${DUE_DUTCH}; verleng het of regel een nieuw.`,
      evaluation_overdue: `De evaluatie van de driepartijenovereenkomst had uiterlijk op ${DUE_DUTCH} plaats moeten vinden.`,
      action_overdue: `Een actie uit het casusoverleg had uiterlijk op ${DUE_DUTCH} klaar moeten zijn.`,
      leave_overdue: `De cliënt had uiterlijk op ${DUE_DUTCH} terug moeten zijn van verlof.`,
    });
  });

  describe('postal address (two steps, one code at a time)', () => {
    it('warning → postal_address_expiring with the coming date', () => {
      expect(deadlineBlockers([fact('postal_address_expiry', 'warning')])).toEqual([
        {
          code: 'postal_address_expiring',
          message: `Het tijdelijke postadres verloopt op ${DUE_DUTCH}; verleng het of regel een nieuw.`,
          liftedBy: 'addiction_care',
          source: 'deadline',
          deadlineKind: 'postal_address_expiry',
        },
      ]);
    });

    it('overdue and agenda → only postal_address_expired', () => {
      expect(codesOf(deadlineBlockers([fact('postal_address_expiry', 'overdue')]))).toEqual([
        'postal_address_expired',
      ]);
      expect(codesOf(deadlineBlockers([fact('postal_address_expiry', 'agenda')]))).toEqual([
        'postal_address_expired',
      ]);
    });

    it('none → nothing', () => {
      expect(deadlineBlockers([fact('postal_address_expiry', 'none')])).toEqual([]);
    });
  });

  it('says so when the deadline reached the agenda step, still in one sentence', () => {
    const [blocker] = deadlineBlockers([fact('waiting_duration', 'agenda')]);
    expect(blocker.message).toBe(
      `De cliënt wacht te lang op opname; de maximale wachttijd liep af op ${DUE_DUTCH}; ` +
        'dit staat op de agenda van het volgende casusoverleg.',
    );
    expect(deadlineBlockers([fact('waiting_duration', 'overdue')])[0].message).not.toContain('agenda');
  });

  it('gives nothing for kinds that concern the meeting or the budget, at any step', () => {
    for (const kind of ['meeting_cadence', 'condition_review', 'urgent_payment'] as const) {
      for (const step of STEPS) expect(deadlineBlockers([fact(kind, step)])).toEqual([]);
    }
  });

  it('gives nothing for no facts, or facts whose steps have not fired', () => {
    expect(deadlineBlockers([])).toEqual([]);
    expect(deadlineBlockers(DEADLINE_KINDS.map((kind) => fact(kind, 'none')))).toEqual([]);
  });

  it('formats the due date in Europe/Amsterdam, not UTC', () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam (winter time, UTC+1).
    const winter = deadlineBlockers([fact('leave_return', 'overdue', '2026-11-30T23:30:00Z')]);
    expect(winter[0].message).toContain('1 december 2026');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam (summer time, UTC+2).
    const summer = deadlineBlockers([fact('leave_return', 'overdue', '2026-06-30T22:30:00Z')]);
    expect(summer[0].message).toContain('1 juli 2026');
    const offset = deadlineBlockers([fact('leave_return', 'overdue', '2026-03-05T09:00:00+01:00')]);
    expect(offset[0].message).toContain('5 maart 2026');
  });

  it('leaves out a due date it cannot read, without breaking the sentence', () => {
    const [blocker] = deadlineBlockers([fact('consent', 'overdue', 'not a date')]);
    expect(blocker.message).toBe(
      'De toestemming van de cliënt (of een convenant met motivering) had al geregeld moeten zijn.',
    );
    const [expiring] = deadlineBlockers([fact('postal_address_expiry', 'warning', '')]);
    expect(expiring.message).toBe(
      'Het tijdelijke postadres verloopt binnenkort; verleng het of regel een nieuw.',
    );
    expectWellFormed(blocker);
    expectWellFormed(expiring);
  });

  it('merges several overdue actions into one blocker that counts them and names the earliest date', () => {
    const blockers = deadlineBlockers([
      fact('action_due', 'overdue', '2026-12-10T08:00:00Z'),
      fact('action_due', 'warning', '2026-11-01T08:00:00Z'),
      fact('action_due', 'agenda', '2026-12-03T08:00:00Z'),
    ]);
    expect(blockers).toEqual([
      {
        code: 'action_overdue',
        message:
          '2 acties uit het casusoverleg zijn niet op tijd afgerond; de eerste had uiterlijk op 3 december 2026 ' +
          'klaar moeten zijn; dit staat op de agenda van het volgende casusoverleg.',
        liftedBy: 'chair',
        source: 'deadline',
        deadlineKind: 'action_due',
      },
    ]);
  });

  it('returns the codes in BLOCKER_CODES order, whatever the order of the facts', () => {
    const facts = [
      fact('action_due', 'overdue'),
      fact('leave_return', 'overdue'),
      fact('three_party_evaluation', 'agenda'),
      fact('postal_address_expiry', 'warning'),
      fact('waiting_duration', 'overdue'),
      fact('waiting_contact', 'agenda'),
      fact('consent', 'overdue'),
      fact('inclusion_decision', 'overdue'),
    ];
    const blockers = deadlineBlockers(facts);
    expect(codesOf(blockers)).toEqual([
      'decision_pending',
      'consent_missing',
      'contact_overdue',
      'waiting_too_long',
      'postal_address_expiring',
      'evaluation_overdue',
      'action_overdue',
      'leave_overdue',
    ]);
    expect(codesOf(deadlineBlockers([...facts].reverse()))).toEqual(codesOf(blockers));
  });

  it('counts waiting_contact from its warning step (it fires when the contact falls due)', () => {
    expect(codesOf(deadlineBlockers([fact('waiting_contact', 'warning')]))).toEqual(['contact_overdue']);
    expect(deadlineBlockers([fact('waiting_contact', 'none')])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('deriveBlockers', () => {
  it('is the machine blockers when there are no facts', () => {
    for (const snapshot of reachableSnapshots()) {
      expect(deriveBlockers(snapshot, [])).toEqual(machineBlockers(snapshot));
    }
  });

  it('lets the deadline blocker win over the machine one with the same code', () => {
    const signal = deriveBlockers(IN.signal(), [fact('inclusion_decision', 'overdue')]);
    expect(signal).toEqual([
      {
        code: 'decision_pending',
        message: `Het besluit over insluiting had uiterlijk op ${DUE_DUTCH} genomen moeten zijn.`,
        liftedBy: 'chair',
        source: 'deadline',
        deadlineKind: 'inclusion_decision',
      },
    ]);
    const consent = deriveBlockers(IN.consent(), [fact('consent', 'agenda')]);
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ code: 'consent_missing', source: 'deadline' });
    const leave = deriveBlockers(run([SAMPLE.leaveReturnReached], IN.onLeave()), [
      fact('leave_return', 'overdue'),
    ]);
    expect(leave).toHaveLength(1);
    expect(leave[0]).toMatchObject({
      code: 'leave_overdue',
      source: 'deadline',
      deadlineKind: 'leave_return',
    });
  });

  it('keeps the machine blocker when the deadline has not reached its step yet', () => {
    const consent = deriveBlockers(IN.consent(), [fact('consent', 'warning')]);
    expect(consent).toEqual(machineBlockers(IN.consent()));
  });

  it('combines both sources in BLOCKER_CODES order', () => {
    const blockers = deriveBlockers(IN.waitingList(), [
      fact('action_due', 'overdue'),
      fact('waiting_duration', 'overdue'),
      fact('waiting_contact', 'overdue'),
    ]);
    expect(blockers.map((b) => [b.code, b.source])).toEqual([
      ['contact_overdue', 'deadline'],
      ['waiting_too_long', 'deadline'],
      ['aftercare_not_ready', 'machine'],
      ['action_overdue', 'deadline'],
    ]);
  });

  it('reports an overdue three-party evaluation beside what still blocks aftercare', () => {
    const housed = run([SAMPLE.housedWithAgreement], IN.aftercare());
    const blockers = deriveBlockers(housed, [fact('three_party_evaluation', 'overdue')]);
    expect(blockers.map((b) => [b.code, b.liftedBy])).toEqual([
      ['evaluation_overdue', 'housing_corporation'],
      ['no_daytime_activity', 'addiction_care'],
    ]);
  });

  describe('postal address', () => {
    const active = () =>
      run([SAMPLE.housedWithoutAgreement, SAMPLE.daytimeArranged, SAMPLE.postalArranged], IN.aftercare());
    const expired = () => run([SAMPLE.postalAddressExpiryReached], active());

    it('expiring: from the warning while the address is still active', () => {
      expect(codesOf(deriveBlockers(active(), [fact('postal_address_expiry', 'warning')]))).toEqual([
        'postal_address_expiring',
      ]);
    });

    it('expired from the deadline wins over the machine one', () => {
      const blockers = deriveBlockers(expired(), [fact('postal_address_expiry', 'overdue')]);
      expect(blockers).toHaveLength(1);
      expect(blockers[0]).toMatchObject({ code: 'postal_address_expired', source: 'deadline' });
    });

    it('expired from the deadline before the machine knows it', () => {
      const blockers = deriveBlockers(active(), [fact('postal_address_expiry', 'overdue')]);
      expect(codesOf(blockers)).toEqual(['postal_address_expired']);
    });

    it('never shows expiring beside expired (machine expired, deadline still at its warning)', () => {
      const blockers = deriveBlockers(expired(), [fact('postal_address_expiry', 'warning')]);
      expect(blockers).toEqual(machineBlockers(expired()));
      expect(codesOf(blockers)).toEqual(['postal_address_expired']);
    });
  });

  it('gives nothing for a closed trajectory, even with pending deadlines', () => {
    const facts = DEADLINE_KINDS.map((kind) => fact(kind, 'agenda'));
    expect(deriveBlockers(IN.closed(), facts)).toEqual([]);
  });

  it('gives well-formed, unique blockers in code order over every reachable state and all facts', () => {
    const allFacts = DEADLINE_KINDS.map((kind) => fact(kind, 'agenda'));
    for (const snapshot of reachableSnapshots()) {
      for (const facts of [[], allFacts, DEADLINE_KINDS.map((kind) => fact(kind, 'warning'))]) {
        const blockers = deriveBlockers(snapshot, facts);
        blockers.forEach(expectWellFormed);
        expectCodeOrder(blockers);
        for (const blocker of blockers) {
          if (blocker.source === 'deadline') expect(blocker.deadlineKind).toBeDefined();
        }
      }
    }
  });
});
