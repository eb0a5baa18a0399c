import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  type DeadlineFact,
  type DeadlineFactStep,
  type DeadlineKind,
  deriveBlockers,
  restoreSnapshot,
} from '@koers/machines/trajectory';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, DEMO_TEAM, seedDemoIfEmpty } from '@koers/seed';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };
const DAY = 86_400_000;

/**
 * Issue 4's story on the demo data with the test clock, the API and a real worker: every open demo client is
 * on the board with the blockers its trajectory and deadlines give; the chair plans a meeting whose agenda keeps
 * the new-case limit, records a decision and an action for a blocked client; the action's date passes and it
 * escalates and comes back first on the next agenda.
 */
describe('casusoverleg story on the demo data (e2e, API + worker + test clock)', () => {
  const name = `koers_story_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let chair: Auth;
  let care: Auth;

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const login = async () => {
    chair = await api.login('demo-chair', DEMO_PASSWORD);
    care = await api.login('demo-care', DEMO_PASSWORD);
  };
  const db = (): DataSource => api.dataSource;
  /** Waits until the worker has fired every due step and relayed every outbox message. */
  const settled = async () => {
    const until = Date.now() + 30_000;
    for (;;) {
      const [row] = await db().query(
        `SELECT (SELECT count(*)::int FROM deadline_step WHERE status = 'pending' AND fire_at <= now() + (
                   SELECT COALESCE((value #>> '{}')::bigint, 0) FROM app_setting WHERE key = 'test_clock_offset_ms'
                 ) * interval '1 millisecond') AS due,
                (SELECT count(*)::int FROM outbox_message WHERE published_at IS NULL) AS unpublished`,
      );
      if ((row.due === 0 && row.unpublished === 0) || Date.now() > until) return row;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    api = await startApi({ TEST_CLOCK: '1', DATABASE_URL: url });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(process.env), {
      logger: ['error'],
    });
    await login();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('shows every open demo client on the board with the blockers its trajectory and deadlines give', async () => {
    expect(await settled()).toEqual({ due: 0, unpublished: 0 });
    const board = await request(api.http).get('/api/board').set(chair);
    expect(board.status).toBe(200);
    // The demo chair's casusoverleg: the other demo team's clients are not theirs to see.
    const open: { client_id: string; id: string; snapshot: unknown }[] = await db().query(
      `SELECT t.client_id, t.id, t.snapshot FROM trajectory t JOIN team tm ON tm.id = t.team_id
        WHERE t.closed_at IS NULL AND tm.name = $1`,
      [DEMO_TEAM],
    );
    expect(board.body.rows.map((r: { clientId: string }) => r.clientId).sort()).toEqual(
      open.map((t) => t.client_id).sort(),
    );
    // Recomputed here from the snapshot and the deadline rows themselves, not from the projection.
    for (const trajectory of open) {
      const facts: { kind: DeadlineKind; due_at: Date; step: DeadlineFactStep; fired_at: Date | null }[] =
        await db().query(
          `SELECT d.kind, d.due_at, COALESCE(s.step, 'none') AS step, s.fired_at
             FROM deadline d LEFT JOIN LATERAL (
               SELECT step, fired_at FROM deadline_step x
                WHERE x.deadline_id = d.id AND x.revision = d.revision AND x.status = 'fired'
                ORDER BY array_position(ARRAY['warning','overdue','agenda'], x.step) DESC LIMIT 1) s ON true
            WHERE d.trajectory_id = $1 AND d.status = 'pending'`,
          [trajectory.id],
        );
      const expected = deriveBlockers(
        restoreSnapshot(trajectory.snapshot),
        facts.map((f): DeadlineFact => ({
          kind: f.kind,
          dueAt: f.due_at.toISOString(),
          step: f.step,
          firedAt: f.fired_at?.toISOString() ?? null,
        })),
      );
      const row = board.body.rows.find((r: { clientId: string }) => r.clientId === trajectory.client_id);
      expect({
        client: trajectory.client_id,
        blockers: row.blockers.map((b: { code: string }) => b.code),
      }).toEqual({
        client: trajectory.client_id,
        blockers: expected.map((b) => b.code),
      });
      expect(row.blockers.map((b: { message: string }) => b.message)).toEqual(expected.map((b) => b.message));
    }
    const codes = new Set(
      board.body.rows.flatMap((r: { blockers: { code: string }[] }) => r.blockers.map((b) => b.code)),
    );
    for (const code of ['decision_pending', 'aftercare_not_ready', 'no_treatment_agreed'])
      expect(codes).toContain(code);
    const notReady = board.body.rows
      .flatMap((r: { blockers: { code: string; message: string }[] }) => r.blockers)
      .find((b: { code: string }) => b.code === 'aftercare_not_ready');
    expect(notReady.message).toMatch(/^[A-Z].*(nazorg|voorbereid)/i);
  });

  it('plans a meeting, keeps the new-case limit, records a decision and an action that escalates onto the next agenda', async () => {
    for (const displayName of ['Demo S. Ignaal', 'Demo T. Weede']) {
      const created = await request(api.http)
        .post('/api/clients')
        .set(care)
        .send({
          displayName,
          signal: { source: 'citizen', description: 'Buren maken zich zorgen over gebruik.' },
        });
      expect(created.status).toBe(201);
    }
    const first = await request(api.http)
      .post('/api/meetings')
      .set(chair)
      .send({ startsAt: new Date(Date.now() + DAY).toISOString(), location: 'Stadhuis' });
    expect(first.status).toBe(201);
    const agenda = (await request(api.http).get(`/api/meetings/${first.body.id}/agenda`).set(chair)).body;
    expect(agenda.isFirstMeeting).toBe(true);
    const newCases = agenda.items.filter((i: { reason: string }) => i.reason === 'new_case');
    expect(newCases.length).toBe(2);
    expect(
      agenda.deferred.some((d: { deferredBecause: string }) => d.deferredBecause === 'new_case_limit'),
    ).toBe(true);
    expect(agenda.plannedMinutes).toBeLessThanOrEqual(120);

    const blocked = agenda.items.find((i: { reason: string; stage: string }) => i.reason === 'blocked');
    expect(blocked).toBeDefined();
    const decision = await request(api.http)
      .post(`/api/meetings/${first.body.id}/clients/${blocked.clientId}/decisions`)
      .set(chair)
      .send({
        text: 'De outreachend werker zoekt een passende plek.',
        reasons: 'De cliënt zit vast; zonder plek geen voortgang in het traject.',
      });
    expect(decision.status).toBe(201);
    const clockNow = new Date(Date.now()); // the suite's clock offset is still 0 here
    const dueDate = new Date(clockNow.getTime() + 2 * DAY).toISOString().slice(0, 10);
    const action = await request(api.http)
      .post(`/api/meetings/${first.body.id}/clients/${blocked.clientId}/actions`)
      .set(chair)
      .send({
        description: 'Plek regelen en terugkoppelen.',
        owner: { partyKind: 'addiction_care' },
        dueDate,
      });
    expect(action.status).toBe(201);
    expect(
      (await request(api.http).post(`/api/meetings/${first.body.id}/hold`).set(chair).send({})).status,
    ).toBe(200);

    // Four days later the action is overdue (owner and chair told) and flagged for the next agenda.
    const moved = await request(api.http).post('/api/test/clock').set(chair).send({ advanceBy: 'P4D' });
    expect(moved.status).toBe(200);
    await login();
    await settled();
    const chairInbox = (await request(api.http).get('/api/notifications').set(chair)).body as {
      clientId: string;
      topic: string;
    }[];
    expect(
      chairInbox.filter((n) => n.clientId === blocked.clientId && n.topic === 'deadline.overdue').length,
    ).toBe(1);
    const row = (await request(api.http).get('/api/board').set(chair)).body.rows.find(
      (r: { clientId: string }) => r.clientId === blocked.clientId,
    );
    expect(row).toMatchObject({ escalated: true, overdue: true });
    expect(row.blockers.map((b: { code: string }) => b.code)).toContain('action_overdue');

    const next = await request(api.http)
      .post('/api/meetings')
      .set(chair)
      .send({ startsAt: new Date(Date.parse(moved.body.now) + DAY).toISOString() });
    expect(next.status).toBe(201);
    const nextAgenda = (await request(api.http).get(`/api/meetings/${next.body.id}/agenda`).set(chair)).body;
    expect(nextAgenda).toMatchObject({ isFirstMeeting: false, newCaseLimit: 1 });
    const reasons = nextAgenda.items.map((i: { reason: string }) => i.reason);
    const mine = nextAgenda.items.find((i: { clientId: string }) => i.clientId === blocked.clientId);
    expect(mine.reason).toBe('escalated');
    expect(reasons.lastIndexOf('escalated')).toBeLessThan(
      reasons.findIndex((r: string) => r !== 'escalated'),
    );
    expect(reasons.filter((r: string) => r === 'new_case')).toHaveLength(1);
  });
});
