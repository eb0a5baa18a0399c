/**
 * jest globalSetup: choose the test database, reset it, migrate it once, and hand its URL to the suites
 * as TEST_DATABASE_URL. The choice, in order:
 *   1. TEST_DATABASE_URL, if set;
 *   2. the machine's PostgreSQL, postgres://postgres@127.0.0.1:5432/test, if it answers;
 *   3. an embedded PostgreSQL on port 54330 with its data in the OS temp dir (stopped by global-teardown.ts).
 * The chosen database is wiped: never point TEST_DATABASE_URL at data you want to keep.
 *
 * Imports are relative: jest's moduleNameMapper does not apply to globalSetup/globalTeardown.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { redactUrl } from '../../libs/config/src/config';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../../libs/embedded-db/src/embedded-postgres';
import { runMigrations } from '../../libs/persistence/src/data-source-options';

const LOCAL_TEST_DATABASE = 'postgres://postgres@127.0.0.1:5432/test';
const EMBEDDED_TEST_PORT = 54330;

/** Shared with global-teardown.ts, which runs in the same process. */
export const EMBEDDED_HANDLE = Symbol.for('koers.test.embeddedPostgres');
type Globals = typeof globalThis & { [EMBEDDED_HANDLE]?: EmbeddedPostgresHandle };

const log = (message: string) => console.log(`[test-db] ${message}`);

export default async function globalSetup(): Promise<void> {
  const url = await chooseDatabase();
  await resetSchema(url);
  const applied = await runMigrations(url);
  log(`migrated (${applied.length} migrations applied)`);
  process.env.TEST_DATABASE_URL = url;
}

async function chooseDatabase(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) {
    log(`using TEST_DATABASE_URL ${redactUrl(process.env.TEST_DATABASE_URL)}`);
    return process.env.TEST_DATABASE_URL;
  }
  const problem = await probe(LOCAL_TEST_DATABASE);
  if (!problem) {
    log(`using the local PostgreSQL ${LOCAL_TEST_DATABASE}`);
    return LOCAL_TEST_DATABASE;
  }
  log(`local PostgreSQL ${LOCAL_TEST_DATABASE} unavailable (${problem}); starting an embedded one`);
  const embedded = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `koers-test-postgres-${process.getuid?.() ?? 'user'}`),
    port: EMBEDDED_TEST_PORT,
    databaseName: 'test',
    durable: false,
    log: (message) => log(`embedded: ${message}`),
  });
  (globalThis as Globals)[EMBEDDED_HANDLE] = embedded;
  return embedded.url;
}

/** undefined if the database answers, else the reason it does not. */
async function probe(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function resetSchema(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // bullmq: the PostgreSQL queue backend's schema, left by suites that start a worker.
    await client.query(
      'DROP SCHEMA IF EXISTS bullmq CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
    );
  } finally {
    await client.end();
  }
}
