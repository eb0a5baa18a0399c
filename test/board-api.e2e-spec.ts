import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { DeadlineFiringService } from '@koers/deadlines';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

const DAY = 86_400_000;

interface BoardRow {
  clientId: string;
  stage: string;
  daysInStage: number;
  escalated: boolean;
  overdue: boolean;
  nextDeadline: { kind: string; dueAt: string } | null;
  blockers: { code: string; message: string; liftedBy: string }[];
  team: { id: string; name: string };
}

/** The board reads the projection written with each event and each fired deadline step. */
describe('board API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let other: TeamFixture;
  let care: { Authorization: string };
  let otherCare: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    other = await createTeam(api.dataSource);
    care = await api.login(team.users.addiction_care);
    otherCare = await api.login(other.users.addiction_care);
  });
  afterAll(() => api.close());

  const register = async (as: { Authorization: string }, displayName: string): Promise<string> => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(as)
      .send({ displayName, signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' } });
    expect(response.status).toBe(201);
    return response.body.client.id;
  };
  const send = async (clientId: string, body: Record<string, unknown>) => {
    const response = await request(api.http).post(`/api/clients/${clientId}/events`).set(care).send(body);
    expect({ type: body.type, status: response.status }).toEqual({ type: body.type, status: 200 });
  };
  const board = async (query = '', as = care): Promise<BoardRow[]> => {
    const response = await request(api.http).get(`/api/board${query}`).set(as);
    expect(response.status).toBe(200);
    return response.body.rows;
  };
  const toWaitingList = async (clientId: string) => {
    await send(clientId, {
      type: 'INCLUSION_DECIDED',
      included: true,
      criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
      reasons: 'Voldoet aan de criteria van de handreiking.',
    });
    await send(clientId, { type: 'CONSENT_GIVEN', scope: 'Informatie delen binnen de casusoverleg' });
    await send(clientId, { type: 'TREATMENT_AGREED', treatment: 'clinical' });
  };

  it('shows every open trajectory with its stage, next deadline and Dutch blockers from the machine', async () => {
    const signal = await register(care, 'Demo B. Oard');
    const waiting = await register(care, 'Demo W. Achtlijst');
    await toWaitingList(waiting);
    await send(waiting, { type: 'AFTERCARE_ITEM_PREPARED', item: 'finances' });

    const rows = await board(`?team=${team.teamId}`);
    const bySignal = rows.find((r) => r.clientId === signal)!;
    expect(bySignal).toMatchObject({ stage: 'signal', daysInStage: 0, escalated: false, overdue: false });
    expect(bySignal.nextDeadline?.kind).toBe('inclusion_decision');
    expect(bySignal.blockers.map((b) => b.code)).toEqual(['decision_pending']);
    expect(bySignal.blockers[0].liftedBy).toBe('chair');

    const byWaiting = rows.find((r) => r.clientId === waiting)!;
    expect(byWaiting.stage).toBe('waiting_list');
    const notReady = byWaiting.blockers.find((b) => b.code === 'aftercare_not_ready')!;
    expect(notReady.message).toMatch(/huisvesting|dagbesteding/i);
    expect(notReady.message).not.toMatch(/Demo/);

    // Filters: by blocker and by stage; other teams' clients never show.
    expect((await board(`?blocker=aftercare_not_ready`)).map((r) => r.clientId)).toEqual([waiting]);
    expect((await board(`?stage=signal`)).map((r) => r.clientId)).toEqual([signal]);
    expect((await board('', otherCare)).some((r) => r.clientId === signal)).toBe(false);

    // Closing takes the trajectory off the board.
    await send(signal, { type: 'TRAJECTORY_CLOSED', reason: 'other', stillUsing: 'unknown' });
    expect((await board()).some((r) => r.clientId === signal)).toBe(false);
  });

  it('follows fired deadline steps: overdue contact first, with its blocker, and escalation', async () => {
    const late = await register(care, 'Demo L. Aat');
    await toWaitingList(late);
    const fresh = await register(care, 'Demo F. Ris');
    const clock = new ManualClock();
    const firing = new DeadlineFiringService(api.dataSource, clock);
    clock.set(new Date(Date.now() + 8 * DAY)); // waiting_contact falls due on day 7: a blocker for the board
    await firing.fireDue();
    let rows = await board(`?team=${team.teamId}`);
    expect(rows.find((r) => r.clientId === late)).toMatchObject({ overdue: false });
    expect(rows.find((r) => r.clientId === late)!.blockers.map((b) => b.code)).toContain('contact_overdue');

    clock.set(new Date(Date.now() + 15 * DAY)); // day 14: overdue, the chair is told
    await firing.fireDue();
    rows = await board(`?team=${team.teamId}`);
    const lateRow = rows.find((r) => r.clientId === late)!;
    expect(lateRow.overdue).toBe(true);
    expect(lateRow.blockers.map((b) => b.code)).toContain('contact_overdue');
    expect(rows.findIndex((r) => r.clientId === late)).toBeLessThan(
      rows.findIndex((r) => r.clientId === fresh),
    );
    const filtered = (await board(`?blocker=contact_overdue`)).map((r) => r.clientId);
    expect(filtered).toContain(late);
    expect(filtered).not.toContain(fresh);

    // A logged contact moves the deadline: the blocker is gone with the event that lifted it.
    await send(late, { type: 'CONTACT_LOGGED', channel: 'visit', note: 'Huisbezoek, gaat redelijk.' });
    rows = await board(`?team=${team.teamId}`);
    expect(rows.find((r) => r.clientId === late)!.blockers.map((b) => b.code)).not.toContain(
      'contact_overdue',
    );
    expect(rows.find((r) => r.clientId === late)!.overdue).toBe(false);
  });

  it('refuses bad filters with 400 and a foreign team with 404, changing nothing', async () => {
    for (const query of ['?blocker=nope', '?stage=closed', '?team=not-a-uuid', '?unknown=1']) {
      const response = await request(api.http).get(`/api/board${query}`).set(care);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    const foreign = await request(api.http).get(`/api/board?team=${other.teamId}`).set(care);
    expect(foreign.status).toBe(404);
    expect((await request(api.http).get('/api/board')).status).toBe(401);
  });
});
