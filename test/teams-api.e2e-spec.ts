import request from 'supertest';
import { amsterdamDate } from '@koers/clock';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

type Auth = { Authorization: string };
interface ChecklistItem {
  id: string;
  label: string;
  done: boolean;
  hint?: string;
}

const YEAR = Number(amsterdamDate(new Date()).slice(0, 4));

/** Setting up a casusoverleg along the handreiking's checklist: who may see and change it, and what it refuses. */
describe('teams API: set-up of a casusoverleg (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: Auth;
  let police: Auth;
  let care: Auth;
  const ids: Record<string, string> = {};

  const get = (auth: Auth, teamId = team.teamId) => request(api.http).get(`/api/teams/${teamId}`).set(auth);
  const patch = (auth: Auth, body: unknown, teamId = team.teamId) =>
    request(api.http)
      .patch(`/api/teams/${teamId}`)
      .set(auth)
      .send(body as object);
  const open = (checklist: ChecklistItem[]) => checklist.filter((i) => !i.done).map((i) => i.id);
  /** Everything a PATCH could change, straight from the database. */
  const stored = async (teamId = team.teamId) => ({
    setup: await api.dataSource.query(`SELECT * FROM team_setup WHERE team_id = $1`, [teamId]),
    budgets: await api.dataSource.query(`SELECT * FROM team_budget WHERE team_id = $1`, [teamId]),
    settings: (await api.dataSource.query(`SELECT deadline_settings FROM team WHERE id = $1`, [teamId]))[0],
  });

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    for (const [kind, username] of Object.entries(team.users)) {
      ids[kind] = (
        await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username])
      )[0].id;
    }
    chair = await api.login(team.users.municipality);
    police = await api.login(team.users.police);
    care = await api.login(team.users.addiction_care);
  });
  afterAll(() => api.close());

  describe('a new casusoverleg', () => {
    it('shows its participants per party and what is still open, with Dutch hints', async () => {
      const response = await get(police);
      expect(response.status).toBe(200);
      const setup = response.body;
      expect(setup).toMatchObject({
        id: team.teamId,
        name: expect.stringMatching(/^Casusoverleg /),
        covenant: null,
        budget: null,
        budgets: [],
        meetingIntervalWeeks: 2,
        successDefinition: null,
        complete: false,
        updatedAt: null,
      });
      expect(setup.participants).toEqual({
        municipality: [
          expect.objectContaining({
            userId: ids.municipality,
            displayName: 'Test municipality',
            role: 'chair',
          }),
        ],
        addiction_care: [
          expect.objectContaining({ userId: ids.addiction_care, displayName: 'Test addiction_care' }),
        ],
        police: [expect.objectContaining({ userId: ids.police, displayName: 'Test police', deputies: [] })],
        housing_corporation: [expect.objectContaining({ displayName: 'Test housing_corporation' })],
      });
      expect(setup.inclusionCriteria).toMatchObject({
        source: 'handreiking',
        required: ['serious_substance_use_disorder', 'resident'],
        atLeastOneOf: expect.arrayContaining(['substance_related_offences', 'disproportionate_care_use']),
        labels: expect.objectContaining({ resident: 'inwoner van de gemeente' }),
      });
      expect(setup.deadlineSettings.overrides).toEqual({});
      expect(setup.deadlineSettings.effective).toHaveLength(11);
      expect(
        setup.deadlineSettings.effective.find((s: { kind: string }) => s.kind === 'consent'),
      ).toMatchObject({
        label: 'Toestemming',
        due: { days: 14 },
        overridden: false,
      });

      expect(open(setup.checklist)).toEqual(['deputies', 'covenant', 'budget', 'success_definition']);
      for (const item of setup.checklist as ChecklistItem[]) {
        expect(item.label).toEqual(expect.any(String));
        if (item.done) expect(item.hint).toBeUndefined();
        else expect(item.hint).toMatch(/^[A-Z].+\.$/);
      }
      const deputies = setup.checklist.find((i: ChecklistItem) => i.id === 'deputies');
      expect(deputies.hint).toBe(
        'Leg een vervanger vast voor Test municipality, Test addiction_care en Test police.',
      );
      expect(setup.checklist.find((i: ChecklistItem) => i.id === 'budget').label).toBe(
        `Budget van de casusoverleg voor ${YEAR}`,
      );
    });

    it('names the missing core parties', async () => {
      const partial = await createTeam(api.dataSource, ['municipality', 'housing_corporation']);
      const response = await get(await api.login(partial.users.municipality), partial.teamId);
      expect(response.status).toBe(200);
      expect(open(response.body.checklist)).toEqual([
        'addiction_care_participant',
        'police_participant',
        'deputies',
        'covenant',
        'budget',
        'success_definition',
      ]);
      expect(response.body.participants.police).toEqual([]);
    });

    it('lists my teams with how many items are open', async () => {
      const response = await request(api.http).get('/api/teams').set(care);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { id: team.teamId, name: expect.any(String), complete: false, openItems: 4 },
      ]);
    });
  });

  describe('who may', () => {
    it('answers 404 outside the casusoverleg and 403 to participants who are not the chair', async () => {
      const other = await createTeam(api.dataSource);
      const otherChair = await api.login(other.users.municipality);
      expect((await get(otherChair)).status).toBe(404);
      expect((await patch(otherChair, { meetingIntervalWeeks: 3 })).status).toBe(404);
      expect((await get(chair, other.teamId)).status).toBe(404);
      expect((await get(chair, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await get(chair, 'team-one')).status).toBe(400);
      expect((await request(api.http).get(`/api/teams/${team.teamId}`)).status).toBe(401);

      const before = await stored();
      for (const auth of [police, care]) {
        const response = await patch(auth, {
          meetingIntervalWeeks: 3,
          successDefinition: 'Iets dat wij vinden.',
        });
        expect(response.status).toBe(403);
        expect(response.body.error).toBe('forbidden');
      }
      expect(await stored()).toEqual(before);
    });
  });

  describe('changing the set-up', () => {
    it('lets the chair fill in the checklist field by field, leaving the rest alone', async () => {
      const covenant = await patch(chair, {
        covenant: {
          kind: 'both',
          name: '  Convenant Zorg- en Veiligheidshuis Regio  ',
          signedOn: '2026-03-01',
        },
      });
      expect(covenant.status).toBe(200);
      expect(covenant.body).toMatchObject({
        covenant: {
          kind: 'both',
          kindLabel: 'Zorgstructuur- en veiligheidshuisconvenant',
          name: 'Convenant Zorg- en Veiligheidshuis Regio',
          signedOn: '2026-03-01',
        },
        meetingIntervalWeeks: 2,
        budget: null,
        successDefinition: null,
        updatedBy: 'Test municipality',
      });
      expect(open(covenant.body.checklist)).toEqual(['deputies', 'budget', 'success_definition']);

      const budget = await patch(chair, { budget: { year: YEAR, amountCents: 2_500_000 } });
      expect(budget.body.budget).toEqual({ year: YEAR, amountCents: 2_500_000 });
      await patch(chair, { budget: { year: YEAR - 1, amountCents: 1_800_000 } });
      const corrected = await patch(chair, { budget: { year: YEAR, amountCents: 3_000_000 } });
      expect(corrected.body.budgets).toEqual([
        { year: YEAR, amountCents: 3_000_000 },
        { year: YEAR - 1, amountCents: 1_800_000 },
      ]);
      expect(corrected.body.covenant.kind).toBe('both');

      const rest = await patch(chair, {
        meetingIntervalWeeks: 3,
        successDefinition:
          'Cliënt woont stabiel, heeft daginvulling en is in zorg bij een reguliere hulpverlener.',
        inclusionCriteria: {
          required: ['resident', 'serious_substance_use_disorder'],
          atLeastOneOf: ['substance_related_offences', 'cannot_find_regular_care'],
        },
      });
      expect(rest.status).toBe(200);
      expect(rest.body).toMatchObject({
        meetingIntervalWeeks: 3,
        inclusionCriteria: {
          source: 'team',
          required: ['serious_substance_use_disorder', 'resident'],
          atLeastOneOf: ['cannot_find_regular_care', 'substance_related_offences'],
        },
        covenant: { kind: 'both' },
        budget: { year: YEAR, amountCents: 3_000_000 },
      });
      expect(rest.body.checklist.find((i: ChecklistItem) => i.id === 'meeting_rhythm').label).toBe(
        'Vergaderritme: elke 3 weken',
      );
      expect(open(rest.body.checklist)).toEqual(['deputies']);

      // Deputies for each core-party participant complete it; one whose period has ended does not count.
      await api.dataSource.query(
        `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at)
         VALUES ($1, $2, now() - interval '30 days', now() - interval '1 day', now())`,
        [ids.police, ids.housing_corporation],
      );
      const deputy = (auth: Auth, deputyUserId: string) =>
        request(api.http)
          .post('/api/deputies')
          .set(auth)
          .send({ deputyUserId, startsAt: '2030-07-01', endsAt: '2030-07-22' });
      expect((await deputy(chair, ids.police)).status).toBe(201);
      expect((await deputy(care, ids.municipality)).status).toBe(201);
      let now = (await get(care)).body;
      expect(now.checklist.find((i: ChecklistItem) => i.id === 'deputies').hint).toBe(
        'Leg een vervanger vast voor Test police.',
      );
      expect((await deputy(police, ids.addiction_care)).status).toBe(201);
      now = (await get(care)).body;
      expect(open(now.checklist)).toEqual([]);
      expect(now.complete).toBe(true);
      expect(now.participants.police[0].deputies).toEqual([
        {
          userId: ids.addiction_care,
          displayName: 'Test addiction_care',
          startsAt: '2030-06-30T22:00:00.000Z',
          endsAt: '2030-07-21T22:00:00.000Z',
        },
      ]);
      expect((await request(api.http).get('/api/teams').set(care)).body).toEqual([
        expect.objectContaining({ id: team.teamId, complete: true, openItems: 0 }),
      ]);

      // null clears (the covenant) or restores the default (the inclusion criteria).
      const cleared = await patch(chair, { covenant: null, inclusionCriteria: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.covenant).toBeNull();
      expect(cleared.body.inclusionCriteria.source).toBe('handreiking');
      expect(open(cleared.body.checklist)).toEqual(['covenant']);
      expect(cleared.body.meetingIntervalWeeks).toBe(3);
    });

    it('edits the deadline settings, which then apply to new deadlines', async () => {
      const settings = await patch(chair, {
        deadlineSettings: {
          consent: { due: { days: 10 }, steps: { warning: { days: -3 } } },
          waiting_duration: { due: { days: 56 } },
        },
      });
      expect(settings.status).toBe(200);
      const effective = (kind: string) =>
        settings.body.deadlineSettings.effective.find((s: { kind: string }) => s.kind === kind);
      expect(effective('consent')).toMatchObject({
        overridden: true,
        due: { days: 10 },
        steps: expect.arrayContaining([expect.objectContaining({ step: 'warning', offset: { days: -3 } })]),
      });

      // Another kind changes; consent stays; null restores the default of one kind.
      const next = await patch(chair, {
        deadlineSettings: {
          waiting_duration: null,
          postal_address_expiry: { steps: { warning: { days: -14 } } },
        },
      });
      expect(next.body.deadlineSettings.overrides).toEqual({
        consent: { due: { days: 10 }, steps: { warning: { days: -3 } } },
        postal_address_expiry: { steps: { warning: { days: -14 } } },
      });

      const created = await request(api.http)
        .post('/api/clients')
        .set(chair)
        .send({
          displayName: 'Demo T. Termijn',
          signal: { source: 'police', description: 'Overlast en zorgen over GHB-gebruik in de woning.' },
        });
      const clientId = created.body.client.id;
      const decided = await request(api.http)
        .post(`/api/clients/${clientId}/events`)
        .set(chair)
        .send({
          type: 'INCLUSION_DECIDED',
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
          reasons: 'Voldoet aan de criteria van de handreiking.',
        });
      expect(decided.status).toBe(200);
      const deadlines = await request(api.http).get(`/api/clients/${clientId}/deadlines`).set(chair);
      const consent = deadlines.body.find((d: { kind: string }) => d.kind === 'consent');
      const days = (Date.parse(consent.dueAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(9.9);
      expect(days).toBeLessThan(10.1);
      const warning = consent.steps.find((s: { step: string }) => s.step === 'warning');
      expect(Date.parse(consent.dueAt) - Date.parse(warning.fireAt)).toBe(3 * 86_400_000);
    });
  });

  describe('bad input', () => {
    const tomorrow = amsterdamDate(new Date(Date.now() + 36 * 3_600_000));
    it.each([
      ['an empty body', {}, undefined],
      ['an unknown field', { name: 'Nieuwe naam' }, 'name'],
      [
        'an unknown nested field',
        { budget: { year: YEAR, amountCents: 100, currency: 'EUR' } },
        'budget.currency',
      ],
      ['a rhythm of 4 weeks', { meetingIntervalWeeks: 4 }, 'meetingIntervalWeeks'],
      ['a rhythm as a string', { meetingIntervalWeeks: '2' }, 'meetingIntervalWeeks'],
      ['a rhythm of null', { meetingIntervalWeeks: null }, 'meetingIntervalWeeks'],
      ['a negative budget', { budget: { year: YEAR, amountCents: -1 } }, 'budget.amountCents'],
      ['a budget in euros', { budget: { year: YEAR, amountCents: 12.5 } }, 'budget.amountCents'],
      ['a budget of 2^60 cents', { budget: { year: YEAR, amountCents: 2 ** 60 } }, 'budget.amountCents'],
      ['a budget without year', { budget: { amountCents: 100 } }, 'budget.year'],
      ['a budget year of 1999', { budget: { year: 1999, amountCents: 100 } }, 'budget.year'],
      ['a budget of null', { budget: null }, 'budget'],
      [
        'an unknown covenant',
        { covenant: { kind: 'gentlemen', name: 'Afspraak', signedOn: '2026-01-01' } },
        'covenant.kind',
      ],
      [
        'a covenant without a name',
        { covenant: { kind: 'care_covenant', signedOn: '2026-01-01' } },
        'covenant.name',
      ],
      [
        'a covenant signed tomorrow',
        { covenant: { kind: 'care_covenant', name: 'Zorgconvenant', signedOn: tomorrow } },
        'covenant.signedOn',
      ],
      [
        'a covenant date in words',
        { covenant: { kind: 'care_covenant', name: 'Zorgconvenant', signedOn: '1 maart' } },
        'covenant.signedOn',
      ],
      ['a covenant as a string', { covenant: 'care_covenant' }, 'covenant'],
      [
        'an unknown criterion',
        { inclusionCriteria: { required: ['resident', 'rich'], atLeastOneOf: [] } },
        'inclusionCriteria.required',
      ],
      [
        'a criterion twice',
        { inclusionCriteria: { required: ['resident', 'resident'], atLeastOneOf: [] } },
        'inclusionCriteria.required',
      ],
      [
        'a criterion in both lists',
        { inclusionCriteria: { required: ['resident'], atLeastOneOf: ['resident'] } },
        'inclusionCriteria.atLeastOneOf',
      ],
      ['no criteria at all', { inclusionCriteria: { required: [], atLeastOneOf: [] } }, 'inclusionCriteria'],
      [
        'criteria without atLeastOneOf',
        { inclusionCriteria: { required: ['resident'] } },
        'inclusionCriteria.atLeastOneOf',
      ],
      ['a success definition that says nothing', { successDefinition: 'goed' }, 'successDefinition'],
      [
        'an unknown deadline kind',
        { deadlineSettings: { coffee_break: { due: { days: 1 } } } },
        'deadlineSettings.coffee_break',
      ],
      [
        'a due on a date-given kind',
        { deadlineSettings: { leave_return: { due: { days: 2 } } } },
        'deadlineSettings.leave_return.due',
      ],
      [
        'a warning after due',
        { deadlineSettings: { consent: { steps: { warning: { days: 2 } } } } },
        'deadlineSettings.consent.steps.warning.days',
      ],
      [
        'a step the kind lacks',
        { deadlineSettings: { waiting_duration: { steps: { warning: { days: -7 } } } } },
        'deadlineSettings.waiting_duration.steps.warning',
      ],
      [
        'a due of zero days',
        { deadlineSettings: { consent: { due: { days: 0 } } } },
        'deadlineSettings.consent.due',
      ],
      [
        'a due in weeks',
        { deadlineSettings: { consent: { due: { weeks: 2 } } } },
        'deadlineSettings.consent.due.weeks',
      ],
      ['deadline settings as a list', { deadlineSettings: [] }, 'deadlineSettings'],
      [
        'one bad field among good ones',
        {
          meetingIntervalWeeks: 2,
          successDefinition: 'Een geslaagd traject is een stabiel leven.',
          budget: { year: YEAR, amountCents: -5 },
        },
        'budget.amountCents',
      ],
      [
        'a good deadline kind next to a bad one',
        {
          deadlineSettings: {
            consent: { due: { days: 12 } },
            waiting_contact: { steps: { agenda: { days: 1 } } },
          },
        },
        'deadlineSettings.waiting_contact.steps.agenda.days',
      ],
    ])('refuses %s with 400 and changes nothing', async (_what, body, field) => {
      const before = await stored();
      const response = await patch(chair, body);
      expect(response.status).toBe(400);
      if (field) expect(response.body.details.map((d: { field?: string }) => d.field)).toContain(field);
      expect(await stored()).toEqual(before);
    });

    it('refuses a body that is not an object', async () => {
      const response = await request(api.http)
        .patch(`/api/teams/${team.teamId}`)
        .set(chair)
        .set('content-type', 'application/json')
        .send('[1, 2]');
      expect(response.status).toBe(400);
    });
  });
});
