/**
 * `npm start`: one command that runs the whole of Koers on a development machine.
 *
 * 1. DATABASE_URL set: use it. Unset: start the embedded PostgreSQL (data in .data/postgres, port 54329).
 * 2. Run the migrations, then seed the demo data into an empty database (not with SEED_DEMO=0 or in production).
 * 3. Fork the API and the worker with DATABASE_URL set (and DEMO_MODE=1 on the embedded database unless DEMO_MODE
 *    is set); forward SIGINT/SIGTERM/SIGHUP to them.
 * 4. If either dies unexpectedly, stop the other and exit 1. The embedded PostgreSQL stops last.
 *
 * Launcher settings (environment): EMBEDDED_PG_PORT (default 54329), EMBEDDED_PG_DATA_DIR (default
 * .data/postgres in the repo), SEED_DEMO (1 = default, 0 = skip). Everything else passes through to the apps.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, redactUrl } from '@koers/config';
import {
  DEFAULT_EMBEDDED_PORT,
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '@koers/embedded-db';
import { runMigrations } from '@koers/persistence';
import { seedDemoIfEmpty } from '@koers/seed';

const APPS = {
  api: join(__dirname, '..', '..', 'api', 'src', 'main.js'),
  worker: join(__dirname, '..', '..', 'worker', 'src', 'main.js'),
};
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const log = (message: string) => console.log(`[launcher] ${message}`);
const logError = (message: string) => console.error(`[launcher] ${message}`);
const children = new Map<string, ChildProcess>();
let embedded: Promise<EmbeddedPostgresHandle> | undefined; // kept as a promise: a signal may come while it starts
let shuttingDown = false;

async function main(): Promise<void> {
  for (const signal of SIGNALS) process.on(signal, () => shutdown(0, `received ${signal}`, signal));
  const settings = readLauncherSettings();
  // The apps validate their configuration too; checking it here fails before anything has started.
  // (The embedded database's URL is not known yet, so a placeholder stands in for it.)
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://embedded/koers',
  });

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log(`using DATABASE_URL ${redactUrl(databaseUrl)}`);
  } else {
    log('no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = startEmbeddedPostgres({
      dataDir: settings.dataDir,
      port: settings.port,
      databaseName: 'koers',
      handleSignals: false, // we stop it ourselves, after the apps
    });
    databaseUrl = (await embedded).url;
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  // The embedded database is a demo installation: privacy officers and admins may log in without a second factor.
  if (embedded && process.env.DEMO_MODE === undefined && config.nodeEnv !== 'production') {
    Object.assign(env, { DEMO_MODE: '1' });
    log('DEMO_MODE=1 (embedded database): privacy officer and admin log in without a second factor');
  }

  if (shuttingDown) return;
  const applied = await runMigrations(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations: up to date');

  if (shuttingDown) return;
  if (!settings.seedDemo) log('demo seed skipped (SEED_DEMO=0)');
  else if (config.nodeEnv === 'production') log('demo seed skipped (NODE_ENV=production)');
  else {
    const result = await seedDemoIfEmpty(databaseUrl, { nodeEnv: config.nodeEnv });
    log(result === 'seeded' ? 'demo data seeded' : 'demo seed skipped (database already has data)');
  }

  if (shuttingDown) return;
  for (const [name, entry] of Object.entries(APPS)) startChild(name, entry, env);
  log(`API on http://localhost:${config.port}`);
}

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): void {
  if (!existsSync(entry)) throw new Error(`${entry} is missing; run npm run build first`);
  const child = fork(entry, [], { env });
  children.set(name, child);
  log(`started ${name} (pid ${child.pid})`);
  child.on('exit', (code, signal) => {
    children.delete(name);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!shuttingDown) return shutdown(1, `${name} exited unexpectedly (${how})`);
    if (code) process.exitCode = 1; // failed while stopping
    (code ? logError : log)(`${name} stopped (${how})`);
  });
}

/** Stop the apps (forwarding the signal), wait for them, then stop the embedded PostgreSQL and exit. */
function shutdown(exitCode: number, reason: string, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (shuttingDown) return;
  shuttingDown = true;
  process.exitCode = exitCode;
  (exitCode ? logError : log)(`shutting down: ${reason}`);
  const exited = [...children.values()].map(
    (child) =>
      new Promise((done) =>
        (child.exitCode ?? child.signalCode) === null ? child.once('exit', done) : done(null),
      ),
  );
  for (const child of children.values()) child.kill(signal);
  void Promise.all(exited)
    .then(() =>
      embedded?.then(
        (db) => db.stop(),
        () => undefined,
      ),
    )
    .catch((error: unknown) => logError(`stopping PostgreSQL failed: ${String(error)}`))
    .finally(() => process.exit());
}

function readLauncherSettings(): { port: number; dataDir?: string; seedDemo: boolean } {
  const problems: string[] = [];
  const rawPort = process.env.EMBEDDED_PG_PORT;
  const port = rawPort ? Number(rawPort) : DEFAULT_EMBEDDED_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`EMBEDDED_PG_PORT must be a whole number from 1 to 65535 (got "${rawPort}")`);
  }
  const seed = process.env.SEED_DEMO ?? '1';
  if (seed !== '0' && seed !== '1') problems.push(`SEED_DEMO must be 0 or 1 (got "${seed}")`);
  if (problems.length) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return { port, dataDir: process.env.EMBEDDED_PG_DATA_DIR || undefined, seedDemo: seed === '1' };
}

main().catch((error: unknown) => {
  if (shuttingDown) return; // a signal arrived during start-up; shutdown() is already under way
  logError(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1, 'start-up failed');
});
