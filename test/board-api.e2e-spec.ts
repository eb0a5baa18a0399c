import request from 'supertest';
import { ManualClock, addCalendarDays, amsterdamDate } from '@koers/clock';
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
  blockedSince: string | null;
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

  it('counts a budget deadline (urgent payment, budget review) only for readers who may see the budget', async () => {
    // A team of its own: the chair (budget), the police (no budget), addiction care; the police stands in for the
    // chair, so the chair's deadline notifications would reach the police without need-to-know.
    const budgetTeam = await createTeam(api.dataSource, ['municipality', 'police', 'addiction_care']);
    const chair = await api.login(budgetTeam.users.municipality);
    const police = await api.login(budgetTeam.users.police);
    const teamCare = await api.login(budgetTeam.users.addiction_care);
    const userId = async (username: string): Promise<string> =>
      (await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;
    const chairId = await userId(budgetTeam.users.municipality);
    const policeId = await userId(budgetTeam.users.police);
    const BUDGET_WORDS =
      /urgent_payment|condition_review|Spoedbetaling|voorwaardelijke afspraak|Borg|sportschool/i;

    const today = amsterdamDate(new Date());
    const budget = await request(api.http)
      .put(`/api/teams/${budgetTeam.teamId}/budget/${today.slice(0, 4)}`)
      .set(chair)
      .send({ amountCents: 100_000 });
    expect(budget.status).toBe(200);
    const client = await register(teamCare, 'Demo S. Poedbetaling');
    const tomorrow = addCalendarDays(today, 1);
    const included = await request(api.http)
      .post(`/api/clients/${client}/events`)
      .set(teamCare)
      .send({
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan de criteria van de handreiking.',
      });
    expect(included.status).toBe(200);
    const urgent = await request(api.http).post(`/api/clients/${client}/spends`).set(chair).send({
      category: 'clinic_deposit',
      amountCents: 45_000,
      kind: 'gift',
      description: 'Borg voor de intake bij de privékliniek.',
      urgent: true,
      neededBy: tomorrow,
    });
    expect(urgent.status).toBe(201);
    const gym = await request(api.http).post(`/api/clients/${client}/spends`).set(chair).send({
      category: 'sports_subscription',
      amountCents: 7_200,
      kind: 'conditional_gift',
      description: 'Sportschool voor twee maanden.',
      conditions: 'Gaat twee keer per week naar de sportschool.',
    });
    expect(gym.status).toBe(201);
    expect(
      (
        await request(api.http)
          .post(`/api/spends/${gym.body.id}/approve`)
          .set(chair)
          .send({ expectedVersion: 1 })
      ).status,
    ).toBe(200);
    const arrangement = await request(api.http)
      .post(`/api/clients/${client}/conditional-arrangements`)
      .set(chair)
      .send({
        conditions: 'Gaat twee keer per week naar de sportschool.',
        reviewDate: tomorrow,
        spendIds: [gym.body.id],
      });
    expect(arrangement.status).toBe(201);
    await api.dataSource.query(
      `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, now())`,
      [chairId, policeId, new Date(Date.now() - DAY), new Date(Date.now() + 10 * DAY)],
    );

    // Three days on: the urgent payment is overdue and the review escalated to the casusoverleg; the consent
    // deadline of the trajectory (14 days) is still running.
    const clock = new ManualClock(new Date(Date.now() + 3 * DAY));
    await new DeadlineFiringService(api.dataSource, clock).fireDue();

    const rowOf = async (as: { Authorization: string }) =>
      (await board(`?team=${budgetTeam.teamId}`, as)).find((r) => r.clientId === client)!;
    const chairRow = await rowOf(chair);
    expect(chairRow).toMatchObject({ escalated: true, overdue: true });
    expect(['urgent_payment', 'condition_review']).toContain(chairRow.nextDeadline?.kind);
    const policeRow = await rowOf(police);
    // Blocked since the consent stage began (the machine's consent_missing), not since a budget deadline.
    expect(policeRow).toMatchObject({ stage: 'consent', escalated: false, overdue: false });
    expect(policeRow.blockers.map((b) => b.code)).toEqual(['consent_missing']);
    expect(policeRow.blockedSince).toBe(chairRow.blockedSince);
    expect(policeRow.nextDeadline?.kind).toBe('consent');
    expect(JSON.stringify(policeRow)).not.toMatch(BUDGET_WORDS);

    // The deadline lists: the chair's has both budget deadlines, the police's neither.
    const pendingKinds = async (as: { Authorization: string }) => {
      const response = await request(api.http).get('/api/deadlines?status=pending').set(as);
      expect(response.status).toBe(200);
      return response.body
        .filter((d: { clientId: string }) => d.clientId === client)
        .map((d: { kind: string }) => d.kind)
        .sort();
    };
    expect(await pendingKinds(chair)).toEqual(['condition_review', 'consent', 'urgent_payment']);
    expect(await pendingKinds(police)).toEqual(['consent']);
    const clientDeadlines = await request(api.http).get(`/api/clients/${client}/deadlines`).set(police);
    expect(clientDeadlines.text).not.toMatch(BUDGET_WORDS);

    // Notifications: the chair's, although the police stands in for the chair; the police gets none of them.
    const inbox = async (as: { Authorization: string }) =>
      (await request(api.http).get('/api/notifications').set(as)).body.filter(
        (n: { clientId: string }) => n.clientId === client,
      );
    const chairInbox = await inbox(chair);
    expect(chairInbox.map((n: { title: string }) => n.title).join(' ')).toMatch(/Spoedbetaling/);
    expect(chairInbox.every((n: { onBehalfOf: string | null }) => n.onBehalfOf === null)).toBe(true);
    expect(await inbox(police)).toEqual([]);

    // The agenda is the casusoverleg's: the client is on it as escalated for everyone, and the police's view of it
    // says nothing of the budget.
    const meeting = await request(api.http)
      .post('/api/meetings')
      .set(chair)
      .send({ startsAt: new Date(Date.now() + 5 * DAY).toISOString() });
    expect(meeting.status).toBe(201);
    for (const as of [chair, police]) {
      const agenda = await request(api.http).get(`/api/meetings/${meeting.body.id}/agenda`).set(as);
      expect(agenda.status).toBe(200);
      const item = agenda.body.items.find((i: { clientId: string }) => i.clientId === client);
      expect(item).toMatchObject({ reason: 'escalated', reasonLabel: 'Geëscaleerd naar het casusoverleg' });
      if (as === police) expect(agenda.text).not.toMatch(BUDGET_WORDS);
    }
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
