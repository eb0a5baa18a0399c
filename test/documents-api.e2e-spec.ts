import request from 'supertest';
import { formatDutchDay } from '@koers/casusoverleg';
import { addCalendarMonths, amsterdamDate } from '@koers/clock';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { pdfText, squashed } from './support/pdf-text';

type Auth = { Authorization: string };

const START_DATE = '2026-09-01';
const LANDLORD = 'Woonstichting De Linde';
const CARE_PROVIDER = 'Verslavingszorg Noordoost';
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

/**
 * The documents people sign or take to the meeting (issue 7 item 5): the three-party agreement filled in from the
 * client's housing data with the evaluation date of the running deadline, and the one-page client summary with
 * only what the reader may see.
 */
describe('documents API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let other: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;
  let housing: Auth;
  let otherChair: Auth;
  let housed: string;
  let notHoused: string;

  const event = async (auth: Auth, clientId: string, body: Record<string, unknown>) => {
    const response = await request(api.http).post(`/api/clients/${clientId}/events`).set(auth).send(body);
    if (response.status !== 200) throw new Error(`${String(body.type)}: ${response.status} ${response.text}`);
  };
  const agreementUrl = (clientId: string) => `/api/clients/${clientId}/documents/three-party-agreement.pdf`;
  const summaryUrl = (clientId: string) => `/api/clients/${clientId}/documents/summary.pdf`;
  const fetchPdf = (auth: Auth, url: string) =>
    request(api.http)
      .get(url)
      .set(auth)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  const textOf = async (auth: Auth, url: string) => {
    const response = await fetchPdf(auth, url);
    expect(response.status).toBe(200);
    return pdfText(response.body as Buffer);
  };

  /** A new client taken to aftercare (inclusion, consent, treatment, checklist, admission, discharge). */
  const toAftercare = async (auth: Auth, chairAuth: Auth, name: string): Promise<string> => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(chairAuth)
      .send({
        displayName: name,
        birthDate: '1979-04-12',
        signal: { source: 'police', description: 'Overlast en zorgen over alcoholgebruik.' },
      });
    expect(created.status).toBe(201);
    const id: string = created.body.client.id;
    await event(chairAuth, id, {
      type: 'INCLUSION_DECIDED',
      included: true,
      criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
      reasons: 'Ernstige verslaving en schulden; past binnen de aanpak.',
    });
    await event(auth, id, { type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen de casusoverleg' });
    await event(auth, id, { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' });
    for (const item of ['treatment_followup', 'finances', 'housing', 'daytime_activity', 'healthy_network']) {
      await event(auth, id, { type: 'AFTERCARE_ITEM_PREPARED', item });
    }
    await event(auth, id, { type: 'ADMITTED', facility: 'Kliniek Geheim Behandeladres' });
    await event(auth, id, { type: 'DISCHARGED', completed: true });
    return id;
  };

  const evaluationDeadline = async (auth: Auth, clientId: string) => {
    const deadlines = await request(api.http).get(`/api/clients/${clientId}/deadlines`).set(auth);
    expect(deadlines.status).toBe(200);
    return deadlines.body.find((d: { kind: string }) => d.kind === 'three_party_evaluation') as
      { dueAt: string; state: string } | undefined;
  };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    other = await createTeam(api.dataSource);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
    otherChair = await api.login(other.users.municipality);

    housed = await toAftercare(care, chair, 'Demo W. Woning');
    await event(care, housed, { type: 'DEBT_ARRANGEMENT_SET', kind: 'budget_management' });
    await event(care, housed, {
      type: 'HOUSED',
      kind: 'social_rent',
      threePartyAgreement: { startDate: START_DATE, landlord: LANDLORD, careProvider: CARE_PROVIDER },
    });
    notHoused = await toAftercare(care, chair, 'Demo Z. Zoekend');

    const invited = await request(api.http)
      .post(`/api/clients/${housed}/invitations`)
      .set(care)
      .send({
        partyKind: 'housing_corporation',
        scope: ['housing'],
        endsAt: '2099-01-01',
        reason: 'Driepartijenovereenkomst opstellen.',
      });
    expect(invited.status).toBe(201);
    housing = await api.login(team.users.housing_corporation);

    // What the summary shows besides the stage: a recovery trend (health), an action and a decision (trajectory).
    for (const [days, value] of [
      [60, 3],
      [10, 5],
    ] as const) {
      const measured = await request(api.http)
        .post(`/api/clients/${housed}/recovery-measurements`)
        .set(care)
        .send({
          instrumentId: 'barc10',
          measuredAt: daysAgo(days),
          answers: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, value])),
        });
      expect(measured.status).toBe(201);
    }
    const meeting = await request(api.http).post('/api/meetings').set(chair).send({ startsAt: '2099-01-05' });
    expect(meeting.status).toBe(201);
    const action = await request(api.http)
      .post(`/api/meetings/${meeting.body.id}/clients/${housed}/actions`)
      .set(chair)
      .send({
        description: 'Huisbezoek met de woonconsulent plannen.',
        owner: { partyKind: 'police' },
        dueDate: '2099-02-01',
      });
    expect(action.status).toBe(201);
    const decision = await request(api.http)
      .post(`/api/meetings/${meeting.body.id}/clients/${housed}/decisions`)
      .set(chair)
      .send({
        text: 'Nazorg gaat door zoals afgesproken',
        reasons: 'De woning is betrokken en het gaat goed.',
      });
    expect(decision.status).toBe(201);
  });
  afterAll(() => api.close());

  describe('three-party agreement', () => {
    it('is a PDF filled in from the housing data, with the evaluation date the running deadline falls due', async () => {
      const response = await fetchPdf(chair, agreementUrl(housed));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="driepartijenovereenkomst-${housed}.pdf"`,
      );
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const deadline = await evaluationDeadline(chair, housed);
      expect(deadline?.state).toBe('pending');
      const due = amsterdamDate(new Date(deadline!.dueAt));
      expect(due).toBe(addCalendarMonths(START_DATE, 3)); // the default: three months after the lease starts

      const text = pdfText(pdf);
      for (const expected of [
        'Driepartijenovereenkomst',
        'Demo W. Woning, geboren op 12 april 1979, hierna: de huurder;',
        `${LANDLORD}, woningcorporatie, hierna: de verhuurder;`,
        `${CARE_PROVIDER}, verslavingszorg, hierna: de zorgaanbieder;`,
        'Soort woning:Sociale huurwoning',
        `Ingangsdatum huur:${formatDutchDay(START_DATE)}`,
        'Artikel 3. Geen onderverhuur',
        'Financiën beheerd door:Budgetbeheer bij de Stadsbank',
        'Artikel 5. Bijzondere situaties melden',
        `uiterlijk op ${formatDutchDay(due)}, drie maanden na de ingangsdatum`,
        'De termijn voor deze evaluatie loopt in Koers',
        `De verhuurder: ${LANDLORD}`,
        `De zorgaanbieder: ${CARE_PROVIDER}`,
        'Handtekening:',
      ]) {
        expect(text).toContain(squashed(expected));
      }
      // Nothing about the treatment goes into a document the landlord signs.
      expect(text).not.toContain(squashed('Kliniek Geheim'));
      expect(text).not.toContain('clinical_detox');
    });

    it('takes the evaluation date from the deadline row, also when the casusoverleg set its own term', async () => {
      const patched = await request(api.http)
        .patch(`/api/teams/${other.teamId}`)
        .set(otherChair)
        .send({ deadlineSettings: { three_party_evaluation: { due: { months: 4 } } } });
      expect(patched.status).toBe(200);
      const otherCare = await api.login(other.users.addiction_care);
      const client = await toAftercare(otherCare, otherChair, 'Demo L. Later');
      await event(otherCare, client, {
        type: 'HOUSED',
        kind: 'supported_living',
        threePartyAgreement: { startDate: START_DATE, landlord: LANDLORD, careProvider: CARE_PROVIDER },
      });
      const deadline = await evaluationDeadline(otherChair, client);
      const due = amsterdamDate(new Date(deadline!.dueAt));
      expect(due).toBe(addCalendarMonths(START_DATE, 4));
      const text = await textOf(otherChair, agreementUrl(client));
      expect(text).toContain(squashed(`uiterlijk op ${formatDutchDay(due)}`));
      // No debt arrangement recorded: a line to fill in.
      expect(text).toContain(squashed('Financiën beheerd door:Nog niet vastgelegd in het traject'));
    });

    it('answers 422 with a clear message when no agreement is recorded', async () => {
      const none = await request(api.http).get(agreementUrl(notHoused)).set(chair);
      expect(none.status).toBe(422);
      expect(none.body.message).toMatch(/No three-party agreement is recorded for this client/);
      expect(none.body.details).toEqual([expect.objectContaining({ code: 'no_three_party_agreement' })]);

      await event(care, notHoused, { type: 'HOUSED', kind: 'temporary' });
      expect((await request(api.http).get(agreementUrl(notHoused)).set(chair)).status).toBe(422);
    });

    it('is for those who may see identity, housing and finances: 403 for the police and the housing corporation, 404 outside scope', async () => {
      expect((await fetchPdf(care, agreementUrl(housed))).status).toBe(200);
      const byPolice = await request(api.http).get(agreementUrl(housed)).set(police);
      expect(byPolice.status).toBe(403);
      expect(byPolice.body.message).toMatch(/finances/);
      expect((await request(api.http).get(agreementUrl(housed)).set(housing)).status).toBe(403);
      expect((await request(api.http).get(agreementUrl(notHoused)).set(housing)).status).toBe(404);
      expect((await request(api.http).get(agreementUrl(housed)).set(otherChair)).status).toBe(404);
      expect(
        (await request(api.http).get(agreementUrl('00000000-0000-4000-8000-000000000000')).set(chair)).status,
      ).toBe(404);
      expect(
        (await request(api.http).get('/api/clients/nope/documents/three-party-agreement.pdf').set(chair))
          .status,
      ).toBe(400);
      expect((await request(api.http).get(agreementUrl(housed))).status).toBe(401);
    });

    it('is in the access log as an export of identity, housing and finances', async () => {
      const rows = await api.dataSource.query(
        `SELECT event, categories, result FROM audit_log
          WHERE access_point = 'GET /api/clients/:id/documents/three-party-agreement.pdf' AND client_ids @> ARRAY[$1::uuid]
          ORDER BY id`,
        [housed],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { event: 'export', categories: ['identity', 'housing', 'finances'], result: 'ok' },
          { event: 'export', categories: ['identity', 'housing', 'finances'], result: 'refused' },
        ]),
      );
    });

    it('says so once the evaluation is done', async () => {
      await event(care, housed, { type: 'THREE_PARTY_EVALUATED', outcome: 'continue' });
      const text = await textOf(chair, agreementUrl(housed));
      expect(text).toContain(
        squashed(
          `De termijn voor deze evaluatie (${formatDutchDay(addCalendarMonths(START_DATE, 3))}) is in Koers afgerond.`,
        ),
      );
    });
  });

  describe('client summary', () => {
    it('gives the chair one page with stage, blockers, next deadline, actions, decisions, housing, finances and recovery', async () => {
      const response = await fetchPdf(chair, summaryUrl(housed));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const text = pdfText(response.body as Buffer);
      for (const expected of [
        'Cliëntoverzicht',
        'Demo W. Woning',
        'Fase:Nazorg',
        'Eerstvolgende termijn:',
        'Waar loopt het vast',
        'Open acties',
        'Huisbezoek met de woonconsulent plannen. — Politie, uiterlijk 1 februari 2099',
        'Laatste besluiten',
        'Nazorg gaat door zoals afgesproken',
        'Wonen',
        `${LANDLORD} en ${CARE_PROVIDER}, vanaf ${formatDutchDay(START_DATE)}`,
        'Schuldregeling:Budgetbeheer (Stadsbank)',
        'Herstel (metingen)',
        `BARC-10:laatste 50 (10–60) op ${formatDutchDay(daysAgo(10))}; eerste 30 op ${formatDutchDay(daysAgo(60))}, verschil +20; boven de drempel uit de validatiestudie (47 of meer)`,
        'Pagina 1 van 1',
      ]) {
        expect(text).toContain(squashed(expected));
      }
    });

    it('gives the police no health lines (and no finances), and a housing corporation only housing', async () => {
      const forPolice = await textOf(police, summaryUrl(housed));
      for (const absent of [
        'Herstel',
        'BARC',
        'validatiestudie',
        'Schuldregeling',
        'Kliniek',
        'Gezondheid',
      ]) {
        expect(forPolice).not.toContain(squashed(absent));
      }
      for (const present of ['Fase:Nazorg', 'Open acties', 'Laatste besluiten', LANDLORD, 'Pagina 1 van 1']) {
        expect(forPolice).toContain(squashed(present));
      }
      expect(forPolice).toContain(
        squashed(
          'mag zien: Identiteit en fase, Traject (besluiten, knelpunten, acties), Justitie en politie, Wonen.',
        ),
      );

      const forHousing = await textOf(housing, summaryUrl(housed));
      expect(forHousing).toContain(squashed(LANDLORD));
      for (const absent of ['Herstel', 'Open acties', 'Laatste besluiten', 'Huisbezoek', 'Schuldregeling']) {
        expect(forHousing).not.toContain(squashed(absent));
      }
      expect((await request(api.http).get(summaryUrl(notHoused)).set(housing)).status).toBe(404);
      expect((await request(api.http).get(summaryUrl(housed)).set(otherChair)).status).toBe(404);
    });

    it('logs each summary as an export of the categories it showed that reader', async () => {
      const rows = await api.dataSource.query(
        `SELECT a.categories, a.party_kind FROM audit_log a
          WHERE a.access_point = 'GET /api/clients/:id/documents/summary.pdf' AND a.client_ids @> ARRAY[$1::uuid]
            AND a.result = 'ok' AND a.event = 'export'
          ORDER BY a.id`,
        [housed],
      );
      expect(rows).toEqual([
        {
          categories: ['identity', 'trajectory', 'health', 'housing', 'finances'],
          party_kind: 'municipality',
        },
        { categories: ['identity', 'trajectory', 'housing'], party_kind: 'police' },
        { categories: ['identity', 'housing'], party_kind: 'housing_corporation' },
      ]);
    });
  });
});
