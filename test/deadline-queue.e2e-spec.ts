import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DeadlineJobsService, RECONCILE_EVERY_MS, stepJobId } from '@koers/deadlines';
import { QueueConnection, RECONCILE_DEADLINES_JOB } from '@koers/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { testDatabaseUrl } from './support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** One namespace per run and backend, so concurrent runs on the same servers never share jobs. */
const RUN = randomUUID().slice(0, 8);
const BACKENDS = [
  { backend: 'redis', redisUrl: REDIS_URL, namespace: `koers-test-${RUN}` },
  { backend: 'postgres', redisUrl: undefined, namespace: `bullmq_test_${RUN}` },
] as const;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Deadline steps fire through queue jobs, on both queue backends, against real PostgreSQL and Redis:
 * on time, after the queue lost everything, with two workers at once, and never for a stale job.
 */
describe.each(BACKENDS)('deadline queue on $backend (integration)', ({ backend, redisUrl, namespace }) => {
  let api: ApiHarness;
  let team: TeamFixture;
  let dataSource: DataSource;
  let worker: INestApplicationContext;
  let jobs: DeadlineJobsService;
  const extraWorkers: INestApplicationContext[] = [];

  const startWorker = (queueNamespace: string = namespace) =>
    NestFactory.createApplicationContext(
      WorkerModule.register(
        { DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'error', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
        { queueNamespace },
      ),
      { logger: ['error'] },
    );

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    worker = await startWorker();
    dataSource = worker.get<DataSource>(getDataSourceToken());
    jobs = worker.get(DeadlineJobsService);
  });

  afterAll(async () => {
    for (const extra of extraWorkers) await extra.close();
    await worker?.close();
    await api?.close();
    await dropNamespace();
  });

  async function dropNamespace(name: string = namespace): Promise<void> {
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${name}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    } else {
      const client = new Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await client.end();
    }
  }

  /** A deadline of the test team with one step per fire time (to the chair), written as DeadlineWriter does. */
  async function insertDeadline(fireAts: Date[]): Promise<{ deadlineId: string; stepIds: string[] }> {
    const due = fireAts[fireAts.length - 1];
    const [deadline] = await dataSource.query(
      `INSERT INTO deadline (team_id, kind, due_at, base, created_at, updated_at)
       VALUES ($1, 'consent', $2, 'event', now(), now()) RETURNING id`,
      [team.teamId, due],
    );
    const names = ['warning', 'overdue', 'agenda'];
    const stepIds: string[] = [];
    for (const [i, fireAt] of fireAts.entries()) {
      const [step] = await dataSource.query(
        `INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
         VALUES ($1, $2, 1, $3, ARRAY['chair']) RETURNING id`,
        [deadline.id, names[i], fireAt],
      );
      stepIds.push(step.id);
    }
    return { deadlineId: deadline.id, stepIds };
  }

  const stepRows = (stepIds: string[]) =>
    dataSource.query<{ id: string; status: string; fire_at: Date; fired_at: Date | null }[]>(
      `SELECT id, status, fire_at, fired_at FROM deadline_step WHERE id = ANY($1::uuid[])`,
      [stepIds],
    );
  const allFired = async (stepIds: string[]) =>
    (await stepRows(stepIds)).every((row) => row.status === 'fired');
  /** Notifications per step and recipient: each must be exactly 1. */
  const copies = (stepIds: string[]) =>
    dataSource.query<{ deadline_step_id: string; copies: number }[]>(
      `SELECT deadline_step_id, count(*)::int AS copies FROM notification
        WHERE deadline_step_id = ANY($1::uuid[]) GROUP BY deadline_step_id, user_id`,
      [stepIds],
    );
  const soon = (ms: number) => new Date(Date.now() + ms);

  it('runs on the backend it was configured for, with the reconcile job scheduler in place', async () => {
    expect(worker.get(QueueConnection).backend).toBe(backend);
    expect(await jobs.queue.getJobScheduler(RECONCILE_DEADLINES_JOB)).toEqual(
      expect.objectContaining({ every: RECONCILE_EVERY_MS }),
    );
  });

  it('fires a due step through its job within a second', async () => {
    const { stepIds } = await insertDeadline([soon(400)]);
    expect(await jobs.scheduleSteps(stepIds)).toBe(1);
    expect(await jobs.queue.getJobState(stepJobId(stepIds[0]))).toBe('delayed');
    await waitFor('the step to fire', () => allFired(stepIds), 2000);
    const [row] = await stepRows(stepIds);
    const lateness = row.fired_at!.getTime() - row.fire_at.getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
    expect(await copies(stepIds)).toEqual([expect.objectContaining({ copies: 1 })]);
    // The finished job is gone, so it can never block a later add with the same id.
    await waitFor('the job to be removed', async () => !(await jobs.queue.getJob(stepJobId(stepIds[0]))));
  });

  it('a fresh worker fires steps scheduled in its very first moments on time (no settling pause)', async () => {
    // The SIGKILL fault test used to wait 2 s after a worker started before scheduling, for fear of a
    // missed wake-up. A worker is ready when it has started: steps scheduled at once fire on time.
    for (let round = 0; round < 3; round += 1) {
      const fresh = `${namespace}${redisUrl ? '-' : '_'}fresh${round}`;
      const context = await startWorker(fresh);
      try {
        const freshJobs = context.get(DeadlineJobsService);
        const { stepIds } = await insertDeadline([soon(300), soon(320)]);
        expect(await freshJobs.scheduleSteps(stepIds)).toBe(2);
        await waitFor('the steps to fire', () => allFired(stepIds), 2000);
        for (const row of await stepRows(stepIds)) {
          expect(row.fired_at!.getTime() - row.fire_at.getTime()).toBeLessThan(1000);
        }
        expect((await copies(stepIds)).map((c) => c.copies)).toEqual([1, 1]);
      } finally {
        await context.close();
        await dropNamespace(fresh);
      }
    }
  });

  it('gives the steps of a new trajectory event their jobs after commit (outbox)', async () => {
    const care = await api.login(team.users.addiction_care);
    const response = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo Q. Ueue',
        signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' },
      });
    expect(response.status).toBe(201);
    const pending: { id: string }[] = await dataSource.query(
      `SELECT s.id FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
         JOIN trajectory t ON t.id = d.trajectory_id WHERE t.client_id = $1 AND s.status = 'pending'`,
      [response.body.client.id],
    );
    expect(pending.length).toBeGreaterThan(0);
    await waitFor('jobs for the new steps', async () => {
      const states = await Promise.all(pending.map((s) => jobs.queue.getJobState(stepJobId(s.id))));
      return states.every((state) => state === 'delayed');
    });
  });

  it('re-creates lost jobs when the queue loses everything, and every step still fires once', async () => {
    const { stepIds } = await insertDeadline([soon(1500), soon(1600), soon(1700)]);
    await jobs.scheduleSteps(stepIds);
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      await redis.flushall();
      await redis.quit();
    } else {
      await jobs.queue.obliterate({ force: true });
    }
    expect(await jobs.queue.getJob(stepJobId(stepIds[0]))).toBeUndefined();
    const result = await jobs.reconcile();
    expect(result.recreated).toBeGreaterThanOrEqual(3);
    expect(await jobs.queue.getJobState(stepJobId(stepIds[2]))).toBe('delayed');
    expect((await jobs.reconcile()).recreated).toBe(0); // nothing left to repair
    await waitFor('all steps to fire', () => allFired(stepIds), 4000);
    expect((await copies(stepIds)).map((c) => c.copies)).toEqual([1, 1, 1]);
  });

  it('fires each step exactly once with two workers at once', async () => {
    const second = await startWorker();
    extraWorkers.push(second);
    const otherJobs = second.get(DeadlineJobsService);
    const deadlines = await Promise.all(
      Array.from({ length: 5 }, (_, i) => insertDeadline([soon(800 + i * 10), soon(820 + i * 10)])),
    );
    const stepIds = deadlines.flatMap((d) => d.stepIds);
    await Promise.all([jobs.scheduleSteps(stepIds), otherJobs.scheduleSteps(stepIds)]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    // Both workers also reconcile while the jobs fire: PostgreSQL's row locks keep it to one firing.
    await Promise.all([jobs.reconcile(), otherJobs.reconcile()]);
    await waitFor('all steps to fire', () => allFired(stepIds), 3000);
    const rows = await copies(stepIds);
    expect(rows).toHaveLength(stepIds.length);
    expect(rows.every((row) => row.copies === 1)).toBe(true);
  });

  it('lets a stale job do nothing when its deadline moved while the job was queued', async () => {
    const { deadlineId, stepIds } = await insertDeadline([soon(600)]);
    await jobs.scheduleSteps(stepIds);
    // The move, as DeadlineWriter does it: a new revision with a new step row; the old one withdrawn.
    await dataSource.query(`UPDATE deadline SET revision = 2 WHERE id = $1`, [deadlineId]);
    await dataSource.query(`UPDATE deadline_step SET status = 'withdrawn' WHERE id = $1`, [stepIds[0]]);
    const [moved] = await dataSource.query(
      `INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       VALUES ($1, 'warning', 2, $2, ARRAY['chair']) RETURNING id`,
      [deadlineId, soon(86_400_000)],
    );
    await jobs.scheduleSteps([moved.id]);
    // The stale job comes due and runs, changing nothing.
    await waitFor('the stale job to run', async () => !(await jobs.queue.getJob(stepJobId(stepIds[0]))));
    expect((await stepRows(stepIds))[0].status).toBe('withdrawn');
    expect(await copies([stepIds[0], moved.id])).toEqual([]);
    expect(await jobs.queue.getJobState(stepJobId(moved.id))).toBe('delayed');
    // A withdrawn step's delayed job is an orphan: the reconciler removes it.
    const [cancelled] = await dataSource.query(
      `UPDATE deadline_step SET status = 'withdrawn' WHERE id = $1 RETURNING id`,
      [moved.id],
    );
    expect((await jobs.reconcile()).removed).toBe(1);
    expect(await jobs.queue.getJob(stepJobId(cancelled.id))).toBeUndefined();
  });
});
