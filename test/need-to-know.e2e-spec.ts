import request from 'supertest';
import { ApiHarness, TEST_PASSWORD, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

type Auth = { Authorization: string };

/** Need-to-know (domain.md §8, issue 5): what each party may see of a client, enforced on the server. */
describe('need-to-know (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;
  let housing: Auth;
  let clientId: string;

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
    housing = await api.login(team.users.housing_corporation);
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo N. Eedtoknow',
        signal: { source: 'police', description: 'Overlast en zorgen.' },
      });
    clientId = created.body.client.id;
    for (const event of [
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan de criteria van de handreiking.',
      },
      { type: 'CONSENT_GIVEN', scope: 'Informatie delen binnen de casusoverleg' },
      { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
      {
        type: 'ADMITTED',
        facility: 'Kliniek Geheim',
        urgentOverride: { reason: 'Acute onttrekking, opname nu nodig.' },
      },
    ]) {
      expect(
        (await request(api.http).post(`/api/clients/${clientId}/events`).set(care).send(event)).status,
      ).toBe(200);
    }
    await request(api.http).post(`/api/clients/${clientId}/journal`).set(care).send({
      kind: 'contact_moment',
      category: 'health',
      text: 'Ontwenning verloopt zwaar, medicatie aangepast.',
      occurredAt: new Date().toISOString(),
    });
    await request(api.http).post(`/api/clients/${clientId}/journal`).set(care).send({
      kind: 'note',
      category: 'housing',
      text: 'Woning moet na opname schoongemaakt worden.',
      occurredAt: new Date().toISOString(),
    });
  });
  afterAll(() => api.close());

  const get = (auth: Auth, url: string) => request(api.http).get(url).set(auth);

  it('shows the police stage, blockers and actions but no treatment details, and refuses its treatment events', async () => {
    const detail = await get(police, `/api/clients/${clientId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.trajectory.stage).toBe('admission');
    const context = detail.body.trajectory.context;
    expect(context).not.toHaveProperty('treatment');
    expect(context).not.toHaveProperty('admission');
    expect(JSON.stringify(detail.body)).not.toMatch(/Kliniek Geheim|clinical_detox/);
    const history = detail.body.trajectory.history;
    expect(history.find((h: { type: string }) => h.type === 'ADMITTED')).toMatchObject({
      payload: {},
      redacted: true,
    });
    expect(detail.body.trajectory.allowedEvents).not.toContain('LEAVE_STARTED');

    const journal = await get(police, `/api/clients/${clientId}/journal`);
    expect(journal.body.map((e: { category: string }) => e.category)).toEqual(['housing']);
    const board = await get(police, `/api/board?team=${team.teamId}`);
    expect(board.body.rows.some((r: { clientId: string }) => r.clientId === clientId)).toBe(true);

    const refused = await request(api.http)
      .post(`/api/clients/${clientId}/events`)
      .set(police)
      .send({ type: 'LEAVE_STARTED', until: '2099-01-01' });
    expect(refused.status).toBe(403);
    const version = (await get(care, `/api/clients/${clientId}`)).body.trajectory.version;
    expect(version).toBe(5);
    const healthNote = await request(api.http).post(`/api/clients/${clientId}/journal`).set(police).send({
      kind: 'police_contact',
      category: 'health',
      text: 'Leek onder invloed tijdens controle.',
      occurredAt: new Date().toISOString(),
    });
    expect(healthNote.status).toBe(403);

    // The full-scope parties see it all.
    const full = await get(care, `/api/clients/${clientId}`);
    expect(full.body.trajectory.context.treatment).toBe('clinical_detox');
  });

  it('shows a housing corporation only the clients it is invited to, only identity, stage and housing, until revoked', async () => {
    expect((await get(housing, `/api/clients/${clientId}`)).status).toBe(404);
    expect((await get(housing, '/api/clients')).body.some((c: { id: string }) => c.id === clientId)).toBe(
      false,
    );
    expect((await get(housing, '/api/board')).body.rows).toEqual([]);
    expect((await get(housing, `/api/clients/${clientId}/journal`)).status).toBe(404);

    // Beyond its need-to-know, and by someone who may not invite: refused.
    const tooMuch = await request(api.http)
      .post(`/api/clients/${clientId}/invitations`)
      .set(care)
      .send({
        partyKind: 'housing_corporation',
        scope: ['housing', 'health'],
        endsAt: '2099-01-01',
        reason: 'Woning regelen na de opname.',
      });
    expect(tooMuch.status).toBe(422);
    const byPolice = await request(api.http)
      .post(`/api/clients/${clientId}/invitations`)
      .set(police)
      .send({
        partyKind: 'housing_corporation',
        scope: ['housing'],
        endsAt: '2099-01-01',
        reason: 'Woning regelen na de opname.',
      });
    expect(byPolice.status).toBe(403);

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
    expect(invited.body).toMatchObject({
      scope: ['housing'],
      active: true,
      party: { kind: 'housing_corporation' },
    });

    housing = await api.login(team.users.housing_corporation);
    const detail = await get(housing, `/api/clients/${clientId}`);
    expect(detail.status).toBe(200);
    expect(Object.keys(detail.body.trajectory.context).sort()).toEqual(['housing', 'movedTo']);
    expect(JSON.stringify(detail.body)).not.toMatch(/Kliniek Geheim|clinical_detox|criteria/);
    const journal = await get(housing, `/api/clients/${clientId}/journal`);
    expect(journal.body.map((e: { category: string }) => e.category)).toEqual(['housing']);
    const board = await get(housing, '/api/board');
    expect(board.body.rows.map((r: { clientId: string }) => r.clientId)).toEqual([clientId]);
    expect(board.body.rows[0].blockers).toEqual([]);
    expect((await get(housing, `/api/meetings`)).body).toEqual([]);

    const revoked = await request(api.http).delete(`/api/invitations/${invited.body.id}`).set(chair);
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    housing = await api.login(team.users.housing_corporation);
    expect((await get(housing, `/api/clients/${clientId}`)).status).toBe(404);
  });

  it('lets a chain partner that brings a signal in follow that client', async () => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(housing)
      .send({
        displayName: 'Demo H. Uurder',
        signal: { source: 'housing_corporation', description: 'Huurachterstand en overlast.' },
      });
    expect(created.status).toBe(201);
    const invitations = await get(chair, `/api/clients/${created.body.client.id}/invitations`);
    expect(invitations.body).toEqual([expect.objectContaining({ active: true, scope: ['housing'] })]);
  });

  it('gives the privacy officer and the admin no client data', async () => {
    // Both roles need a second factor, except in demo mode.
    const demo = await startApi({ DEMO_MODE: '1' });
    for (const role of ['privacy_officer', 'admin']) {
      const username = `${role}-${team.teamId.slice(0, 8)}`;
      await api.dataSource.query(
        `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
         SELECT $1, $1, password_hash, party_id, $2 FROM app_user WHERE username = $3`,
        [username, role, team.users.municipality],
      );
      const auth = await demo.login(username, TEST_PASSWORD);
      expect((await get(auth, '/api/clients')).body).toEqual([]);
      expect((await get(auth, '/api/board')).body.rows).toEqual([]);
      expect((await get(auth, `/api/clients/${clientId}`)).status).toBe(404);
    }
    await demo.close();
  });
});
