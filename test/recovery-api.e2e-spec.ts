import request from 'supertest';
import { SystemClock } from '@koers/clock';
import { ANONYMISED_TEXT, ClientAnonymisationService, type ClientExport } from '@koers/client-rights';
import { ApiHarness, TEST_PASSWORD, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { pdfText, squashed } from './support/pdf-text';

type Auth = { Authorization: string };

const barc = (...values: number[]) => Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

/**
 * Recovery monitoring (issue 7 item 2): the instruments as data, measurements per client validated against their
 * instrument, the trend, corrections and deletions with reasons, need-to-know (health), the access log, the
 * data-subject export and anonymisation.
 */
describe('recovery monitoring API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let other: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;
  let housing: Auth;
  let admin: Auth;
  let otherCare: Auth;
  let colleague: Auth;
  let clientId: string;

  const path = (client = clientId) => `/api/clients/${client}/recovery-measurements`;
  const record = (auth: Auth, body: Record<string, unknown>, client = clientId) =>
    request(api.http).post(path(client)).set(auth).send(body);
  const list = (auth: Auth, client = clientId) => request(api.http).get(path(client)).set(auth);
  const rows = async () =>
    Number(
      (
        await api.dataSource.query(
          `SELECT count(*)::int AS n FROM recovery_measurement WHERE client_id = $1`,
          [clientId],
        )
      )[0].n,
    );

  const newClient = async (auth: Auth, name: string): Promise<string> => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({ displayName: name, signal: { source: 'police', description: 'Zorgen over middelengebruik.' } });
    expect(response.status).toBe(201);
    return response.body.client.id;
  };

  beforeAll(async () => {
    api = await startApi({ DEMO_MODE: '1' });
    team = await createTeam(api.dataSource);
    other = await createTeam(api.dataSource);
    const suffix = team.teamId.slice(0, 8);
    await api.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
       SELECT $1, 'Beheerder', password_hash, party_id, 'admin' FROM app_user WHERE username = $2`,
      [`admin-${suffix}`, team.users.municipality],
    );
    // A second outreach worker of the same party and team: sees the client, did not record the measurement.
    const [colleagueRow] = await api.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
       SELECT $1, 'Collega', password_hash, party_id, 'member' FROM app_user WHERE username = $2 RETURNING id`,
      [`colleague-${suffix}`, team.users.addiction_care],
    );
    await api.dataSource.query(`INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)`, [
      team.teamId,
      colleagueRow.id,
    ]);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
    housing = await api.login(team.users.housing_corporation);
    admin = await api.login(`admin-${suffix}`, TEST_PASSWORD);
    colleague = await api.login(`colleague-${suffix}`);
    otherCare = await api.login(other.users.addiction_care);
    clientId = await newClient(chair, 'Demo R. Herstel');
  });
  afterAll(() => api.close());

  describe('instruments as data', () => {
    it('lists BARC-10 and MHQoL with items, scales, scoring, validity and threshold, to anyone logged in', async () => {
      for (const auth of [chair, police, housing, admin]) {
        const response = await request(api.http).get('/api/recovery/instruments').set(auth);
        expect(response.status).toBe(200);
        expect(response.body.map((i: { id: string }) => i.id)).toEqual(['barc10', 'mhqol']);
      }
      const [barc10, mhqol] = (await request(api.http).get('/api/recovery/instruments').set(care)).body;
      expect(barc10).toMatchObject({
        name: 'BARC-10',
        scale: { min: 1, max: 6 },
        scoring: { method: 'sum', range: { min: 10, max: 60 } },
        validity: { rule: 'all_items_answered' },
        threshold: { atLeast: 47, label: 'boven de drempel uit de validatiestudie' },
      });
      expect(barc10.items).toHaveLength(10);
      expect(barc10.items[4]).toEqual({ id: 'q5', number: 5, shortLabel: 'Sociale steun', text: null });
      expect(mhqol).toMatchObject({ scale: { min: 0, max: 3 }, scoring: { range: { min: 0, max: 21 } } });
      expect(mhqol.extraScales).toEqual([expect.objectContaining({ id: 'vas', min: 0, max: 10 })]);
      expect((await request(api.http).get('/api/recovery/instruments')).status).toBe(401);
    });

    it('lets an admin (only) set and remove the wording of an item', async () => {
      const url = '/api/recovery/instruments/barc10/items/q5';
      const wording = 'Tekst van item 5 zoals de organisatie die mag gebruiken.';
      expect((await request(api.http).put(url).set(chair).send({ text: wording })).status).toBe(403);
      expect((await request(api.http).put(url).set(care).send({ text: wording })).status).toBe(403);
      const set = await request(api.http)
        .put(url)
        .set(admin)
        .send({ text: `  ${wording}  ` });
      expect(set.status).toBe(200);
      expect(set.body.items[4]).toMatchObject({ id: 'q5', text: wording });
      const listed = (await request(api.http).get('/api/recovery/instruments').set(care)).body;
      expect(listed[0].items[4].text).toBe(wording);
      expect(listed[0].items[3].text).toBeNull();

      for (const [bad, status] of [
        ['/api/recovery/instruments/barc10/items/q11', 404],
        ['/api/recovery/instruments/phq9/items/q1', 404],
      ] as const) {
        expect((await request(api.http).put(bad).set(admin).send({ text: wording })).status).toBe(status);
      }
      for (const body of [{}, { text: '   ' }, { text: 5 }, { text: wording, extra: 1 }]) {
        expect((await request(api.http).put(url).set(admin).send(body)).status).toBe(400);
      }
      const removed = await request(api.http).put(url).set(admin).send({ text: null });
      expect(removed.status).toBe(200);
      expect(removed.body.items[4].text).toBeNull();
    });
  });

  describe('measurements', () => {
    let first: string;
    let partial: string;

    it('records a complete BARC-10 with its total, and a partial one without (answers kept)', async () => {
      const complete = await record(care, {
        instrumentId: 'barc10',
        measuredAt: daysAgo(90),
        answers: barc(3, 3, 4, 2, 4, 3, 4, 5, 3, 4),
      });
      expect(complete.status).toBe(201);
      expect(complete.body).toMatchObject({
        clientId,
        instrumentId: 'barc10',
        instrumentName: 'BARC-10',
        measuredOn: daysAgo(90),
        answeredItems: 10,
        itemCount: 10,
        complete: true,
        totalScore: 35,
        aboveThreshold: false,
        recordedBy: { displayName: 'Test addiction_care', partyKind: 'addiction_care' },
        correctedAt: null,
        corrections: [],
      });
      first = complete.body.id;

      const half = await record(care, {
        instrumentId: 'barc10',
        measuredAt: `${daysAgo(45)}T10:30:00+02:00`,
        answers: { q1: 5, q2: 4, q3: 5 },
      });
      expect(half.status).toBe(201);
      expect(half.body).toMatchObject({
        answers: { q1: 5, q2: 4, q3: 5 },
        answeredItems: 3,
        complete: false,
        totalScore: null,
        aboveThreshold: null,
      });
      partial = half.body.id;
      const [stored] = await api.dataSource.query(
        `SELECT answers, total_score, team_id FROM recovery_measurement WHERE id = $1`,
        [partial],
      );
      expect(stored).toEqual({ answers: { q1: 5, q2: 4, q3: 5 }, total_score: null, team_id: team.teamId });

      const later = await record(chair, {
        instrumentId: 'barc10',
        measuredAt: daysAgo(5),
        answers: barc(5, 5, 5, 4, 5, 5, 5, 6, 4, 5),
      });
      expect(later.body).toMatchObject({ totalScore: 49, aboveThreshold: true });

      const mhqol = await record(care, {
        instrumentId: 'mhqol',
        measuredAt: daysAgo(5),
        answers: { q1: 2, q2: 3, q3: 2, q4: 1, q5: 2, q6: 3, q7: 2 },
        extraScores: { vas: 7 },
      });
      expect(mhqol.status).toBe(201);
      expect(mhqol.body).toMatchObject({ totalScore: 15, extraScores: { vas: 7 }, aboveThreshold: null });
    });

    it('gives the trend per instrument: first, last, change and the threshold of the validation study', async () => {
      const response = await list(chair);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const [barc10, mhqol] = response.body.instruments;
      expect(barc10).toMatchObject({
        instrumentId: 'barc10',
        count: 3,
        completeCount: 2,
        first: { measurementId: first, totalScore: 35, measuredOn: daysAgo(90) },
        last: { totalScore: 49, measuredOn: daysAgo(5) },
        change: 14,
        lastAboveThreshold: true,
        threshold: { atLeast: 47, label: 'boven de drempel uit de validatiestudie' },
        totalRange: { min: 10, max: 60 },
      });
      expect(barc10.points.map((p: { totalScore: number | null }) => p.totalScore)).toEqual([35, null, 49]);
      expect(mhqol).toMatchObject({
        count: 1,
        change: null,
        last: { totalScore: 15, extraScores: { vas: 7 } },
      });
      expect(response.body.measurements.map((m: { measuredOn: string }) => m.measuredOn)).toEqual([
        daysAgo(5),
        daysAgo(5),
        daysAgo(45),
        daysAgo(90),
      ]);
      expect(response.body.deletions).toEqual([]);
    });

    it('refuses answers the instrument does not have or allow, with a 400 naming the field, and changes nothing', async () => {
      const before = await rows();
      const cases: [Record<string, unknown>, string][] = [
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q11: 3 } }, 'answers.q11'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: 7 } }, 'answers.q1'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: 0 } }, 'answers.q1'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: 2.5 } }, 'answers.q1'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: '4' } }, 'answers.q1'],
        [{ instrumentId: 'mhqol', measuredAt: daysAgo(1), answers: { q1: 4 } }, 'answers.q1'],
        [
          { instrumentId: 'mhqol', measuredAt: daysAgo(1), answers: { q1: 1 }, extraScores: { vas: 11 } },
          'extraScores.vas',
        ],
        [
          { instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: 1 }, extraScores: { vas: 5 } },
          'extraScores.vas',
        ],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: {} }, 'answers'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: [4, 4] }, 'answers'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1) }, 'answers'],
        [{ instrumentId: 'phq9', measuredAt: daysAgo(1), answers: { q1: 1 } }, 'instrumentId'],
        [{ instrumentId: 'barc10', measuredAt: '2099-01-01', answers: { q1: 1 } }, 'measuredAt'],
        [{ instrumentId: 'barc10', measuredAt: 'gisteren', answers: { q1: 1 } }, 'measuredAt'],
        [{ instrumentId: 'barc10', measuredAt: daysAgo(1), answers: { q1: 1 }, note: 'x' }, 'note'],
      ];
      for (const [body, field] of cases) {
        const response = await record(care, body);
        expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
        expect(response.body.details.map((d: { field?: string }) => d.field)).toContain(field);
      }
      expect(await rows()).toBe(before);
    });

    it('is health data: the police and a housing corporation are refused, another casusoverleg finds no client', async () => {
      const body = {
        instrumentId: 'barc10',
        measuredAt: daysAgo(1),
        answers: barc(4, 4, 4, 4, 4, 4, 4, 4, 4, 4),
      };
      const before = await rows();
      expect((await list(police)).status).toBe(403);
      expect((await record(police, body)).status).toBe(403);
      // Not invited: the client does not exist for it.
      expect((await list(housing)).status).toBe(404);
      expect((await list(otherCare)).status).toBe(404);
      expect((await record(otherCare, body)).status).toBe(404);
      const invited = await request(api.http)
        .post(`/api/clients/${clientId}/invitations`)
        .set(care)
        .send({
          partyKind: 'housing_corporation',
          scope: ['housing'],
          endsAt: '2099-01-01',
          reason: 'Woning regelen na de opname.',
        });
      expect(invited.status).toBe(201);
      housing = await api.login(team.users.housing_corporation);
      expect((await list(housing)).status).toBe(403);
      expect((await record(housing, body)).status).toBe(403);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await list(chair, unknown)).status).toBe(404);
      expect((await list(chair, 'not-a-uuid')).status).toBe(400);
      expect(await rows()).toBe(before);
    });

    it('logs reads and writes in the access log as health, naming the client', async () => {
      const log = await api.dataSource.query(
        `SELECT event, categories, result, access_point FROM audit_log
          WHERE client_ids @> ARRAY[$1::uuid] AND access_point LIKE '%recovery-measurements%' ORDER BY id`,
        [clientId],
      );
      expect(log).toEqual(
        expect.arrayContaining([
          {
            event: 'write',
            categories: ['health'],
            result: 'ok',
            access_point: 'POST /api/clients/:clientId/recovery-measurements',
          },
          {
            event: 'read',
            categories: ['health'],
            result: 'ok',
            access_point: 'GET /api/clients/:clientId/recovery-measurements',
          },
          expect.objectContaining({ event: 'read', result: 'refused' }),
        ]),
      );
    });

    it('lets the recorder or the chair correct a measurement with a reason, keeping the earlier values', async () => {
      const url = `${path()}/${partial}`;
      const answers = barc(5, 4, 5, 4, 4, 4, 5, 5, 4, 5);
      const reason = 'De andere helft van het formulier was nog niet overgenomen.';
      expect((await request(api.http).put(url).set(colleague).send({ answers, reason })).status).toBe(403);
      expect((await request(api.http).put(url).set(police).send({ answers, reason })).status).toBe(403);
      expect((await request(api.http).put(url).set(care).send({ answers })).status).toBe(400);
      expect((await request(api.http).put(url).set(care).send({ answers, reason: 'x' })).status).toBe(400);
      expect(
        (
          await request(api.http)
            .put(url)
            .set(care)
            .send({ answers: { ...answers, q12: 3 }, reason })
        ).status,
      ).toBe(400);
      expect(
        (
          await request(api.http)
            .put(`${path()}/00000000-0000-4000-8000-000000000000`)
            .set(care)
            .send({ answers, reason })
        ).status,
      ).toBe(404);

      const corrected = await request(api.http).put(url).set(care).send({ answers, reason });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({
        id: partial,
        totalScore: 45,
        complete: true,
        measuredOn: daysAgo(45),
        corrections: [
          {
            action: 'corrected',
            reason,
            changedBy: { partyKind: 'addiction_care' },
            previous: { answers: { q1: 5, q2: 4, q3: 5 }, totalScore: null },
          },
        ],
      });
      expect(corrected.body.correctedAt).not.toBeNull();
      // The chair may correct what someone else recorded.
      const byChair = await request(api.http)
        .put(url)
        .set(chair)
        .send({
          answers: { ...answers, q10: 6 },
          measuredAt: daysAgo(44),
          reason: 'Item 10 was verkeerd overgenomen.',
        });
      expect(byChair.status).toBe(200);
      expect(byChair.body).toMatchObject({ totalScore: 46, measuredOn: daysAgo(44) });
      expect(byChair.body.corrections).toHaveLength(2);
    });

    it('lets the recorder or the chair delete a measurement with a reason; the reason and last values stay', async () => {
      const [row] = await api.dataSource.query(
        `SELECT id FROM recovery_measurement WHERE client_id = $1 AND instrument_id = 'mhqol'`,
        [clientId],
      );
      const url = `${path()}/${row.id}`;
      const reason = 'Per ongeluk dubbel ingevoerd, het origineel staat in het dossier.';
      expect((await request(api.http).delete(url).set(colleague).send({ reason })).status).toBe(403);
      expect((await request(api.http).delete(url).set(care).send({})).status).toBe(400);
      expect((await request(api.http).delete(url).set(care)).status).toBe(400);
      const deleted = await request(api.http).delete(url).set(chair).send({ reason });
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ measurementId: row.id, clientId, action: 'deleted' });
      expect((await request(api.http).delete(url).set(chair).send({ reason })).status).toBe(404);

      const after = (await list(care)).body;
      expect(after.measurements.some((m: { id: string }) => m.id === row.id)).toBe(false);
      expect(after.instruments[1]).toMatchObject({ instrumentId: 'mhqol', count: 0, last: null });
      expect(after.deletions).toEqual([
        expect.objectContaining({
          measurementId: row.id,
          action: 'deleted',
          reason,
          previous: expect.objectContaining({
            instrumentId: 'mhqol',
            totalScore: 15,
            extraScores: { vas: 7 },
          }),
        }),
      ]);
      const log = await api.dataSource.query(
        `SELECT event, categories FROM audit_log WHERE access_point = 'DELETE /api/clients/:clientId/recovery-measurements/:measurementId'
            AND client_ids @> ARRAY[$1::uuid] AND result = 'ok'`,
        [clientId],
      );
      expect(log).toEqual([{ event: 'write', categories: ['health'] }]);
    });
  });

  describe('client rights', () => {
    it('puts the measurements, their answers and their changes in the data-subject export (JSON and PDF)', async () => {
      const json = await request(api.http).get(`/api/clients/${clientId}/export`).set(chair);
      expect(json.status).toBe(200);
      const data = json.body as ClientExport;
      expect(data.recovery.measurements.map((m) => [m.instrumentId, m.totalScore])).toEqual([
        ['barc10', 35],
        ['barc10', 46],
        ['barc10', 49],
      ]);
      expect(data.recovery.measurements[0].answers).toEqual(barc(3, 3, 4, 2, 4, 3, 4, 5, 3, 4));
      expect(data.recovery.changes.map((c) => c.action)).toEqual(['corrected', 'corrected', 'deleted']);

      const pdf = await request(api.http)
        .get(`/api/clients/${clientId}/export?format=pdf`)
        .set(chair)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      const text = pdfText(pdf.body as Buffer);
      expect(text).toContain(squashed('12. Herstelmetingen (3)'));
      expect(text).toContain(squashed('Antwoorden per item:1: 3, 2: 3, 3: 4'));
      expect(text).toContain(squashed('Per ongeluk dubbel ingevoerd'));
    });

    it('keeps answers and totals when the client is anonymised, and removes the reasons', async () => {
      const closing = await newClient(chair, 'Demo A. Noniem');
      const saved = await record(
        care,
        {
          instrumentId: 'barc10',
          measuredAt: daysAgo(30),
          answers: barc(2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
        },
        closing,
      );
      expect(saved.status).toBe(201);
      expect(
        (
          await request(api.http)
            .put(`${path(closing)}/${saved.body.id}`)
            .set(care)
            .send({
              answers: barc(2, 2, 2, 2, 2, 2, 2, 2, 2, 3),
              reason: 'Item 10 was verkeerd overgenomen door mij.',
            })
        ).status,
      ).toBe(200);
      const closed = await request(api.http)
        .post(`/api/clients/${closing}/events`)
        .set(chair)
        .send({
          type: 'INCLUSION_DECIDED',
          included: false,
          criteria: ['resident'],
          reasons: 'Geen ernstige verslaving vastgesteld.',
        });
      expect(closed.status).toBe(200);
      await api.dataSource.query(
        `UPDATE trajectory SET closed_at = now() - interval '25 months' WHERE client_id = $1`,
        [closing],
      );
      const service = new ClientAnonymisationService(api.dataSource, new SystemClock(), {
        clientRetentionMonths: 24,
      });
      // Another suite's anonymisation run on the shared database may have done it first: either way it is done.
      await service.anonymise(closing, new Date());
      const [client] = await api.dataSource.query(`SELECT anonymised_at FROM client WHERE id = $1`, [
        closing,
      ]);
      expect(client.anonymised_at).not.toBeNull();
      const [measurement] = await api.dataSource.query(
        `SELECT answers, total_score FROM recovery_measurement WHERE client_id = $1`,
        [closing],
      );
      expect(measurement).toEqual({ answers: barc(2, 2, 2, 2, 2, 2, 2, 2, 2, 3), total_score: 21 });
      const [change] = await api.dataSource.query(
        `SELECT reason, previous->'totalScore' AS previous_total FROM recovery_measurement_change WHERE client_id = $1`,
        [closing],
      );
      expect(change).toEqual({ reason: ANONYMISED_TEXT, previous_total: 20 });
    });
  });
});
