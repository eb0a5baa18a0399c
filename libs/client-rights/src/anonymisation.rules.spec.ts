import {
  SYSTEM_EVENT_TYPES,
  TRAJECTORY_EVENT_TYPES,
  type TrajectoryEvent,
  applyEvent,
  initialSnapshot,
  initialTrajectoryContext,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import {
  ANONYMISED_TEXT,
  KEPT_CONTEXT_FIELDS,
  KEPT_PAYLOAD_FIELDS,
  anonymiseIntakeAnswers,
  anonymisePayload,
  anonymiseSnapshot,
  scrub,
} from './anonymisation.rules';

const SECRET = 'Zwaluwstaart';

/** Walks a snapshot through events carrying SECRET in every free-text field the context keeps. */
function walk(events: TrajectoryEvent[]) {
  let snapshot = initialSnapshot();
  for (const event of events) {
    const result = applyEvent(snapshot, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${JSON.stringify(result.refusals)}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

describe('anonymisation rules', () => {
  it('decides, for every event type there is, which payload fields stay', () => {
    for (const type of [...TRAJECTORY_EVENT_TYPES, ...SYSTEM_EVENT_TYPES, 'SIGNAL_REGISTERED']) {
      expect(KEPT_PAYLOAD_FIELDS[type]).toBeDefined();
    }
  });

  it('keeps only listed context fields that the trajectory context has', () => {
    const topLevel = Object.keys(initialTrajectoryContext());
    for (const path of KEPT_CONTEXT_FIELDS) expect(topLevel).toContain(path.split('.')[0]);
  });

  it('keeps enum ids, dates, booleans and counts of a payload and removes its free text, shape unchanged', () => {
    expect(
      anonymisePayload('INCLUSION_DECIDED', {
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident'],
        reasons: `${SECRET} gebruikt dagelijks`,
        override: { reason: SECRET },
      }),
    ).toEqual({
      included: true,
      criteria: ['serious_substance_use_disorder', 'resident'],
      reasons: ANONYMISED_TEXT,
      override: { reason: ANONYMISED_TEXT },
    });
    expect(
      anonymisePayload('HOUSED', {
        kind: 'supported_living',
        threePartyAgreement: { startDate: '2026-01-01', landlord: SECRET, careProvider: SECRET },
      }),
    ).toEqual({
      kind: 'supported_living',
      threePartyAgreement: {
        startDate: '2026-01-01',
        landlord: ANONYMISED_TEXT,
        careProvider: ANONYMISED_TEXT,
      },
    });
    // The outflow reason of a closure is an enum and stays; the free-text reason of a refusal goes.
    expect(anonymisePayload('TRAJECTORY_CLOSED', { reason: 'dropped_out', stillUsing: 'yes' })).toEqual({
      reason: 'dropped_out',
      stillUsing: 'yes',
    });
    expect(anonymisePayload('CONSENT_REFUSED', { reason: SECRET })).toEqual({ reason: ANONYMISED_TEXT });
    expect(anonymisePayload('SIGNAL_REGISTERED', { source: 'police', description: SECRET })).toEqual({
      source: 'police',
      description: ANONYMISED_TEXT,
    });
    expect(anonymisePayload('MOVED_AWAY', { municipality: SECRET })).toEqual({
      municipality: ANONYMISED_TEXT,
    });
  });

  it('removes every string of an event type nobody listed', () => {
    expect(anonymisePayload('SOMETHING_NEW', { kind: 'x', n: 3, nested: { text: SECRET } })).toEqual({
      kind: ANONYMISED_TEXT,
      n: 3,
      nested: { text: ANONYMISED_TEXT },
    });
  });

  it('scrubs a real snapshot so it still restores, in the same stage, with the report facts and no free text', () => {
    const snapshot = walk([
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
        reasons: `${SECRET}: ernstige verslaving en overlast`,
      },
      { type: 'CONSENT_OVERRIDDEN', legalBasis: 'care_covenant', justification: `${SECRET} is in gevaar` },
      { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
      { type: 'CONTACT_LOGGED', channel: 'visit', note: `${SECRET} thuis bezocht` },
      {
        type: 'ADMITTED',
        facility: `Kliniek ${SECRET}`,
        urgentOverride: { reason: `${SECRET} kan niet wachten` },
      },
      { type: 'DISCHARGED', completed: true },
      { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2099-12-31' },
      { type: 'POSTAL_ADDRESS_ENDED', reason: `${SECRET} heeft een eigen adres` },
      {
        type: 'HOUSED',
        kind: 'supported_living',
        threePartyAgreement: {
          startDate: '2026-02-01',
          landlord: `${SECRET} Wonen`,
          careProvider: 'Zorg BV',
        },
      },
      { type: 'THREE_PARTY_EVALUATED', outcome: 'continue', note: `${SECRET} houdt zich aan de afspraken` },
      { type: 'MOVED_AWAY', municipality: `${SECRET}dorp` },
    ] as TrajectoryEvent[]);
    const persisted = persistSnapshot(snapshot);
    expect(JSON.stringify(persisted)).toContain(SECRET);

    const anonymised = anonymiseSnapshot(persisted);
    expect(JSON.stringify(anonymised)).not.toContain(SECRET);
    const restored = restoreSnapshot(anonymised);
    expect(stageOf(restored)).toBe('closed');
    expect(restored.context).toMatchObject({
      inclusion: {
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
        reasons: ANONYMISED_TEXT,
        override: null,
      },
      legalBasis: { kind: 'care_covenant', justification: ANONYMISED_TEXT },
      treatment: 'clinical_detox',
      contacts: 1,
      admission: { facility: ANONYMISED_TEXT, urgentOverride: { reason: ANONYMISED_TEXT } },
      discharge: { completed: true },
      postalAddress: { validUntil: '2099-12-31', endedReason: ANONYMISED_TEXT },
      housing: {
        kind: 'supported_living',
        threePartyAgreement: {
          startDate: '2026-02-01',
          landlord: ANONYMISED_TEXT,
          careProvider: ANONYMISED_TEXT,
        },
        lastEvaluation: { outcome: 'continue', note: ANONYMISED_TEXT },
      },
      closure: { reason: 'moved', stillUsing: 'unknown', explanation: null },
      movedTo: ANONYMISED_TEXT,
    });
    expect((anonymised as { value: unknown }).value).toEqual((persisted as { value: unknown }).value);
    // Anonymising twice changes nothing more.
    expect(anonymiseSnapshot(anonymised)).toEqual(anonymised);
  });

  it('keeps only the date of the handreiking answers', () => {
    expect(
      anonymiseIntakeAnswers({
        facts: SECRET,
        inViewSince: '2025-01-01',
        lifeDomains: { housing: SECRET, finances: SECRET },
        careNow: SECRET,
      }),
    ).toEqual({
      facts: ANONYMISED_TEXT,
      inViewSince: '2025-01-01',
      lifeDomains: { housing: ANONYMISED_TEXT, finances: ANONYMISED_TEXT },
      careNow: ANONYMISED_TEXT,
    });
  });

  it('leaves numbers, booleans and null alone and keeps whole subtrees under a kept path', () => {
    expect(scrub({ a: 1, b: false, c: null, d: ['x'], e: { f: 'y' } }, new Set(['e']))).toEqual({
      a: 1,
      b: false,
      c: null,
      d: [ANONYMISED_TEXT],
      e: { f: 'y' },
    });
  });
});
