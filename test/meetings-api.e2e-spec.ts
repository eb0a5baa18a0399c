import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { DeadlineFiringService } from '@koers/deadlines';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

const DAY = 86_400_000;
type Auth = { Authorization: string };

/** The meeting cycle: plan, generated agenda, decisions and actions, escalation, minutes and calendar. */
describe('meetings API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
  });
  afterAll(() => api.close());

  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const register = async (displayName: string): Promise<string> => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({ displayName, signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' } });
    expect(response.status).toBe(201);
    return response.body.client.id;
  };
  const plan = async (days: number) => {
    const response = await request(api.http)
      .post('/api/meetings')
      .set(chair)
      .send({ startsAt: inDays(days) });
    expect(response.status).toBe(201);
    return response.body;
  };
  const agendaOf = async (meetingId: string) => {
    const response = await request(api.http).get(`/api/meetings/${meetingId}/agenda`).set(chair);
    expect(response.status).toBe(200);
    return response.body;
  };
  const cadence = async () =>
    (
      await api.dataSource.query(
        `SELECT status, subject_id FROM deadline WHERE team_id = $1 AND kind = 'meeting_cadence' ORDER BY created_at`,
        [team.teamId],
      )
    ).map((r: { status: string }) => r.status);

  it('plans, generates the agenda within the new-case limits, records decisions and actions, and escalates', async () => {
    const signals = [
      await register('Demo A. Een'),
      await register('Demo B. Twee'),
      await register('Demo C. Drie'),
    ];

    // Only the chair plans.
    expect(
      (
        await request(api.http)
          .post('/api/meetings')
          .set(care)
          .send({ startsAt: inDays(2) })
      ).status,
    ).toBe(403);
    const first = await plan(2);
    expect(first).toMatchObject({ status: 'planned', durationMinutes: 120 });

    // First meeting: at most two new cases, the third deferred by the limit.
    let agenda = await agendaOf(first.id);
    expect(agenda).toMatchObject({ generated: true, isFirstMeeting: true, newCaseLimit: 2 });
    expect(agenda.items.map((i: { reason: string }) => i.reason)).toEqual(['new_case', 'new_case']);
    expect(agenda.deferred).toEqual([
      expect.objectContaining({ reason: 'new_case', deferredBecause: 'new_case_limit' }),
    ]);
    expect(agenda.plannedMinutes).toBeLessThanOrEqual(120);
    expect(agenda.items[0].blockers[0].code).toBe('decision_pending');

    // The chair cannot go over the limit, but can reorder.
    const over = await request(api.http)
      .put(`/api/meetings/${first.id}/agenda`)
      .set(chair)
      .send({ items: signals.map((clientId) => ({ clientId })) });
    expect(over.status).toBe(422);
    expect(over.body.message).toMatch(/ten hoogste 2 nieuwe casussen/);
    const onAgenda = agenda.items.map((i: { clientId: string }) => i.clientId);
    const reordered = await request(api.http)
      .put(`/api/meetings/${first.id}/agenda`)
      .set(chair)
      .send({
        items: [...onAgenda].reverse().map((clientId: string) => ({ clientId, note: 'Eerst bespreken' })),
      });
    expect(reordered.status).toBe(200);
    expect(reordered.body.generated).toBe(false);
    expect(reordered.body.items.map((i: { clientId: string }) => i.clientId)).toEqual(
      [...onAgenda].reverse(),
    );

    // Each party's handreiking answers, side by side.
    const [a] = onAgenda;
    for (const [who, facts] of [
      [police, 'Drie meldingen van overlast in twee maanden.'],
      [care, 'Bekend bij de verslavingszorg sinds 2024, detox afgebroken.'],
    ] as const) {
      const put = await request(api.http)
        .put(`/api/clients/${a}/intake`)
        .set(who)
        .send({ facts, inViewSince: '2025-01-01', lifeDomains: { housing: 'Dreigende huisuitzetting' } });
      expect(put.status).toBe(200);
    }
    const intake = await request(api.http).get(`/api/clients/${a}/intake`).set(chair);
    expect(intake.body.answers.map((x: { party: string }) => x.party)).toEqual(['addiction_care', 'police']);
    expect(intake.body.lifeDomains).toHaveLength(7);

    // An inclusion decision goes into the trajectory; an action becomes an action_due deadline.
    const decision = await request(api.http)
      .post(`/api/meetings/${first.id}/clients/${a}/decisions`)
      .set(chair)
      .send({
        text: 'Opgenomen in de aanpak.',
        reasons: 'Ernstige verslaving, inwoner, vastgelopen op meerdere levensgebieden.',
        inclusion: {
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        },
      });
    expect(decision.status).toBe(201);
    expect(decision.body).toMatchObject({ kind: 'decision', decisionType: 'inclusion', eventSeq: 2 });
    const client = await request(api.http).get(`/api/clients/${a}`).set(chair);
    expect(client.body.trajectory.stage).toBe('consent');

    // A refused inclusion records nothing.
    const refused = await request(api.http)
      .post(`/api/meetings/${first.id}/clients/${onAgenda[1]}/decisions`)
      .set(chair)
      .send({
        text: 'Opgenomen in de aanpak.',
        reasons: 'Wij willen graag helpen hier.',
        inclusion: { included: true, criteria: ['resident'] },
      });
    expect(refused.status).toBe(422);
    const records = await request(api.http).get(`/api/meetings/${first.id}`).set(chair);
    expect(records.body.records.filter((r: { clientId: string }) => r.clientId === onAgenda[1])).toEqual([]);

    const dueDate = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    const action = await request(api.http)
      .post(`/api/meetings/${first.id}/clients/${a}/actions`)
      .set(chair)
      .send({
        description: 'Toestemming bespreken met de cliënt.',
        owner: { partyKind: 'addiction_care' },
        dueDate,
      });
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({ status: 'open', dueDate, owner: { partyKind: 'addiction_care' } });
    const deadlines = await request(api.http).get(`/api/clients/${a}/deadlines`).set(chair);
    expect(deadlines.body.filter((d: { kind: string }) => d.kind === 'action_due')).toHaveLength(1);

    const note = await request(api.http)
      .post(`/api/meetings/${first.id}/clients/${a}/notes`)
      .set(police)
      .send({ text: 'Wijkagent houdt contact met de buren.' });
    expect(note.status).toBe(201);

    // Holding the meeting freezes the agenda and starts the cadence deadline.
    const held = await request(api.http).post(`/api/meetings/${first.id}/hold`).set(chair).send({});
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('held');
    expect(await cadence()).toEqual(['pending']);

    // The action's date passes: warning to addiction care, overdue to the chair, then the agenda step.
    const clock = new ManualClock();
    clock.set(new Date(Date.now() + 7 * DAY));
    await new DeadlineFiringService(api.dataSource, clock).fireDue();
    const careInbox = await request(api.http).get('/api/notifications').set(care);
    expect(careInbox.body.some((n: { topic: string }) => n.topic === 'deadline.overdue')).toBe(true);

    const board = await request(api.http).get(`/api/board?team=${team.teamId}`).set(chair);
    const row = board.body.rows.find((r: { clientId: string }) => r.clientId === a);
    expect(row).toMatchObject({ escalated: true, overdue: true });
    expect(row.blockers.map((b: { code: string }) => b.code)).toContain('action_overdue');

    // The next meeting: planned within 3 weeks ends the cadence deadline; it is not a first meeting any more,
    // the escalated client comes back first and only one new case is taken.
    const second = await plan(14);
    expect(await cadence()).toEqual(['done']);
    expect(second.cadence.daysSincePrevious).toBe(12);
    agenda = await agendaOf(second.id);
    expect(agenda).toMatchObject({ isFirstMeeting: false, newCaseLimit: 1 });
    expect(agenda.items[0]).toMatchObject({ clientId: a, reason: 'escalated' });
    expect(agenda.items.filter((i: { reason: string }) => i.reason === 'new_case')).toHaveLength(1);
    expect(agenda.items.some((i: { clientId: string }) => i.clientId === signals[2])).toBe(true);

    // The cadence message follows the casusoverleg's own rhythm (every 2 weeks by default, or 3).
    const later = await plan(18);
    expect(later.cadence).toMatchObject({ daysSincePrevious: 16 });
    expect(later.cadence.message).toMatch(/elke 2 weken/);
    const rhythm = await request(api.http)
      .patch(`/api/teams/${team.teamId}`)
      .set(chair)
      .send({ meetingIntervalWeeks: 3 });
    expect(rhythm.status).toBe(200);
    expect(
      (await request(api.http).get(`/api/meetings/${later.id}`).set(chair)).body.cadence.message,
    ).toBeNull();
    await request(api.http).patch(`/api/meetings/${later.id}`).set(chair).send({ status: 'cancelled' });

    // Cancelling it restarts the cadence deadline from the meeting held.
    expect(
      (await request(api.http).patch(`/api/meetings/${second.id}`).set(chair).send({ status: 'cancelled' }))
        .status,
    ).toBe(200);
    expect(await cadence()).toEqual(['done', 'pending']);

    // Closing the action lifts the blocker.
    const done = await request(api.http).post(`/api/actions/${action.body.id}/done`).set(care).send({});
    expect(done.body.status).toBe('done');
    const after = await request(api.http).get(`/api/board?team=${team.teamId}`).set(chair);
    const rowAfter = after.body.rows.find((r: { clientId: string }) => r.clientId === a);
    expect(rowAfter.blockers.map((b: { code: string }) => b.code)).not.toContain('action_overdue');
    expect(rowAfter.escalated).toBe(false);
  });

  it('renders minutes as Markdown and PDF, and a calendar file without client data', async () => {
    const meeting = await plan(3);
    const clientId = await register('Demo M. Inutes');
    await request(api.http)
      .post(`/api/meetings/${meeting.id}/clients/${clientId}/notes`)
      .set(chair)
      .send({ text: 'Besproken: woonsituatie is zorgelijk.' });
    const md = await request(api.http).get(`/api/meetings/${meeting.id}/minutes`).set(chair);
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('Demo M. Inutes');
    expect(md.text).toContain('woonsituatie is zorgelijk');
    const pdf = await request(api.http)
      .get(`/api/meetings/${meeting.id}/minutes?format=pdf`)
      .set(chair)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const ics = await request(api.http).get(`/api/meetings/${meeting.id}/ics`).set(care);
    expect(ics.status).toBe(200);
    expect(ics.text).toContain('BEGIN:VEVENT');
    expect(ics.text).toContain(`UID:${meeting.id}@koers`);
    expect(ics.text).not.toContain('Demo');
    expect(
      (await request(api.http).get(`/api/meetings/${meeting.id}/minutes?format=doc`).set(chair)).status,
    ).toBe(400);
  });

  it('ends the deadlines of open actions when the trajectory closes', async () => {
    const meeting = await plan(5);
    const clientId = await register('Demo E. Inde');
    const action = await request(api.http)
      .post(`/api/meetings/${meeting.id}/clients/${clientId}/actions`)
      .set(chair)
      .send({
        description: 'Contact leggen met de huisarts.',
        owner: { partyKind: 'police' },
        dueDate: new Date(Date.now() + 9 * DAY).toISOString().slice(0, 10),
      });
    expect(action.status).toBe(201);
    const closed = await request(api.http)
      .post(`/api/clients/${clientId}/events`)
      .set(care)
      .send({ type: 'TRAJECTORY_CLOSED', reason: 'dropped_out', stillUsing: 'unknown' });
    expect(closed.status).toBe(200);
    const deadlines = (await request(api.http).get(`/api/clients/${clientId}/deadlines`).set(chair)).body;
    const actionDue = deadlines.find((d: { kind: string }) => d.kind === 'action_due');
    expect(actionDue.state).not.toBe('pending');
    expect(actionDue.steps.every((s: { status: string }) => s.status !== 'pending')).toBe(true);
    // And no new action for a closed trajectory.
    const refused = await request(api.http)
      .post(`/api/meetings/${meeting.id}/clients/${clientId}/actions`)
      .set(chair)
      .send({
        description: 'Nog iets regelen hiervoor.',
        owner: { partyKind: 'police' },
        dueDate: '2030-01-01',
      });
    expect(refused.status).toBe(422);
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const meeting = await plan(4);
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM meeting`);
    for (const body of [
      {},
      { startsAt: 'morgen' },
      { startsAt: inDays(-3) },
      { startsAt: inDays(1), durationMinutes: 5 },
      { startsAt: inDays(1), extra: 1 },
    ]) {
      const response = await request(api.http).post('/api/meetings').set(chair).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM meeting`)).toEqual(before);
    const clientId = await register('Demo X. Fout');
    const base = `/api/meetings/${meeting.id}/clients/${clientId}`;
    const cases: [Auth, string, Record<string, unknown>, number][] = [
      [
        chair,
        `${base}/actions`,
        { description: 'Iets regelen voor de cliënt.', owner: {}, dueDate: '2030-01-01' },
        400,
      ],
      [
        chair,
        `${base}/actions`,
        { description: 'Iets regelen voor de cliënt.', owner: { partyKind: 'gp' }, dueDate: '2030-01-01' },
        422,
      ],
      [
        chair,
        `${base}/actions`,
        {
          description: 'Iets regelen voor de cliënt.',
          owner: { partyKind: 'police' },
          dueDate: '2020-01-01',
        },
        400,
      ],
      [
        care,
        `${base}/actions`,
        {
          description: 'Iets regelen voor de cliënt.',
          owner: { partyKind: 'police' },
          dueDate: '2030-01-01',
        },
        403,
      ],
      [chair, `${base}/decisions`, { text: 'ok', reasons: 'x' }, 400],
      [chair, `${base}/notes`, { text: '' }, 400],
      [
        chair,
        `/api/meetings/${meeting.id}/clients/00000000-0000-4000-8000-000000000000/notes`,
        { text: 'Een echte notitie hier.' },
        404,
      ],
    ];
    for (const [who, url, body, status] of cases) {
      const response = await request(api.http).post(url).set(who).send(body);
      expect({ url, body, status: response.status }).toEqual({ url, body, status });
    }
    const actions = await request(api.http).get(`/api/clients/${clientId}/actions`).set(chair);
    expect(actions.body).toEqual([]);
  });
});
