import request from 'supertest';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

/** Deadline rows are written with the events that cause them, and shown per client and per team. */
describe('deadlines API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let care: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    care = await api.login(team.users.addiction_care);
  });
  afterAll(() => api.close());

  interface Deadline {
    id: string;
    kind: string;
    state: string;
    dueAt: string;
    revision: number;
    steps: { step: string; revision: number; status: string; fireAt: string }[];
  }
  const deadlinesOf = async (clientId: string): Promise<Deadline[]> => {
    const response = await request(api.http).get(`/api/clients/${clientId}/deadlines`).set(care);
    expect(response.status).toBe(200);
    return response.body;
  };
  const byKind = (deadlines: Deadline[], kind: string) => deadlines.filter((d) => d.kind === kind);
  const send = async (clientId: string, body: Record<string, unknown>, status = 200) => {
    const response = await request(api.http).post(`/api/clients/${clientId}/events`).set(care).send(body);
    expect({ type: body.type, status: response.status }).toEqual({ type: body.type, status });
    return response.body;
  };

  it('follows a client from signal to aftercare: started, moved and withdrawn with the events', async () => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo D. Eadline',
        signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' },
      });
    const id = created.body.client.id;
    const registeredAt = Date.parse(created.body.trajectory.openedAt);

    let deadlines = await deadlinesOf(id);
    expect(deadlines).toEqual([
      expect.objectContaining({ kind: 'inclusion_decision', state: 'pending', revision: 1 }),
    ]);
    const days = (Date.parse(deadlines[0].dueAt) - registeredAt) / 86_400_000;
    expect(days).toBeGreaterThan(20.9);
    expect(days).toBeLessThan(21.1);

    // A refused event writes no deadline.
    await send(
      id,
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['resident'],
        reasons: 'Wij willen graag helpen.',
      },
      422,
    );
    expect(await deadlinesOf(id)).toHaveLength(1);

    await send(id, {
      type: 'INCLUSION_DECIDED',
      included: true,
      criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
      reasons: 'Voldoet aan de criteria van de handreiking.',
    });
    deadlines = await deadlinesOf(id);
    expect(byKind(deadlines, 'inclusion_decision')[0].state).toBe('met');
    const consent = byKind(deadlines, 'consent')[0];
    expect(consent.state).toBe('pending');
    expect(consent.steps.map((s) => [s.step, s.status])).toEqual([
      ['warning', 'pending'],
      ['overdue', 'pending'],
      ['agenda', 'pending'],
    ]);

    await send(id, { type: 'CONSENT_GIVEN', scope: 'Delen binnen de casusoverleg' });
    await send(id, { type: 'TREATMENT_AGREED', treatment: 'clinical' });
    deadlines = await deadlinesOf(id);
    expect(byKind(deadlines, 'consent')[0].state).toBe('met');
    expect(byKind(deadlines, 'waiting_duration')[0].state).toBe('pending');
    const contact = byKind(deadlines, 'waiting_contact')[0];

    // A contact moves the contact deadline: same deadline, next revision, old steps withdrawn.
    await send(id, { type: 'CONTACT_LOGGED', channel: 'visit', note: 'Huisbezoek gehad, gaat redelijk.' });
    const moved = byKind(await deadlinesOf(id), 'waiting_contact')[0];
    expect(moved.id).toBe(contact.id);
    expect(moved.revision).toBe(2);
    expect(moved.steps.filter((s) => s.revision === 1).map((s) => s.status)).toEqual([
      'withdrawn',
      'withdrawn',
      'withdrawn',
    ]);
    expect(moved.steps.filter((s) => s.revision === 2).map((s) => s.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);

    await send(id, {
      type: 'ADMITTED',
      facility: 'Kliniek Test',
      urgentOverride: { reason: 'Acute onttrekking, opname nu nodig.' },
    });
    deadlines = await deadlinesOf(id);
    expect(byKind(deadlines, 'waiting_duration')[0].state).toBe('met');
    expect(byKind(deadlines, 'waiting_contact').filter((d) => d.state === 'pending')).toHaveLength(1);

    await send(id, { type: 'DISCHARGED', completed: true });
    await send(id, { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2026-12-31' });
    const postal = byKind(await deadlinesOf(id), 'postal_address_expiry')[0];
    expect(postal).toMatchObject({
      state: expect.any(String),
      dueAt: '2026-12-31T08:00:00.000Z',
      revision: 1,
    });
    expect(postal.steps.find((s) => s.step === 'warning')!.fireAt).toBe('2026-12-24T08:00:00.000Z');

    await send(id, { type: 'POSTAL_ADDRESS_EXTENDED', validUntil: '2027-01-31' });
    const extended = byKind(await deadlinesOf(id), 'postal_address_expiry')[0];
    expect(extended).toMatchObject({ id: postal.id, dueAt: '2027-01-31T08:00:00.000Z', revision: 2 });

    await send(id, {
      type: 'HOUSED',
      kind: 'social_rent',
      threePartyAgreement: {
        startDate: '2026-11-30',
        landlord: 'Woonstichting Test',
        careProvider: 'Verslavingszorg Test',
      },
    });
    const evaluation = byKind(await deadlinesOf(id), 'three_party_evaluation')[0];
    expect(evaluation).toMatchObject({ state: 'pending', dueAt: '2027-02-28T08:00:00.000Z' });

    await send(id, { type: 'POSTAL_ADDRESS_ENDED', reason: 'Eigen woning, post komt daar nu aan.' });
    await send(id, { type: 'TRAJECTORY_CLOSED', reason: 'dropped_out', stillUsing: 'unknown' });
    deadlines = await deadlinesOf(id);
    expect(deadlines.filter((d) => d.state === 'pending' || d.state === 'overdue')).toEqual([]);
    expect(deadlines.flatMap((d) => d.steps).filter((s) => s.status === 'pending')).toEqual([]);

    // The history of deadlines is consistent: every event that changed one is in the trajectory history.
    const [{ orphans }] = await api.dataSource.query(
      `SELECT count(*)::int AS orphans FROM deadline d JOIN trajectory t ON t.id = d.trajectory_id
        WHERE t.client_id = $1 AND NOT EXISTS (SELECT 1 FROM trajectory_event e WHERE e.trajectory_id = t.id AND e.seq = d.started_by_seq)`,
      [id],
    );
    expect(orphans).toBe(0);
  });

  it("lists the teams' deadlines by status, only to the client's own teams", async () => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo L. Ijst',
        signal: { source: 'gp', description: 'Huisarts maakt zich zorgen.' },
      });
    const id = created.body.client.id;
    const pending = await request(api.http).get('/api/deadlines?status=pending').set(care);
    expect(pending.status).toBe(200);
    expect(pending.body.every((d: Deadline) => d.state === 'pending' || d.state === 'overdue')).toBe(true);
    expect(pending.body.map((d: { clientId: string }) => d.clientId)).toContain(id);
    const overdue = await request(api.http).get('/api/deadlines?status=overdue').set(care);
    expect(overdue.status).toBe(200);
    expect(overdue.body.every((d: Deadline) => d.state === 'overdue')).toBe(true);
    expect((await request(api.http).get('/api/deadlines?status=soon').set(care)).status).toBe(400);

    const other = await createTeam(api.dataSource, ['municipality']);
    const outsider = await api.login(other.users.municipality);
    expect((await request(api.http).get('/api/deadlines?status=pending').set(outsider)).body).toEqual([]);
    expect((await request(api.http).get(`/api/clients/${id}/deadlines`).set(outsider)).status).toBe(404);
  });

  it('shows a deadline whose time has passed as overdue', async () => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo O. Verdue',
        signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
      });
    const id = created.body.client.id;
    await api.dataSource.query(
      `UPDATE deadline SET due_at = now() - interval '1 day' FROM trajectory t WHERE t.id = deadline.trajectory_id AND t.client_id = $1`,
      [id],
    );
    expect((await deadlinesOf(id))[0].state).toBe('overdue');
    const overdue = await request(api.http).get('/api/deadlines?status=overdue').set(care);
    expect(overdue.body.map((d: { clientId: string }) => d.clientId)).toContain(id);
  });
});
