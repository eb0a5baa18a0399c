import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

const ROOT = join(__dirname, '..', '..');

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A TCP port held by a placeholder listener until `release()`, for a server that must know its own address before
 * it can start (e.g. an OAuth redirect URI in its configuration): the kernel hands out neither this port to another
 * listen(0) nor, while it is held, to an outgoing connection. Release it right before the real server listens.
 */
export async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Kills a child we started, by its own handle, and waits for it to be gone; a no-op if it already is. */
export async function stop(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await exited(child);
}

/**
 * A throwaway redis-server on a free port, without persistence: SHUTDOWN NOSAVE loses everything,
 * and start() again brings back an empty server on the same port.
 */
export class RedisServer {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(`redis-server on ${this.port}`, async () => {
      if (this.process?.exitCode !== null) throw new Error(`redis-server exited (${this.process?.exitCode})`);
      const client = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    });
  }

  /** SHUTDOWN NOSAVE, then wait for the process to be gone. */
  async shutdown(): Promise<void> {
    if (!this.process) return;
    const client = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the server hangs up as it goes
    client.disconnect();
    await Promise.race([exited(this.process), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await stop(this.process);
    this.process = undefined;
  }
}

/**
 * Compiles apps, libs and machines with swc exactly as `npm run build` does (same .swcrc), but into
 * a private temp dir, so a stale or missing dist/ does not matter and a concurrent build cannot
 * pull files from under us. About a second. Returns the output dir; remove it with removeBuild().
 */
export function buildToTemp(): string {
  const out = mkdtempSync(join(tmpdir(), 'koers-build-'));
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'swc'),
    ['apps', 'libs', 'machines', '-d', out, '-q', '--ignore', 'apps/web/**'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  return out;
}

export function removeBuild(out: string | undefined): void {
  if (out) rmSync(out, { recursive: true, force: true });
}

export interface NodeChild {
  process: ChildProcess;
  /** Everything the child wrote so far (stdout and stderr). */
  output(): string;
}

/** Runs a built entry (e.g. apps/worker/src/main.js in a buildToTemp() dir) with the repository's node_modules. */
export function runBuilt(out: string, entry: string, env: NodeJS.ProcessEnv): NodeChild {
  let output = '';
  const child = spawn(process.execPath, [join(out, entry)], {
    cwd: ROOT,
    env: { ...env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { process: child, output: () => output };
}
