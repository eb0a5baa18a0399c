import {
  buildChecklist,
  inclusionCriteriaProblems,
  inclusionCriteriaView,
  SetupFacts,
} from './team-setup.rules';

const person = (displayName: string, partyKind: string, hasDeputy = false, role = 'member') => ({
  displayName,
  partyKind,
  role,
  hasDeputy,
});

const complete: SetupFacts = {
  participants: [
    person('Voorzitter', 'municipality', true, 'chair'),
    person('Outreach', 'addiction_care', true),
    person('Agent', 'police', true),
    person('Corporatie', 'housing_corporation'),
  ],
  covenant: true,
  year: 2026,
  budgetForYear: true,
  meetingIntervalWeeks: 3,
  successDefinition: true,
};

describe('the set-up checklist (handreiking Bijlage 1)', () => {
  it('is done when every item is, without hints', () => {
    const items = buildChecklist(complete);
    expect(items.map((i) => i.id)).toEqual([
      'chair',
      'addiction_care_participant',
      'police_participant',
      'deputies',
      'covenant',
      'budget',
      'meeting_rhythm',
      'inclusion_criteria',
      'success_definition',
      'deadline_settings',
    ]);
    expect(items.every((i) => i.done && i.hint === undefined)).toBe(true);
    expect(items.find((i) => i.id === 'meeting_rhythm')!.label).toBe('Vergaderritme: elke 3 weken');
  });

  it('names what is open, with a Dutch hint', () => {
    const items = buildChecklist({
      ...complete,
      participants: [
        person('Gemeente zonder rol', 'municipality'),
        person('Outreach', 'addiction_care'),
        person('Agent', 'police'),
        person('Agent twee', 'police', true),
      ],
      covenant: false,
      budgetForYear: false,
      successDefinition: false,
    });
    const open = Object.fromEntries(items.filter((i) => !i.done).map((i) => [i.id, i.hint]));
    expect(Object.keys(open)).toEqual(['chair', 'deputies', 'covenant', 'budget', 'success_definition']);
    expect(open.chair).toMatch(/rol van voorzitter/);
    expect(open.deputies).toBe('Leg een vervanger vast voor Gemeente zonder rol, Outreach en Agent.');
    expect(open.budget).toMatch(/2026/);
  });

  it('needs a participant of each core party, and deputies only for them', () => {
    const items = buildChecklist({
      ...complete,
      participants: [person('Corporatie', 'housing_corporation')],
    });
    const done = Object.fromEntries(items.map((i) => [i.id, i.done]));
    expect(done).toMatchObject({
      chair: false,
      addiction_care_participant: false,
      police_participant: false,
      deputies: false,
    });
    expect(items.find((i) => i.id === 'deputies')!.hint).toMatch(/Neem eerst deelnemers/);
  });
});

describe("a casusoverleg's inclusion criteria", () => {
  it("defaults to the handreiking's", () => {
    expect(inclusionCriteriaView(null)).toMatchObject({
      source: 'handreiking',
      required: ['serious_substance_use_disorder', 'resident'],
      atLeastOneOf: [
        'disproportionate_care_use',
        'cannot_find_regular_care',
        'problems_other_life_domains',
        'serious_signals_from_professionals_or_network',
        'substance_related_offences',
      ],
    });
  });

  it('orders its own as the handreiking does, and refuses overlaps and an empty set', () => {
    expect(
      inclusionCriteriaView({ required: ['resident', 'serious_substance_use_disorder'], atLeastOneOf: [] }),
    ).toMatchObject({ source: 'team', required: ['serious_substance_use_disorder', 'resident'] });
    expect(inclusionCriteriaProblems({ required: ['resident'], atLeastOneOf: ['resident'] })[0].field).toBe(
      'inclusionCriteria.atLeastOneOf',
    );
    expect(inclusionCriteriaProblems({ required: [], atLeastOneOf: [] })[0].field).toBe('inclusionCriteria');
  });
});
