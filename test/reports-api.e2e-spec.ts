import ExcelJS from 'exceljs';
import request from 'supertest';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

/**
 * Reports (issue 7 item 1) over trajectories walked through the real API on the shared test clock: eight clients
 * of casusoverleg A, from signal to closure, over 61 days from Monday 6 January 2031, 10:00. Every figure below
 * follows from the schedule (days after day 0):
 *
 *   c1 police          incl 2, consent 3, treatment 6, admitted 16, discharged 30, RELAPSED 40, treatment 45 (waiting)
 *   c2 police          incl 1, consent 2, treatment 4, admitted 24, TREATMENT_ABORTED 26, closed dropped_out (yes) 50
 *   c3 addiction care  not included 3
 *   c4 citizen         incl 1, consent refused 2 (declined)
 *   c5 self            no decision (inclusion deadline runs out on day 21)
 *   c6 police          incl 2, consent 3, treatment 6, admitted 36, discharged 40, housed and daytime activity 50,
 *                      closed goal_achieved (no) 60
 *   c7 police          incl 2, consent 3, treatment 6, admitted 46, moved away 50
 *   c8 police          incl 25 (late: due on day 21), consent pending (due day 39)
 *
 * Waiting-list stays that ended: 10, 20, 30, 40 days (median 25, quartiles 17.5 and 32.5); signal to admission:
 * 16, 24, 36, 46 days (median 30, quartiles 22 and 38.5).
 */

const DAY_MS = 86_400_000;
const DAY0 = Date.parse('2031-01-06T10:00:00+01:00');
const PERIOD = { from: '2031-01-01', to: '2031-12-31' };

const INCLUDE = {
  type: 'INCLUSION_DECIDED',
  included: true,
  criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
  reasons: 'Voldoet aan de criteria van de handreiking.',
};
const EXCLUDE = {
  type: 'INCLUSION_DECIDED',
  included: false,
  criteria: ['resident'],
  reasons: 'Geen ernstige verslavingsproblematiek vastgesteld.',
};
const CONSENT = { type: 'CONSENT_GIVEN', scope: 'Informatie delen binnen het casusoverleg' };
const REFUSE = { type: 'CONSENT_REFUSED', reason: 'Wil geen bemoeienis van de gemeente' };
const TREATMENT = { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' };
const ADMIT = {
  type: 'ADMITTED',
  facility: 'Kliniek De Ark',
  urgentOverride: { reason: 'Bed vandaag vrij, acuut risico bij verder wachten' },
};
const DISCHARGE = { type: 'DISCHARGED', completed: true };
const ABORT = { type: 'TREATMENT_ABORTED', reason: 'Niet teruggekeerd van verlof' };
const RELAPSE = { type: 'RELAPSED', note: 'Weer GHB gebruikt na ruzie' };
const MOVED = { type: 'MOVED_AWAY', municipality: 'Utrecht' };
const CLOSE_DROPPED = { type: 'TRAJECTORY_CLOSED', reason: 'dropped_out', stillUsing: 'yes' };
const HOUSED = { type: 'HOUSED', kind: 'own_home' };
const DAYTIME = { type: 'DAYTIME_ARRANGED', kind: 'volunteer_work' };
const CLOSE_GOAL = { type: 'TRAJECTORY_CLOSED', reason: 'goal_achieved', stillUsing: 'no' };

const SOURCES = {
  c1: 'police',
  c2: 'police',
  c3: 'addiction_care',
  c4: 'citizen',
  c5: 'self',
  c6: 'police',
  c7: 'police',
  c8: 'police',
} as const;
type Key = keyof typeof SOURCES;

const SCHEDULE: [number, Key, Record<string, unknown>][] = [
  [1, 'c2', INCLUDE],
  [1, 'c4', INCLUDE],
  [2, 'c1', INCLUDE],
  [2, 'c6', INCLUDE],
  [2, 'c7', INCLUDE],
  [2, 'c4', REFUSE],
  [2, 'c2', CONSENT],
  [3, 'c3', EXCLUDE],
  [3, 'c1', CONSENT],
  [3, 'c6', CONSENT],
  [3, 'c7', CONSENT],
  [4, 'c2', TREATMENT],
  [6, 'c1', TREATMENT],
  [6, 'c6', TREATMENT],
  [6, 'c7', TREATMENT],
  [16, 'c1', ADMIT],
  [24, 'c2', ADMIT],
  [25, 'c8', INCLUDE],
  [26, 'c2', ABORT],
  [30, 'c1', DISCHARGE],
  [36, 'c6', ADMIT],
  [40, 'c1', RELAPSE],
  [40, 'c6', DISCHARGE],
  [45, 'c1', TREATMENT],
  [46, 'c7', ADMIT],
  [50, 'c7', MOVED],
  [50, 'c2', CLOSE_DROPPED],
  [50, 'c6', HOUSED],
  [50, 'c6', DAYTIME],
  [60, 'c6', CLOSE_GOAL],
];
const LAST_DAY = 61;

type Auth = { Authorization: string };

describe('reports API (e2e)', () => {
  let api: ApiHarness;
  let teamA: TeamFixture;
  let teamB: TeamFixture;
  const users: Record<string, string> = {};
  const client: Record<string, string> = {};
  const tokens = new Map<string, Auth>();
  let spendPresent = false;
  let recoveryPresent = false;

  /** Sessions end on the test clock too: log in again after every move. */
  const auth = async (user: string): Promise<Auth> => {
    const cached = tokens.get(user);
    if (cached) return cached;
    const fresh = await api.login(users[user]);
    tokens.set(user, fresh);
    return fresh;
  };
  const moveTo = async (day: number) => {
    const setTo = new Date(DAY0 + day * DAY_MS).toISOString();
    const response = await request(api.http)
      .post('/api/test/clock')
      .set(await auth('chair'))
      .send({ setTo });
    expect(response.status).toBe(200);
    tokens.clear();
  };
  const send = async (key: string, body: Record<string, unknown>) => {
    const response = await request(api.http)
      .post(`/api/clients/${client[key]}/events`)
      .set(await auth('care'))
      .send(body);
    expect({
      key,
      type: body.type,
      status: response.status,
      body: response.status === 200 ? undefined : response.body,
    }).toEqual({ key, type: body.type, status: 200, body: undefined });
  };
  const get = async (path: string, user: string, query: Record<string, string> = {}) =>
    request(api.http)
      .get(path)
      .query(query)
      .set(await auth(user));
  const flow = async (user = 'chair', query: Record<string, string> = {}) => {
    const response = await get('/api/reports/flow', user, { ...PERIOD, ...query });
    expect(response.status).toBe(200);
    return response.body;
  };
  const drill = async (figure: string, query: Record<string, string> = {}, user = 'chair') => {
    const response = await get('/api/reports/drilldown', user, { ...PERIOD, figure, ...query });
    expect({ figure, status: response.status }).toEqual({ figure, status: 200 });
    return response.body as { count: number; items: { clientId: string; trajectoryId: string }[] };
  };
  const ids = (...keys: Key[]) => keys.map((k) => client[k]).sort();

  beforeAll(async () => {
    api = await startApi({ TEST_CLOCK: '1', DEMO_MODE: '1' });
    const ds = api.dataSource;
    teamA = await createTeam(ds);
    teamB = await createTeam(ds, ['municipality', 'addiction_care']);
    Object.assign(users, {
      chair: teamA.users.municipality,
      care: teamA.users.addiction_care,
      police: teamA.users.police,
      housing: teamA.users.housing_corporation,
      chairB: teamB.users.municipality,
      careB: teamB.users.addiction_care,
    });
    // A regional process manager in both casusoverleg teams; a privacy officer and an admin in none.
    const suffix = teamA.teamId.slice(0, 8);
    for (const [name, role] of [
      ['regio', 'chair'],
      ['privacy', 'privacy_officer'],
      ['admin', 'admin'],
    ] as const) {
      users[name] = `${name}-${suffix}`;
      await ds.query(
        `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
         SELECT $1, $2, password_hash, party_id, $3 FROM app_user WHERE username = $4`,
        [users[name], `Test ${name}`, role, teamA.users.municipality],
      );
    }
    await ds.query(
      `INSERT INTO team_member (team_id, user_id) SELECT unnest($1::uuid[]), id FROM app_user WHERE username = $2`,
      [[teamA.teamId, teamB.teamId], users.regio],
    );
    spendPresent = (await ds.query(`SELECT to_regclass('public.spend') IS NOT NULL AS p`))[0].p;
    recoveryPresent = (
      await ds.query(`SELECT to_regclass('public.recovery_measurement') IS NOT NULL AS p`)
    )[0].p;

    await moveTo(0);
    for (const [key, source] of Object.entries(SOURCES)) {
      const response = await request(api.http)
        .post('/api/clients')
        .set(await auth('care'))
        .send({
          displayName: `Demo R. ${key}`,
          signal: { source, description: 'Zorgen over middelengebruik.' },
        });
      expect(response.status).toBe(201);
      client[key] = response.body.client.id;
    }
    const other = await request(api.http)
      .post('/api/clients')
      .set(await auth('careB'))
      .send({
        displayName: 'Demo R. Buurdorp',
        signal: { source: 'police', description: 'Overlast gemeld.' },
      });
    expect(other.status).toBe(201);
    client.b1 = other.body.client.id;

    let day = 0;
    for (const [at, key, body] of SCHEDULE) {
      if (at !== day) await moveTo((day = at));
      await send(key, body);
    }
    await moveTo(LAST_DAY);
  });

  afterAll(async () => {
    await api.dataSource.query(`DELETE FROM app_setting WHERE key = 'test_clock_offset_ms'`);
    await api.close();
  });

  it('counts the inflow per source with the inclusion decision as it stood at the end of the period', async () => {
    const report = await flow('chair', { team: teamA.teamId });
    expect(report.period).toEqual(PERIOD);
    expect(report.scope).toMatchObject({ kind: 'team', teams: [{ id: teamA.teamId }] });
    expect(report.inflow.rows).toEqual([
      expect.objectContaining({
        source: 'addiction_care',
        signals: 1,
        included: 0,
        notIncluded: 1,
        undecided: 0,
      }),
      expect.objectContaining({
        source: 'police',
        label: 'Politie',
        signals: 5,
        included: 5,
        notIncluded: 0,
        undecided: 0,
        figure: 'inflow.police',
      }),
      expect.objectContaining({ source: 'citizen', signals: 1, included: 1 }),
      expect.objectContaining({ source: 'self', signals: 1, undecided: 1 }),
    ]);
    expect(report.inflow.total).toEqual({ signals: 8, included: 6, notIncluded: 1, undecided: 1 });
    // A period that ends before c8's (late) decision counts it as undecided.
    const early = await flow('chair', { team: teamA.teamId, from: '2031-01-01', to: '2031-01-20' });
    expect(early.inflow.total).toEqual({ signals: 8, included: 5, notIncluded: 1, undecided: 2 });
  });

  it('counts the outflow by reason and stillUsing, in the order of the reasons', async () => {
    const report = await flow('chair', { team: teamA.teamId });
    expect(
      report.outflow.rows.map((r: { reason: string; total: number; stillUsing: object }) => [
        r.reason,
        r.total,
        r.stillUsing,
      ]),
    ).toEqual([
      ['goal_achieved', 1, { yes: 0, no: 1, unknown: 0 }],
      ['moved', 1, { yes: 0, no: 0, unknown: 1 }],
      ['dropped_out', 1, { yes: 1, no: 0, unknown: 0 }],
      ['declined', 1, { yes: 0, no: 0, unknown: 1 }],
      ['not_included', 1, { yes: 0, no: 0, unknown: 1 }],
    ]);
    expect(report.outflow.total).toBe(5);
    expect(report.outflow.stillUsing).toEqual({ yes: 1, no: 1, unknown: 3 });
  });

  it('counts the caseload per stage at the end of a given day, and now', async () => {
    const report = await flow('chair', { team: teamA.teamId, at: '2031-01-26' });
    const counts = (r: { caseload: { rows: { stage: string; count: number }[] } }) =>
      Object.fromEntries(r.caseload.rows.map((row) => [row.stage, row.count]));
    expect(report.caseload.date).toBe('2031-01-26');
    expect(counts(report)).toEqual({
      signal: 2,
      consent: 0,
      motivation: 0,
      waiting_list: 3,
      admission: 1,
      aftercare: 0,
    });
    expect(report.caseload.total).toBe(6);
    // At the end of the period (after now): c1 waiting again, c5 in signal, c8 in consent.
    const now = await flow('chair', { team: teamA.teamId });
    expect(counts(now)).toEqual({
      signal: 1,
      consent: 1,
      motivation: 0,
      waiting_list: 1,
      admission: 0,
      aftercare: 0,
    });
  });

  it('gives median and quartiles of the time per stage and from signal to admission', async () => {
    const report = await flow('chair', { team: teamA.teamId });
    const waiting = report.stageDurations.rows.find((r: { stage: string }) => r.stage === 'waiting_list');
    expect(waiting).toEqual({
      stage: 'waiting_list',
      label: 'Wachtlijst',
      count: 4,
      q1Days: 17.5,
      medianDays: 25,
      q3Days: 32.5,
      meanDays: 25,
      ongoing: { count: 1, medianDays: 16 },
      figure: 'stage_duration.waiting_list',
    });
    expect(report.stageDurations.signalToAdmission).toEqual({
      count: 4,
      q1Days: 22,
      medianDays: 30,
      q3Days: 38.5,
      meanDays: 30.5,
      figure: 'signal_to_admission',
    });
    const admission = report.stageDurations.rows.find((r: { stage: string }) => r.stage === 'admission');
    // c1 14 days, c2 2, c6 4, c7 4 (moved away from admission).
    expect(admission).toMatchObject({ count: 4, medianDays: 4, q1Days: 3.5, q3Days: 6.5 });
  });

  it('counts relapses: back to motivation from aftercare or admission (not a withdrawal)', async () => {
    const report = await flow('chair', { team: teamA.teamId });
    expect(report.relapses).toEqual({
      relapsed: 1,
      treatmentAborted: 1,
      total: 2,
      clients: 2,
      figure: 'relapses.all',
    });
  });

  it('counts deadlines met on time and late, and those still open past due', async () => {
    const report = await flow('chair', { team: teamA.teamId });
    const kind = (k: string) => report.deadlines.rows.find((r: { kind: string }) => r.kind === k);
    expect(kind('inclusion_decision')).toMatchObject({ onTime: 6, late: 1, total: 7, overdueOpen: 1 });
    expect(kind('consent')).toMatchObject({ onTime: 5, late: 0, total: 5, overdueOpen: 1 });
    expect(report.deadlines.total.total).toBe(
      report.deadlines.rows.reduce((sum: number, r: { total: number }) => sum + r.total, 0),
    );
  });

  it('sums approved spending per category and the change between first and last recovery measurement', async () => {
    const ds = api.dataSource;
    const userId = (await ds.query(`SELECT id FROM app_user WHERE username = $1`, [users.chair]))[0].id;
    if (spendPresent) {
      const spend = async (key: string, team: string, category: string, cents: number, status: string) =>
        ds.query(
          `INSERT INTO spend (team_id, client_id, budget_year, category, amount_cents, kind, description, status,
                              requested_by, requested_at, approved_by, approved_at, updated_at)
           VALUES ($1, $2, 2031, $3, $4, 'gift', 'Testuitgave', $5, $6, $7, $6, $7, $7)`,
          [team, client[key], category, cents, status, userId, new Date(DAY0 + 10 * DAY_MS)],
        );
      await spend('c1', teamA.teamId, 'clinic_deposit', 45_000, 'approved');
      await spend('c2', teamA.teamId, 'clinic_deposit', 30_000, 'approved');
      await spend('c6', teamA.teamId, 'sports_subscription', 3_600, 'approved');
      await spend('c7', teamA.teamId, 'travel', 1_250, 'rejected');
      await spend('b1', teamB.teamId, 'bills', 9_900, 'approved');
    }
    if (recoveryPresent) {
      const measure = async (key: string, instrument: string, day: number, score: number | null) =>
        ds.query(
          `INSERT INTO recovery_measurement (client_id, team_id, instrument_id, instrument_version, measured_at,
                                             total_score, recorded_by, recorded_party_kind, recorded_at)
           VALUES ($1, $2, $3, 1, $4, $5, $6, 'addiction_care', $4)`,
          [client[key], teamA.teamId, instrument, new Date(DAY0 + day * DAY_MS), score, userId],
        );
      await measure('c1', 'barc10', 5, 30);
      await measure('c1', 'barc10', 20, null); // not every item answered: no total, not counted
      await measure('c1', 'barc10', 35, 40);
      await measure('c6', 'barc10', 7, 35);
      await measure('c6', 'barc10', 55, 50);
      await measure('c2', 'barc10', 5, 28); // one measurement: no change to report
      await measure('c1', 'mhqol', 5, 10);
      await measure('c1', 'mhqol', 44, 8);
    }
    const report = await flow('chair', { team: teamA.teamId });
    if (spendPresent) {
      expect(report.unavailable).not.toContain('spending');
      expect(report.spending.rows).toEqual([
        expect.objectContaining({ category: 'clinic_deposit', clients: 2, spends: 2, amountCents: 75_000 }),
        expect.objectContaining({
          category: 'sports_subscription',
          clients: 1,
          spends: 1,
          amountCents: 3_600,
        }),
      ]);
      expect(report.spending.total).toEqual({ clients: 3, spends: 3, amountCents: 78_600 });
      expect(
        (await drill('spending.clinic_deposit', { team: teamA.teamId })).items.map((i) => i.clientId),
      ).toEqual(ids('c1', 'c2'));
    } else {
      // libs/budget's spend table is not in this schema (yet): the section says so instead of failing.
      expect(report.unavailable).toContain('spending');
      expect(report.spending).toBeNull();
    }
    if (recoveryPresent) {
      expect(report.recovery.rows).toEqual([
        {
          instrument: 'barc10',
          label: expect.stringContaining('BARC-10'),
          clients: 2,
          meanFirst: 32.5,
          meanLast: 45,
          meanChange: 12.5,
          medianChange: 12.5,
          improved: 2,
          unchanged: 0,
          worsened: 0,
          atOrAboveThreshold: 1,
          threshold: 47,
          figure: 'recovery.barc10',
        },
        expect.objectContaining({
          instrument: 'mhqol',
          clients: 1,
          meanChange: -2,
          worsened: 1,
          threshold: null,
        }),
      ]);
      expect((await drill('recovery.barc10', { team: teamA.teamId })).items.map((i) => i.clientId)).toEqual(
        ids('c1', 'c6'),
      );
    } else {
      expect(report.unavailable).toContain('recovery');
    }
  });

  it('traces figures to the trajectories behind them, and logs who asked for which clients', async () => {
    const team = { team: teamA.teamId };
    const clientsOf = async (figure: string, query: Record<string, string> = team) =>
      (await drill(figure, query)).items.map((i) => i.clientId);
    expect(await clientsOf('inflow.police.included')).toEqual(ids('c1', 'c2', 'c6', 'c7', 'c8'));
    expect(await clientsOf('inflow.all.undecided')).toEqual(ids('c5'));
    expect(await clientsOf('outflow.all.unknown')).toEqual(ids('c3', 'c4', 'c7'));
    expect(await clientsOf('outflow.dropped_out')).toEqual(ids('c2'));
    expect(await clientsOf('caseload.waiting_list', { ...team, at: '2031-01-26' })).toEqual(
      ids('c2', 'c6', 'c7'),
    );
    expect(await clientsOf('stage_duration.waiting_list')).toEqual(ids('c1', 'c2', 'c6', 'c7'));
    expect(await clientsOf('signal_to_admission')).toEqual(ids('c1', 'c2', 'c6', 'c7'));
    expect(await clientsOf('relapses.all')).toEqual(ids('c1', 'c2'));
    expect(await clientsOf('relapses.treatment_aborted')).toEqual(ids('c2'));
    expect(await clientsOf('deadlines.inclusion_decision.late')).toEqual(ids('c8'));
    expect(await clientsOf('deadlines.inclusion_decision.overdue_open')).toEqual(ids('c5'));

    const result = await drill('relapses.all', team);
    expect(result).toMatchObject({ figure: 'relapses.all', period: PERIOD, count: 2, truncated: false });
    const [row] = await api.dataSource.query(
      `SELECT event, client_ids, categories, result FROM audit_log
        WHERE access_point = 'GET /api/reports/drilldown' ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toEqual({
      event: 'search',
      client_ids: ids('c1', 'c2'),
      categories: ['identity', 'health'],
      result: 'ok',
    });
  });

  it('gives the police the report without health and budget sections, and no ids behind them', async () => {
    const report = await flow('police', { team: teamA.teamId });
    expect(report.withheld).toEqual(['relapses', 'spending', 'recovery']);
    expect(report.relapses).toBeNull();
    expect(report.spending).toBeNull();
    expect(report.recovery).toBeNull();
    expect(report.inflow.total.signals).toBe(8);
    expect(report.deadlines.rows.map((r: { kind: string }) => r.kind)).not.toContain('postal_address_expiry');
    expect((await drill('inflow.all', { team: teamA.teamId }, 'police')).count).toBe(8);
    const refused = await get('/api/reports/drilldown', 'police', { figure: 'relapses.all' });
    expect(refused.status).toBe(403);
  });

  it('covers one team, a municipality or the region, and nothing outside the reader’s teams', async () => {
    const region = await flow('regio');
    expect(region.scope.kind).toBe('region');
    expect(region.scope.teams.map((t: { id: string }) => t.id).sort()).toEqual(
      [teamA.teamId, teamB.teamId].sort(),
    );
    expect(region.inflow.total.signals).toBe(9);
    const [{ municipality_id: municipalityA }] = await api.dataSource.query(
      `SELECT municipality_id FROM team WHERE id = $1`,
      [teamA.teamId],
    );
    const municipal = await flow('regio', { municipality: municipalityA });
    expect(municipal.scope).toMatchObject({ kind: 'municipality', teams: [{ id: teamA.teamId }] });
    expect(municipal.inflow.total.signals).toBe(8);
    // Team B's chair sees B alone; A is not theirs.
    expect((await flow('chairB')).inflow.total.signals).toBe(1);
    expect((await get('/api/reports/flow', 'chairB', { team: teamA.teamId })).status).toBe(404);
    expect((await get('/api/reports/flow', 'chairB', { municipality: municipalityA })).status).toBe(404);
    expect(
      (await get('/api/reports/drilldown', 'chairB', { figure: 'inflow.all', team: teamA.teamId })).status,
    ).toBe(404);
    const b = await drill('inflow.all', {}, 'chairB');
    expect(b.items.map((i) => i.clientId)).toEqual([client.b1]);
  });

  it('refuses chain partners, the privacy officer and the admin on every report route', async () => {
    for (const user of ['housing', 'privacy', 'admin']) {
      for (const [path, query] of [
        ['/api/reports/flow', {}],
        ['/api/reports/flow/export', { format: 'csv' }],
        ['/api/reports/drilldown', { figure: 'inflow.all' }],
      ] as const) {
        const response = await get(path, user, query);
        expect({ user, path, status: response.status }).toEqual({ user, path, status: 403 });
      }
    }
    expect((await request(api.http).get('/api/reports/flow')).status).toBe(401);
  });

  it('exports XLSX for the council with counts below 5 suppressed, numbers as numbers and Dutch headers', async () => {
    const response = await request(api.http)
      .get('/api/reports/flow/export')
      .query({ ...PERIOD, team: teamA.teamId, format: 'xlsx', audience: 'council' })
      .set(await auth('chair'))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="koers-rapportage-2031-01-01-2031-12-31-gemeenteraad.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names.slice(0, 6)).toEqual([
      'Instroom',
      'Uitstroom',
      'Caseload',
      'Tijd per fase',
      'Terugval',
      'Termijnen',
    ]);
    expect(names[names.length - 1]).toBe('Toelichting');
    const inflow = workbook.getWorksheet('Instroom')!;
    const title = String(inflow.getCell(1, 1).value);
    expect(title).toContain('Instroom per bron');
    expect(title).toContain('1 januari 2031 t/m 31 december 2031');
    expect(inflow.getRow(4).values).toEqual([
      undefined,
      'Bron van het signaal',
      'Signalen',
      'Geïncludeerd',
      'Niet geïncludeerd',
      'Nog geen besluit',
    ]);
    const rows = [5, 6, 7, 8, 9].map((r) => (inflow.getRow(r).values as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Verslavingszorg', '<5', 0, '<5', 0],
      ['Politie', 'x', 'x', 0, 0],
      ['Burger', '<5', '<5', 0, 0],
      ['Cliënt zelf', '<5', 0, 0, '<5'],
      ['Totaal', 8, 'x', '<5', '<5'],
    ]);
    const outflow = workbook.getWorksheet('Uitstroom')!;
    expect((outflow.getRow(10).values as unknown[]).slice(1)).toEqual(['Totaal', 5, '<5', '<5', '<5']);
    const durations = workbook.getWorksheet('Tijd per fase')!;
    const waiting = (durations.getRow(8).values as unknown[]).slice(1);
    // Wachtlijst: 4 stays is fewer than 5, so its count is "<5" and its statistics are left out.
    expect(waiting).toEqual(['Wachtlijst', '<5', 'x', 'x', 'x', 'x', '<5', 'x']);
    // No cell of the council's file holds a count from 1 to 4.
    for (const sheet of workbook.worksheets.filter((s) => s.name !== 'Toelichting')) {
      sheet.eachRow((row, r) => {
        if (r <= 4) return;
        (row.values as unknown[]).forEach((value, c) => {
          const header = String(sheet.getRow(4).getCell(c).value ?? '');
          if (typeof value === 'number' && !/dagen|score|verandering|Bedrag/i.test(header))
            expect({ sheet: sheet.name, r, c, small: value >= 1 && value <= 4 }).toMatchObject({
              small: false,
            });
        });
      });
    }
  });

  it('exports CSV with semicolons and decimal commas; exact figures for the team', async () => {
    const response = await get('/api/reports/flow/export', 'chair', {
      ...PERIOD,
      team: teamA.teamId,
      format: 'csv',
      audience: 'team',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Rapportage in- en uitstroom');
    expect(lines).toContain('Periode: 1 januari 2031 t/m 31 december 2031');
    const at = lines.indexOf('Instroom per bron');
    expect(lines.slice(at + 1, at + 7)).toEqual([
      'Bron van het signaal;Signalen;Geïncludeerd;Niet geïncludeerd;Nog geen besluit',
      'Verslavingszorg;1;0;1;0',
      'Politie;5;5;0;0',
      'Burger;1;1;0;0',
      'Cliënt zelf;1;0;0;1',
      'Totaal;8;6;1;1',
    ]);
    expect(lines).toContain('Wachtlijst;4;25,0;17,5;32,5;25,0;1;16,0');
    const council = await get('/api/reports/flow/export', 'chair', {
      ...PERIOD,
      team: teamA.teamId,
      format: 'csv',
    });
    expect(council.text).toContain('Politie;x;x;0;0');
    expect(council.text).toContain('Totaal;8;x;<5;<5');
    const [row] = await api.dataSource.query(
      `SELECT event, client_ids, result FROM audit_log WHERE access_point = 'GET /api/reports/flow/export'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toEqual({ event: 'export', client_ids: [], result: 'ok' });
  });

  it('refuses bad input with 400 and a clear message', async () => {
    const cases: Record<string, string>[] = [
      { from: '2031-02-01', to: '2031-01-31' },
      { from: '2031-02-30' },
      { to: '31-12-2031' },
      { at: 'yesterday' },
      { from: '0999-01-01' },
      { team: 'not-a-uuid' },
      { municipality: '12' },
      { unknown: '1' },
    ];
    for (const query of cases) {
      const response = await get('/api/reports/flow', 'chair', query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.message).toMatch(/[a-z]/);
    }
    expect(
      (await get('/api/reports/flow', 'chair', { from: '2031-02-01', to: '2031-01-31' })).body.message,
    ).toBe('from must not be after to');
    for (const query of [{ format: 'pdf' }, { audience: 'public' }] as Record<string, string>[]) {
      expect((await get('/api/reports/flow/export', 'chair', query)).status).toBe(400);
    }
    for (const figure of ['', 'nothing.at.all', 'inflow.nobody', 'caseload.closed']) {
      const response = await get('/api/reports/drilldown', 'chair', { figure });
      expect({ figure, status: response.status }).toEqual({ figure, status: 400 });
    }
    expect((await get('/api/reports/drilldown', 'chair', {})).status).toBe(400);
    // The widest dates the API takes (years 1000 to 2999) are no problem for PostgreSQL.
    const widest = await get('/api/reports/flow', 'chair', {
      from: '1000-01-01',
      to: '2999-12-31',
      at: '1000-01-01',
    });
    expect(widest.status).toBe(200);
    expect(widest.body.caseload.total).toBe(0);
    const twice = await request(api.http)
      .get(`/api/reports/flow?team=${teamA.teamId}&team=${teamB.teamId}`)
      .set(await auth('chair'));
    expect(twice.status).toBe(400);
    const stranger = '00000000-0000-4000-8000-000000000000';
    expect((await get('/api/reports/flow', 'chair', { team: stranger })).status).toBe(404);
    expect((await get('/api/reports/flow', 'chair', { municipality: stranger })).status).toBe(404);
  });

  it('keeps the projection equal to a rebuild from the history (trigger and backfill agree)', async () => {
    const ds = api.dataSource;
    const trajectories: string[] = (
      await ds.query(`SELECT id FROM trajectory WHERE team_id = ANY($1::uuid[])`, [
        [teamA.teamId, teamB.teamId],
      ])
    ).map((r: { id: string }) => r.id);
    const read = async () => ({
      facts: await ds.query(
        `SELECT * FROM report_trajectory_fact WHERE trajectory_id = ANY($1::uuid[]) ORDER BY trajectory_id`,
        [trajectories],
      ),
      stays: await ds.query(
        `SELECT * FROM report_stage_interval WHERE trajectory_id = ANY($1::uuid[]) ORDER BY trajectory_id, entered_seq`,
        [trajectories],
      ),
    });
    const byTrigger = await read();
    expect(byTrigger.facts).toHaveLength(9);
    await ds.query(`SELECT koers_report_rebuild($1::uuid[])`, [trajectories]);
    expect(await read()).toEqual(byTrigger);
  });
});
