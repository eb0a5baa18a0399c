/**
 * Deadline benchmark: `npm run bench:deadlines`. A script, not a test.
 *
 * 1. Scheduling. N pending deadline steps are inserted in PostgreSQL in one bulk SQL statement (timed
 *    separately: it is not part of the ratio), then given their delayed BullMQ jobs two ways on Redis:
 *    - service: `DeadlineJobsService.scheduleSteps(stepIds)` in a Nest application context, 1,000 ids
 *               per call, as production does for pending steps after commit (re-reads the rows, then
 *               `addBulk` with jobId `step-<id>`);
 *    - raw:     `queue.addBulk` of the same number of equivalent delayed jobs (same name, data, options)
 *               on a separate raw queue, 1,000 per call: the ceiling the service is measured against.
 *    Raw runs first and last (the machine is noisy); the ratio uses the mean of both (goal ≥ 0.50).
 *    Redis bytes per pending deadline: INFO used_memory delta over the service phase / jobs added,
 *    and MEMORY USAGE of sampled job hashes.
 * 2. Steady stream. A real worker (Nest application context of WorkerModule, in its own process as in
 *    production, unique queue namespace) fires BENCH_STREAM steps whose fire_at is spread over
 *    BENCH_STREAM_SECONDS; lateness = fired_at − fire_at from the deadline_step rows (goal p99 ≤ 250 ms).
 *    The worker's RSS is sampled during the stream.
 * Any step not scheduled, not fired, or fired twice aborts the run with a non-zero exit code.
 *
 * Environment:
 * - BENCH_DATABASE_URL: database to use (migrated, not emptied). Default: a fresh `koers_bench_deadlines`
 *   on postgres://postgres@127.0.0.1:5432, or, when that server does not answer, on an embedded PostgreSQL.
 * - BENCH_REDIS_URL: Redis to use (default redis://127.0.0.1:6379); required, the goals are on Redis.
 * - BENCH_DEADLINES: pending deadlines scheduled per mode (default 100,000).
 * - BENCH_STREAM: steps in the steady stream (default 2,000); BENCH_STREAM_SECONDS: its spread (default 20).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ClockModule } from '@koers/clock';
import { ConfigModule, redactUrl } from '@koers/config';
import { DeadlineJobsService, DeadlineWorkerModule, stepJobId } from '@koers/deadlines';
import { PersistenceModule, runMigrations } from '@koers/persistence';
import {
  DEADLINE_QUEUE,
  type DeadlineJobData,
  type DeadlineJobName,
  FIRE_DEADLINE_STEP_JOB,
  QueueConnection,
  QueueModule,
} from '@koers/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { BenchDatabase, percentile, provisionBenchDatabase } from './bench-database';

const DEFAULT_DEADLINES = 100_000;
const DEFAULT_STREAM = 2_000;
const DEFAULT_STREAM_SECONDS = 20;
/** Step ids per `scheduleSteps` call and jobs per raw `addBulk` call (the service's own chunk size). */
const CHUNK = 1_000;
/** Jobs added per mode before the timed phases, so JIT, pools and connections are warm. */
const WARMUP = 2 * CHUNK;
/** The first stream step falls due this long after it was scheduled. */
const STREAM_LEAD_MS = 3_000;
/** How long after the last step's time the bench waits for the stream to be fired. */
const STREAM_GRACE_MS = 30_000;
const MEMORY_SAMPLES = 200;
const GOAL_SCHEDULE_RATIO = 0.5;
const GOAL_LATENESS_P99_MS = 250;
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const BENCH_DATABASE = 'koers_bench_deadlines';
/** Not the embedded default port/folder: the bench must not touch a developer's `npm start` cluster. */
const EMBEDDED_PORT = 54340;
const WORKER_FLAG = '--bench-worker';
const DAY_MS = 86_400_000;

class BenchFailure extends Error {}

type WorkerMessage = { type: 'ready' } | { type: 'memory'; rss: number; heapUsed: number };

// ---------------------------------------------------------------------------------------------------------
// Nest contexts: the scheduling side (the service, no worker) and the worker process.

/** What `scheduleSteps` needs and nothing that consumes jobs: the bench process never fires a step. */
@Module({})
class BenchSchedulerModule {
  static register(env: NodeJS.ProcessEnv, namespace: string): DynamicModule {
    return {
      module: BenchSchedulerModule,
      imports: [
        ConfigModule.forRoot(env),
        ClockModule,
        PersistenceModule,
        QueueModule.forRoot({ namespace }),
        DeadlineWorkerModule,
      ],
      providers: [DeadlineJobsService],
    };
  }
}

function benchEnv(databaseUrl: string, redisUrl: string): NodeJS.ProcessEnv {
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn' };
}

/** The worker process: WorkerModule as `npm run start:worker` runs it, reporting its memory on request. */
async function runWorkerProcess(): Promise<void> {
  const {
    BENCH_WORKER_DATABASE_URL: db,
    BENCH_WORKER_REDIS_URL: redis,
    BENCH_WORKER_NAMESPACE: ns,
  } = process.env;
  if (!db || !redis || !ns) throw new BenchFailure('worker process started without its settings');
  const app = await NestFactory.createApplicationContext(
    WorkerModule.register(benchEnv(db, redis), { queueNamespace: ns }),
    { logger: ['error', 'warn'] },
  );
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on('message', (message: string) => {
    if (message === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: 'memory', rss, heapUsed });
    } else if (message === 'stop') {
      void app.close().finally(() => process.exit(0));
    }
  });
  send({ type: 'ready' });
}

class WorkerProcess {
  private readonly child: ChildProcess;
  private readonly memoryWaiters: ((m: { rss: number; heapUsed: number }) => void)[] = [];
  readonly ready: Promise<void>;

  constructor(databaseUrl: string, redisUrl: string, namespace: string) {
    this.child = fork(__filename, [WORKER_FLAG], {
      env: {
        ...process.env,
        BENCH_WORKER_DATABASE_URL: databaseUrl,
        BENCH_WORKER_REDIS_URL: redisUrl,
        BENCH_WORKER_NAMESPACE: namespace,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new BenchFailure('the worker did not start within 30 s')),
        30_000,
      );
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new BenchFailure(`the worker process exited with code ${code}`));
      });
      this.child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (message.type === 'memory') this.memoryWaiters.shift()?.(message);
      });
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  memory(): Promise<{ rss: number; heapUsed: number }> {
    return new Promise((resolve) => {
      this.memoryWaiters.push(resolve);
      this.child.send('memory');
    });
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = once(this.child, 'exit');
    this.child.send('stop');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL rows

interface Organisation {
  teamId: string;
}

/** One municipality, team, and a chair (the recipient of `action_due` steps), in one statement. */
async function seedOrganisation(pg: Client): Promise<Organisation> {
  const tag = randomBytes(4).toString('hex');
  const { rows } = await pg.query<{ team_id: string }>(
    `WITH m AS (INSERT INTO municipality (name, code) VALUES ('Gemeente Bench', $1) RETURNING id),
          t AS (INSERT INTO team (municipality_id, name) SELECT id, 'Casusoverleg Bench' FROM m RETURNING id),
          p AS (INSERT INTO party (kind, name) VALUES ('municipality', 'Gemeente Bench') RETURNING id),
          u AS (INSERT INTO app_user (username, display_name, password_hash, party_id, role)
                SELECT $2, 'Bench chair', 'not-a-hash', id, 'chair' FROM p RETURNING id),
          tm AS (INSERT INTO team_member (team_id, user_id) SELECT t.id, u.id FROM t, u)
     SELECT t.id AS team_id FROM t`,
    [`BENCH-${tag}`, `bench-chair-${tag}`],
  );
  return { teamId: rows[0].team_id };
}

/**
 * `count` pending `action_due` deadlines with one warning step each, in one statement (as the writer
 * would leave them after many commits); step i falls due at `firstMs + i × spacingMs`. Returns step ids.
 */
async function insertSteps(
  pg: Client,
  org: Organisation,
  base: string,
  count: number,
  firstMs: number,
  spacingMs: number,
): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(
    `WITH d AS (
       INSERT INTO deadline (team_id, trajectory_id, kind, due_at, base, created_at, updated_at)
       SELECT $1, NULL, 'action_due', to_timestamp(($4::float8 + (g - 1) * $5::float8) / 1000) + interval '1 day',
              $2, now(), now()
         FROM generate_series(1, $3::int) AS g
       RETURNING id, due_at
     )
     INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
     SELECT id, 'warning', 1, due_at - interval '1 day', ARRAY['owner'] FROM d
     RETURNING id, fire_at`,
    [org.teamId, base, count, firstMs, spacingMs],
  );
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------------------
// Redis

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) throw new BenchFailure('INFO memory has no used_memory');
  return Number(match[1]);
}

/** Deletes every key under `prefix:` (SCAN + DEL, never FLUSHALL); returns how many. */
async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Mean MEMORY USAGE of sampled job hashes, plus the delayed set's bytes per member. */
async function sampledBytes(
  redis: Redis,
  namespace: string,
  stepIds: string[],
): Promise<{ hash: number; delayedPerJob: number }> {
  const step = Math.max(1, Math.floor(stepIds.length / MEMORY_SAMPLES));
  let total = 0;
  let samples = 0;
  for (let i = 0; i < stepIds.length; i += step) {
    const bytes = await redis.memory('USAGE', `${namespace}:${DEADLINE_QUEUE}:${stepJobId(stepIds[i])}`);
    if (bytes === null) throw new BenchFailure(`job ${stepJobId(stepIds[i])} is missing from Redis`);
    total += Number(bytes);
    samples++;
  }
  const delayedKey = `${namespace}:${DEADLINE_QUEUE}:delayed`;
  const delayed = Number((await redis.memory('USAGE', delayedKey, 'SAMPLES', 0)) ?? 0);
  const members = await redis.zcard(delayedKey);
  return { hash: total / samples, delayedPerJob: members > 0 ? delayed / members : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Scheduling phase

interface PhaseResult {
  mode: string;
  jobs: number;
  seconds: number;
  perSecond: number;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function timed(mode: string, jobs: number, work: () => Promise<void>): Promise<PhaseResult> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const result = { mode, jobs, seconds, perSecond: jobs / seconds };
  console.log(`  ${mode}: ${result.perSecond.toFixed(0)} jobs/s (${seconds.toFixed(2)} s)`);
  return result;
}

/** The raw queue: the same QueueConnection set-up as the service's, on its own key prefix. */
async function rawSchedule(
  connection: QueueConnection,
  stepIds: string[],
  fireAt: Map<string, number>,
): Promise<void> {
  const queue = connection.createQueue<DeadlineJobData, DeadlineJobName>(DEADLINE_QUEUE);
  const now = Date.now();
  for (const chunk of chunks(stepIds)) {
    await queue.addBulk(
      chunk.map((stepId) => ({
        name: FIRE_DEADLINE_STEP_JOB,
        data: { stepId },
        opts: {
          jobId: stepJobId(stepId),
          delay: Math.max(0, (fireAt.get(stepId) ?? now) - now),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 3,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
  }
  const delayed = await queue.getDelayedCount();
  if (delayed !== stepIds.length)
    throw new BenchFailure(`raw: ${delayed} delayed jobs, expected ${stepIds.length}`);
}

async function serviceSchedule(jobs: DeadlineJobsService, stepIds: string[]): Promise<void> {
  let scheduled = 0;
  for (const chunk of chunks(stepIds)) scheduled += await jobs.scheduleSteps(chunk);
  if (scheduled !== stepIds.length)
    throw new BenchFailure(`service: scheduled ${scheduled} steps, expected ${stepIds.length}`);
}

interface ScheduleReport {
  insertSeconds: number;
  results: PhaseResult[];
  rawMean: number;
  bytesPerDeadline: number;
  hashBytes: number;
  delayedBytesPerJob: number;
}

async function schedulingPhase(
  pg: Client,
  redis: Redis,
  org: Organisation,
  env: NodeJS.ProcessEnv,
  count: number,
  namespaces: { service: string; raw: string },
): Promise<ScheduleReport> {
  // Far in the future (never due during the bench), one second apart.
  const first = Date.now() + 30 * DAY_MS;
  const insertStarted = performance.now();
  const stepIds = await insertSteps(pg, org, 'bench-schedule', WARMUP + count, first, 1000);
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  console.log(
    `  rows: ${WARMUP + count} deadlines + steps inserted in ${insertSeconds.toFixed(2)} s (bulk SQL, not in the ratio)`,
  );
  const fireAt = new Map(stepIds.map((id, i) => [id, first + i * 1000]));
  const warm = stepIds.slice(0, WARMUP);
  const measured = stepIds.slice(WARMUP);

  const app = await NestFactory.createApplicationContext(
    BenchSchedulerModule.register(env, namespaces.service),
    { logger: ['error', 'warn'] },
  );
  const raw = new QueueConnection({
    redisUrl: env.REDIS_URL,
    databaseUrl: env.DATABASE_URL ?? '',
    namespace: namespaces.raw,
  });
  try {
    const jobs = app.get(DeadlineJobsService);
    // Warm-up: the same code paths, on jobs outside the timed sets.
    await rawSchedule(raw, warm, fireAt);
    await deleteKeys(redis, namespaces.raw);
    await serviceSchedule(jobs, warm);

    const results = [await timed('raw #1', count, () => rawSchedule(raw, measured, fireAt))];
    await deleteKeys(redis, namespaces.raw);

    const before = await usedMemory(redis);
    results.push(await timed('service', count, () => serviceSchedule(jobs, measured)));
    const after = await usedMemory(redis);
    const sampled = await sampledBytes(redis, namespaces.service, measured);
    const delayed = await jobs.queue.getDelayedCount();
    if (delayed !== WARMUP + count)
      throw new BenchFailure(`service: ${delayed} delayed jobs, expected ${WARMUP + count}`);

    results.push(await timed('raw #2', count, () => rawSchedule(raw, measured, fireAt)));
    const rawRuns = results.filter((r) => r.mode.startsWith('raw'));
    return {
      insertSeconds,
      results,
      rawMean: rawRuns.reduce((sum, r) => sum + r.perSecond, 0) / rawRuns.length,
      bytesPerDeadline: (after - before) / count,
      hashBytes: sampled.hash,
      delayedBytesPerJob: sampled.delayedPerJob,
    };
  } finally {
    await raw.close();
    await app.close();
    // The scheduled deadlines must not reach the stream's worker (its start-up reconciliation would re-add them).
    await deleteKeys(redis, namespaces.raw);
    await deleteKeys(redis, namespaces.service);
    await pg.query(`DELETE FROM deadline WHERE base = 'bench-schedule'`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Steady stream

interface StreamReport {
  steps: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  workerRssPeak: number;
  workerRssEnd: number;
  workerHeapEnd: number;
}

async function streamPhase(
  pg: Client,
  redis: Redis,
  org: Organisation,
  env: NodeJS.ProcessEnv,
  count: number,
  spreadSeconds: number,
  namespace: string,
): Promise<StreamReport> {
  const worker = new WorkerProcess(env.DATABASE_URL ?? '', env.REDIS_URL ?? '', namespace);
  const app = await NestFactory.createApplicationContext(BenchSchedulerModule.register(env, namespace), {
    logger: ['error', 'warn'],
  });
  let rssPeak = 0;
  let sampling: NodeJS.Timeout | undefined;
  try {
    await worker.ready;
    rssPeak = (await worker.memory()).rss;
    const spacing = (spreadSeconds * 1000) / count;
    const first = Date.now() + STREAM_LEAD_MS;
    const stepIds = await insertSteps(pg, org, 'bench-stream', count, first, spacing);
    // After commit, as production does: the service gives the pending steps their jobs.
    await serviceSchedule(app.get(DeadlineJobsService), stepIds);
    const last = first + (count - 1) * spacing;
    console.log(
      `  ${count} steps due from +${((first - Date.now()) / 1000).toFixed(1)} s over ${spreadSeconds} s ` +
        `(${(count / spreadSeconds).toFixed(0)}/s), worker in its own process`,
    );
    sampling = setInterval(() => {
      void worker.memory().then((m) => (rssPeak = Math.max(rssPeak, m.rss)));
    }, 500);

    const until = last + STREAM_GRACE_MS;
    let fired = 0;
    while (Date.now() < until) {
      if (!worker.alive) throw new BenchFailure('the worker process died during the stream');
      const { rows } = await pg.query<{ fired: number }>(
        `SELECT count(*)::int AS fired FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
          WHERE d.base = 'bench-stream' AND s.status = 'fired'`,
      );
      fired = rows[0].fired;
      if (fired === count) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    clearInterval(sampling);
    if (fired !== count)
      throw new BenchFailure(
        `${fired} of ${count} stream steps fired within ${STREAM_GRACE_MS / 1000} s of the last one`,
      );
    const { rows: notified } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification n JOIN deadline_step s ON s.id = n.deadline_step_id
        JOIN deadline d ON d.id = s.deadline_id WHERE d.base = 'bench-stream'`,
    );
    if (notified[0].n !== count)
      throw new BenchFailure(`${notified[0].n} notifications for ${count} fired steps (expected one each)`);
    const { rows } = await pg.query<{ ms: number }>(
      `SELECT extract(epoch FROM s.fired_at - s.fire_at)::float8 * 1000 AS ms
         FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
        WHERE d.base = 'bench-stream' ORDER BY 1`,
    );
    const lateness = rows.map((row) => row.ms);
    const end = await worker.memory();
    const leftover = await redis.zcard(`${namespace}:${DEADLINE_QUEUE}:delayed`);
    if (leftover > 1) console.log(`  note: ${leftover} delayed jobs left in the worker's queue`);
    return {
      steps: count,
      seconds: (last - first) / 1000,
      p50: percentile(lateness, 0.5),
      p99: percentile(lateness, 0.99),
      max: lateness[lateness.length - 1],
      workerRssPeak: Math.max(rssPeak, end.rss),
      workerRssEnd: end.rss,
      workerHeapEnd: end.heapUsed,
    };
  } finally {
    clearInterval(sampling);
    await app.close();
    await worker.stop();
    await deleteKeys(redis, namespace);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Redis set-up

async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new BenchFailure(
      `Redis does not answer on ${redactUrl(url)} (${(error as Error).message}); set BENCH_REDIS_URL`,
    );
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

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function printReport(schedule: ScheduleReport, stream: StreamReport, benchRss: number): void {
  const row = (cells: string[]) =>
    console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(10))).join(' '));
  console.log('');
  row(['mode', 'jobs', 'seconds', 'jobs/s']);
  for (const r of schedule.results)
    row([r.mode, String(r.jobs), r.seconds.toFixed(2), r.perSecond.toFixed(0)]);
  row(['raw mean', '', '', schedule.rawMean.toFixed(0)]);
  const service = schedule.results.find((r) => r.mode === 'service');
  if (!service) throw new BenchFailure('no service result');
  const ratio = service.perSecond / schedule.rawMean;
  console.log('');
  console.log(`row insertion (bulk SQL, separate): ${schedule.insertSeconds.toFixed(2)} s`);
  console.log(
    `Redis bytes per pending deadline: ${schedule.bytesPerDeadline.toFixed(0)} (used_memory delta); ` +
      `sampled MEMORY USAGE: job hash ${schedule.hashBytes.toFixed(0)} + delayed set ${schedule.delayedBytesPerJob.toFixed(0)}`,
  );
  console.log(
    `lateness (fired_at - fire_at, ${stream.steps} steps over ${stream.seconds.toFixed(1)} s): ` +
      `p50 ${stream.p50.toFixed(1)} ms, p99 ${stream.p99.toFixed(1)} ms, max ${stream.max.toFixed(1)} ms`,
  );
  console.log(
    `worker RSS (own process): peak ${mib(stream.workerRssPeak)}, end ${mib(stream.workerRssEnd)} ` +
      `(heap ${mib(stream.workerHeapEnd)}); bench process RSS ${mib(benchRss)}`,
  );
  console.log('');
  console.log(`ratio schedule: ${ratio.toFixed(2)}`);
  console.log(`lateness p99 ms: ${stream.p99.toFixed(1)}`);
  console.log(
    `goal schedule >= ${GOAL_SCHEDULE_RATIO.toFixed(2)}: ${ratio >= GOAL_SCHEDULE_RATIO ? 'met' : 'MISSED'}`,
  );
  console.log(
    `goal lateness p99 <= ${GOAL_LATENESS_P99_MS} ms: ${stream.p99 <= GOAL_LATENESS_P99_MS ? 'met' : 'MISSED'}`,
  );
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const count = intFromEnv('BENCH_DEADLINES', DEFAULT_DEADLINES);
  const streamCount = intFromEnv('BENCH_STREAM', DEFAULT_STREAM);
  const streamSeconds = intFromEnv('BENCH_STREAM_SECONDS', DEFAULT_STREAM_SECONDS);
  const redisUrl = process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL;
  const redis = await connectRedis(redisUrl);
  const run = randomBytes(4).toString('hex');
  const namespaces = {
    service: `koers-bench-deadlines-${run}`,
    raw: `koers-bench-deadlines-raw-${run}`,
    stream: `koers-bench-deadlines-stream-${run}`,
  };
  let database: BenchDatabase | undefined;
  let pg: Client | undefined;
  try {
    database = await provisionBenchDatabase(BENCH_DATABASE, EMBEDDED_PORT);
    await runMigrations(database.url);
    pg = new Client({ connectionString: database.url });
    await pg.connect();
    const org = await seedOrganisation(pg);
    const env = benchEnv(database.url, redisUrl);

    console.log(`Koers deadline benchmark on ${database.description}, Redis ${redactUrl(redisUrl)}`);
    console.log(
      `${count} pending deadlines per mode (BENCH_DEADLINES), ${CHUNK} per call, warm-up ${WARMUP}; ` +
        `Node ${process.version} on ${cpus().length} CPUs shared with PostgreSQL and Redis: raw runs first and ` +
        'last and the ratio uses the mean of both.',
    );
    console.log('Scheduling:');
    const schedule = await schedulingPhase(pg, redis, org, env, count, namespaces);
    console.log('Steady stream:');
    const stream = await streamPhase(pg, redis, org, env, streamCount, streamSeconds, namespaces.stream);
    printReport(schedule, stream, process.memoryUsage().rss);
  } finally {
    for (const namespace of Object.values(namespaces)) await deleteKeys(redis, namespace).catch(() => 0);
    await pg?.end().catch(() => undefined);
    await database?.stop();
    await redis.quit().catch(() => redis.disconnect());
  }
}

function fail(error: unknown): void {
  // A missed count or a bad setting explains itself; anything else is a bug and needs its stack.
  const detail =
    error instanceof BenchFailure
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\nBenchmark failed: ${detail}`);
  process.exitCode = 1;
}

if (process.argv[2] === WORKER_FLAG) {
  runWorkerProcess().catch((error: unknown) => {
    fail(error);
    process.exit(1);
  });
} else {
  main().catch(fail);
}
