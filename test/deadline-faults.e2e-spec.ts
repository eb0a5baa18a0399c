import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SystemClock } from '@koers/clock';
import { DeadlineFiringService, DeadlineJobsService, RECONNECT_SETTLE_MS, stepJobId } from '@koers/deadlines';
import { QueueConnection, RECONCILE_DEADLINES_JOB } from '@koers/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import {
  buildToTemp,
  exited,
  NodeChild,
  RedisServer,
  removeBuild,
  runBuilt,
  stop,
  waitFor,
} from './support/processes';
import { testDatabaseUrl } from './support/test-database';

const soon = (ms: number) => new Date(Date.now() + ms);
/** ioredis retries at most every 2 s; then the worker waits RECONNECT_SETTLE_MS and reconciles. */
const REDIS_BACK_WITHIN_MS = 2000 + RECONNECT_SETTLE_MS + 2000;

/** Notifications per (step, recipient) of these steps: each must be exactly 1. */
const copiesQuery = `SELECT deadline_step_id, user_id, count(*)::int AS copies FROM notification
  WHERE deadline_step_id = ANY($1::uuid[]) GROUP BY deadline_step_id, user_id`;
type Copies = { deadline_step_id: string; user_id: string; copies: number }[];

/**
 * Faults of issue 3 that need a real process or a real server to go away: a worker killed with SIGKILL
 * in the middle of a job, and Redis going down (and coming back empty). Real PostgreSQL, real
 * redis-server (our own, on a free port), no mocks. FLUSHALL and two workers at once are in
 * deadline-queue.e2e-spec.ts.
 */
describe('deadline faults (integration, real processes)', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  let team: TeamFixture;
  let userIds: Record<string, string>;

  beforeAll(async () => {
    api = await startApi();
    dataSource = api.dataSource;
    team = await createTeam(dataSource);
    const rows: { username: string; id: string }[] = await dataSource.query(
      `SELECT username, id FROM app_user WHERE username = ANY($1::text[])`,
      [Object.values(team.users)],
    );
    userIds = Object.fromEntries(
      Object.entries(team.users).map(([kind, username]) => [
        kind,
        rows.find((r) => r.username === username)!.id,
      ]),
    );
  });
  afterAll(() => api?.close());

  /**
   * `count` consent deadlines of the test team, each with its three ladder steps as the policy has them:
   * warning to the owner (addiction care), overdue to owner and chair, agenda to nobody: 3 notifications each.
   */
  async function insertConsentDeadlines(count: number, fireAt: Date): Promise<string[]> {
    const rows: { id: string }[] = await dataSource.query(
      `WITH d AS (
         INSERT INTO deadline (team_id, kind, due_at, base, created_at, updated_at)
         SELECT $1, 'consent', $2, 'event', now(), now() FROM generate_series(1, $3) RETURNING id
       )
       INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       SELECT d.id, s.step, 1, $2, s.recipients FROM d CROSS JOIN (VALUES
         ('warning', ARRAY['owner']), ('overdue', ARRAY['owner', 'chair']), ('agenda', ARRAY[]::text[])
       ) AS s(step, recipients)
       RETURNING id`,
      [team.teamId, fireAt, count],
    );
    return rows.map((r) => r.id);
  }

  const pendingCount = async (stepIds: string[]) =>
    (
      await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM deadline_step WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [stepIds],
      )
    )[0].n;

  describe('a worker killed with SIGKILL in the middle of a job', () => {
    const DEADLINES = 100; // 300 steps, 300 notifications
    let build: string | undefined;
    let redis: RedisServer | undefined;
    let connection: QueueConnection | undefined;
    let blocker: Client | undefined;
    const workers: NodeChild[] = [];

    beforeAll(async () => {
      build = buildToTemp();
      redis = await RedisServer.start();
    });
    afterAll(async () => {
      for (const w of workers) await stop(w.process);
      await blocker?.end().catch(() => undefined);
      await connection?.close();
      await redis?.shutdown();
      removeBuild(build);
    });

    /** The real worker (apps/worker/src/main.ts, built), as `npm run start:worker` runs it, on our Redis. */
    async function startWorkerProcess(): Promise<NodeChild> {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: testDatabaseUrl(),
        REDIS_URL: redis!.url,
        LOG_LEVEL: 'log',
      };
      delete env.TEST_CLOCK;
      delete env.SMTP_URL;
      const worker = runBuilt(build!, 'apps/worker/src/main.js', env);
      workers.push(worker);
      await Promise.race([
        waitFor('the worker to start', async () => /Koers worker started/.test(worker.output()), 20_000),
        exited(worker.process).then(() => {
          throw new Error(`worker exited at start:\n${worker.output()}`);
        }),
      ]);
      return worker;
    }

    it('after restart every step has fired exactly once, with one notification per recipient', async () => {
      const first = await startWorkerProcess();
      // The queue as the API side sees it: same Redis, the worker's default namespace.
      connection = new QueueConnection({ redisUrl: redis!.url, databaseUrl: testDatabaseUrl() });
      const clock = new SystemClock();
      const jobs = new DeadlineJobsService(
        dataSource,
        clock,
        new DeadlineFiringService(dataSource, clock),
        connection,
      );

      const stepIds = await insertConsentDeadlines(DEADLINES, soon(500));
      // We hold the chair's user row FOR UPDATE in an open transaction: every job firing an overdue
      // step (owner already notified, step row locked) then blocks inside its transaction on the
      // chair's notification (its foreign key needs a KEY SHARE lock), deterministically mid-job.
      blocker = new Client({ connectionString: testDatabaseUrl() });
      await blocker.connect();
      const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM app_user WHERE id = $1 FOR UPDATE', [userIds.municipality]);

      expect(await jobs.scheduleSteps(stepIds)).toBe(stepIds.length);

      let blockedPids: number[] = [];
      await waitFor(
        'jobs to block inside their transactions',
        async () => {
          const rows = await dataSource.query<{ pid: number }[]>(
            `SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [blockerPid],
          );
          blockedPids = rows.map((r) => r.pid);
          return blockedPids.length > 0 && (await jobs.queue.getJobCounts('active')).active > 0;
        },
        10_000,
      );

      first.process.kill('SIGKILL');
      await exited(first.process);
      expect(first.process.signalCode).toBe('SIGKILL');

      // Let go: the killed worker's transactions can never commit (no COMMIT will come), and its
      // backends end as soon as they find their client gone.
      await blocker.query('ROLLBACK');
      await blocker.end();
      blocker = undefined;
      await waitFor(
        "the killed worker's database sessions to end",
        async () =>
          (await dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [blockedPids]))
            .length === 0,
      );
      const pendingAtKill = await pendingCount(stepIds);
      expect(pendingAtKill).toBeGreaterThanOrEqual(blockedPids.length);
      // No half-done firing survived: a pending step has no notification at all.
      const partial = await dataSource.query(
        `SELECT n.id FROM notification n JOIN deadline_step s ON s.id = n.deadline_step_id
          WHERE s.id = ANY($1::uuid[]) AND s.status = 'pending'`,
        [stepIds],
      );
      expect(partial).toEqual([]);

      const second = await startWorkerProcess();
      await waitFor('every step to fire', async () => (await pendingCount(stepIds)) === 0, 20_000);

      const fired: { n: number }[] = await dataSource.query(
        `SELECT count(*)::int AS n FROM deadline_step
          WHERE id = ANY($1::uuid[]) AND status = 'fired' AND fired_at IS NOT NULL`,
        [stepIds],
      );
      expect(fired[0].n).toBe(stepIds.length);
      const copies: Copies = await dataSource.query(copiesQuery, [stepIds]);
      expect(copies.filter((c) => c.copies !== 1)).toEqual([]);
      expect(copies).toHaveLength(DEADLINES * 3); // warning: 1 recipient, overdue: 2, agenda: 0
      // One fired step per ladder rung per deadline.
      const perDeadline: { fired: number }[] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'fired')::int AS fired FROM deadline_step
          WHERE id = ANY($1::uuid[]) GROUP BY deadline_id, step`,
        [stepIds],
      );
      expect(perDeadline.every((row) => row.fired === 1)).toBe(true);

      await stop(second.process, 'SIGTERM');
      expect(second.output()).not.toMatch(/ERROR/);
    });
  });

  describe('Redis down', () => {
    const namespace = `koers-faults-${randomUUID().slice(0, 8)}`;
    let redis: RedisServer | undefined;
    let worker: INestApplicationContext | undefined;

    beforeAll(async () => {
      redis = await RedisServer.start();
    });
    afterAll(async () => {
      await worker?.close();
      await redis?.shutdown();
    });

    it('trajectory events still commit; deadlines fire after Redis returns, once', async () => {
      worker = await NestFactory.createApplicationContext(
        WorkerModule.register(
          { DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'error', REDIS_URL: redis!.url },
          { queueNamespace: namespace },
        ),
        { logger: ['error'] },
      );
      const jobs = worker.get(DeadlineJobsService);
      const care = await api.login(team.users.addiction_care);
      const newIncludedClient = async (): Promise<string> => {
        const created = await request(api.http)
          .post('/api/clients')
          .set(care)
          .send({
            displayName: 'Demo R. Edis',
            signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' },
          });
        expect(created.status).toBe(201);
        const id = created.body.client.id as string;
        const included = await request(api.http)
          .post(`/api/clients/${id}/events`)
          .set(care)
          .send({
            type: 'INCLUSION_DECIDED',
            included: true,
            criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
            reasons: 'Voldoet aan de criteria van de handreiking.',
          });
        expect(included.status).toBe(200);
        return id;
      };
      const pendingStepsOf = async (clientId: string): Promise<string[]> =>
        (
          await dataSource.query<{ id: string }[]>(
            `SELECT s.id FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
               JOIN trajectory t ON t.id = d.trajectory_id WHERE t.client_id = $1 AND s.status = 'pending'`,
            [clientId],
          )
        ).map((r) => r.id);

      // Before the outage: clients whose steps stay in the future, with their jobs in Redis.
      const later = await newIncludedClient();
      const laterSteps = await pendingStepsOf(later);
      expect(laterSteps.length).toBeGreaterThan(0);
      await waitFor('jobs for the future steps', async () => {
        const states = await Promise.all(laterSteps.map((id) => jobs.queue.getJobState(stepJobId(id))));
        return states.every((state) => state === 'delayed');
      });

      await redis!.shutdown(); // SHUTDOWN NOSAVE: Redis is gone, and comes back empty

      // During the outage the API keeps working: events commit, deadline rows with them.
      const during = await newIncludedClient();
      const response = await request(api.http)
        .post(`/api/clients/${during}/events`)
        .set(care)
        .send({ type: 'CONSENT_GIVEN', scope: 'Delen binnen de casusoverleg' });
      expect(response.status).toBe(200);
      const another = await newIncludedClient();
      const dueSteps = await pendingStepsOf(another);
      expect(dueSteps.length).toBeGreaterThan(0);
      // Its steps fall due while Redis is down (their jobs, if ever made, are lost with Redis).
      await dataSource.query(
        `UPDATE deadline_step SET fire_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
        [dueSteps],
      );

      // A deadline written during the outage (as DeadlineWriter does: a new step row; its job could not be
      // made) that falls due just after Redis is back: it must fire on time, through the job the reconnect's
      // reconciliation creates, so the worker has to be taking jobs again by then.
      const soonFireAt = soon(REDIS_BACK_WITHIN_MS + 1500);
      const [{ id: soonStep }] = await dataSource.query<{ id: string }[]>(
        `WITH d AS (
           INSERT INTO deadline (team_id, kind, due_at, base, created_at, updated_at)
           VALUES ($1, 'consent', $2, 'event', now(), now()) RETURNING id
         )
         INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
         SELECT d.id, 'overdue', 1, $2, ARRAY['owner', 'chair'] FROM d RETURNING id`,
        [team.teamId, soonFireAt],
      );

      const logged = jest.spyOn(Logger.prototype, 'log');
      await redis!.start(); // empty: no jobs, no reconcile scheduler
      const backAt = Date.now();
      // No watchdog tick (every RECONCILE_EVERY_MS = 60 s) is needed: the worker notices the connection is
      // ready again and reconciles within RECONNECT_SETTLE_MS (plus ioredis' reconnect back-off): the future
      // steps get their lost jobs back, the scheduler is re-created, and the due steps fire.
      await waitFor(
        'the lost jobs and the scheduler to be re-created after Redis is back',
        async () => {
          const states = await Promise.all(
            [...laterSteps, ...(await pendingStepsOf(during))].map((id) =>
              jobs.queue.getJobState(stepJobId(id)),
            ),
          );
          const scheduler = await jobs.queue.getJobScheduler(RECONCILE_DEADLINES_JOB);
          return states.every((state) => state === 'delayed') && scheduler !== undefined;
        },
        REDIS_BACK_WITHIN_MS,
      );
      expect(Date.now() - backAt).toBeLessThan(REDIS_BACK_WITHIN_MS);
      await waitFor('the due steps to fire', async () => {
        const rows = await dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM deadline_step WHERE id = ANY($1::uuid[]) AND status = 'fired'`,
          [dueSteps],
        );
        return rows[0].n === dueSteps.length;
      });

      // The step due just after the return fired on time, through the job the reconciliation made for it.
      const soonRow = async () =>
        (
          await dataSource.query<{ status: string; fired_at: Date | null }[]>(
            `SELECT status, fired_at FROM deadline_step WHERE id = $1`,
            [soonStep],
          )
        )[0];
      await waitFor(
        'the step due after the return to fire',
        async () => (await soonRow()).status === 'fired',
        soonFireAt.getTime() - Date.now() + 3000,
      );
      expect((await soonRow()).fired_at!.getTime() - soonFireAt.getTime()).toBeLessThan(1000);
      // One reconciliation for the reconnect, logged once.
      const backLines = logged.mock.calls.filter(([message]) => /Redis is back/.test(String(message)));
      logged.mockRestore();
      expect(backLines).toHaveLength(1);

      // Nothing doubled, also after another reconcile and the queue catching up.
      await jobs.reconcile();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const copies: Copies = await dataSource.query(copiesQuery, [dueSteps]);
      expect(copies.length).toBeGreaterThan(0);
      expect(copies.filter((c) => c.copies !== 1)).toEqual([]);
      const [{ pending }] = await dataSource.query(
        `SELECT count(*)::int AS pending FROM deadline_step WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [laterSteps],
      );
      expect(pending).toBe(laterSteps.length);
    });
  });
});
