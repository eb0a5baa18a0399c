import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { DeadlineFiringService } from '@koers/deadlines';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { pdfText, squashed } from './support/pdf-text';

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

  const pdfOf = async (path: string, who: Auth): Promise<string> => {
    const response = await request(api.http)
      .get(path)
      .set(who)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    return pdfText(response.body as Buffer);
  };

  it('gives each note and decision a data category and shows it only to those who may see it', async () => {
    const meeting = await plan(6);
    const onAgenda = await register('Demo N. Otitie');
    // Only on the meeting's record through a health note: no agenda item of its own.
    const offAgenda = await register('Demo G. Ezondheid');
    const put = await request(api.http)
      .put(`/api/meetings/${meeting.id}/agenda`)
      .set(chair)
      .send({ items: [{ clientId: onAgenda }] });
    expect(put.status).toBe(200);
    const base = `/api/meetings/${meeting.id}/clients`;
    const HEALTH = 'Terugval na de detox, gebruikt weer dagelijks.';
    const HEALTH_DECISION = 'Opname in de kliniek aanvragen.';
    const OFF_AGENDA = 'Huisarts meldt ernstige vermagering.';
    const JUSTICE = 'Twee aanhoudingen voor winkeldiefstal.';
    const GENERAL = 'Cliënt komt naar het volgende gesprek.';

    const written = await request(api.http)
      .post(`${base}/${onAgenda}/notes`)
      .set(care)
      .send({ text: HEALTH, category: 'health' });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      kind: 'note',
      category: 'health',
      categoryLabel: 'Gezondheid en behandeling',
    });
    const decision = await request(api.http)
      .post(`${base}/${onAgenda}/decisions`)
      .set(chair)
      .send({ text: HEALTH_DECISION, reasons: 'De terugval is ernstig.', category: 'health' });
    expect(decision.status).toBe(201);
    expect(decision.body.category).toBe('health');
    for (const [who, client, body] of [
      [care, offAgenda, { text: OFF_AGENDA, category: 'health' }],
      [police, onAgenda, { text: JUSTICE, category: 'justice' }],
      [police, onAgenda, { text: GENERAL }],
    ] as const) {
      const response = await request(api.http).post(`${base}/${client}/notes`).set(who).send(body);
      expect(response.status).toBe(201);
    }

    // Refused, and nothing recorded: a category the writer may not see, one that is not a category, and an
    // inclusion decision outside `trajectory` (its reasons go into the trajectory, which the police reads).
    const before = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM meeting_record WHERE meeting_id = $1`,
      [meeting.id],
    );
    const refusals: [Auth, string, Record<string, unknown>, number][] = [
      [police, 'notes', { text: 'Gebruikt weer, zegt de buurman.', category: 'health' }, 403],
      [police, 'notes', { text: 'Gebruikt weer, zegt de buurman.', category: 'budget' }, 403],
      [care, 'notes', { text: 'Een notitie over de identiteit.', category: 'identity' }, 400],
      [care, 'notes', { text: 'Een notitie over de gezondheid.', category: 'gezondheid' }, 400],
      [
        chair,
        'decisions',
        {
          text: 'Opgenomen in de aanpak.',
          reasons: 'Ernstige verslaving, inwoner, vastgelopen op meerdere levensgebieden.',
          category: 'health',
          inclusion: {
            included: true,
            criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
          },
        },
        400,
      ],
    ];
    for (const [who, kind, body, status] of refusals) {
      const response = await request(api.http).post(`${base}/${onAgenda}/${kind}`).set(who).send(body);
      expect({ kind, body, status: response.status }).toEqual({ kind, body, status });
    }
    expect(
      await api.dataSource.query(`SELECT count(*)::int AS n FROM meeting_record WHERE meeting_id = $1`, [
        meeting.id,
      ]),
    ).toEqual(before);
    const client = await request(api.http).get(`/api/clients/${onAgenda}`).set(chair);
    expect(client.body.trajectory.stage).toBe('signal');

    // The meeting view: the chair and addiction care read every note and decision, the police no health ones.
    const texts = async (who: Auth) => {
      const view = await request(api.http).get(`/api/meetings/${meeting.id}`).set(who);
      expect(view.status).toBe(200);
      return view.body.records.map((r: { text: string }) => r.text);
    };
    expect((await texts(chair)).sort()).toEqual(
      [HEALTH, HEALTH_DECISION, OFF_AGENDA, JUSTICE, GENERAL].sort(),
    );
    expect((await texts(care)).sort()).toEqual((await texts(chair)).sort());
    expect((await texts(police)).sort()).toEqual([JUSTICE, GENERAL].sort());
    const policeView = await request(api.http).get(`/api/meetings/${meeting.id}`).set(police);
    expect(policeView.text).not.toContain('detox');
    expect(policeView.text).not.toContain(offAgenda);

    // The access log names the categories each read returned.
    const logged = async (who: string) =>
      (
        await api.dataSource.query(
          `SELECT a.categories FROM audit_log a JOIN app_user u ON u.id = a.user_id
            WHERE u.username = $1 AND a.access_point = 'GET /api/meetings/:id' ORDER BY a.id DESC LIMIT 1`,
          [who],
        )
      )[0].categories;
    expect(await logged(team.users.police)).toEqual(['trajectory', 'justice']);
    expect(await logged(team.users.addiction_care)).toEqual(['trajectory', 'health', 'justice']);

    // The minutes, as Markdown and as PDF: only what the reader may see; a client with nothing visible to the
    // police gets no section in theirs.
    const md = async (who: Auth) => {
      const response = await request(api.http).get(`/api/meetings/${meeting.id}/minutes`).set(who);
      expect(response.status).toBe(200);
      return response.text;
    };
    const chairMinutes = await md(chair);
    for (const text of [HEALTH, HEALTH_DECISION, OFF_AGENDA, JUSTICE, GENERAL, 'Demo G. Ezondheid']) {
      expect(chairMinutes).toContain(text);
    }
    const policeMinutes = await md(police);
    for (const text of [JUSTICE, GENERAL, 'Demo N. Otitie']) expect(policeMinutes).toContain(text);
    for (const text of [HEALTH, HEALTH_DECISION, OFF_AGENDA, 'Demo G. Ezondheid']) {
      expect(policeMinutes).not.toContain(text);
    }
    const chairPdf = await pdfOf(`/api/meetings/${meeting.id}/minutes?format=pdf`, chair);
    for (const text of [HEALTH, HEALTH_DECISION, OFF_AGENDA, JUSTICE])
      expect(chairPdf).toContain(squashed(text));
    const policePdf = await pdfOf(`/api/meetings/${meeting.id}/minutes?format=pdf`, police);
    expect(policePdf).toContain(squashed(JUSTICE));
    for (const text of [HEALTH, HEALTH_DECISION, OFF_AGENDA, 'Demo G. Ezondheid']) {
      expect(policePdf).not.toContain(squashed(text));
    }

    // The export: the chair's has every record with its category; the police may not make one.
    const exported = await request(api.http).get(`/api/clients/${onAgenda}/export`).set(chair);
    expect(exported.status).toBe(200);
    const records = JSON.parse(exported.text).meetings.flatMap(
      (m: { records: { text: string; category: string }[] }) => m.records,
    );
    expect(records.map((r: { text: string; category: string }) => [r.text, r.category]).sort()).toEqual(
      [
        [HEALTH, 'health'],
        [HEALTH_DECISION, 'health'],
        [JUSTICE, 'justice'],
        [GENERAL, 'trajectory'],
      ].sort(),
    );
    const exportPdf = await pdfOf(`/api/clients/${onAgenda}/export?format=pdf`, chair);
    expect(exportPdf).toContain(squashed('Gezondheid en behandeling'));
    expect(exportPdf).toContain(squashed(HEALTH));
    const refusedExport = await request(api.http).get(`/api/clients/${onAgenda}/export`).set(police);
    expect(refusedExport.status).toBe(403);
    expect(refusedExport.text).not.toContain('detox');
  });

  it('lists meetings with their cadence in one query, as each meeting reads it', async () => {
    const list = await request(api.http).get('/api/meetings').set(police);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(3);
    const held = list.body.filter((m: { status: string }) => m.status === 'held');
    expect(held.length).toBeGreaterThan(0);
    for (const meeting of list.body) {
      const one = await request(api.http).get(`/api/meetings/${meeting.id}`).set(police);
      expect(one.body.cadence).toEqual(meeting.cadence);
    }
    expect(
      list.body.some((m: { cadence: { previousHeldAt: string | null } }) => m.cadence.previousHeldAt),
    ).toBe(true);
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
