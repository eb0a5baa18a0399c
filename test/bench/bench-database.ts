/**
 * The database the benchmarks run on: BENCH_DATABASE_URL if set (used as is, kept), else a fresh database
 * on the local PostgreSQL, else on an embedded one; a fresh database is dropped again when the bench stops.
 */
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { redactUrl } from '@koers/config';
import { defaultEmbeddedDataDir, startEmbeddedPostgres } from '@koers/embedded-db';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432';

export interface BenchDatabase {
  url: string;
  description: string;
  stop(): Promise<void>;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function freshDatabase(
  serverUrl: string,
  name: string,
  stopServer: () => Promise<void>,
): Promise<BenchDatabase> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabaseName(serverUrl, name);
  return {
    url,
    description: `${redactUrl(url)} (fresh, dropped afterwards)`,
    stop: async () => {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) =>
        console.error(`could not drop ${name}: ${(error as Error).message}`),
      );
      await stopServer();
    },
  };
}

/** `embeddedPort` and its data folder are the bench's own: never a developer's `npm start` cluster. */
export async function provisionBenchDatabase(name: string, embeddedPort: number): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  const noop = async () => undefined;
  if (given) return { url: given, description: `${redactUrl(given)} (BENCH_DATABASE_URL)`, stop: noop };
  if (await answers(withDatabaseName(LOCAL_SERVER_URL, 'postgres')))
    return freshDatabase(LOCAL_SERVER_URL, name, noop);
  console.log(
    `No PostgreSQL answers on ${LOCAL_SERVER_URL}: starting an embedded one on port ${embeddedPort}`,
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dirname(defaultEmbeddedDataDir()), `${name}-postgres`),
    port: embeddedPort,
    databaseName: 'postgres',
  });
  try {
    return await freshDatabase(embedded.url, name, embedded.stop);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/**
 * Runs `stopEverything` once, whether the bench ends or is interrupted (SIGINT/SIGTERM: it cleans up, then exits
 * 130), so a bench database is never left behind. Returns the clean-up to call in the bench's `finally` (it also
 * removes the signal handlers).
 */
export function cleanUpOnce(
  stopEverything: () => Promise<void>,
  interruptedMessage: string,
): () => Promise<void> {
  let cleaned: Promise<void> | undefined;
  const cleanUp = (): Promise<void> => {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    return (cleaned ??= stopEverything());
  };
  const interrupted = () => {
    console.error(`\nInterrupted: ${interruptedMessage}`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return cleanUp;
}
