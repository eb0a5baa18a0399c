import request from 'supertest';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

/** End-to-end over HTTP against the real API and the real PostgreSQL test database. */
describe('trajectory API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: { Authorization: string };
  let care: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
  });
  afterAll(() => api.close());

  const newClient = async (overrides: Record<string, unknown> = {}) => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(chair)
      .send({
        displayName: 'Demo T. Test',
        birthDate: '1980-02-29',
        signal: { source: 'police', description: 'Overlast en zorgen over GHB-gebruik in de woning.' },
        ...overrides,
      });
    expect(response.status).toBe(201);
    return response.body as { client: { id: string }; trajectory: { version: number; stage: string } };
  };
  const send = (clientId: string, body: Record<string, unknown>, auth = care) =>
    request(api.http).post(`/api/clients/${clientId}/events`).set(auth).send(body);
  const detail = async (clientId: string) => {
    const response = await request(api.http).get(`/api/clients/${clientId}`).set(chair);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('authentication', () => {
    it('refuses a wrong password and an unknown user alike', async () => {
      const wrong = await request(api.http)
        .post('/api/auth/login')
        .send({ username: team.users.police, password: 'nope' });
      const unknown = await request(api.http)
        .post('/api/auth/login')
        .send({ username: 'nobody-here', password: 'nope' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('needs a token everywhere but login and health', async () => {
      expect((await request(api.http).get('/api/clients')).status).toBe(401);
      expect(
        (
          await request(api.http)
            .get('/api/clients')
            .set({ Authorization: 'Bearer not-a-real-token-at-all-1234' })
        ).status,
      ).toBe(401);
      expect((await request(api.http).get('/api/health')).status).toBe(200);
    });

    it('tells who is logged in and revokes the token on logout', async () => {
      const auth = await api.login(team.users.police);
      const me = await request(api.http).get('/api/auth/me').set(auth);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        username: team.users.police,
        partyKind: 'police',
        teamIds: [team.teamId],
      });
      expect(me.body.sessionId).toBeUndefined();
      expect((await request(api.http).post('/api/auth/logout').set(auth)).status).toBe(204);
      expect((await request(api.http).get('/api/auth/me').set(auth)).status).toBe(401);
    });

    it('stores only argon2id hashes', async () => {
      const [row] = await api.dataSource.query(`SELECT password_hash FROM app_user WHERE username = $1`, [
        team.users.police,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  describe('registering a signal', () => {
    it('creates a client whose trajectory is in stage signal, with the signal as first history entry', async () => {
      const created = await newClient();
      expect(created.trajectory).toMatchObject({ stage: 'signal', version: 1, stageLabel: 'Signaal' });
      const body = await detail(created.client.id);
      expect(body.trajectory.allowedEvents).toContain('INCLUSION_DECIDED');
      expect(body.trajectory.history).toEqual([
        expect.objectContaining({
          seq: 1,
          type: 'SIGNAL_REGISTERED',
          toStage: 'signal',
          by: expect.objectContaining({ party: 'municipality' }),
        }),
      ]);
    });

    it('never shows the BSN, and refuses one that fails the 11-test without echoing it', async () => {
      const created = await newClient({ bsn: '111222333' });
      const body = await detail(created.client.id);
      expect(JSON.stringify(body)).not.toContain('111222333');
      expect(body.client.hasBsn).toBe(true);
      const list = await request(api.http).get('/api/clients').set(chair);
      expect(JSON.stringify(list.body)).not.toContain('111222333');

      const bad = await request(api.http)
        .post('/api/clients')
        .set(chair)
        .send({
          displayName: 'Demo X',
          bsn: '123456789',
          signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
        });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'bsn' })]);
      expect(JSON.stringify(bad.body)).not.toContain('123456789');
    });

    it('names every invalid field and refuses unknown ones', async () => {
      const response = await request(api.http)
        .post('/api/clients')
        .set(chair)
        .send({
          displayName: 'D',
          signal: { source: 'aliens', description: '' },
          birthDate: '2027-02-30',
          admin: true,
        });
      expect(response.status).toBe(400);
      const fields = response.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining(['displayName', 'signal.source', 'signal.description', 'birthDate', 'admin']),
      );
    });

    it("lists the clients of the user's teams with stage and days in stage", async () => {
      const created = await newClient();
      const list = await request(api.http).get('/api/clients').set(care);
      expect(list.status).toBe(200);
      expect(list.body).toEqual(
        expect.arrayContaining([
          {
            id: created.client.id,
            displayName: 'Demo T. Test',
            teamId: team.teamId,
            stage: 'signal',
            stageLabel: 'Signaal',
            daysInStage: 0,
          },
        ]),
      );
    });
  });

  it('walks one client from signal to closed with goal_achieved; every refused step says why', async () => {
    const { client } = await newClient();
    const id = client.id;
    let version = 1;
    const step = async (body: Record<string, unknown>, stage: string) => {
      const response = await send(id, { ...body, expectedVersion: version });
      expect({ status: response.status, body: response.body.stage }).toEqual({ status: 200, body: stage });
      version = response.body.version;
      return response.body;
    };
    const refused = async (body: Record<string, unknown>, status: number, reason: RegExp) => {
      const before = await detail(id);
      const response = await send(id, body);
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(reason);
      const after = await detail(id);
      expect(after.trajectory.version).toBe(before.trajectory.version);
      expect(after.trajectory.history).toHaveLength(before.trajectory.history.length);
    };

    // Inclusion without the criteria is refused unless overridden with a reason.
    await refused(
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['resident'],
        reasons: 'Wij willen deze cliënt graag helpen.',
      },
      422,
      /criteri/i,
    );
    await step(
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'cannot_find_regular_care'],
        reasons: 'Ernstige verslaving, vindt geen reguliere zorg.',
      },
      'consent',
    );
    await refused({ type: 'TREATMENT_AGREED', treatment: 'clinical' }, 422, /Toestemming/);
    await refused(
      {
        type: 'CONSENT_OVERRIDDEN',
        legalBasis: 'gut_feeling',
        justification: 'Dat lijkt ons verstandig zo.',
      },
      400,
      /legalBasis/,
    );
    await step({ type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen de casusoverleg' }, 'motivation');
    await step({ type: 'TREATMENT_AGREED', treatment: 'clinical_detox' }, 'waiting_list');
    await step(
      { type: 'CONTACT_LOGGED', channel: 'visit', note: 'Huisbezoek, wacht rustig op plek.' },
      'waiting_list',
    );
    for (const item of ['treatment_followup', 'finances', 'housing']) {
      await step({ type: 'AFTERCARE_ITEM_PREPARED', item }, 'waiting_list');
    }
    const blocked = await detail(id);
    expect(blocked.trajectory.blockedEvents).toEqual([
      expect.objectContaining({
        type: 'ADMITTED',
        reasons: [expect.stringMatching(/Daginvulling.*Gezond netwerk/)],
      }),
    ]);
    await refused({ type: 'ADMITTED', facility: 'Kliniek Test' }, 422, /Daginvulling/);
    await step({ type: 'AFTERCARE_ITEM_PREPARED', item: 'daytime_activity' }, 'waiting_list');
    await step({ type: 'AFTERCARE_ITEM_PREPARED', item: 'healthy_network' }, 'waiting_list');
    await step({ type: 'ADMITTED', facility: 'Kliniek Test' }, 'admission');
    await refused(
      { type: 'TRAJECTORY_CLOSED', reason: 'goal_achieved', stillUsing: 'no' },
      422,
      /Nazorg|nazorg/,
    );
    const leave = await step({ type: 'LEAVE_STARTED', until: '2026-12-24' }, 'admission');
    expect(leave.state).toEqual({ admission: 'on_leave' });
    await step({ type: 'LEAVE_ENDED', note: 'Verlof goed verlopen, terug in de kliniek.' }, 'admission');
    await step({ type: 'DISCHARGED', completed: true }, 'aftercare');
    await step({ type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2026-12-31' }, 'aftercare');
    await refused(
      { type: 'POSTAL_ADDRESS_EXTENDED', validUntil: '2026-12-01' },
      422,
      /moet later liggen dan de huidige/,
    );
    await step({ type: 'POSTAL_ADDRESS_EXTENDED', validUntil: '2027-01-31' }, 'aftercare');
    await refused({ type: 'THREE_PARTY_EVALUATED', outcome: 'continue' }, 422, /geen woning/);
    await step(
      {
        type: 'HOUSED',
        kind: 'social_rent',
        threePartyAgreement: {
          startDate: '2026-12-01',
          landlord: 'Woonstichting Test',
          careProvider: 'Verslavingszorg Test',
        },
      },
      'aftercare',
    );
    await step({ type: 'THREE_PARTY_EVALUATED', outcome: 'continue' }, 'aftercare');
    await step({ type: 'DAYTIME_ARRANGED', kind: 'volunteer_work' }, 'aftercare');
    const aftercare = await step(
      { type: 'NETWORK_ASSESSED', healthyEngaged: true, unhealthyAtDistance: true },
      'aftercare',
    );
    expect(aftercare.state).toEqual({
      aftercare: { finances: 'active', housing: 'housed', daytime_activity: 'arranged', network: 'assessed' },
    });
    const closed = await step(
      { type: 'TRAJECTORY_CLOSED', reason: 'goal_achieved', stillUsing: 'no' },
      'closed',
    );
    expect(closed.closedAt).not.toBeNull();
    expect(closed.allowedEvents).toEqual([]);
    await refused({ type: 'RELAPSED' }, 422, /Afgesloten/);

    const history = (await detail(id)).trajectory.history as { seq: number; by: { party: string } }[];
    expect(history.map((h) => h.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(history.at(-1)).toMatchObject({
      type: 'TRAJECTORY_CLOSED',
      fromStage: 'aftercare',
      toStage: 'closed',
    });
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_message WHERE payload->>'trajectoryId' = $1`,
      [closed.id],
    );
    expect(count).toBe(version);
  });

  it('two concurrent events with the same expectedVersion: one 200, one 409, and no gap in the history', async () => {
    const { client, trajectory } = await newClient();
    const include = {
      type: 'INCLUSION_DECIDED',
      included: true,
      criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
      reasons: 'Voldoet aan de criteria, veel overlast.',
      expectedVersion: trajectory.version,
    };
    const contact = {
      type: 'CONTACT_LOGGED',
      channel: 'call',
      note: 'Gebeld, cliënt neemt niet op.',
      expectedVersion: trajectory.version,
    };
    const responses = await Promise.all([send(client.id, include), send(client.id, contact)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.body.message).toMatch(/changed by someone else/);
    const body = await detail(client.id);
    expect(body.trajectory.version).toBe(2);
    expect(body.trajectory.history.map((h: { seq: number }) => h.seq)).toEqual([1, 2]);
  });

  it('many concurrent events without expectedVersion are serialised: gap-free and none lost', async () => {
    const { client } = await newClient();
    const notes = Array.from({ length: 12 }, (_, i) =>
      send(client.id, {
        type: 'CONTACT_LOGGED',
        channel: 'message',
        note: `Bericht nummer ${i + 1} verstuurd.`,
      }),
    );
    const statuses = (await Promise.all(notes)).map((r) => r.status);
    expect(statuses).toEqual(Array(12).fill(200));
    const body = await detail(client.id);
    expect(body.trajectory.history.map((h: { seq: number }) => h.seq)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    expect(body.trajectory.context.contacts).toBe(12);
  });

  it('answers 400 for malformed events and 404 for clients of another team, changing nothing', async () => {
    const { client } = await newClient();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'CONSENT_GIVEN' }, 'scope'],
      [{ type: 'LEAVE_STARTED', until: 'next week' }, 'until'],
      [{ type: 'CONTACT_LOGGED', channel: 'pigeon', note: 'Een duif gestuurd met nieuws.' }, 'channel'],
      [{ type: 'DISCHARGED', completed: 'yes' }, 'completed'],
      [{ type: 'ADMITTED', facility: 'Kliniek', urgentOverride: { reason: '' } }, 'urgentOverride.reason'],
      [
        { type: 'CONSENT_GIVEN', scope: 'Alles delen binnen overleg', expectedVersion: 'one' },
        'expectedVersion',
      ],
      [{ type: 'CONSENT_GIVEN', scope: 'Alles delen binnen overleg', userId: 'someone-else' }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const response = await send(client.id, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const array = await request(api.http).post(`/api/clients/${client.id}/events`).set(care).send([1, 2]);
    expect(array.status).toBe(400);

    const other = await createTeam(api.dataSource, ['municipality']);
    const outsider = await api.login(other.users.municipality);
    expect((await request(api.http).get(`/api/clients/${client.id}`).set(outsider)).status).toBe(404);
    expect(
      (
        await send(
          client.id,
          { type: 'CONTACT_LOGGED', channel: 'call', note: 'Niet mijn cliënt eigenlijk.' },
          outsider,
        )
      ).status,
    ).toBe(404);
    const list = await request(api.http).get('/api/clients').set(outsider);
    expect(list.body).toEqual([]);
    expect(
      (await request(api.http).get('/api/clients/00000000-0000-4000-8000-000000000000').set(chair)).status,
    ).toBe(404);

    expect((await detail(client.id)).trajectory.version).toBe(1);
  });

  it('keeps the history append-only at the database level', async () => {
    const { client } = await newClient();
    const [row] = await api.dataSource.query(
      `SELECT e.id FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id WHERE t.client_id = $1`,
      [client.id],
    );
    await expect(
      api.dataSource.query(`UPDATE trajectory_event SET type = 'X' WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.dataSource.query(`DELETE FROM trajectory_event WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const json = await request(api.http).get('/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/clients',
        '/api/clients/{id}',
        '/api/clients/{id}/events',
      ]),
    );
    expect((await request(api.http).get('/api/docs')).status).toBe(200);
  });
});
