/**
 * Event throughput benchmark: `npm run bench:events`. A script, not a test.
 *
 * Walks many clients through a full trajectory at concurrency 8, three ways, on one database:
 * - service: `TrajectoryService.recordEvent` in a Nest application context of the real modules;
 * - http:    `POST /api/clients/:id/events` on the real API (its own process, as in production), keep-alive;
 * - raw:     only the unit of work every event needs (update snapshot + insert event + insert outbox row,
 *            one transaction) with plain `pg`: the ceiling the other two are measured against.
 * It prints events/s and p50/p99 latency per mode, then the ratios against raw (goals: service ≥ 0.50,
 * http ≥ 0.30). Any refused or failed event aborts the run: a benchmark that measures errors is worthless.
 *
 * Environment:
 * - BENCH_DATABASE_URL: database to use (migrated, not emptied). Default: a fresh `koers_bench` on
 *   postgres://postgres@127.0.0.1:5432, or, when that server does not answer, on an embedded PostgreSQL.
 * - BENCH_CLIENTS: clients walked per mode (default 200).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { PasswordHasher, type Actor, actorFrom } from '@koers/access';
import { ClockModule } from '@koers/clock';
import { ConfigModule } from '@koers/config';
import { DomainException } from '@koers/errors';
import { AFTERCARE_ITEMS, type TrajectoryEvent } from '@koers/machines/trajectory';
import { TOPIC_TRAJECTORY_EVENT_RECORDED } from '@koers/outbox';
import { PersistenceModule, runMigrations } from '@koers/persistence';
import { CreateClientDto, TrajectoryModule, TrajectoryService } from '@koers/trajectory';
import { percentile, provisionBenchDatabase } from './bench-database';

const CONCURRENCY = 8;
const DEFAULT_CLIENTS = 200;
/** Clients walked before each measured phase (4 per worker), so JIT, pools and caches are warm. */
const WARMUP_CLIENTS = 4 * CONCURRENCY;
const BENCH_DATABASE = 'koers_bench';
/** Not the embedded default port/folder: the bench must not touch a developer's `npm start` cluster. */
const EMBEDDED_PORT = 54339;
const GOALS = [
  { mode: 'service', min: 0.5 },
  { mode: 'http', min: 0.3 },
] as const;

/** A full trajectory after the signal: 17 events from `signal` to `closed` with goal_achieved. */
const TRAJECTORY: readonly TrajectoryEvent[] = [
  {
    type: 'INCLUSION_DECIDED',
    included: true,
    criteria: ['serious_substance_use_disorder', 'resident', 'disproportionate_care_use'],
    reasons: 'Ernstige verslaving en veel zorggebruik zonder verandering; past binnen de aanpak.',
  },
  { type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen de casusoverleg voor het traject' },
  { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
  ...AFTERCARE_ITEMS.map((item) => ({ type: 'AFTERCARE_ITEM_PREPARED' as const, item })),
  { type: 'ADMITTED', facility: 'Kliniek De Overstap (bench)' },
  { type: 'LEAVE_STARTED', until: '2099-01-01' },
  { type: 'LEAVE_ENDED', note: 'Terug in de kliniek na een rustig weekend thuis.' },
  { type: 'DISCHARGED', completed: true },
  { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2099-01-01' },
  {
    type: 'HOUSED',
    kind: 'social_rent',
    threePartyAgreement: {
      startDate: '2099-01-01',
      landlord: 'Woonstichting Bench',
      careProvider: 'Verslavingszorg Bench',
    },
  },
  { type: 'DAYTIME_ARRANGED', kind: 'volunteer_work' },
  { type: 'NETWORK_ASSESSED', healthyEngaged: true, unhealthyAtDistance: true },
  { type: 'TRAJECTORY_CLOSED', reason: 'goal_achieved', stillUsing: 'no' },
];

// ---------------------------------------------------------------------------------------------------------
// Drivers: one way each of sending events into Koers, so all modes are walked by the same code.

interface StepResult {
  version: number;
  stage: string;
}

interface Driver {
  /** Opens a trajectory (the signal) and returns the id that events are sent to. */
  open(index: number): Promise<string>;
  /** Sends TRAJECTORY[step] with `expectedVersion`; rejects, with the reason, when it was not accepted. */
  send(id: string, step: number, expectedVersion: number): Promise<StepResult>;
  /** Something worth reporting about how the phase ran. */
  note?(): string;
}

interface BenchContext {
  url: string;
  actor: Actor;
  credentials: { username: string; password: string };
}

/** What the service stored for one walked client; the raw mode writes the same rows. */
interface Reference {
  /** The closed trajectory's snapshot, as stored (JSON). */
  snapshot: string;
  /** The history rows of the TRAJECTORY events, in order. */
  steps: { type: string; payload: string; fromStage: string; toStage: string }[];
}

class BenchFailure extends Error {}

function clientDto(index: number): CreateClientDto {
  return {
    displayName: `Bench client ${index}`,
    signal: { source: 'police', description: 'Overlastmeldingen en middelengebruik in de woning (bench).' },
  };
}

function refused(
  mode: string,
  id: string,
  step: number,
  expectedVersion: number,
  reason: string,
): BenchFailure {
  const where = `${TRAJECTORY[step].type} (step ${step + 1}/${TRAJECTORY.length}, expectedVersion ${expectedVersion})`;
  return new BenchFailure(`${mode}: ${where} for ${id} was not accepted: ${reason}`);
}

function domainReason(error: unknown): string {
  if (!(error instanceof DomainException)) return error instanceof Error ? error.message : String(error);
  // The message already quotes each detail's text; add the stable codes (and fields) behind it.
  const codes = error.details.map((detail) =>
    detail.field ? `${detail.field}: ${detail.code}` : detail.code,
  );
  return codes.length > 0 ? `${error.message} [${codes.join(', ')}]` : error.message;
}

@Module({ imports: [ConfigModule.forRoot(), ClockModule, PersistenceModule, TrajectoryModule] })
class BenchServiceModule {}

async function withServiceDriver<T>(bench: BenchContext, use: (driver: Driver) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(BenchServiceModule, { logger: ['error', 'warn'] });
  try {
    const service = app.get(TrajectoryService);
    return await use({
      open: (index) => service.registerClient(bench.actor, clientDto(index)),
      send: (id, step, expectedVersion) =>
        service
          .recordEvent(bench.actor, id, { ...TRAJECTORY[step], expectedVersion })
          .catch((error: unknown) => {
            throw refused('service', id, step, expectedVersion, domainReason(error));
          }),
    });
  } finally {
    await app.close();
  }
}

async function withHttpDriver<T>(bench: BenchContext, use: (driver: Driver) => Promise<T>): Promise<T> {
  // The API runs in its own process, as in production: the load generator does not share its event
  // loop. Same build, same database.
  const port = await freePort();
  const api = fork(join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js'), [], {
    env: { ...process.env, DATABASE_URL: bench.url, PORT: String(port), LOG_LEVEL: 'error' },
    stdio: 'inherit',
  });
  // A plain keep-alive agent with one socket per worker: the load generator shares the machine's two
  // CPUs with the API and PostgreSQL, and node:http costs it far less CPU per request than fetch.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, api);
    let requests = 0;
    const base = `http://127.0.0.1:${port}/api`;
    const call = async <R>(path: string, body: unknown, status: number, token?: string): Promise<R> => {
      requests++;
      const response = await post(agent, `${base}${path}`, JSON.stringify(body), token);
      if (response.status !== status)
        throw new BenchFailure(`HTTP ${response.status} on ${path}: ${response.text}`);
      return JSON.parse(response.text) as R;
    };
    const { token } = await call<{ token: string }>('/auth/login', bench.credentials, 200);
    return await use({
      open: async (index) =>
        (await call<{ client: { id: string } }>('/clients', clientDto(index), 201, token)).client.id,
      send: async (id, step, expectedVersion) => {
        const body = { ...TRAJECTORY[step], expectedVersion };
        const view = await call<StepResult>(`/clients/${id}/events`, body, 200, token).catch(
          (error: unknown) => {
            throw refused('http', id, step, expectedVersion, domainReason(error));
          },
        );
        return { version: view.version, stage: view.stage };
      },
      note: () => `${requests} requests to the API process (keep-alive)`,
    });
  } finally {
    agent.destroy();
    api.kill('SIGTERM');
    await once(api, 'exit');
  }
}

function post(
  agent: Agent,
  url: string,
  body: string,
  token?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const req = httpRequest(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new BenchFailure(`the API process exited with code ${api.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new BenchFailure('the API process did not answer /api/health within 30 s');
}

/** The raw mode's trajectories are plain rows: a client and its trajectory, inserted in one statement. */
async function insertRawTrajectory(pool: Pool, bench: BenchContext, reference: Reference, index: number) {
  const { rows } = await pool.query<{ id: string }>(
    `WITH c AS (
       INSERT INTO client (team_id, display_name, created_by) VALUES ($1, $2, $3) RETURNING id
     )
     INSERT INTO trajectory (client_id, team_id, machine_id, machine_version, xstate_version, snapshot, version, stage,
                             stage_entered_at, opened_at, updated_at)
     SELECT c.id, $1, 'trajectory', 1, 'bench', $4, 1, 'signal', now(), now(), now() FROM c RETURNING id`,
    [bench.actor.teamIds[0], `Bench raw client ${index}`, bench.actor.userId, reference.snapshot],
  );
  return rows[0].id;
}

/** The unit of work of one event, nothing else: update snapshot, insert event, insert outbox row. */
async function rawUnitOfWork(
  pool: Pool,
  bench: BenchContext,
  reference: Reference,
  id: string,
  step: number,
) {
  const event = reference.steps[step];
  const now = new Date();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ version: number }>(
      `UPDATE trajectory SET snapshot = $2, version = version + 1, stage = $3, stage_entered_at = $4,
              closed_at = $5, updated_at = $4
        WHERE id = $1 RETURNING version`,
      [id, reference.snapshot, event.toStage, now, event.toStage === 'closed' ? now : null],
    );
    const seq = rows[0].version;
    const { actor } = bench;
    await client.query(
      `INSERT INTO trajectory_event (trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_id,
                                     party_kind, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        seq,
        event.type,
        event.payload,
        event.fromStage,
        event.toStage,
        actor.userId,
        actor.partyId,
        actor.partyKind,
        now,
      ],
    );
    await client.query(`INSERT INTO outbox_message (topic, payload, created_at) VALUES ($1, $2, $3)`, [
      TOPIC_TRAJECTORY_EVENT_RECORDED,
      JSON.stringify({ trajectoryId: id, seq }),
      now,
    ]);
    await client.query('COMMIT');
    return { version: seq, stage: event.toStage };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function withRawDriver<T>(
  bench: BenchContext,
  reference: Reference,
  use: (driver: Driver) => Promise<T>,
): Promise<T> {
  const pool = new Pool({
    connectionString: bench.url,
    max: CONCURRENCY,
    application_name: 'koers-bench-raw',
  });
  try {
    return await use({
      open: (index) => insertRawTrajectory(pool, bench, reference, index),
      send: (id, step, expectedVersion) =>
        rawUnitOfWork(pool, bench, reference, id, step).catch((error: unknown) => {
          throw refused('raw', id, step, expectedVersion, domainReason(error));
        }),
    });
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Walking and measuring

/**
 * Runs `work` on every item with CONCURRENCY workers; each worker takes the next item when it is done.
 * After a failure no new item starts, and the first failure is thrown once every worker has stopped, so
 * nothing still uses a connection or app that the caller is about to close.
 */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker);
  const failure = (await Promise.allSettled(workers)).find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

function openClients(driver: Driver, count: number): Promise<string[]> {
  return inParallel(
    Array.from({ length: count }, (_, index) => index),
    (index) => driver.open(index),
  );
}

/** Walks one client from `signal` to `closed`, checking every response; returns each event's latency (ms). */
async function walkClient(driver: Driver, id: string): Promise<number[]> {
  const latencies: number[] = [];
  let version = 1;
  let stage = 'signal';
  for (let step = 0; step < TRAJECTORY.length; step++) {
    const started = performance.now();
    const result = await driver.send(id, step, version);
    latencies.push(performance.now() - started);
    if (result.version !== version + 1) {
      throw refused(
        'bench',
        id,
        step,
        version,
        `answered version ${result.version}, expected ${version + 1}`,
      );
    }
    ({ version, stage } = result);
  }
  if (stage !== 'closed') throw new BenchFailure(`${id} ended in stage ${stage}, not closed`);
  return latencies;
}

async function walkClients(driver: Driver, ids: string[]): Promise<number[]> {
  return (await inParallel(ids, (id) => walkClient(driver, id))).flat();
}

interface PhaseResult {
  mode: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  note?: string;
}

/**
 * Warm-up, then opens `clients` trajectories (not timed: events/s counts events only) and walks them all.
 */
async function measure(mode: string, driver: Driver, clients: number): Promise<PhaseResult> {
  await walkClients(driver, await openClients(driver, WARMUP_CLIENTS));
  const ids = await openClients(driver, clients);
  const started = performance.now();
  const latencies = await walkClients(driver, ids);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    mode,
    events: latencies.length,
    seconds,
    eventsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    note: driver.note?.(),
  };
  console.log(`  ${mode}: ${result.eventsPerSecond.toFixed(0)} events/s`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Organisation set-up

/** One municipality, team, party and user, in one statement; names are unique so a reused database works. */
async function seedOrganisation(url: string): Promise<Omit<BenchContext, 'url'>> {
  const tag = randomBytes(4).toString('hex');
  const username = `bench-${tag}`;
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await new PasswordHasher().hash(password);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ team_id: string; user_id: string; party_id: string }>(
      `WITH m AS (INSERT INTO municipality (name, code) VALUES ('Gemeente Bench', $1) RETURNING id),
            t AS (INSERT INTO team (municipality_id, name) SELECT id, 'Casusoverleg Bench' FROM m RETURNING id),
            p AS (INSERT INTO party (kind, name) VALUES ('addiction_care', 'Verslavingszorg Bench') RETURNING id),
            u AS (INSERT INTO app_user (username, display_name, password_hash, party_id, role)
                  SELECT $2, 'Bench user', $3, id, 'member' FROM p RETURNING id),
            tm AS (INSERT INTO team_member (team_id, user_id) SELECT t.id, u.id FROM t, u)
       SELECT t.id AS team_id, u.id AS user_id, p.id AS party_id FROM t, u, p`,
      [`BENCH-${tag}`, username, passwordHash],
    );
    const { team_id, user_id, party_id } = rows[0];
    return {
      actor: actorFrom({
        userId: user_id,
        username,
        displayName: 'Bench user',
        partyId: party_id,
        partyKind: 'addiction_care',
        role: 'member',
        memberTeamIds: [team_id],
        sessionId: 'bench',
      }),
      credentials: { username, password },
    };
  } finally {
    await client.end();
  }
}

/** Walks one client through the service and reads back what it stored, for the raw mode to write. */
async function recordReference(bench: BenchContext): Promise<Reference> {
  const clientId = await withServiceDriver(bench, async (driver) => {
    const id = await driver.open(0);
    await walkClient(driver, id);
    return id;
  });
  const client = new Client({ connectionString: bench.url });
  await client.connect();
  try {
    const { rows: trajectories } = await client.query<{ id: string; snapshot: string }>(
      `SELECT id, snapshot::text AS snapshot FROM trajectory WHERE client_id = $1`,
      [clientId],
    );
    const { rows: steps } = await client.query<Reference['steps'][number]>(
      `SELECT type, payload::text AS payload, from_stage AS "fromStage", to_stage AS "toStage"
         FROM trajectory_event WHERE trajectory_id = $1 AND seq > 1 ORDER BY seq`,
      [trajectories[0].id],
    );
    return { snapshot: trajectories[0].snapshot, steps };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

function clientsFromEnv(): number {
  const raw = process.env.BENCH_CLIENTS;
  if (raw === undefined || raw === '') return DEFAULT_CLIENTS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new BenchFailure(`BENCH_CLIENTS must be a whole number ≥ 1 (got "${raw}")`);
  }
  return value;
}

function printReport(results: PhaseResult[], rawBaseline: number): void {
  const row = (cells: string[]) =>
    console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(10))).join(' '));
  console.log('');
  row(['mode', 'events', 'seconds', 'events/s', 'p50 ms', 'p99 ms']);
  for (const r of results) {
    row([
      r.mode,
      String(r.events),
      r.seconds.toFixed(2),
      r.eventsPerSecond.toFixed(1),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
    ]);
  }
  row(['raw mean', '', '', rawBaseline.toFixed(1), '', '']);
  for (const r of results.filter((result) => result.note)) console.log(`${r.mode}: ${r.note}`);
  console.log('');
  const ratios = GOALS.map((goal) => {
    const measured = results.find((r) => r.mode === goal.mode);
    if (!measured) throw new BenchFailure(`no result for ${goal.mode}`);
    return { ...goal, ratio: measured.eventsPerSecond / rawBaseline };
  });
  for (const r of ratios) console.log(`ratio ${r.mode}/raw: ${r.ratio.toFixed(2)}`);
  for (const r of ratios) {
    console.log(`goal ${r.mode}/raw >= ${r.min.toFixed(2)}: ${r.ratio >= r.min ? 'met' : 'MISSED'}`);
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const clients = clientsFromEnv();
  process.env.LOG_LEVEL ??= 'warn'; // the API app would log every mapped route
  const database = await provisionBenchDatabase(BENCH_DATABASE, EMBEDDED_PORT);
  try {
    await runMigrations(database.url);
    // AppModule and BenchServiceModule read DATABASE_URL when they are instantiated.
    process.env.DATABASE_URL = database.url;
    const bench: BenchContext = { url: database.url, ...(await seedOrganisation(database.url)) };
    const reference = await recordReference(bench);

    console.log(`Koers event benchmark on ${database.description}`);
    console.log(
      `${clients} clients × ${TRAJECTORY.length} events per mode, concurrency ${CONCURRENCY}, ` +
        `warm-up ${WARMUP_CLIENTS} clients per phase; events/s counts events only (registration runs before the clock).`,
    );
    console.log(
      `Node ${process.version} on ${cpus().length} CPUs shared with PostgreSQL: timings are noisy, so raw runs ` +
        'first and last and the ratios use the mean of both.',
    );
    const raw = (mode: string) => withRawDriver(bench, reference, (driver) => measure(mode, driver, clients));
    const results = [await raw('raw #1')];
    results.push(await withServiceDriver(bench, (driver) => measure('service', driver, clients)));
    results.push(await withHttpDriver(bench, (driver) => measure('http', driver, clients)));
    results.push(await raw('raw #2'));
    const rawRuns = results.filter((r) => r.mode.startsWith('raw'));
    printReport(results, rawRuns.reduce((sum, r) => sum + r.eventsPerSecond, 0) / rawRuns.length);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  // A refused event or a bad setting explains itself; anything else is a bug and needs its stack.
  const detail =
    error instanceof BenchFailure
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\nBenchmark failed: ${detail}`);
  process.exitCode = 1;
});
