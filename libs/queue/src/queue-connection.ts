import { Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  createPostgresBackend,
  PostgresConnectionOptions,
  Processor,
  Queue,
  QueueOptions,
  withBackend,
  Worker,
  WorkerOptions,
} from 'bullmq';
import Redis from 'ioredis';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConnectionOptions {
  /** BullMQ on Redis when set (production, scale-out). */
  redisUrl?: string;
  /** Otherwise BullMQ on its PostgreSQL backend, in this database (the embedded default). */
  databaseUrl: string;
  /**
   * Keeps queues apart on a shared server: the Redis key prefix, or the PostgreSQL schema (BullMQ's
   * namespace there). Tests pass a unique one per run so concurrent runs never see each other's jobs.
   */
  namespace?: string;
}

export interface WorkerSettings {
  concurrency?: number;
}

const postgres = withBackend(createPostgresBackend);

// The concrete classes per backend, spelled through their constructors so BullMQ's own type
// arguments (data, result and name extraction) stay exactly as it computes them.
const redisQueue = <D, N extends string>(name: string, opts: QueueOptions) =>
  new Queue<D, void, N>(name, opts);
const postgresQueue = <D, N extends string>(name: string, opts: QueueOptions<PostgresConnectionOptions>) =>
  new postgres.Queue<D, void, N>(name, opts);
const redisWorker = <D, N extends string>(
  name: string,
  processor: Processor<D, void, N>,
  opts: WorkerOptions,
) => new Worker<D, void, N>(name, processor, opts);
const postgresWorker = <D, N extends string>(
  name: string,
  processor: Processor<D, void, N>,
  opts: WorkerOptions<PostgresConnectionOptions>,
) => new postgres.Worker<D, void, N>(name, processor, opts);

/** A queue on either backend: the same BullMQ class, typed by the backend it was built on. */
export type AppQueue<D, N extends string> =
  ReturnType<typeof redisQueue<D, N>> | ReturnType<typeof postgresQueue<D, N>>;
export type AppWorker<D, N extends string> =
  ReturnType<typeof redisWorker<D, N>> | ReturnType<typeof postgresWorker<D, N>>;

const CLOSE_GRACE_MS = 3_000;
const WARN_EVERY_MS = 30_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export const DEFAULT_REDIS_PREFIX = 'koers';
export const DEFAULT_POSTGRES_SCHEMA = 'bullmq';

/**
 * Hands out BullMQ queues and workers on the configured backend and closes them all on shutdown
 * (workers first, so no job is cut off by its queue closing under it). On Redis, queues share one
 * ioredis client; `maxRetriesPerRequest: null` is what BullMQ workers require, so blocking commands
 * wait for Redis to come back instead of failing. When that client is `ready` again after having lost
 * its connection, `onReconnected` listeners hear of it (Redis may have come back empty).
 */
export class QueueConnection implements OnApplicationShutdown {
  readonly backend: QueueBackendKind;
  readonly namespace: string;
  private readonly logger = new Logger('QueueConnection');
  private readonly redis?: Redis;
  private readonly queues: { close(): Promise<void> }[] = [];
  private readonly workers: { close(force?: boolean): Promise<void> }[] = [];
  private closing?: Promise<void>;
  private lastWarning?: string;
  private lastWarningAt = 0;
  private readonly reconnectedListeners = new Set<() => void>();
  /** The client has been ready once, and has lost its connection since (until it is ready again). */
  private redisReady = false;
  private redisLost = false;

  constructor(private readonly options: QueueConnectionOptions) {
    this.backend = options.redisUrl ? 'redis' : 'postgres';
    this.namespace = options.namespace ?? (options.redisUrl ? DEFAULT_REDIS_PREFIX : DEFAULT_POSTGRES_SCHEMA);
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      // Without a listener ioredis prints every reconnect failure as an unhandled error.
      this.redis.on('error', (error: Error) => this.warn(`Redis: ${error.message}`));
      this.redis.on('close', () => this.redisClosed());
      this.redis.on('ready', () => this.redisReadyAgain());
    }
  }

  /**
   * Calls `listener` whenever the Redis connection is ready again after having been lost (not at the
   * first connect, not on shutdown). Never on the PostgreSQL backend. Returns the unsubscribe function.
   * ioredis may flap (ready, lost, ready): listeners that do real work should debounce.
   */
  onReconnected(listener: () => void): () => void {
    this.reconnectedListeners.add(listener);
    return () => this.reconnectedListeners.delete(listener);
  }

  createQueue<D, N extends string>(name: string): AppQueue<D, N> {
    const queue: AppQueue<D, N> = this.redis
      ? redisQueue<D, N>(name, { connection: this.redis, prefix: this.namespace })
      : postgresQueue<D, N>(name, { connection: this.postgresConnection() });
    // Without a listener BullMQ prints every connection error to stderr.
    queue.on('error', (error: Error) => this.warn(`queue ${name}: ${error.message}`));
    this.queues.push(queue);
    return queue;
  }

  createWorker<D, N extends string>(
    name: string,
    processor: Processor<D, void, N>,
    settings: WorkerSettings = {},
  ): AppWorker<D, N> {
    const worker: AppWorker<D, N> = this.redis
      ? redisWorker<D, N>(name, processor, {
          connection: this.redis,
          prefix: this.namespace,
          concurrency: settings.concurrency,
        })
      : postgresWorker<D, N>(name, processor, {
          connection: this.postgresConnection(),
          concurrency: settings.concurrency,
        });
    worker.on('error', (error: Error) => this.warn(`worker ${name}: ${error.message}`));
    this.workers.push(worker);
    return worker;
  }

  /**
   * Closes every worker (letting running jobs finish), then every queue, then the Redis client. A
   * graceful close waits for the server, so when it does not answer we cut the connection after
   * CLOSE_GRACE_MS: every job is derived from PostgreSQL, so nothing is lost. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const graceful = (async () => {
        await Promise.allSettled(this.workers.map((w) => w.close()));
        await Promise.allSettled(this.queues.map((q) => q.close()));
      })();
      const closed = await Promise.race([graceful.then(() => true), delay(CLOSE_GRACE_MS).then(() => false)]);
      if (closed) {
        await this.redis?.quit().catch(() => this.redis?.disconnect());
        return;
      }
      this.logger.warn(`queues did not close within ${CLOSE_GRACE_MS} ms; disconnecting`);
      this.redis?.disconnect();
      const forced = Promise.allSettled(this.workers.map((w) => w.close(true)));
      await Promise.race([Promise.all([graceful, forced]), delay(CLOSE_GRACE_MS)]);
    })();
    return this.closing;
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private redisClosed(): void {
    if (!this.redisReady || this.redisLost || this.closing) return;
    this.redisLost = true;
    this.logger.warn('Redis connection lost; reconnecting');
  }

  private redisReadyAgain(): void {
    const lost = this.redisLost;
    this.redisReady = true;
    this.redisLost = false;
    if (!lost || this.closing) return;
    this.logger.log('Redis connection is back');
    for (const listener of [...this.reconnectedListeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`reconnect listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** Logs a connection problem once per message and interval, not on every reconnect attempt. */
  private warn(message: string): void {
    const now = Date.now();
    if (message === this.lastWarning && now - this.lastWarningAt < WARN_EVERY_MS) return;
    this.lastWarning = message;
    this.lastWarningAt = now;
    this.logger.warn(message);
  }

  private postgresConnection(): PostgresConnectionOptions {
    // migrate: BullMQ creates or upgrades its schema under an advisory lock, a no-op once current.
    return { connectionString: this.options.databaseUrl, schema: this.namespace, migrate: true, max: 4 };
  }
}
