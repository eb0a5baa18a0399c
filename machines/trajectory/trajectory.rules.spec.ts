import { SAMPLE } from './fixtures/trajectory-events.samples';
import { initialTrajectoryContext } from './trajectory.machine';
import {
  SUBSTANTIVE_MIN_LENGTH,
  SUBSTANTIVE_MIN_WORDS,
  admissionRefusals,
  aftercareReadinessRefusals,
  closureRefusals,
  consentGivenRefusals,
  consentOverrideRefusals,
  consentRefusedRefusals,
  eventRefusals,
  POSTAL_ADDRESS_EXPIRED_MESSAGE,
  hasActivePostalAddress,
  hasEndedPostalAddress,
  hasExpiredPostalAddress,
  goalAchievedReadinessRefusals,
  housingRefusals,
  inclusionRefusals,
  isHoused,
  isIsoDate,
  isLaterDate,
  isSubstantive,
  leaveStartRefusals,
  meetsInclusionCriteria,
  missingAftercareItems,
  moveRefusals,
  normalizeOptionalText,
  parseIsoDate,
  postalArrangementRefusals,
  postalEndRefusals,
  postalExtensionRefusals,
  threePartyEvaluationRefusals,
  treatmentAbortRefusals,
  withdrawalRefusals,
} from './trajectory.rules';
import {
  STAGES,
  type ConsentOverriddenEvent,
  type OpenStage,
  type Refusal,
  type TrajectoryContext,
  type TrajectoryEvent,
} from './trajectory.types';

const OPEN_STAGES = STAGES.filter((s): s is OpenStage => s !== 'closed');

const codes = (refusals: Refusal[]) => refusals.map((r) => r.code);
const base = initialTrajectoryContext();

describe('isSubstantive', () => {
  it('exports its thresholds', () => {
    expect(SUBSTANTIVE_MIN_LENGTH).toBe(10);
    expect(SUBSTANTIVE_MIN_WORDS).toBe(2);
  });

  it.each([
    ['Cliënt wil geen contact', true],
    ['  twee woorden  ', true],
    ['abc defghij', true],
    ['abc defghi', true],
    ['abc defgh', false], // 9 characters
    ['Onvoldoende', false], // one word
    ['aaaaaaaaaaaaaaaaaaaaa', false],
    ['- - - - - - - - -', false], // no words
    ['', false],
    ['          ', false],
    ['ok', false],
  ])('%j → %s', (text, expected) => {
    expect(isSubstantive(text)).toBe(expected);
  });

  it('is false for non-strings', () => {
    expect(isSubstantive(undefined)).toBe(false);
    expect(isSubstantive(null)).toBe(false);
    expect(isSubstantive(1234567890)).toBe(false);
  });

  it('normalizes optional text', () => {
    expect(normalizeOptionalText('  reden  ')).toBe('reden');
    expect(normalizeOptionalText('   ')).toBeNull();
    expect(normalizeOptionalText(undefined)).toBeNull();
  });
});

describe('ISO 8601 dates', () => {
  it.each([
    ['2026-12-01', { date: '2026-12-01', instant: null }],
    ['2028-02-29', { date: '2028-02-29', instant: null }],
    ['2026-12-01T14:30:00+01:00', { date: '2026-12-01', instant: Date.UTC(2026, 11, 1, 13, 30) }],
    ['2026-12-01T14:30+01:00', { date: '2026-12-01', instant: Date.UTC(2026, 11, 1, 13, 30) }],
    ['2026-12-01T14:30:00.250Z', { date: '2026-12-01', instant: Date.UTC(2026, 11, 1, 14, 30, 0, 250) }],
    ['2026-06-01T00:30:00-02:00', { date: '2026-06-01', instant: Date.UTC(2026, 5, 1, 2, 30) }],
  ])('parses %s', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
    expect(isIsoDate(text)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-12-1',
    '01-12-2026',
    '2026-12-01T14:30:00', // no offset
    '2026-12-01T25:00:00Z',
    '2026-12-01 14:30:00Z',
    'morgen',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
    expect(isIsoDate(text)).toBe(false);
  });

  it.each([
    ['2026-12-02', '2026-12-01', true],
    ['2026-12-01', '2026-12-01', false],
    ['2026-11-30', '2026-12-01', false],
    ['2026-12-01T10:00:00+01:00', '2026-12-01T09:30:00+01:00', true],
    ['2026-12-01T10:00:00+01:00', '2026-12-01T09:30:00Z', false], // 09:00Z is before 09:30Z
    ['2026-12-01T10:00:00+01:00', '2026-12-01', false], // same calendar day as a date-only value
    ['2026-12-02T00:00:00+01:00', '2026-12-01', true],
    ['2026-12-02', '2026-12-01T23:00:00+01:00', true],
    ['not a date', '2026-12-01', false],
  ])('%s later than %s → %s', (next, current, expected) => {
    expect(isLaterDate(next, current)).toBe(expected);
  });
});

describe('inclusion', () => {
  it('needs both required criteria and at least one additional one', () => {
    expect(
      meetsInclusionCriteria(['serious_substance_use_disorder', 'resident', 'cannot_find_regular_care']),
    ).toBe(true);
    expect(meetsInclusionCriteria(['serious_substance_use_disorder', 'resident'])).toBe(false);
    expect(meetsInclusionCriteria(['resident', 'cannot_find_regular_care'])).toBe(false);
  });

  it('allows including with the criteria, or with a substantive override', () => {
    expect(inclusionRefusals(SAMPLE.include)).toEqual([]);
    expect(inclusionRefusals(SAMPLE.includeWithOverride)).toEqual([]);
    expect(inclusionRefusals(SAMPLE.exclude)).toEqual([]);
  });

  it('names what is missing, in Dutch', () => {
    const missingRequired = inclusionRefusals({
      type: 'INCLUSION_DECIDED',
      included: true,
      criteria: ['serious_substance_use_disorder', 'substance_related_offences'],
      reasons: SAMPLE.include.reasons,
    });
    expect(codes(missingRequired)).toEqual(['required_criteria_missing']);
    expect(missingRequired[0].message).toContain('inwoner van de gemeente');
    expect(codes(inclusionRefusals(SAMPLE.includeWithoutCriteria))).toEqual(['additional_criterion_missing']);
    expect(codes(inclusionRefusals({ ...SAMPLE.includeWithoutCriteria, criteria: [] }))).toEqual([
      'required_criteria_missing',
      'additional_criterion_missing',
    ]);
  });

  it('refuses insubstantive reasons and override reasons, and an override without inclusion', () => {
    expect(codes(inclusionRefusals(SAMPLE.includeWithoutReasons))).toEqual([
      'inclusion_reasons_not_substantive',
    ]);
    expect(codes(inclusionRefusals(SAMPLE.includeWithEmptyOverride))).toEqual([
      'override_reason_not_substantive',
    ]);
    expect(codes(inclusionRefusals({ ...SAMPLE.include, override: { reason: 'x' } }))).toEqual([
      'override_reason_not_substantive',
    ]);
    expect(codes(inclusionRefusals(SAMPLE.excludeWithOverride))).toEqual(['override_without_inclusion']);
    expect(codes(inclusionRefusals({ ...SAMPLE.exclude, reasons: 'nee' }))).toEqual([
      'inclusion_reasons_not_substantive',
    ]);
  });
});

describe('consent', () => {
  it('needs a scope', () => {
    expect(consentGivenRefusals(SAMPLE.consentGiven)).toEqual([]);
    expect(codes(consentGivenRefusals(SAMPLE.consentGivenBlankScope))).toEqual(['consent_scope_missing']);
  });

  it('override: one of the two covenants and a substantive justification', () => {
    expect(consentOverrideRefusals(SAMPLE.consentOverridden)).toEqual([]);
    expect(consentOverrideRefusals({ ...SAMPLE.consentOverridden, legalBasis: 'safety_covenant' })).toEqual(
      [],
    );
    expect(codes(consentOverrideRefusals(SAMPLE.consentOverriddenShort))).toEqual([
      'justification_not_substantive',
    ]);
    const wrongBasis = {
      ...SAMPLE.consentOverridden,
      legalBasis: 'consent',
    } as unknown as ConsentOverriddenEvent;
    expect(codes(consentOverrideRefusals(wrongBasis))).toEqual(['legal_basis_invalid']);
  });

  it('refusal: a reason is optional, but says something when given', () => {
    expect(consentRefusedRefusals(SAMPLE.consentRefused)).toEqual([]);
    expect(consentRefusedRefusals({ type: 'CONSENT_REFUSED', reason: '  ' })).toEqual([]);
    expect(consentRefusedRefusals(SAMPLE.consentRefusedWithReason)).toEqual([]);
    expect(codes(consentRefusedRefusals(SAMPLE.consentRefusedShortReason))).toEqual([
      'reason_not_substantive',
    ]);
  });
});

describe('waiting list and admission', () => {
  const allPrepared: TrajectoryContext = {
    ...base,
    preparedAftercare: ['treatment_followup', 'finances', 'housing', 'daytime_activity', 'healthy_network'],
  };

  it('lists missing aftercare items in checklist order', () => {
    expect(missingAftercareItems(['housing', 'finances'])).toEqual([
      'treatment_followup',
      'daytime_activity',
      'healthy_network',
    ]);
    expect(missingAftercareItems(allPrepared.preparedAftercare)).toEqual([]);
  });

  it('admits when all five items are prepared', () => {
    expect(admissionRefusals(allPrepared, SAMPLE.admitted)).toEqual([]);
    expect(aftercareReadinessRefusals(allPrepared)).toEqual([]);
  });

  it('names the missing items by their Dutch labels', () => {
    const refusals = admissionRefusals(
      { ...base, preparedAftercare: ['finances', 'housing'] },
      SAMPLE.admitted,
    );
    expect(refusals).toEqual([
      {
        code: 'aftercare_not_ready',
        message:
          'Opname kan pas als de nazorg is voorbereid; nog niet voorbereid: Vervolgbehandeling, Daginvulling en ' +
          'Gezond netwerk. Bij spoed kan een urgente afwijking met reden.',
      },
    ]);
  });

  it('admits urgently with a substantive reason, and not with an empty one', () => {
    expect(admissionRefusals(base, SAMPLE.admittedUrgent)).toEqual([]);
    expect(codes(admissionRefusals(base, SAMPLE.admittedUrgentShort))).toEqual([
      'urgent_override_reason_not_substantive',
    ]);
    expect(codes(admissionRefusals(allPrepared, SAMPLE.admittedUrgentShort))).toEqual([
      'urgent_override_reason_not_substantive',
    ]);
    expect(codes(admissionRefusals(base, SAMPLE.admittedNoFacility))).toEqual(['facility_missing']);
  });

  it('withdrawal, leave and abort', () => {
    expect(withdrawalRefusals(SAMPLE.withdrawn)).toEqual([]);
    expect(withdrawalRefusals({ type: 'WITHDRAWN' })).toEqual([]);
    expect(codes(withdrawalRefusals(SAMPLE.withdrawnShort))).toEqual(['reason_not_substantive']);
    expect(leaveStartRefusals(SAMPLE.leaveStarted)).toEqual([]);
    expect(leaveStartRefusals({ type: 'LEAVE_STARTED', until: '2026-12-01T18:00:00+01:00' })).toEqual([]);
    expect(codes(leaveStartRefusals(SAMPLE.leaveStartedBadDate))).toEqual(['leave_until_invalid']);
    expect(treatmentAbortRefusals(SAMPLE.treatmentAborted)).toEqual([]);
    expect(codes(treatmentAbortRefusals(SAMPLE.treatmentAbortedShort))).toEqual(['reason_not_substantive']);
  });
});

describe('aftercare', () => {
  const active: TrajectoryContext = {
    ...base,
    postalAddress: { validUntil: '2026-12-01', endedReason: null, expired: false },
  };

  it('postal address: valid dates, later extensions, substantive end reason', () => {
    expect(postalArrangementRefusals(SAMPLE.postalArranged)).toEqual([]);
    expect(codes(postalArrangementRefusals(SAMPLE.postalArrangedBadDate))).toEqual(['valid_until_invalid']);
    expect(postalExtensionRefusals(active, SAMPLE.postalExtended)).toEqual([]);
    const earlier = postalExtensionRefusals(active, SAMPLE.postalExtendedEarlier);
    expect(earlier).toEqual([
      {
        code: 'extension_not_later',
        message:
          'De nieuwe einddatum van het postadres (2026-11-01) moet later liggen dan de huidige (2026-12-01).',
      },
    ]);
    expect(
      codes(postalExtensionRefusals(active, { type: 'POSTAL_ADDRESS_EXTENDED', validUntil: '2026-12-01' })),
    ).toEqual(['extension_not_later']);
    expect(codes(postalExtensionRefusals(base, SAMPLE.postalExtended))).toEqual(['no_active_postal_address']);
    expect(
      codes(
        postalExtensionRefusals(
          { ...active, postalAddress: { validUntil: '2026-12-01', endedReason: 'Weg', expired: false } },
          SAMPLE.postalExtended,
        ),
      ),
    ).toEqual(['no_active_postal_address']);
    expect(
      codes(postalExtensionRefusals(active, { type: 'POSTAL_ADDRESS_EXTENDED', validUntil: 'x' })),
    ).toEqual(['valid_until_invalid']);
    // An expired address (not ended) is extended by the same rule: later than the old date.
    const expired = {
      ...active,
      postalAddress: { validUntil: '2026-12-01', endedReason: null, expired: true },
    };
    expect(postalExtensionRefusals(expired, SAMPLE.postalExtended)).toEqual([]);
    expect(codes(postalExtensionRefusals(expired, SAMPLE.postalExtendedEarlier))).toEqual([
      'extension_not_later',
    ]);
    expect(postalEndRefusals(SAMPLE.postalEnded)).toEqual([]);
    expect(codes(postalEndRefusals(SAMPLE.postalEndedShort))).toEqual(['postal_end_reason_not_substantive']);
  });

  it('housing: an agreement needs a valid start date and both parties', () => {
    expect(housingRefusals(SAMPLE.housedWithAgreement)).toEqual([]);
    expect(housingRefusals(SAMPLE.housedWithoutAgreement)).toEqual([]);
    expect(codes(housingRefusals(SAMPLE.housedBadAgreement))).toEqual([
      'agreement_start_invalid',
      'agreement_party_missing',
    ]);
  });

  it('three-party evaluation: only with an agreement; adjust and terminate need a note', () => {
    const agreement = { startDate: '2026-11-01', landlord: 'Woonstichting', careProvider: 'Novadic' };
    const housed: TrajectoryContext = {
      ...base,
      housing: { kind: 'social_rent', threePartyAgreement: agreement, lastEvaluation: null },
    };
    expect(threePartyEvaluationRefusals(housed, SAMPLE.evaluationContinue)).toEqual([]);
    expect(threePartyEvaluationRefusals(housed, SAMPLE.evaluationTerminate)).toEqual([]);
    expect(codes(threePartyEvaluationRefusals(housed, SAMPLE.evaluationAdjustWithoutNote))).toEqual([
      'evaluation_note_required',
    ]);
    expect(codes(threePartyEvaluationRefusals(base, SAMPLE.evaluationContinue))).toEqual([
      'no_three_party_agreement',
    ]);
    const noAgreement = { ...housed, housing: { ...housed.housing!, threePartyAgreement: null } };
    expect(codes(threePartyEvaluationRefusals(noAgreement, SAMPLE.evaluationContinue))).toEqual([
      'no_three_party_agreement',
    ]);
    const terminated = {
      ...housed,
      housing: { ...housed.housing!, lastEvaluation: { outcome: 'terminate' as const, note: 'x' } },
    };
    expect(isHoused(terminated)).toBe(false);
    expect(codes(threePartyEvaluationRefusals(terminated, SAMPLE.evaluationContinue))).toEqual([
      'no_three_party_agreement',
    ]);
  });
});

describe('closing', () => {
  const ready: TrajectoryContext = {
    ...base,
    housing: { kind: 'own_home', threePartyAgreement: null, lastEvaluation: null },
    daytimeActivity: 'education',
  };

  it('goal_achieved only from aftercare', () => {
    for (const stage of OPEN_STAGES.filter((s) => s !== 'aftercare')) {
      const refusals = closureRefusals(stage, ready, SAMPLE.closedGoalAchieved);
      expect(codes(refusals)).toEqual(['goal_achieved_only_from_aftercare']);
      expect(refusals[0].message).toContain('Nazorg');
    }
    expect(closureRefusals('aftercare', ready, SAMPLE.closedGoalAchieved)).toEqual([]);
  });

  it('goal_achieved needs housing and a daytime activity', () => {
    expect(codes(closureRefusals('aftercare', base, SAMPLE.closedGoalAchieved))).toEqual([
      'no_housing',
      'no_daytime_activity',
    ]);
    expect(codes(goalAchievedReadinessRefusals({ ...ready, daytimeActivity: null }))).toEqual([
      'no_daytime_activity',
    ]);
  });

  it('moved goes through MOVED_AWAY and not_included through INCLUSION_DECIDED', () => {
    expect(codes(closureRefusals('aftercare', ready, SAMPLE.closedMoved))).toEqual(['use_moved_away']);
    expect(codes(closureRefusals('signal', ready, SAMPLE.closedNotIncluded))).toEqual([
      'use_inclusion_decision',
    ]);
    for (const reason of [
      'regular_care',
      'dropped_out',
      'declined',
      'detained',
      'deceased',
      'other',
    ] as const) {
      expect(
        closureRefusals('signal', base, { type: 'TRAJECTORY_CLOSED', reason, stillUsing: 'unknown' }),
      ).toEqual([]);
    }
  });

  it('moving away needs the municipality', () => {
    expect(moveRefusals(SAMPLE.movedAway)).toEqual([]);
    expect(codes(moveRefusals(SAMPLE.movedAwayBlank))).toEqual(['municipality_missing']);
  });
});

describe('postal address facts', () => {
  const record = (endedReason: string | null, expired: boolean): TrajectoryContext => ({
    ...base,
    postalAddress: { validUntil: '2026-12-01', endedReason, expired },
  });

  it('active, expired and ended exclude each other', () => {
    const rows = [
      [base, false, false, false],
      [record(null, false), true, false, false],
      [record(null, true), false, true, false],
      [record('Eigen adres gevonden', false), false, false, true],
      [record('Eigen adres gevonden', true), false, false, true],
    ] as const;
    for (const [context, active, expired, ended] of rows) {
      expect([
        hasActivePostalAddress(context),
        hasExpiredPostalAddress(context),
        hasEndedPostalAddress(context),
      ]).toEqual([active, expired, ended]);
    }
    expect(POSTAL_ADDRESS_EXPIRED_MESSAGE).toBe(
      'Het tijdelijke postadres is verlopen; verleng het of regel een nieuw.',
    );
  });
});

describe('eventRefusals', () => {
  it('dispatches to the rule of the event', () => {
    expect(codes(eventRefusals('waiting_list', base, SAMPLE.admitted))).toEqual(['aftercare_not_ready']);
    expect(codes(eventRefusals('signal', base, SAMPLE.includeWithoutReasons))).toEqual([
      'inclusion_reasons_not_substantive',
    ]);
    expect(eventRefusals('motivation', base, SAMPLE.treatmentAgreed)).toEqual([]);
    expect(eventRefusals('aftercare', base, SAMPLE.relapsed)).toEqual([]);
    // DEADLINE_REACHED has no payload rule; whether it applies depends on the state (refusalsFor).
    expect(eventRefusals('aftercare', base, SAMPLE.postalAddressExpiryReached)).toEqual([]);
  });

  it('writes every refusal as a snake_case code with a Dutch sentence', () => {
    const failing: TrajectoryEvent[] = [
      SAMPLE.includeWithoutReasons,
      SAMPLE.includeWithoutCriteria,
      SAMPLE.includeWithEmptyOverride,
      SAMPLE.excludeWithOverride,
      SAMPLE.consentGivenBlankScope,
      SAMPLE.consentOverriddenShort,
      SAMPLE.consentRefusedShortReason,
      SAMPLE.admitted,
      SAMPLE.admittedUrgentShort,
      SAMPLE.admittedNoFacility,
      SAMPLE.withdrawnShort,
      SAMPLE.leaveStartedBadDate,
      SAMPLE.treatmentAbortedShort,
      SAMPLE.postalArrangedBadDate,
      SAMPLE.postalExtended,
      SAMPLE.postalEndedShort,
      SAMPLE.housedBadAgreement,
      SAMPLE.evaluationAdjustWithoutNote,
      SAMPLE.movedAwayBlank,
      SAMPLE.closedGoalAchieved,
      SAMPLE.closedMoved,
      SAMPLE.closedNotIncluded,
    ];
    for (const event of failing) {
      const refusals = eventRefusals('aftercare', base, event);
      expect(refusals.length).toBeGreaterThan(0);
      for (const { code, message } of refusals) {
        expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect(message).toMatch(/^[A-Z'].*\.$/);
        expect(message).toMatch(/\b(de|het|een|kan|moet|is|van|niet|wordt|met)\b/);
      }
    }
  });
});
