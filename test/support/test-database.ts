/**
 * The test database, as chosen and migrated by global-setup.ts (TEST_DATABASE_URL). Suites share it:
 * call truncateAll() for a clean slate.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Tables that hold schema bookkeeping, not test data, and the access log: append-only, its trigger refuses
 * TRUNCATE, and its hash chain runs on across suites (no foreign keys tie it to the rows truncated here); its
 * checkpoints (`audit_checkpoint`) go with it. The admin log (`admin_audit`) likewise refuses TRUNCATE and has no
 * foreign keys.
 */
const KEEP = ['migrations', 'typeorm_metadata', 'audit_log', 'audit_checkpoint', 'admin_audit'];

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the suites through jest (npm test): its globalSetup ' +
        '(test/support/global-setup.ts) picks the test database, resets it, migrates it and sets TEST_DATABASE_URL.',
    );
  }
  return url;
}

/** Empties every table of the public schema except the migration bookkeeping (RESTART IDENTITY CASCADE). */
export async function truncateAll(target: DataSource | string = testDatabaseUrl()): Promise<void> {
  const listTables = `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> ALL($1::text[]) ORDER BY 1`;
  const truncate = (names: string[]) => `TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`;

  if (typeof target !== 'string') {
    const tables: { name: string }[] = await target.query(listTables, [KEEP]);
    if (tables.length > 0) await target.query(truncate(tables.map((t) => t.name)));
    return;
  }
  const client = new Client({ connectionString: target });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(listTables, [KEEP]);
    if (rows.length > 0) await client.query(truncate(rows.map((t) => t.name)));
  } finally {
    await client.end();
  }
}
