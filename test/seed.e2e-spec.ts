import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { STAGES } from '@koers/machines/trajectory';
import { runMigrations } from '@koers/persistence';
import { DEMO_CLIENTS, DEMO_USERS, SeedRefusedError, seedDemoIfEmpty } from '@koers/seed';
import { testDatabaseUrl } from './support/test-database';

/** The demo seed on a database of its own: every stage covered, idempotent, never in production. */
describe('demo seed (integration)', () => {
  const name = `koers_seed_${randomUUID().slice(0, 8)}`;
  const admin = new URL(testDatabaseUrl());
  const url = Object.assign(new URL(testDatabaseUrl()), { pathname: `/${name}` }).toString();
  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
  });
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('refuses to seed when NODE_ENV=production', async () => {
    await expect(seedDemoIfEmpty(url, { nodeEnv: 'production' })).rejects.toBeInstanceOf(SeedRefusedError);
  });

  it('seeds the demo casusoverleg once, with clients in every stage, through real events', async () => {
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('skipped');

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const users = await client.query(`SELECT username FROM app_user ORDER BY username`);
      expect(users.rows.map((r) => r.username)).toEqual(DEMO_USERS.map((u) => u.username).sort());
      const stages = await client.query(`SELECT DISTINCT stage FROM trajectory`);
      expect(stages.rows.map((r) => r.stage).sort()).toEqual([...STAGES].sort());
      const counts = await client.query(
        `SELECT (SELECT count(*)::int FROM client) AS clients, (SELECT count(*)::int FROM client WHERE bsn IS NOT NULL) AS with_bsn,
                (SELECT count(*)::int FROM trajectory t WHERE t.version <> (SELECT max(seq) FROM trajectory_event e WHERE e.trajectory_id = t.id)) AS mismatched`,
      );
      expect(counts.rows[0]).toEqual({ clients: DEMO_CLIENTS.length, with_bsn: 0, mismatched: 0 });
      const names = await client.query(
        `SELECT display_name FROM client WHERE display_name NOT LIKE 'Demo %'`,
      );
      expect(names.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
