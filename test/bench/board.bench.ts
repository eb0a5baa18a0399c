/**
 * Board benchmark: `npm run bench:board`. A script, not a test.
 *
 * 1. Region. 50 casusoverleg teams with 200 open trajectories each (10,000) plus closed ones, with their
 *    history, pending deadlines and fired steps, generated in bulk SQL but with the projection the
 *    application would have written: each stage template is walked through the real machine (`applyEvent`),
 *    its machine blockers come from `machineBlockerColumns` (board-projection.ts), its deadlines from
 *    `deadlineChanges` and `scheduleDeadline`, and the deadline summaries are built by the real triggers
 *    (deadline rows inserted, due steps fired with `UPDATE deadline_step SET status = 'fired'`). ANALYZE.
 *    A chair is a member of all 50 teams (the region); a member of one team checks the access rules.
 * 2. Board. The real API in this process (`createApiApp()`), logged in over HTTP, measured over HTTP with a
 *    keep-alive client, one request at a time after warm-up: `GET /api/board?team=` rotating over the teams
 *    and `GET /api/board` (the region). Every response is checked (status, row count) outside the clock.
 * 3. Baseline. A plain indexed SELECT of the same rows (the board's columns, joins and WHERE, without its
 *    ORDER BY and without the service) with `pg`, a named prepared statement as the application uses,
 *    interleaved with the board requests so both see the same machine. Ratio = baseline p95 / board p95.
 * 4. Breakdown. The same boards in-process: the board statement, service (SQL + mapping), blocker derivation,
 *    JSON.stringify, and EXPLAIN ANALYZE of the board statement (custom and generic plan); the plans are
 *    printed in full when a goal is missed.
 * Goals: team p95 ≤ 20 ms, region p95 ≤ 250 ms. A missed goal is a measurement (exit code 0); any error,
 * wrong status or wrong row count aborts the run with a non-zero exit code.
 *
 * Environment:
 * - BENCH_DATABASE_URL: database to use (migrated, not emptied; the bench adds its own teams). Default: a
 *   fresh database with a unique name per run on postgres://postgres@127.0.0.1:5432, or, when that server
 *   does not answer, on an embedded PostgreSQL; dropped afterwards.
 * - BENCH_TEAM_ITERATIONS (default 300), BENCH_REGION_ITERATIONS (default 50): measured requests per mode.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AuthService, PasswordHasher } from '@koers/access';
import { amsterdamDate } from '@koers/clock';
import { policyFor, scheduleDeadline } from '@koers/deadlines';
import { defaultEmbeddedDataDir } from '@koers/embedded-db';
import {
  TRAJECTORY_MACHINE_ID,
  TRAJECTORY_MACHINE_VERSION,
  type Blocker,
  type DeadlineChange,
  type DeadlineFact,
  type DeadlineKind,
  type Stage,
  type TrajectoryEvent,
  applyEvent,
  deadlineBlockers,
  deadlineChanges,
  initialSnapshot,
  persistSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import {
  PREPARE_ALL,
  SAMPLE,
  TO_AFTERCARE,
} from '@koers/machines/trajectory/fixtures/trajectory-events.samples';
import { runMigrations } from '@koers/persistence';
import {
  BLOCKERS_VERSION,
  BOARD_SQL,
  BoardService,
  XSTATE_VERSION,
  machineBlockerColumns,
  mergeBlockers,
} from '@koers/trajectory';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { type BenchDatabase, percentile, cleanUpOnce, provisionBenchDatabase } from './bench-database';
import { type HttpResponse, httpCall } from './bench-http';

const TEAMS = 50;
const OPEN_PER_TEAM = 200;
const DEFAULT_TEAM_ITERATIONS = 300;
const DEFAULT_REGION_ITERATIONS = 50;
const WARMUP_TEAM = 50;
const WARMUP_REGION = 5;
/** In-process breakdown (not the goals): fewer iterations, medians only. */
const BREAKDOWN_TEAM = 100;
const BREAKDOWN_REGION = 15;
const GOAL_TEAM_P95_MS = 20;
const GOAL_REGION_P95_MS = 250;
/** Trajectories generated per transaction. */
const CHUNK = 500;
/** A fixed seed: every run builds the same mix of stages, ages and deadlines. */
const SEED = 20261122;
/** Not the embedded default port/folder: the bench must not touch a developer's `npm start` cluster. */
const EMBEDDED_PORT = 54341;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

class BenchFailure extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Stage templates: event sequences walked once through the real machine. Dates are relative to `now`, so
// some deadlines are due (their steps fire) and some are not.

interface TemplateSpec {
  name: string;
  /** Trajectories of this template per team. */
  perTeam: number;
  /** Days the trajectory has been in its current stage (closed: days since closing), drawn skewed low. */
  stageDays: [number, number];
  events: TrajectoryEvent[];
}

function templateSpecs(now: number): { open: TemplateSpec[]; closed: TemplateSpec[] } {
  const date = (days: number) => amsterdamDate(new Date(now + days * DAY));
  const reached = (kind: DeadlineKind): TrajectoryEvent => ({
    type: 'DEADLINE_REACHED',
    deadlineId: 'bench-template',
    kind,
  });
  const toAdmission = [SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed, ...PREPARE_ALL];
  const housed = (startInDays: number): TrajectoryEvent => ({
    type: 'HOUSED',
    kind: 'social_rent',
    threePartyAgreement: {
      startDate: date(startInDays),
      landlord: 'Woonstichting Bench',
      careProvider: 'Verslavingszorg Bench',
    },
  });
  const open: TemplateSpec[] = [
    { name: 'signal', perTeam: 26, stageDays: [0, 35], events: [] },
    { name: 'consent', perTeam: 18, stageDays: [0, 30], events: [SAMPLE.include] },
    {
      name: 'motivation',
      perTeam: 16,
      stageDays: [0, 60],
      events: [SAMPLE.include, SAMPLE.consentGiven],
    },
    {
      name: 'motivation after relapse',
      perTeam: 6,
      stageDays: [0, 45],
      events: [...TO_AFTERCARE, SAMPLE.contactLogged, SAMPLE.relapsed],
    },
    {
      name: 'waiting list, aftercare not ready',
      perTeam: 22,
      stageDays: [0, 80],
      events: [
        SAMPLE.include,
        SAMPLE.consentGiven,
        SAMPLE.treatmentAgreed,
        SAMPLE.prepareTreatmentFollowup,
        SAMPLE.prepareFinances,
        SAMPLE.contactLogged,
      ],
    },
    {
      name: 'waiting list, ready',
      perTeam: 14,
      stageDays: [0, 60],
      events: [
        SAMPLE.include,
        SAMPLE.consentOverridden,
        SAMPLE.treatmentAgreed,
        ...PREPARE_ALL,
        SAMPLE.contactLogged,
        SAMPLE.contactLogged,
      ],
    },
    {
      name: 'admission',
      perTeam: 26,
      stageDays: [0, 70],
      events: [...toAdmission, SAMPLE.admitted, SAMPLE.contactLogged],
    },
    {
      name: 'admission, urgent',
      perTeam: 6,
      stageDays: [0, 40],
      events: [
        SAMPLE.include,
        SAMPLE.consentGiven,
        SAMPLE.treatmentAgreed,
        SAMPLE.prepareHousing,
        SAMPLE.admittedUrgent,
      ],
    },
    {
      name: 'admission, on leave',
      perTeam: 6,
      stageDays: [3, 40],
      events: [...toAdmission, SAMPLE.admitted, { type: 'LEAVE_STARTED', until: date(5) }],
    },
    {
      name: 'admission, leave overdue',
      perTeam: 4,
      stageDays: [10, 40],
      events: [
        ...toAdmission,
        SAMPLE.admitted,
        { type: 'LEAVE_STARTED', until: date(-4) },
        reached('leave_return'),
      ],
    },
    { name: 'aftercare, just discharged', perTeam: 18, stageDays: [0, 30], events: [...TO_AFTERCARE] },
    {
      name: 'aftercare, housed with agreement',
      perTeam: 14,
      stageDays: [5, 120],
      events: [
        ...TO_AFTERCARE,
        { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: date(60) },
        housed(-80),
        SAMPLE.debtArrangementSet,
      ],
    },
    {
      name: 'aftercare, postal address expiring',
      perTeam: 8,
      stageDays: [10, 100],
      events: [
        ...TO_AFTERCARE,
        { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: date(4) },
        SAMPLE.daytimeArranged,
      ],
    },
    {
      name: 'aftercare, postal address expired',
      perTeam: 6,
      stageDays: [20, 150],
      events: [
        ...TO_AFTERCARE,
        { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: date(-10) },
        reached('postal_address_expiry'),
      ],
    },
    {
      name: 'aftercare, evaluation overdue',
      perTeam: 5,
      stageDays: [30, 150],
      events: [...TO_AFTERCARE, housed(-100), SAMPLE.daytimeArranged],
    },
    {
      name: 'aftercare, ready to close',
      perTeam: 5,
      stageDays: [10, 150],
      events: [
        ...TO_AFTERCARE,
        SAMPLE.housedWithoutAgreement,
        SAMPLE.daytimeArranged,
        SAMPLE.networkAssessed,
      ],
    },
  ];
  const closed: TemplateSpec[] = [
    {
      name: 'closed, goal achieved',
      perTeam: 16,
      stageDays: [0, 300],
      events: [
        ...TO_AFTERCARE,
        { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: date(-120) },
        SAMPLE.postalEnded,
        SAMPLE.housedWithoutAgreement,
        SAMPLE.daytimeArranged,
        SAMPLE.networkAssessed,
        SAMPLE.closedGoalAchieved,
      ],
    },
    { name: 'closed, not included', perTeam: 10, stageDays: [0, 300], events: [SAMPLE.exclude] },
    {
      name: 'closed, consent refused',
      perTeam: 6,
      stageDays: [0, 300],
      events: [SAMPLE.include, SAMPLE.consentRefusedWithReason],
    },
    {
      name: 'closed, moved away',
      perTeam: 8,
      stageDays: [0, 300],
      events: [SAMPLE.include, SAMPLE.consentGiven, SAMPLE.treatmentAgreed, SAMPLE.movedAway],
    },
  ];
  return { open, closed };
}

interface TemplateStep {
  type: string;
  payload: Record<string, unknown>;
  fromStage: string | null;
  toStage: string;
  /** A system event (DEADLINE_REACHED): no user, and the payload names the trajectory's own deadline. */
  reachedKind?: DeadlineKind;
  /** Earliest instant (ms) the step can have happened: a DEADLINE_REACHED follows its overdue step. */
  notBefore?: number;
}

interface PendingDeadline {
  kind: DeadlineKind;
  /** 'event' (the time of the step that started it) or an ISO date from a payload. */
  base: string;
  /** Index of the step that first started it, and of the step that last started (moved) it. */
  firstIndex: number;
  startedIndex: number;
  revision: number;
}

interface Template {
  index: number;
  spec: TemplateSpec;
  closed: boolean;
  stage: Stage;
  snapshot: string;
  blockers: string;
  codes: string[];
  /** Step 0 is the signal registration (seq 1). */
  steps: TemplateStep[];
  lastStageChange: number;
  /** First step from which the machine has blocked without a break (machine_blocked_since), or null. */
  blockedFrom: number | null;
  deadlines: PendingDeadline[];
}

const SIGNAL_PAYLOAD = {
  source: 'police',
  description: 'Overlastmeldingen en middelengebruik in de woning (bench).',
};

/** Walks a template through the machine as the service would: snapshot, blockers and deadline changes. */
function compileTemplate(spec: TemplateSpec, index: number, closed: boolean): Template {
  let snapshot = initialSnapshot();
  const steps: TemplateStep[] = [
    { type: 'SIGNAL_REGISTERED', payload: SIGNAL_PAYLOAD, fromStage: null, toStage: stageOf(snapshot) },
  ];
  const pending = new Map<DeadlineKind, PendingDeadline>();
  const track = (changes: DeadlineChange[], at: number) => {
    for (const change of changes) {
      if (change.op === 'cancel') {
        pending.delete(change.kind);
        continue;
      }
      const moved = pending.get(change.kind);
      pending.set(change.kind, {
        kind: change.kind,
        base: change.base,
        firstIndex: moved?.firstIndex ?? at,
        startedIndex: at,
        revision: (moved?.revision ?? 0) + 1,
      });
    }
  };
  track(deadlineChanges(null, { type: 'SIGNAL_REGISTERED' }, snapshot), 0);
  let blockedFrom = machineBlockerColumns(snapshot).codes.length > 0 ? 0 : null;
  let lastStageChange = 0;
  spec.events.forEach((event, i) => {
    const at = i + 1;
    const result = applyEvent(snapshot, event);
    if (!result.ok) {
      const reasons = result.refusals.map((r) => `${r.code}: ${r.message}`).join('; ');
      throw new BenchFailure(`template "${spec.name}": ${event.type} (step ${at}) refused: ${reasons}`);
    }
    track(deadlineChanges(snapshot, event, result.snapshot), at);
    const { type, ...payload } = event as TrajectoryEvent & Record<string, unknown>;
    const step: TemplateStep = { type, payload, fromStage: result.previousStage, toStage: result.stage };
    if (event.type === 'DEADLINE_REACHED') {
      const deadline = pending.get(event.kind);
      if (!deadline || deadline.base === 'event')
        throw new BenchFailure(`template "${spec.name}": DEADLINE_REACHED without a dated ${event.kind}`);
      step.reachedKind = event.kind;
      const overdue = scheduleDeadline(policyFor(event.kind), deadline.base).steps.find(
        (s) => s.step === 'overdue',
      );
      step.notBefore = overdue ? overdue.fireAt.getTime() + 1000 : undefined;
    }
    steps.push(step);
    if (result.stage !== result.previousStage) lastStageChange = at;
    blockedFrom = machineBlockerColumns(result.snapshot).codes.length > 0 ? (blockedFrom ?? at) : null;
    snapshot = result.snapshot;
  });
  const stage = stageOf(snapshot);
  if ((stage === 'closed') !== closed)
    throw new BenchFailure(`template "${spec.name}" ends in stage ${stage}`);
  const columns = machineBlockerColumns(snapshot);
  return {
    index,
    spec,
    closed,
    stage,
    snapshot: JSON.stringify(persistSnapshot(snapshot)),
    blockers: JSON.stringify(columns.blockers),
    codes: columns.codes,
    steps,
    lastStageChange,
    blockedFrom,
    deadlines: [...pending.values()],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Generation

/** mulberry32: a small seeded PRNG, so every run builds the same region. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BenchUser {
  userId: string;
  username: string;
  password: string;
  partyId: string;
  partyKind: string;
  /** The teams the user is a member of, sorted (as the session lookup lists them). */
  teamIds: string[];
}

interface Region {
  teamIds: string[];
  teamNames: string[];
  chair: BenchUser;
  member: BenchUser;
}

/** Municipalities, teams (casusoverleg), two parties, a chair in every team and a member of the first. */
async function seedRegion(pg: Client): Promise<Region> {
  const tag = randomBytes(4).toString('hex');
  const hasher = new PasswordHasher();
  const chairPassword = randomBytes(12).toString('base64url');
  const memberPassword = randomBytes(12).toString('base64url');
  const { rows: teams } = await pg.query<{ id: string; name: string }>(
    `WITH m AS (
       INSERT INTO municipality (name, code)
       SELECT format('Gemeente Bench %s', lpad(g::text, 2, '0')), format('BENCH-%s-%s', $1::text, g)
         FROM generate_series(1, $2::int) AS g
       RETURNING id, name
     )
     INSERT INTO team (municipality_id, name)
     SELECT id, replace(name, 'Gemeente', 'Casusoverleg') FROM m ORDER BY name
     RETURNING id, name`,
    [tag, TEAMS],
  );
  teams.sort((a, b) => a.name.localeCompare(b.name));
  const users: BenchUser[] = [];
  for (const [role, kind, password] of [
    ['chair', 'municipality', chairPassword],
    ['member', 'addiction_care', memberPassword],
  ] as const) {
    const username = `bench-board-${role}-${tag}`;
    const displayName = role === 'chair' ? 'Bench procesregisseur' : 'Bench casemanager';
    const { rows } = await pg.query<{ user_id: string; party_id: string }>(
      `WITH p AS (INSERT INTO party (kind, name) VALUES ($1, $2) RETURNING id),
            u AS (INSERT INTO app_user (username, display_name, password_hash, party_id, role)
                  SELECT $3, $4, $5, id, $6 FROM p RETURNING id)
       SELECT u.id AS user_id, p.id AS party_id FROM u, p`,
      [kind, `${kind} (bench)`, username, displayName, await hasher.hash(password), role],
    );
    const teamIds = role === 'chair' ? teams.map((t) => t.id) : [teams[0].id];
    await pg.query(`INSERT INTO team_member (team_id, user_id) SELECT unnest($1::uuid[]), $2`, [
      teamIds,
      rows[0].user_id,
    ]);
    users.push({
      userId: rows[0].user_id,
      username,
      password,
      partyId: rows[0].party_id,
      partyKind: kind,
      teamIds: [...teamIds].sort(),
    });
  }
  return {
    teamIds: teams.map((t) => t.id),
    teamNames: teams.map((t) => t.name),
    chair: users[0],
    member: users[1],
  };
}

/** One trajectory's rows, ready for jsonb_to_recordset. */
interface ChunkRows {
  clients: object[];
  trajectories: object[];
  events: object[];
  actions: object[];
  deadlines: object[];
  steps: object[];
}

function emptyChunk(): ChunkRows {
  return { clients: [], trajectories: [], events: [], actions: [], deadlines: [], steps: [] };
}

interface Planned {
  template: Template;
  teamIndex: number;
  number: number;
}

/** Instants of a trajectory's steps: history before its stage, the stage's own steps after it, up to now. */
function stepTimes(template: Template, random: () => number, now: number): number[] {
  const { steps, lastStageChange: last } = template;
  const [min, max] = template.spec.stageDays;
  const times = new Array<number>(steps.length);
  times[last] = now - (min + (max - min) * random() ** 2) * DAY - random() * 8 * HOUR - 10 * MINUTE;
  for (let i = last - 1; i >= 0; i--) times[i] = times[i + 1] - (0.5 + random() * 6) * DAY;
  const after = steps.length - 1 - last;
  for (let j = 1; j <= after; j++) {
    const i = last + j;
    let t = times[last] + ((now - times[last]) * (j - random() * 0.5)) / (after + 1);
    t = Math.max(t, steps[i].notBefore ?? t, times[i - 1] + MINUTE);
    times[i] = Math.min(t, now - (steps.length - i) * MINUTE);
  }
  return times;
}

function addDeadline(
  rows: ChunkRows,
  deadline: { kind: DeadlineKind; base: Date | string; revision: number },
  ids: { id: string; teamId: string; trajectoryId: string; subjectId?: string },
  times: { createdAt: number; updatedAt: number; startedBySeq: number | null },
): void {
  const schedule = scheduleDeadline(policyFor(deadline.kind), deadline.base);
  rows.deadlines.push({
    id: ids.id,
    team_id: ids.teamId,
    trajectory_id: ids.trajectoryId,
    kind: deadline.kind,
    subject_id: ids.subjectId ?? null,
    due_at: schedule.dueAt.toISOString(),
    base: typeof deadline.base === 'string' ? deadline.base : deadline.base.toISOString(),
    revision: deadline.revision,
    started_by_seq: times.startedBySeq,
    created_at: new Date(times.createdAt).toISOString(),
    updated_at: new Date(times.updatedAt).toISOString(),
  });
  for (const step of schedule.steps) {
    rows.steps.push({
      deadline_id: ids.id,
      step: step.step,
      revision: deadline.revision,
      fire_at: step.fireAt.toISOString(),
      recipients: step.recipients,
    });
  }
}

function buildTrajectory(rows: ChunkRows, plan: Planned, region: Region, random: () => number, now: number) {
  const { template, teamIndex } = plan;
  const teamId = region.teamIds[teamIndex];
  const clientId = randomUUID();
  const trajectoryId = randomUUID();
  const times = stepTimes(template, random, now);
  const iso = (index: number) => new Date(times[index]).toISOString();
  const last = template.steps.length - 1;
  rows.clients.push({
    id: clientId,
    team_id: teamId,
    display_name: `Bench cliënt ${String(teamIndex + 1).padStart(2, '0')}-${String(plan.number).padStart(4, '0')}`,
    birth_date: amsterdamDate(new Date(Date.UTC(1960, 0, 1) + Math.floor(random() * 40 * 365) * DAY)),
    created_by: region.chair.userId,
    created_at: iso(0),
  });
  rows.trajectories.push({
    id: trajectoryId,
    client_id: clientId,
    team_id: teamId,
    template: template.index,
    version: template.steps.length,
    stage_entered_at: iso(template.lastStageChange),
    opened_at: iso(0),
    closed_at: template.closed ? iso(last) : null,
    updated_at: iso(last),
    blocked_since: template.blockedFrom === null ? null : iso(template.blockedFrom),
  });
  const deadlineIds = new Map(template.deadlines.map((d) => [d.kind, randomUUID()]));
  template.steps.forEach((step, index) => {
    const byMember = teamIndex === 0 && index % 2 === 0;
    const user = step.reachedKind ? null : byMember ? region.member : region.chair;
    rows.events.push({
      trajectory_id: trajectoryId,
      seq: index + 1,
      type: step.type,
      payload: step.reachedKind
        ? { ...step.payload, deadlineId: deadlineIds.get(step.reachedKind) }
        : step.payload,
      from_stage: step.fromStage,
      to_stage: step.toStage,
      user_id: user?.userId ?? null,
      party_id: user?.partyId ?? null,
      party_kind: user?.partyKind ?? null,
      occurred_at: iso(index),
    });
  });
  for (const deadline of template.deadlines) {
    addDeadline(
      rows,
      {
        ...deadline,
        base: deadline.base === 'event' ? new Date(times[deadline.startedIndex]) : deadline.base,
      },
      { id: deadlineIds.get(deadline.kind) ?? randomUUID(), teamId, trajectoryId },
      {
        createdAt: times[deadline.firstIndex],
        updatedAt: times[deadline.startedIndex],
        startedBySeq: deadline.startedIndex + 1,
      },
    );
  }
  // Actions from the casusoverleg: about one open trajectory in ten has one or two (action_due deadlines).
  if (!template.closed && random() < 0.1) {
    const count = random() < 0.3 ? 2 : 1;
    for (let a = 0; a < count; a++) {
      const actionId = randomUUID();
      const dueDate = amsterdamDate(new Date(now + Math.round(-12 + random() * 32) * DAY));
      const createdAt = now - 21 * DAY + random() * 7 * DAY;
      rows.actions.push({
        id: actionId,
        team_id: teamId,
        client_id: clientId,
        description: 'Bench: afspraak met de woningcorporatie en de cliënt plannen',
        owner_party_kind: 'addiction_care',
        due_date: dueDate,
        created_by: region.chair.userId,
        created_at: new Date(createdAt).toISOString(),
      });
      addDeadline(
        rows,
        { kind: 'action_due', base: dueDate, revision: 1 },
        { id: randomUUID(), teamId, trajectoryId, subjectId: actionId },
        { createdAt, updatedAt: createdAt, startedBySeq: null },
      );
    }
  }
}

async function insertChunk(pg: Client, rows: ChunkRows): Promise<void> {
  const json = (value: object[]) => JSON.stringify(value);
  await pg.query('BEGIN');
  try {
    await pg.query(
      `INSERT INTO client (id, team_id, display_name, birth_date, created_by, created_at)
       SELECT id, team_id, display_name, birth_date, created_by, created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, team_id uuid, display_name text, birth_date date, created_by uuid, created_at timestamptz)`,
      [json(rows.clients)],
    );
    // The trajectory_deadline_summary_row trigger gives every trajectory its (empty) summary row.
    await pg.query(
      `INSERT INTO trajectory (id, client_id, team_id, machine_id, machine_version, xstate_version, snapshot, version,
                               stage, stage_entered_at, opened_at, closed_at, updated_at, machine_blockers,
                               machine_blocker_codes, machine_blocked_since, blockers_version)
       SELECT x.id, x.client_id, x.team_id, $2, $3, $4, bt.snapshot, x.version, bt.stage, x.stage_entered_at,
              x.opened_at, x.closed_at, x.updated_at, bt.blockers, bt.codes, x.blocked_since, $5
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, client_id uuid, team_id uuid, template int, version int, stage_entered_at timestamptz,
                opened_at timestamptz, closed_at timestamptz, updated_at timestamptz, blocked_since timestamptz)
         JOIN bench_template bt ON bt.idx = x.template`,
      [
        json(rows.trajectories),
        TRAJECTORY_MACHINE_ID,
        TRAJECTORY_MACHINE_VERSION,
        XSTATE_VERSION,
        BLOCKERS_VERSION,
      ],
    );
    await pg.query(
      `INSERT INTO trajectory_event (trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_id,
                                     party_kind, occurred_at)
       SELECT trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_id, party_kind, occurred_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(trajectory_id uuid, seq int, type text, payload jsonb, from_stage text, to_stage text, user_id uuid,
                party_id uuid, party_kind text, occurred_at timestamptz)`,
      [json(rows.events)],
    );
    if (rows.actions.length > 0) {
      await pg.query(
        `INSERT INTO action (id, team_id, client_id, description, owner_party_kind, due_date, created_by, created_at)
         SELECT id, team_id, client_id, description, owner_party_kind, due_date, created_by, created_at
           FROM jsonb_to_recordset($1::jsonb)
             AS x(id uuid, team_id uuid, client_id uuid, description text, owner_party_kind text, due_date date,
                  created_by uuid, created_at timestamptz)`,
        [json(rows.actions)],
      );
    }
    // The deadline_summary_refresh trigger refreshes the summary of each deadline's trajectory.
    await pg.query(
      `INSERT INTO deadline (id, team_id, trajectory_id, kind, subject_id, due_at, base, revision, started_by_seq,
                             created_at, updated_at)
       SELECT id, team_id, trajectory_id, kind, subject_id, due_at, base, revision, started_by_seq, created_at,
              updated_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, team_id uuid, trajectory_id uuid, kind text, subject_id uuid, due_at timestamptz, base text,
                revision int, started_by_seq int, created_at timestamptz, updated_at timestamptz)`,
      [json(rows.deadlines)],
    );
    await pg.query(
      `INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       SELECT deadline_id, step, revision, fire_at, recipients
         FROM jsonb_to_recordset($1::jsonb)
           AS x(deadline_id uuid, step text, revision int, fire_at timestamptz, recipients text[])`,
      [json(rows.steps)],
    );
    await pg.query('COMMIT');
  } catch (error) {
    await pg.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface GenerationReport {
  seconds: number;
  analyzeSeconds: number;
  open: number;
  closed: number;
  events: number;
  deadlines: number;
  steps: number;
  fired: number;
  overdue: number;
  escalated: number;
  machineBlocked: number;
  templates: number;
}

async function generateRegion(pg: Client, region: Region): Promise<GenerationReport> {
  const started = performance.now();
  const now = Date.now();
  const specs = templateSpecs(now);
  const openTotal = specs.open.reduce((sum, t) => sum + t.perTeam, 0);
  if (openTotal !== OPEN_PER_TEAM)
    throw new BenchFailure(`templates give ${openTotal} open trajectories per team, not ${OPEN_PER_TEAM}`);
  const templates = [
    ...specs.open.map((spec, i) => compileTemplate(spec, i, false)),
    ...specs.closed.map((spec, i) => compileTemplate(spec, specs.open.length + i, true)),
  ];
  await pg.query(
    `CREATE TEMP TABLE bench_template (idx int PRIMARY KEY, stage text, snapshot jsonb, blockers jsonb, codes text[])`,
  );
  await pg.query(
    `INSERT INTO bench_template SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS x(idx int, stage text, snapshot jsonb, blockers jsonb, codes text[])`,
    [
      JSON.stringify(
        templates.map((t) => ({
          idx: t.index,
          stage: t.stage,
          snapshot: JSON.parse(t.snapshot),
          blockers: JSON.parse(t.blockers),
          codes: t.codes,
        })),
      ),
    ],
  );

  const random = seededRandom(SEED);
  const plans: Planned[] = [];
  for (let teamIndex = 0; teamIndex < TEAMS; teamIndex++) {
    let number = 0;
    for (const template of templates) {
      for (let i = 0; i < template.spec.perTeam; i++) plans.push({ template, teamIndex, number: ++number });
    }
  }
  let events = 0;
  let deadlines = 0;
  let steps = 0;
  for (let from = 0; from < plans.length; from += CHUNK) {
    const rows = emptyChunk();
    for (const plan of plans.slice(from, from + CHUNK)) buildTrajectory(rows, plan, region, random, now);
    await insertChunk(pg, rows);
    events += rows.events.length;
    deadlines += rows.deadlines.length;
    steps += rows.steps.length;
  }
  // The deadline worker's write, for every step that has fallen due: the deadline_step_summary_refresh
  // trigger refreshes the trajectory's summary (overdue_since, escalated_at, facts).
  const fired = await pg.query(
    `UPDATE deadline_step s SET status = 'fired', fired_at = s.fire_at + random() * interval '3 seconds'
       FROM deadline d
      WHERE d.id = s.deadline_id AND d.team_id = ANY($1::uuid[]) AND s.status = 'pending' AND s.fire_at <= $2`,
    [region.teamIds, new Date(now)],
  );
  const seconds = (performance.now() - started) / 1000;

  const analyzeStarted = performance.now();
  await pg.query('ANALYZE');
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

  const { rows } = await pg.query<{
    open: number;
    closed: number;
    overdue: number;
    escalated: number;
    blocked: number;
  }>(
    `SELECT count(*) FILTER (WHERE t.closed_at IS NULL)::int AS open,
            count(*) FILTER (WHERE t.closed_at IS NOT NULL)::int AS closed,
            count(*) FILTER (WHERE t.closed_at IS NULL AND s.overdue_since IS NOT NULL)::int AS overdue,
            count(*) FILTER (WHERE t.closed_at IS NULL AND s.escalated_at IS NOT NULL)::int AS escalated,
            count(*) FILTER (WHERE t.closed_at IS NULL AND cardinality(t.machine_blocker_codes) > 0)::int AS blocked
       FROM trajectory t LEFT JOIN trajectory_deadline_summary s ON s.trajectory_id = t.id
      WHERE t.team_id = ANY($1::uuid[])`,
    [region.teamIds],
  );
  const counts = rows[0];
  if (counts.open !== TEAMS * OPEN_PER_TEAM)
    throw new BenchFailure(`${counts.open} open trajectories generated, expected ${TEAMS * OPEN_PER_TEAM}`);
  return {
    seconds,
    analyzeSeconds,
    open: counts.open,
    closed: counts.closed,
    events,
    deadlines,
    steps,
    fired: fired.rowCount ?? 0,
    overdue: counts.overdue,
    escalated: counts.escalated,
    machineBlocked: counts.blocked,
    templates: templates.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The raw baseline: the board's own statement (BOARD_SQL: its columns, joins and WHERE) run with `pg` directly,
// without the service. The run checks that it, ordered as the service orders, returns the region board's rows in
// the board's order, so a drift fails loudly instead of measuring something else.

const BOARD_SELECT = BOARD_SQL;
const BOARD_ORDER = `
   ORDER BY s.escalated_at IS NULL, s.overdue_since IS NULL, LEAST(t.machine_blocked_since, s.overdue_since) NULLS LAST,
            t.stage_entered_at, c.id`;
const BOARD_PARAMETER_TYPES = 'uuid[], text, text, jsonb[], date';

/** A board row as the statement returns it (BoardRowData). */
interface BoardSqlRow {
  clientId: string;
  teamId: string;
  stageEnteredAt: number;
  /** JSON text, as the board statement returns it. */
  machineBlockers: string;
  facts: string;
}

/** The parameters the board service passes for the chair: all its teams, no invitations, maybe one team. */
const boardParameters = (region: Region, team: string | undefined) => [
  team ? [team] : region.chair.teamIds,
  null,
  null,
  [],
  amsterdamDate(new Date()),
];

async function baselineRows(pool: Pool, region: Region, team: string | undefined): Promise<BoardSqlRow[]> {
  const result = await pool.query<BoardSqlRow>({
    name: 'bench_board_baseline',
    text: BOARD_SELECT,
    values: boardParameters(region, team),
  });
  return result.rows;
}

/** The board's own statement (with its ORDER BY), for the breakdown and the check against the board. */
async function orderedRows(pool: Pool, region: Region, team: string | undefined): Promise<BoardSqlRow[]> {
  const result = await pool.query<BoardSqlRow>({
    name: 'bench_board_ordered',
    text: `${BOARD_SELECT} ${BOARD_ORDER}`,
    values: boardParameters(region, team),
  });
  return result.rows;
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

class ApiClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string) {}

  async login(user: { username: string; password: string }): Promise<string> {
    const response = await httpCall(
      this.agent,
      'POST',
      `${this.base}/auth/login`,
      undefined,
      JSON.stringify({ username: user.username, password: user.password }),
    );
    if (response.status !== 200)
      throw new BenchFailure(`login ${user.username}: HTTP ${response.status} ${response.body.toString()}`);
    return (JSON.parse(response.body.toString('utf8')) as { token: string }).token;
  }

  board(token: string, team?: string): Promise<HttpResponse> {
    const query = team ? `?team=${team}` : '';
    return httpCall(this.agent, 'GET', `${this.base}/board${query}`, token);
  }

  close(): void {
    this.agent.destroy();
  }
}

interface BoardBody {
  generatedAt: string;
  rows: { clientId: string; team: { id: string } }[];
}

/** Status and rows of a board response, against the rows the baseline read. */
function checkBoard(what: string, response: HttpResponse, expected: number): BoardBody {
  if (response.status !== 200)
    throw new BenchFailure(`${what}: HTTP ${response.status} ${response.body.toString().slice(0, 300)}`);
  const body = JSON.parse(response.body.toString('utf8')) as BoardBody;
  if (body.rows.length !== expected)
    throw new BenchFailure(`${what}: ${body.rows.length} rows, expected ${expected}`);
  return body;
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

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

interface ModeResult {
  board: Stats;
  baseline: Stats;
  bytes: number;
  rows: number;
}

/**
 * `iterations` board requests and as many baseline reads, interleaved (alternating which goes first), each
 * checked outside the clock; `targets[i % targets.length]` is the team (undefined: the region).
 */
async function measureMode(
  api: ApiClient,
  pool: Pool,
  token: string,
  region: Region,
  targets: (string | undefined)[],
  expected: Map<string | undefined, number>,
  warmup: number,
  iterations: number,
): Promise<ModeResult> {
  const board: number[] = [];
  const baseline: number[] = [];
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const team = targets[i % targets.length];
    const count = expected.get(team) ?? 0;
    const viaBoard = async () => {
      const { ms, value } = await timed(() => api.board(token, team));
      checkBoard(team ? `board team ${team}` : 'board region', value, count);
      if (i >= warmup) board.push(ms);
      bytes = Math.max(bytes, value.body.length);
      rows = Math.max(rows, count);
    };
    const viaBaseline = async () => {
      const { ms, value } = await timed(() => baselineRows(pool, region, team));
      if (value.length !== count) throw new BenchFailure(`baseline: ${value.length} rows, expected ${count}`);
      if (i >= warmup) baseline.push(ms);
    };
    if (i % 2 === 0) {
      await viaBoard();
      await viaBaseline();
    } else {
      await viaBaseline();
      await viaBoard();
    }
  }
  return { board: stats(board), baseline: stats(baseline), bytes, rows };
}

interface Breakdown {
  sql: Stats;
  service: Stats;
  blockers: Stats;
  stringify: Stats;
  bytes: number;
  /** Blockers on the last board derived (machine and deadline, merged). */
  derivedBlockers: number;
}

/**
 * The same boards in-process: the board statement (+ pg parsing), the service (its SQL + mapping, as the
 * logged-in chair), the blocker derivation alone, and JSON.stringify of the service's answer.
 */
async function breakdown(
  app: INestApplication,
  pool: Pool,
  region: Region,
  token: string,
  teams: (string | undefined)[],
  iterations: number,
): Promise<Breakdown> {
  const service = app.get(BoardService);
  const actor = await app.get(AuthService).authenticate(token);
  if (!actor) throw new BenchFailure("the chair's session does not authenticate in-process");
  const sql: number[] = [];
  const serviceMs: number[] = [];
  const blockers: number[] = [];
  const stringify: number[] = [];
  let bytes = 0;
  let derivedBlockers = 0;
  for (let i = 0; i < iterations; i++) {
    const team = teams[i % teams.length];
    const { ms: sqlMs, value: rows } = await timed(() => orderedRows(pool, region, team));
    sql.push(sqlMs);
    const derivationStarted = performance.now();
    let derived = 0;
    for (const row of rows)
      derived += mergeBlockers(
        JSON.parse(row.machineBlockers) as Blocker[],
        deadlineBlockers(JSON.parse(row.facts) as DeadlineFact[]),
      ).length;
    blockers.push(performance.now() - derivationStarted);
    derivedBlockers = derived;
    const { ms, value: board } = await timed(() => service.board(actor, team ? { team } : {}));
    serviceMs.push(ms);
    const jsonStarted = performance.now();
    bytes = Buffer.byteLength(JSON.stringify(board));
    stringify.push(performance.now() - jsonStarted);
  }
  return {
    sql: stats(sql),
    service: stats(serviceMs),
    blockers: stats(blockers),
    stringify: stats(stringify),
    bytes,
    derivedBlockers,
  };
}

interface Explained {
  custom: string[];
  generic: string[];
  customMs: number;
  genericMs: number;
}

/**
 * EXPLAIN ANALYZE of the board statement, prepared as the repository prepares it: with a custom plan (for
 * these parameters) and with the generic plan PostgreSQL may switch a prepared statement to after five runs.
 */
async function explainBoard(url: string, region: Region, team: string | undefined): Promise<Explained> {
  const client = new Client({ connectionString: url, application_name: 'koers-bench-board-explain' });
  await client.connect();
  try {
    await client.query(`PREPARE bench_board (${BOARD_PARAMETER_TYPES}) AS ${BOARD_SELECT} ${BOARD_ORDER}`);
    // Literals of our own uuids: EXPLAIN EXECUTE takes no bind parameters.
    const teams = client.escapeLiteral(`{${(team ? [team] : region.chair.teamIds).join(',')}}`);
    const explain = async (mode: 'force_custom_plan' | 'force_generic_plan') => {
      await client.query(`SET plan_cache_mode = ${mode}`);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_board (${teams}, NULL, NULL, '{}', '${amsterdamDate(new Date())}')`,
      );
      const lines = rows.map((row) => row['QUERY PLAN']);
      const execution = lines.find((line) => line.startsWith('Execution Time'));
      return { lines, ms: Number(/([\d.]+) ms/.exec(execution ?? '')?.[1] ?? NaN) };
    };
    await explain('force_custom_plan'); // warm the cache
    const custom = await explain('force_custom_plan');
    const generic = await explain('force_generic_plan');
    return { custom: custom.lines, generic: generic.lines, customMs: custom.ms, genericMs: generic.ms };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new BenchFailure(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  }
  return value;
}

const ms = (value: number) => value.toFixed(2);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
/** A plan line without the full list of 50 team ids. */
const clip = (line: string) => (line.length > 240 ? `${line.slice(0, 240)}…` : line);

function printBreakdown(name: string, http: Stats, b: Breakdown): void {
  const rest = http.p50 - b.service.p50 - b.stringify.p50;
  console.log(
    `  ${name} (p50 ms): board SQL + pg parsing ${ms(b.sql.p50)}, service (SQL + mapping) ` +
      `${ms(b.service.p50)}, of which blocker derivation ${ms(b.blockers.p50)} (${b.derivedBlockers} blockers); JSON.stringify ` +
      `${ms(b.stringify.p50)} (${kib(b.bytes)}); HTTP total ${ms(http.p50)}, so Nest/Express/socket ≈ ${ms(rest)}`,
  );
  console.log(
    `  ${name} (p95 ms): board SQL ${ms(b.sql.p95)}, service ${ms(b.service.p95)}, derivation ` +
      `${ms(b.blockers.p95)}, JSON.stringify ${ms(b.stringify.p95)}`,
  );
}

// ---------------------------------------------------------------------------------------------------------

/** A database name no other run uses: provisionBenchDatabase drops and recreates it. */
function uniqueDatabaseName(): string {
  return `koers_bench_board_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function main(): Promise<void> {
  const teamIterations = intFromEnv('BENCH_TEAM_ITERATIONS', DEFAULT_TEAM_ITERATIONS);
  const regionIterations = intFromEnv('BENCH_REGION_ITERATIONS', DEFAULT_REGION_ITERATIONS);
  const name = uniqueDatabaseName();
  // provisionBenchDatabase names the embedded fallback's data folder after the database: ours alone, removed
  // afterwards.
  const embeddedDir = join(dirname(defaultEmbeddedDataDir()), `${name}-postgres`);
  const embeddedDirExisted = existsSync(embeddedDir);
  let database: BenchDatabase | undefined;
  let pg: Client | undefined;
  let pool: Pool | undefined;
  let app: INestApplication | undefined;
  let api: ApiClient | undefined;
  const stopEverything = async () => {
    api?.close();
    await app?.close().catch((error: unknown) => console.error(`closing the API: ${String(error)}`));
    await pool?.end().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await database?.stop();
    if (!embeddedDirExisted && existsSync(embeddedDir)) rmSync(embeddedDir, { recursive: true, force: true });
  };
  const cleanUp = cleanUpOnce(stopEverything, 'dropping the bench database');
  try {
    database = await provisionBenchDatabase(name, EMBEDDED_PORT);
    await runMigrations(database.url);
    pg = new Client({ connectionString: database.url, application_name: 'koers-bench-board-generate' });
    await pg.connect();
    console.log(`Koers board benchmark on ${database.description}`);
    console.log(
      `Node ${process.version} on ${cpus().length} CPUs shared with PostgreSQL and the API (in this process): ` +
        'timings are noisy; board and baseline are interleaved so both see the same machine.',
    );

    const region = await seedRegion(pg);
    const generation = await generateRegion(pg, region);
    await pg.end();
    pg = undefined;
    console.log(
      `Region: ${TEAMS} teams × ${OPEN_PER_TEAM} open trajectories = ${generation.open} open + ` +
        `${generation.closed} closed (${generation.templates} stage templates); ${generation.events} events, ` +
        `${generation.deadlines} pending deadlines with ${generation.steps} steps, ${generation.fired} fired`,
    );
    console.log(
      `  open rows: ${generation.overdue} overdue, ${generation.escalated} escalated, ` +
        `${generation.machineBlocked} with machine blockers`,
    );
    console.log(`generation seconds: ${generation.seconds.toFixed(2)}`);
    console.log(`analyze seconds: ${generation.analyzeSeconds.toFixed(2)}`);

    // The API as main.ts builds it, in this process, on the bench database only.
    process.env.DATABASE_URL = database.url;
    process.env.LOG_LEVEL = 'error';
    delete process.env.REDIS_URL; // queues (unused here) stay in the bench database
    delete process.env.TEST_CLOCK;
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    api = new ApiClient(`http://127.0.0.1:${port}/api`);
    pool = new Pool({ connectionString: database.url, max: 1, application_name: 'koers-bench-board-raw' });

    // What each board must hold, from the baseline; the board must hold the same rows in the repository's order.
    const expected = new Map<string | undefined, number>();
    for (const team of [...region.teamIds, undefined])
      expected.set(team, (await baselineRows(pool, region, team)).length);
    const chairToken = await api.login(region.chair);
    const memberToken = await api.login(region.member);
    for (const team of [region.teamIds[0], undefined]) {
      const ordered = await orderedRows(pool, region, team);
      const board = checkBoard(
        `board ${team ?? 'region'}`,
        await api.board(chairToken, team),
        ordered.length,
      );
      if (board.rows.some((row, i) => row.clientId !== ordered[i].clientId))
        throw new BenchFailure(
          `board ${team ?? 'region'}: the board and the bench's copy of its statement disagree on the rows or ` +
            'their order (BoardRepository changed? update BOARD_SELECT / BOARD_ORDER)',
        );
    }
    // Access: the member sees their one team without ?team=, and no other team.
    checkBoard('member board', await api.board(memberToken), expected.get(region.teamIds[0]) ?? 0);
    const foreign = await api.board(memberToken, region.teamIds[1]);
    if (foreign.status !== 404)
      throw new BenchFailure(`member board of another team: HTTP ${foreign.status}`);

    console.log(
      `Measuring: ${teamIterations} team boards (rotating over ${TEAMS} teams, warm-up ${WARMUP_TEAM}) and ` +
        `${regionIterations} region boards (warm-up ${WARMUP_REGION}), one request at a time, keep-alive; ` +
        'each interleaved with a baseline read',
    );
    const team = await measureMode(
      api,
      pool,
      chairToken,
      region,
      region.teamIds,
      expected,
      WARMUP_TEAM,
      teamIterations,
    );
    const whole = await measureMode(
      api,
      pool,
      chairToken,
      region,
      [undefined],
      expected,
      WARMUP_REGION,
      regionIterations,
    );

    console.log('Breakdown (in-process, same data):');
    const teamBreakdown = await breakdown(app, pool, region, chairToken, region.teamIds, BREAKDOWN_TEAM);
    const regionBreakdown = await breakdown(app, pool, region, chairToken, [undefined], BREAKDOWN_REGION);
    printBreakdown('team', team.board, teamBreakdown);
    printBreakdown('region', whole.board, regionBreakdown);
    const teamPlan = await explainBoard(database.url, region, region.teamIds[0]);
    const regionPlan = await explainBoard(database.url, region, undefined);
    console.log(
      `  EXPLAIN ANALYZE execution (custom / generic plan): team ${ms(teamPlan.customMs)} / ` +
        `${ms(teamPlan.genericMs)} ms, region ${ms(regionPlan.customMs)} / ${ms(regionPlan.genericMs)} ms`,
    );
    const teamMet = team.board.p95 <= GOAL_TEAM_P95_MS;
    const regionMet = whole.board.p95 <= GOAL_REGION_P95_MS;
    for (const [missed, label, plan] of [
      [!teamMet, 'team', teamPlan],
      [!regionMet, 'region', regionPlan],
    ] as const) {
      if (!missed) continue;
      console.log(`  ${label} board plan (custom):`);
      for (const line of plan.custom) console.log(`    ${clip(line)}`);
      console.log(`  ${label} board plan (generic, as a prepared statement may run it):`);
      for (const line of plan.generic) console.log(`    ${clip(line)}`);
    }

    console.log('');
    console.log(
      `rows per board: team ${team.rows} (${kib(team.bytes)}), region ${whole.rows} (${kib(whole.bytes)})`,
    );
    console.log(`board team p50 ms: ${ms(team.board.p50)}`);
    console.log(`board team p95 ms: ${ms(team.board.p95)}`);
    console.log(`baseline team p50 ms: ${ms(team.baseline.p50)}`);
    console.log(`baseline team p95 ms: ${ms(team.baseline.p95)}`);
    console.log(`ratio team baseline/board p95: ${(team.baseline.p95 / team.board.p95).toFixed(2)}`);
    console.log(`board region p50 ms: ${ms(whole.board.p50)}`);
    console.log(`board region p95 ms: ${ms(whole.board.p95)}`);
    console.log(`baseline region p50 ms: ${ms(whole.baseline.p50)}`);
    console.log(`baseline region p95 ms: ${ms(whole.baseline.p95)}`);
    console.log(`ratio region baseline/board p95: ${(whole.baseline.p95 / whole.board.p95).toFixed(2)}`);
    console.log(
      `goal team p95 <= ${GOAL_TEAM_P95_MS} ms: ${teamMet ? 'met' : 'MISSED'}; ` +
        `goal region p95 <= ${GOAL_REGION_P95_MS} ms: ${regionMet ? 'met' : 'MISSED'}`,
    );
    console.log(`goals: ${teamMet && regionMet ? 'met' : 'MISSED'}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  // A wrong answer or a bad setting explains itself; anything else is a bug and needs its stack.
  const detail =
    error instanceof BenchFailure
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\nBenchmark failed: ${detail}`);
  process.exitCode = 1;
});
