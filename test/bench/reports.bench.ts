/**
 * Reports benchmark: `npm run bench:reports`. A script, not a test.
 *
 * 1. Region. 12 casusoverleg teams with exactly 1,000,000 trajectory events over 5 years, generated in bulk SQL.
 *    Each trajectory follows one of a dozen paths (not included, consent refused, success, a relapse or two,
 *    an aborted treatment, a withdrawal, moving away, death...) walked once through the real statechart
 *    (`applyEvent`, its snapshots stored with the rows), with random gaps between the steps (waiting-list contacts
 *    every week or so) from a random start in the five years; what would lie after now is cut off, so recent
 *    trajectories are open in every stage. Sources are drawn per signal. The first 10% of the trajectories'
 *    events are inserted with the projection trigger on (as the application writes them); the rest with it off
 *    and then `koers_report_rebuild` (the migration's backfill); the bench checks that both give the same rows for
 *    the first part. Deadlines (inclusion decision, consent, waiting duration) follow the stays; approved spends and
 *    recovery measurements are added when libs/budget and libs/recovery's tables are there. VACUUM (ANALYZE), as
 *    autovacuum would leave the tables after a bulk load.
 * 2. Report. The full flow report (inflow, outflow, caseload, stage durations and signal to admission, relapses,
 *    deadlines, spending, recovery) of the whole region over the whole five years, as the region's chair:
 *    through the service (`ReportsService.flow`) and through HTTP (the real API in this process, keep-alive),
 *    one at a time after warm-up; also one year, one team, and the council's XLSX export once. Its totals are
 *    checked against counts straight from trajectory_event.
 * 3. Baselines. A plain `count(*) GROUP BY type` over the region's events (the cheapest full look at the history),
 *    and the stage durations computed from the history itself (window functions over trajectory_event, what the
 *    report would cost without the projection), interleaved with the report runs.
 * Goal: the region's full report ≤ 1000 ms (p50 over HTTP, printed as `report region ms: <value>`). A missed goal
 * is a measurement (exit code 0); any error or wrong figure aborts the run with a non-zero exit code.
 *
 * Environment:
 * - BENCH_DATABASE_URL: database to use (migrated, not emptied; the bench adds its own teams). Default: a fresh
 *   database with a unique name on postgres://postgres@127.0.0.1:5432, or an embedded PostgreSQL; dropped after.
 * - BENCH_REPORT_ITERATIONS (default 15): measured reports per mode.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { type Actor, AuthService, PasswordHasher } from '@koers/access';
import { amsterdamDate } from '@koers/clock';
import { defaultEmbeddedDataDir } from '@koers/embedded-db';
import {
  TRAJECTORY_MACHINE_ID,
  TRAJECTORY_MACHINE_VERSION,
  type TrajectoryEvent,
  applyEvent,
  initialSnapshot,
  persistSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import { runMigrations } from '@koers/persistence';
import {
  BARC10_REMISSION_THRESHOLD,
  type FlowReport,
  OPEN_STAGES,
  ReportRepository,
  ReportsService,
  resolvePeriod,
} from '@koers/reporting';
import { BLOCKERS_VERSION, XSTATE_VERSION } from '@koers/trajectory';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { type BenchDatabase, percentile, cleanUpOnce, provisionBenchDatabase } from './bench-database';
import { httpCall } from './bench-http';

const TEAMS = 12;
const TARGET_EVENTS = 1_000_000;
const YEARS = 5;
/** Share of the trajectories whose events go in with the projection trigger on. */
const TRIGGER_SHARE = 0.1;
const DEFAULT_ITERATIONS = 15;
const WARMUP = 3;
const GOAL_MS = 1000;
const SEED = 0.20310106;
const EMBEDDED_PORT = 54343;

class BenchFailure extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Paths: event sequences with the gap before each event in days [min, max]. Walked through the machine once.

type Gap = [number, number];
type PathStep = [TrajectoryEvent, Gap];

interface PathSpec {
  name: string;
  weight: number;
  steps: PathStep[];
}

const REASONS = 'Besproken in het casusoverleg: voldoet aan de criteria van de handreiking.';
const E = {
  include: {
    type: 'INCLUSION_DECIDED',
    included: true,
    criteria: ['serious_substance_use_disorder', 'resident', 'disproportionate_care_use'],
    reasons: REASONS,
  },
  exclude: { type: 'INCLUSION_DECIDED', included: false, criteria: ['resident'], reasons: REASONS },
  consent: { type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen het casusoverleg' },
  override: {
    type: 'CONSENT_OVERRIDDEN',
    legalBasis: 'care_covenant',
    justification: 'Ernstige zorg om de veiligheid van de cliënt en de buren',
  },
  refuse: { type: 'CONSENT_REFUSED', reason: 'Wil geen bemoeienis van de gemeente' },
  treatment: { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
  contact: { type: 'CONTACT_LOGGED', channel: 'visit', note: 'Huisbezoek, gaat redelijk (bench)' },
  admitted: { type: 'ADMITTED', facility: 'Kliniek Bench' },
  urgent: {
    type: 'ADMITTED',
    facility: 'Kliniek Bench',
    urgentOverride: { reason: 'Acuut levensgevaar, bed vandaag vrij (bench)' },
  },
  leave: { type: 'LEAVE_STARTED', until: '2030-06-01' },
  back: { type: 'LEAVE_ENDED', note: 'Op tijd terug, verlof ging goed' },
  discharged: { type: 'DISCHARGED', completed: true },
  aborted: { type: 'TREATMENT_ABORTED', reason: 'Niet teruggekeerd van verlof' },
  withdrawn: { type: 'WITHDRAWN', reason: 'Wil eerst zelf minderen met gebruik' },
  housed: { type: 'HOUSED', kind: 'social_rent' },
  daytime: { type: 'DAYTIME_ARRANGED', kind: 'volunteer_work' },
  network: { type: 'NETWORK_ASSESSED', healthyEngaged: true, unhealthyAtDistance: true },
  debt: { type: 'DEBT_ARRANGEMENT_SET', kind: 'budget_management' },
  relapsed: { type: 'RELAPSED', note: 'Weer gebruikt na ruzie (bench)' },
  moved: { type: 'MOVED_AWAY', municipality: 'Utrecht' },
} satisfies Record<string, TrajectoryEvent>;
const closed = (reason: string, stillUsing: string) =>
  ({ type: 'TRAJECTORY_CLOSED', reason, stillUsing }) as TrajectoryEvent;
const prepare = (): PathStep[] =>
  (['treatment_followup', 'finances', 'housing', 'daytime_activity', 'healthy_network'] as const).map(
    (item) => [{ type: 'AFTERCARE_ITEM_PREPARED', item }, [1, 10]],
  );
const repeat = (times: number, step: PathStep): PathStep[] => Array.from({ length: times }, () => step);
const waitingContacts = (times: number): PathStep[] => repeat(times, [E.contact, [4, 9]]);

/** Signal, inclusion, consent, treatment: into the waiting list. */
const toWaiting = (contacts: number): PathStep[] => [
  [E.include, [3, 25]],
  [E.consent, [1, 12]],
  [E.treatment, [5, 45]],
  ...waitingContacts(Math.floor(contacts / 2)),
  ...prepare(),
  ...waitingContacts(Math.ceil(contacts / 2)),
];
/** Admission with a leave and contacts, then discharge into aftercare. */
const admission = (contacts: number): PathStep[] => [
  [E.admitted, [1, 7]],
  ...repeat(contacts, [E.contact, [5, 10]]),
  [E.leave, [3, 12]],
  [E.back, [1, 4]],
  [E.discharged, [5, 30]],
];
const aftercare = (contacts: number): PathStep[] => [
  [E.debt, [3, 20]],
  [E.housed, [5, 60]],
  ...repeat(contacts, [E.contact, [7, 30]]),
  [E.daytime, [5, 40]],
  [E.network, [3, 30]],
];

function pathSpecs(): PathSpec[] {
  return [
    { name: 'not included', weight: 10, steps: [[E.exclude, [3, 30]]] },
    {
      name: 'consent refused',
      weight: 5,
      steps: [
        [E.include, [3, 25]],
        [E.refuse, [2, 14]],
      ],
    },
    {
      name: 'dropped out before a decision',
      weight: 3,
      steps: [[closed('dropped_out', 'unknown'), [10, 40]]],
    },
    {
      name: 'success',
      weight: 20,
      steps: [...toWaiting(6), ...admission(4), ...aftercare(5), [closed('goal_achieved', 'no'), [30, 150]]],
    },
    {
      name: 'relapse, then success',
      weight: 12,
      steps: [
        ...toWaiting(5),
        ...admission(3),
        ...aftercare(2),
        [E.relapsed, [10, 90]],
        [E.treatment, [5, 30]],
        ...waitingContacts(3),
        ...prepare(),
        [E.admitted, [1, 7]],
        ...repeat(3, [E.contact, [5, 10]] as PathStep),
        [E.discharged, [10, 30]],
        ...repeat(3, [E.contact, [7, 30]] as PathStep),
        [closed('goal_achieved', 'no'), [30, 120]],
      ],
    },
    {
      name: 'aborted, then dropped out',
      weight: 8,
      steps: [
        ...toWaiting(6),
        [E.admitted, [1, 7]],
        ...repeat(2, [E.contact, [5, 10]] as PathStep),
        [E.aborted, [3, 20]],
        ...repeat(3, [E.contact, [7, 20]] as PathStep),
        [closed('dropped_out', 'yes'), [20, 90]],
      ],
    },
    {
      name: 'withdrawn, then regular care',
      weight: 8,
      steps: [
        ...toWaiting(4),
        [E.withdrawn, [5, 30]],
        [E.contact, [5, 20]],
        [E.treatment, [10, 40]],
        ...waitingContacts(4),
        [closed('regular_care', 'unknown'), [10, 60]],
      ],
    },
    {
      name: 'moved away from the waiting list',
      weight: 5,
      steps: [...toWaiting(5), [E.moved, [5, 30]]],
    },
    {
      name: 'two relapses, then detained',
      weight: 4,
      steps: [
        ...toWaiting(4),
        ...admission(2),
        [E.relapsed, [10, 60]],
        [E.treatment, [5, 30]],
        ...waitingContacts(2),
        [E.urgent, [1, 7]],
        [E.discharged, [10, 40]],
        [E.relapsed, [10, 60]],
        [closed('detained', 'yes'), [5, 60]],
      ],
    },
    {
      name: 'covenant, urgent admission, deceased in aftercare',
      weight: 2,
      steps: [
        [E.include, [1, 10]],
        [E.override, [1, 7]],
        [E.treatment, [1, 14]],
        [E.urgent, [1, 5]],
        [E.discharged, [10, 40]],
        ...repeat(3, [E.contact, [7, 30]] as PathStep),
        [closed('deceased', 'unknown'), [10, 200]],
      ],
    },
    {
      name: 'long wait, long aftercare',
      weight: 23,
      steps: [...toWaiting(10), ...admission(5), ...aftercare(8), [closed('regular_care', 'no'), [60, 240]]],
    },
  ];
}

interface CompiledStep {
  type: string;
  payload: Record<string, unknown>;
  fromStage: string | null;
  toStage: string;
  gapMin: number;
  gapMax: number;
  snapshot: unknown;
}

/** Walks a path through the machine: each step's stages and the snapshot after it. */
function compilePath(spec: PathSpec): CompiledStep[] {
  let snapshot = initialSnapshot();
  const steps: CompiledStep[] = [
    {
      type: 'SIGNAL_REGISTERED',
      payload: {},
      fromStage: null,
      toStage: stageOf(snapshot),
      gapMin: 0,
      gapMax: 0,
      snapshot: persistSnapshot(snapshot),
    },
  ];
  spec.steps.forEach(([event, [gapMin, gapMax]], i) => {
    const result = applyEvent(snapshot, event);
    if (!result.ok) {
      const reasons = result.refusals.map((r) => `${r.code}: ${r.message}`).join('; ');
      throw new BenchFailure(`path "${spec.name}": ${event.type} (step ${i + 2}) refused: ${reasons}`);
    }
    const { type, ...payload } = event as TrajectoryEvent & Record<string, unknown>;
    steps.push({
      type,
      payload,
      fromStage: result.previousStage,
      toStage: result.stage,
      gapMin,
      gapMax,
      snapshot: persistSnapshot(result.snapshot),
    });
    snapshot = result.snapshot;
  });
  return steps;
}

/** Where signals come from, with weights (police and addiction care bring most in). */
const SOURCES: [string, number][] = [
  ['police', 32],
  ['addiction_care', 24],
  ['municipality', 10],
  ['citizen', 10],
  ['self', 8],
  ['gp', 5],
  ['housing_corporation', 4],
  ['mental_health', 3],
  ['mdo', 2],
  ['spreekuur', 2],
];

// ---------------------------------------------------------------------------------------------------------
// Generation

interface BenchUser {
  username: string;
  password: string;
  userId: string;
}

interface Region {
  teamIds: string[];
  chair: BenchUser;
}

async function seedRegion(pg: Client): Promise<Region> {
  const tag = randomBytes(4).toString('hex');
  const password = randomBytes(12).toString('base64url');
  const { rows: teams } = await pg.query<{ id: string }>(
    `WITH m AS (
       INSERT INTO municipality (name, code)
       SELECT format('Gemeente Rapport %s', lpad(g::text, 2, '0')), format('REP-%s-%s', $1::text, g)
         FROM generate_series(1, $2::int) AS g
       RETURNING id, name
     )
     INSERT INTO team (municipality_id, name)
     SELECT id, replace(name, 'Gemeente', 'Casusoverleg') FROM m ORDER BY name
     RETURNING id`,
    [tag, TEAMS],
  );
  const username = `bench-reports-chair-${tag}`;
  const { rows } = await pg.query<{ user_id: string }>(
    `WITH p AS (INSERT INTO party (kind, name) VALUES ('municipality', 'Gemeente (bench rapportage)') RETURNING id),
          u AS (INSERT INTO app_user (username, display_name, password_hash, party_id, role)
                SELECT $1, 'Bench procesregisseur regio', $2, id, 'chair' FROM p RETURNING id)
     SELECT u.id AS user_id FROM u`,
    [username, await new PasswordHasher().hash(password)],
  );
  const teamIds = teams.map((t) => t.id);
  await pg.query(`INSERT INTO team_member (team_id, user_id) SELECT unnest($1::uuid[]), $2`, [
    teamIds,
    rows[0].user_id,
  ]);
  return { teamIds, chair: { username, password, userId: rows[0].user_id } };
}

interface Generation {
  trajectories: number;
  open: number;
  events: number;
  stageChanges: number;
  triggerEvents: number;
  triggerSeconds: number;
  bulkEvents: number;
  bulkSeconds: number;
  rebuildSeconds: number;
  stays: number;
  deadlines: number;
  spends: number | null;
  measurements: number | null;
  seconds: number;
  analyzeSeconds: number;
}

const timedQuery = async (pg: Client, sql: string, values: unknown[] = []) => {
  const started = performance.now();
  const result = await pg.query(sql, values);
  return { seconds: (performance.now() - started) / 1000, rowCount: result.rowCount ?? 0 };
};

async function generate(pg: Client, region: Region, now: Date): Promise<Generation> {
  const started = performance.now();
  const specs = pathSpecs();
  const compiled = specs.map(compilePath);
  const totalWeight = specs.reduce((sum, s) => sum + s.weight, 0);
  const averageLength = specs.reduce((sum, s, i) => sum + (s.weight / totalWeight) * compiled[i].length, 0);
  // Trajectories that start late are cut off at now: draw enough for the target, then take exactly that many.
  const candidates = Math.ceil((TARGET_EVENTS / averageLength) * 1.4);

  await pg.query(`CREATE TEMP TABLE bench_path (path int PRIMARY KEY, lo float8, hi float8)`);
  await pg.query(
    `CREATE TEMP TABLE bench_step (path int, step int, type text, payload jsonb, from_stage text, to_stage text,
                                   gap_min float8, gap_max float8, snapshot jsonb, PRIMARY KEY (path, step))`,
  );
  let lo = 0;
  const paths = specs.map((spec, i) => {
    const row = { path: i, lo, hi: lo + spec.weight / totalWeight };
    lo = row.hi;
    return row;
  });
  paths[paths.length - 1].hi = 1.000001;
  await pg.query(
    `INSERT INTO bench_path SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(path int, lo float8, hi float8)`,
    [JSON.stringify(paths)],
  );
  await pg.query(
    `INSERT INTO bench_step
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS x(path int, step int, type text, payload jsonb, from_stage text, to_stage text, gap_min float8,
            gap_max float8, snapshot jsonb)`,
    [
      JSON.stringify(
        compiled.flatMap((steps, path) =>
          steps.map((s, i) => ({
            path,
            step: i + 1,
            type: s.type,
            payload: s.payload,
            from_stage: s.fromStage,
            to_stage: s.toStage,
            gap_min: s.gapMin,
            gap_max: s.gapMax,
            snapshot: s.snapshot,
          })),
        ),
      ),
    ],
  );
  let sourceLo = 0;
  const sourceTotal = SOURCES.reduce((sum, [, w]) => sum + w, 0);
  const sources = SOURCES.map(([source, weight]) => {
    const row = { source, lo: sourceLo, hi: sourceLo + weight / sourceTotal };
    sourceLo = row.hi;
    return row;
  });
  sources[sources.length - 1].hi = 1.000001;

  await pg.query(`SELECT setseed($1)`, [SEED]);
  // Candidate trajectories: a path, a team, a source and a start in the five years before now.
  await pg.query(
    `CREATE TEMP TABLE bench_traj AS
     SELECT r.n, gen_random_uuid() AS id, gen_random_uuid() AS client_id,
            ($2::uuid[])[1 + floor(r.r_team * $3)::int] AS team_id, p.path, s.source,
            $4::timestamptz - (r.r_start * $5 * interval '365.25 days') AS start_at
       FROM (SELECT n, random() AS r_path, random() AS r_team, random() AS r_source, random() AS r_start
               FROM generate_series(1, $1::int) AS n) r
       JOIN bench_path p ON r.r_path >= p.lo AND r.r_path < p.hi
       JOIN jsonb_to_recordset($6::jsonb) AS s(source text, lo float8, hi float8)
         ON r.r_source >= s.lo AND r.r_source < s.hi`,
    [candidates, region.teamIds, TEAMS, now, YEARS, JSON.stringify(sources)],
  );
  // Their events up to now (random gaps, cumulative), then exactly the first TARGET_EVENTS by trajectory and step.
  await pg.query(
    `CREATE TEMP TABLE bench_ev AS
     WITH timed AS (
       SELECT t.n, t.id AS trajectory_id, s.step AS seq, s.type, s.from_stage, s.to_stage, s.path,
              CASE WHEN s.step = 1
                   THEN jsonb_build_object('source', t.source, 'description', 'Zorgen over middelengebruik (bench).')
                   ELSE s.payload END AS payload,
              t.start_at + sum(s.gap_min + random() * (s.gap_max - s.gap_min))
                OVER (PARTITION BY t.n ORDER BY s.step) * interval '1 day'
                + (s.step * interval '1 second') AS occurred_at
         FROM bench_traj t JOIN bench_step s ON s.path = t.path
     ), kept AS (
       SELECT *, row_number() OVER (ORDER BY n, seq) AS k FROM timed WHERE occurred_at <= $1
     )
     SELECT * FROM kept WHERE k <= $2`,
    [now, TARGET_EVENTS],
  );
  const [{ events }] = (await pg.query<{ events: number }>(`SELECT count(*)::int AS events FROM bench_ev`))
    .rows;
  if (events !== TARGET_EVENTS)
    throw new BenchFailure(`generated ${events} events, expected ${TARGET_EVENTS} (raise the candidates)`);
  await pg.query(`CREATE INDEX ON bench_ev (trajectory_id, seq)`);

  // Clients and trajectories with the stage, version and snapshot of their last event.
  await pg.query(
    `CREATE TEMP TABLE bench_last AS
     SELECT DISTINCT ON (e.trajectory_id) e.trajectory_id, e.n, e.seq, e.to_stage, e.path,
            (SELECT min(f.occurred_at) FROM bench_ev f WHERE f.trajectory_id = e.trajectory_id) AS opened_at,
            (SELECT max(f.occurred_at) FROM bench_ev f WHERE f.trajectory_id = e.trajectory_id
                AND f.from_stage IS DISTINCT FROM f.to_stage) AS stage_entered_at,
            e.occurred_at AS last_at
       FROM bench_ev e ORDER BY e.trajectory_id, e.seq DESC`,
  );
  await pg.query(
    `INSERT INTO client (id, team_id, display_name, created_by, created_at)
     SELECT t.client_id, t.team_id, 'Bench cliënt ' || t.n, $1, l.opened_at
       FROM bench_last l JOIN bench_traj t ON t.id = l.trajectory_id`,
    [region.chair.userId],
  );
  await pg.query(
    `INSERT INTO trajectory (id, client_id, team_id, machine_id, machine_version, xstate_version, snapshot, version,
                             stage, stage_entered_at, opened_at, closed_at, updated_at, blockers_version)
     SELECT t.id, t.client_id, t.team_id, $1, $2, $3, s.snapshot, l.seq, l.to_stage, l.stage_entered_at,
            l.opened_at, CASE WHEN l.to_stage = 'closed' THEN l.stage_entered_at END, l.last_at, $4
       FROM bench_last l
       JOIN bench_traj t ON t.id = l.trajectory_id
       JOIN bench_step s ON s.path = l.path AND s.step = l.seq`,
    [TRAJECTORY_MACHINE_ID, TRAJECTORY_MACHINE_VERSION, XSTATE_VERSION, BLOCKERS_VERSION],
  );
  const [{ trajectories, open }] = (
    await pg.query<{ trajectories: number; open: number }>(
      `SELECT count(*)::int AS trajectories, count(*) FILTER (WHERE to_stage <> 'closed')::int AS open FROM bench_last`,
    )
  ).rows;

  const insertEvents = (condition: string) =>
    timedQuery(
      pg,
      `INSERT INTO trajectory_event (trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_kind,
                                     occurred_at)
       SELECT trajectory_id, seq, type, payload, from_stage, to_stage, $1, 'addiction_care', occurred_at
         FROM bench_ev WHERE ${condition} ORDER BY trajectory_id, seq`,
      [region.chair.userId, Math.floor(candidates * TRIGGER_SHARE)],
    );
  // As the application writes them: the trigger keeps the projection in the same statement.
  const withTrigger = await insertEvents('n <= $2');
  const fingerprint = async () =>
    (
      await pg.query<{ hash: string }>(
        `SELECT md5(coalesce((SELECT string_agg(f::text, ',' ORDER BY f.trajectory_id) FROM report_trajectory_fact f
                                JOIN bench_last l ON l.trajectory_id = f.trajectory_id WHERE l.n <= $1), '')
                 || coalesce((SELECT string_agg(i::text, ',' ORDER BY i.trajectory_id, i.entered_seq)
                                FROM report_stage_interval i
                                JOIN bench_last l ON l.trajectory_id = i.trajectory_id WHERE l.n <= $1), '')) AS hash`,
        [Math.floor(candidates * TRIGGER_SHARE)],
      )
    ).rows[0].hash;
  const byTrigger = await fingerprint();
  // In bulk: the trigger off, then the migration's set-based backfill over everything.
  await pg.query(`ALTER TABLE trajectory_event DISABLE TRIGGER report_projection`);
  let bulk: { seconds: number; rowCount: number };
  try {
    bulk = await insertEvents('n > $2');
  } finally {
    await pg.query(`ALTER TABLE trajectory_event ENABLE TRIGGER report_projection`);
  }
  const rebuild = await timedQuery(pg, `SELECT koers_report_rebuild(NULL)`);
  if ((await fingerprint()) !== byTrigger)
    throw new BenchFailure(
      'the projection the trigger wrote differs from koers_report_rebuild for the same rows',
    );
  const [{ stays, changes }] = (
    await pg.query<{ stays: number; changes: number }>(
      `SELECT (SELECT count(*)::int FROM report_stage_interval WHERE team_id = ANY($1::uuid[])) AS stays,
              (SELECT count(*)::int FROM bench_ev WHERE from_stage IS DISTINCT FROM to_stage) AS changes`,
      [region.teamIds],
    )
  ).rows;

  // Deadlines as the stays imply them: the inclusion decision, consent and waiting duration, met when the stay
  // ended (on time or late), pending while it lasts. The board's summary trigger is not needed here.
  await pg.query(`ALTER TABLE deadline DISABLE TRIGGER deadline_summary_refresh`);
  let deadlines: { rowCount: number };
  try {
    deadlines = await timedQuery(
      pg,
      `INSERT INTO deadline (team_id, trajectory_id, kind, due_at, base, revision, started_by_seq, status, done_at,
                             created_at, updated_at)
       SELECT i.team_id, i.trajectory_id, k.kind, i.entered_at + k.days * interval '1 day', 'event', 1,
              i.entered_seq, CASE WHEN i.left_at IS NULL THEN 'pending' ELSE 'done' END, i.left_at, i.entered_at,
              COALESCE(i.left_at, i.entered_at)
         FROM report_stage_interval i
         JOIN (VALUES ('signal', 'inclusion_decision', 21), ('consent', 'consent', 14),
                      ('waiting_list', 'waiting_duration', 42)) AS k(stage, kind, days) ON k.stage = i.stage
        WHERE i.team_id = ANY($1::uuid[])`,
      [region.teamIds],
    );
  } finally {
    await pg.query(`ALTER TABLE deadline ENABLE TRIGGER deadline_summary_refresh`);
  }

  // libs/budget's spends and libs/recovery's measurements, when their tables are there.
  const has = async (table: string) =>
    (await pg.query<{ p: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS p`, [`public.${table}`])).rows[0]
      .p;
  let spends: number | null = null;
  if (await has('spend')) {
    const result = await timedQuery(
      pg,
      `INSERT INTO spend (team_id, client_id, budget_year, category, amount_cents, kind, description, status,
                          requested_by, requested_at, approved_by, approved_at, updated_at)
       SELECT t.team_id, t.client_id, extract(year FROM a.at)::int,
              (ARRAY['clinic_deposit', 'skip_container', 'sports_subscription', 'travel', 'bills',
                     'housing_materials', 'other'])[1 + floor(random() * 7)::int],
              (2000 + floor(random() * 60000))::bigint, 'gift', 'Bench-uitgave', 'approved',
              $2, a.at, $2, a.at, a.at
         FROM (SELECT trajectory_id, entered_at AS at FROM report_stage_interval
                WHERE team_id = ANY($1::uuid[]) AND stage IN ('waiting_list', 'aftercare')) a
         JOIN trajectory t ON t.id = a.trajectory_id
        WHERE random() < 0.3 AND extract(year FROM a.at) BETWEEN 2000 AND 2100`,
      [region.teamIds, region.chair.userId],
    );
    spends = result.rowCount;
  }
  let measurements: number | null = null;
  if (await has('recovery_measurement')) {
    const result = await timedQuery(
      pg,
      `INSERT INTO recovery_measurement (client_id, team_id, instrument_id, instrument_version, measured_at,
                                         total_score, recorded_by, recorded_party_kind, recorded_at)
       SELECT t.client_id, t.team_id, 'barc10', 1, i.entered_at + g * interval '30 days',
              LEAST(60, 20 + floor(random() * 25)::int + g * floor(random() * 6)::int), $2, 'addiction_care',
              i.entered_at + g * interval '30 days'
         FROM report_stage_interval i
         JOIN trajectory t ON t.id = i.trajectory_id
         CROSS JOIN generate_series(0, 2) AS g
        WHERE i.team_id = ANY($1::uuid[]) AND i.stage = 'aftercare' AND i.entered_at + g * interval '30 days' < $3`,
      [region.teamIds, region.chair.userId, now],
    );
    measurements = result.rowCount;
  }
  const seconds = (performance.now() - started) / 1000;
  // As autovacuum leaves a database after a bulk load: statistics and the visibility map (index-only scans).
  const analyzeStarted = performance.now();
  await pg.query('VACUUM (ANALYZE)');
  return {
    trajectories,
    open,
    events,
    stageChanges: changes,
    triggerEvents: withTrigger.rowCount,
    triggerSeconds: withTrigger.seconds,
    bulkEvents: bulk.rowCount,
    bulkSeconds: bulk.seconds,
    rebuildSeconds: rebuild.seconds,
    stays,
    deadlines: deadlines.rowCount,
    spends,
    measurements,
    seconds,
    analyzeSeconds: (performance.now() - analyzeStarted) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Checks: the report's totals against counts straight from the history.

async function checkReport(
  pool: Pool,
  region: Region,
  report: FlowReport,
  from: Date,
  to: Date,
): Promise<void> {
  const { rows } = await pool.query<{ signals: number; closed: number; relapses: number; admitted: number }>(
    `SELECT count(*) FILTER (WHERE e.type = 'SIGNAL_REGISTERED')::int AS signals,
            count(*) FILTER (WHERE e.to_stage = 'closed' AND e.from_stage <> 'closed')::int AS closed,
            count(*) FILTER (WHERE e.type IN ('RELAPSED', 'TREATMENT_ABORTED'))::int AS relapses,
            count(DISTINCT e.trajectory_id) FILTER (WHERE e.type = 'ADMITTED')::int AS admitted
       FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id
      WHERE t.team_id = ANY($1::uuid[]) AND e.occurred_at >= $2 AND e.occurred_at < $3`,
    [region.teamIds, from, to],
  );
  const expected = rows[0];
  const actual = {
    signals: report.inflow?.total.signals,
    closed: report.outflow?.total,
    relapses: report.relapses?.total,
    admitted: report.stageDurations?.signalToAdmission.count,
  };
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new BenchFailure(
      `report totals ${JSON.stringify(actual)} differ from the history ${JSON.stringify(expected)}`,
    );
  const waiting = report.stageDurations?.rows.find((r) => r.stage === 'waiting_list');
  if (!waiting || waiting.count === 0 || waiting.medianDays === null)
    throw new BenchFailure('the report has no waiting-list durations');
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

interface Stats {
  p50: number;
  p95: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] };
}

async function measure(iterations: number, work: () => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + iterations; i++) {
    const started = performance.now();
    await work();
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return stats(samples);
}

/** The cheapest full look at the region's history: events per type. */
const BASELINE = `SELECT e.type, count(*) FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id
   WHERE t.team_id = ANY($1::uuid[]) GROUP BY e.type`;

/** Stage durations from the history itself (no projection): what the report would read without it. */
const REPLAY = `SELECT stage, count(*),
         percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at))
    FROM (SELECT e.to_stage AS stage, e.occurred_at AS entered_at,
                 lead(e.occurred_at) OVER (PARTITION BY e.trajectory_id ORDER BY e.seq) AS left_at
            FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id
           WHERE t.team_id = ANY($1::uuid[]) AND e.from_stage IS DISTINCT FROM e.to_stage) s
   WHERE left_at >= $2 AND left_at < $3 AND stage <> 'closed'
   GROUP BY stage`;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new BenchFailure(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  return value;
}

const ms = (value: number) => value.toFixed(1);

function uniqueDatabaseName(): string {
  return `koers_bench_reports_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function main(): Promise<void> {
  const iterations = intFromEnv('BENCH_REPORT_ITERATIONS', DEFAULT_ITERATIONS);
  const name = uniqueDatabaseName();
  const embeddedDir = join(dirname(defaultEmbeddedDataDir()), `${name}-postgres`);
  const embeddedDirExisted = existsSync(embeddedDir);
  let database: BenchDatabase | undefined;
  let pg: Client | undefined;
  let pool: Pool | undefined;
  let app: INestApplication | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const stopEverything = async () => {
    agent.destroy();
    await app?.close().catch((error: unknown) => console.error(`closing the API: ${String(error)}`));
    await pool?.end().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await database?.stop();
    if (!embeddedDirExisted && existsSync(embeddedDir)) rmSync(embeddedDir, { recursive: true, force: true });
  };
  const cleanUp = cleanUpOnce(stopEverything, 'cleaning up');
  try {
    database = await provisionBenchDatabase(name, EMBEDDED_PORT);
    await runMigrations(database.url);
    pg = new Client({ connectionString: database.url, application_name: 'koers-bench-reports-generate' });
    await pg.connect();
    console.log(`Koers reports benchmark on ${database.description}`);
    console.log(
      `Node ${process.version} on ${cpus().length} CPUs shared with PostgreSQL and the API (in this process): ` +
        'timings are noisy; report and baselines are interleaved so they see the same machine.',
    );
    const now = new Date();
    const region = await seedRegion(pg);
    const g = await generate(pg, region, now);
    await pg.end();
    pg = undefined;
    console.log(
      `Region: ${TEAMS} teams, ${g.trajectories} trajectories (${g.open} open) over ${YEARS} years; ` +
        `${g.events} events, of which ${g.stageChanges} change the stage; ${g.stays} stays in a stage; ` +
        `${g.deadlines} deadlines; ${g.spends ?? 'no'} spends; ${g.measurements ?? 'no'} recovery measurements`,
    );
    console.log(
      `  events with the projection trigger: ${g.triggerEvents} in ${g.triggerSeconds.toFixed(2)} s ` +
        `(${((g.triggerSeconds / g.triggerEvents) * 1e6).toFixed(1)} µs/event); without: ${g.bulkEvents} in ` +
        `${g.bulkSeconds.toFixed(2)} s (${((g.bulkSeconds / g.bulkEvents) * 1e6).toFixed(1)} µs/event); ` +
        `koers_report_rebuild of everything ${g.rebuildSeconds.toFixed(2)} s; trigger and rebuild agree`,
    );
    console.log(`generation seconds: ${g.seconds.toFixed(2)}`);
    console.log(`vacuum analyze seconds: ${g.analyzeSeconds.toFixed(2)}`);

    process.env.DATABASE_URL = database.url;
    process.env.LOG_LEVEL = 'error';
    delete process.env.REDIS_URL;
    delete process.env.TEST_CLOCK;
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api`;
    pool = new Pool({ connectionString: database.url, max: 1, application_name: 'koers-bench-reports-raw' });

    const login = await httpCall(
      agent,
      'POST',
      `${base}/auth/login`,
      undefined,
      JSON.stringify({ username: region.chair.username, password: region.chair.password }),
    );
    if (login.status !== 200) throw new BenchFailure(`login: HTTP ${login.status}`);
    const token = (JSON.parse(login.body.toString('utf8')) as { token: string }).token;
    const actor = (await app.get(AuthService).authenticate(token)) as Actor | null;
    if (!actor) throw new BenchFailure("the chair's session does not authenticate in-process");
    const service = app.get(ReportsService);

    const today = amsterdamDate(now);
    const fiveYears = { from: `${Number(today.slice(0, 4)) - YEARS}-${today.slice(5)}`, to: today };
    const lastYear = { from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5)}`, to: today };
    const full = await service.flow(actor, fiveYears);
    if (full.scope.teams.length !== TEAMS)
      throw new BenchFailure(`region of ${full.scope.teams.length} teams`);
    const period = resolvePeriod(fiveYears, now, today);
    await checkReport(pool, region, full, period.fromInstant, period.toInstant);
    const query = new URLSearchParams(fiveYears).toString();
    const viaHttp = async () => {
      const response = await httpCall(agent, 'GET', `${base}/reports/flow?${query}`, token);
      if (response.status !== 200)
        throw new BenchFailure(`report: HTTP ${response.status} ${response.body.toString().slice(0, 300)}`);
      return response;
    };
    const bytes = (await viaHttp()).body.length;

    console.log(
      `Measuring ${iterations} runs each (warm-up ${WARMUP}), one at a time, interleaved: the region's full report ` +
        `over ${fiveYears.from}..${fiveYears.to} (HTTP and service), one year, one team, and the baselines`,
    );
    const samples = { http: [] as number[], service: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < WARMUP + iterations; i++) {
      const runs: [keyof typeof samples, () => Promise<unknown>][] = [
        ['http', viaHttp],
        ['service', () => service.flow(actor, fiveYears)],
        ['baseline', () => pool!.query({ name: 'bench_baseline', text: BASELINE, values: [region.teamIds] })],
      ];
      for (const [key, work] of i % 2 === 0 ? runs : [...runs].reverse()) {
        const started = performance.now();
        await work();
        if (i >= WARMUP) samples[key].push(performance.now() - started);
      }
    }
    const http = stats(samples.http);
    const viaService = stats(samples.service);
    const baseline = stats(samples.baseline);
    const oneYear = await measure(iterations, () => service.flow(actor, lastYear));
    const oneTeam = await measure(iterations, () =>
      service.flow(actor, { ...fiveYears, team: region.teamIds[0] }),
    );
    const replay = await measure(Math.min(iterations, 5), () =>
      pool!.query(REPLAY, [region.teamIds, period.fromInstant, period.toInstant]),
    );
    // Breakdown: each statement of the report alone (the service runs them side by side on the pool).
    const repository = app.get(ReportRepository);
    const span = {
      teamIds: region.teamIds,
      from: period.fromInstant,
      to: period.toInstant,
      end: period.endInstant,
      at: period.atInstant,
    };
    const kinds = ['inclusion_decision', 'consent', 'waiting_duration'];
    const parts: [string, () => Promise<unknown>][] = [
      ['inflow', () => repository.inflow(span)],
      ['outflow', () => repository.outflow(span)],
      ['signal to admission', () => repository.signalToAdmission(span)],
      ['stages (durations, ongoing, caseload)', () => repository.stages(span, OPEN_STAGES)],
      ['relapses', () => repository.relapses(span)],
      ['deadlines', () => repository.deadlines(span, kinds)],
      ['spending', () => repository.spending(span)],
      ['recovery', () => repository.recovery(span, BARC10_REMISSION_THRESHOLD)],
    ];
    const breakdown: string[] = [];
    for (const [label, work] of parts) {
      if ((label === 'spending' && g.spends === null) || (label === 'recovery' && g.measurements === null))
        continue;
      breakdown.push(`${label} ${ms((await measure(5, work)).p50)}`);
    }
    const exportStarted = performance.now();
    const file = await service.export(actor, fiveYears, 'xlsx', 'council');
    const exportMs = performance.now() - exportStarted;

    const waiting = full.stageDurations?.rows.find((r) => r.stage === 'waiting_list');
    console.log('');
    console.log(
      `report: ${full.inflow?.total.signals} signals, ${full.outflow?.total} closed, caseload ${full.caseload?.total}, ` +
        `waiting list median ${waiting?.medianDays} days (q1 ${waiting?.q1Days}, q3 ${waiting?.q3Days}, ` +
        `${waiting?.count} stays), ${full.relapses?.total} relapses, ${full.deadlines?.total.total} deadlines ended; ` +
        `${(bytes / 1024).toFixed(1)} KiB JSON; XLSX for the council ${(file.body.length / 1024).toFixed(0)} KiB in ${ms(exportMs)} ms`,
    );
    console.log(`breakdown, each statement alone (p50 ms): ${breakdown.join(', ')}`);
    console.log(`report region service p50 ms: ${ms(viaService.p50)} (p95 ${ms(viaService.p95)})`);
    console.log(`report region http p50 ms: ${ms(http.p50)} (p95 ${ms(http.p95)}, max ${ms(http.max)})`);
    console.log(`report region one year p50 ms: ${ms(oneYear.p50)} (p95 ${ms(oneYear.p95)})`);
    console.log(`report one team p50 ms: ${ms(oneTeam.p50)} (p95 ${ms(oneTeam.p95)})`);
    console.log(`baseline count(*) group by type p50 ms: ${ms(baseline.p50)} (p95 ${ms(baseline.p95)})`);
    console.log(`ratio baseline/report p50: ${(baseline.p50 / http.p50).toFixed(2)}`);
    console.log(`stage durations from the history (no projection) p50 ms: ${ms(replay.p50)}`);
    console.log(`report region ms: ${ms(http.p50)}`);
    console.log(`goal report region p50 <= ${GOAL_MS} ms: ${http.p50 <= GOAL_MS ? 'met' : 'MISSED'}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  const detail =
    error instanceof BenchFailure
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\nBenchmark failed: ${detail}`);
  process.exitCode = 1;
});
