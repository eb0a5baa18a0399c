import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  AppWorker,
  DEADLINE_JOB_NAMES,
  DEADLINE_QUEUE,
  DeadlineJobData,
  DeadlineJobName,
  indexJobHandlers,
  QueueConnection,
  RECONCILE_DEADLINES_JOB,
} from '@koers/queue';
import type { DeadlineJobHandler } from './deadline-job.handlers';
import { DeadlineJobsService } from './deadline-jobs.service';
import { DeadlineReconciler } from './deadline-reconciler.service';

export const DEADLINE_JOB_HANDLERS = Symbol('DEADLINE_JOB_HANDLERS');
/** How often the job scheduler runs the reconciliation (across all workers, once per interval). */
export const RECONCILE_EVERY_MS = 60_000;
/** How long the queue may take to answer at start before the worker falls back to the sweep. */
const QUEUE_START_TIMEOUT_MS = 5_000;
/**
 * How long the Redis connection must stay up after coming back before the worker reconciles: a flapping
 * connection gives one reconciliation, not one per reconnect.
 */
export const RECONNECT_SETTLE_MS = 1_000;
const WORKER_CONCURRENCY = 8;

/**
 * Runs the deadline queue in the worker: a BullMQ worker dispatching each job name to its one
 * handler (checked at boot), a reconciliation at start, and a job scheduler that reconciles every
 * minute. When the Redis connection is ready again after having been lost, it reconciles at once
 * (debounced by RECONNECT_SETTLE_MS): Redis may have come back empty, and the jobs of pending steps
 * must not wait for the next minute. A light watchdog (every minute, the safety net) re-creates the
 * scheduler if the queue lost it (e.g. Redis FLUSHALL), and switches to the PostgreSQL sweep while the
 * queue does not answer. Reconnect runs and watchdog runs never overlap.
 */
@Injectable()
export class DeadlineQueueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineQueue');
  private readonly handlers: Map<DeadlineJobName, DeadlineJobHandler>;
  private worker?: AppWorker<DeadlineJobData, DeadlineJobName>;
  private watchdog?: NodeJS.Timeout;
  /** The check or recovery that is running; at most one at a time. */
  private checking?: Promise<void>;
  /** A reconnect was seen and its recovery has not started yet (it runs after the current check). */
  private recoveryDue = false;
  private settleTimer?: NodeJS.Timeout;
  private unsubscribeReconnected?: () => void;
  private stopped = false;

  constructor(
    private readonly connection: QueueConnection,
    private readonly jobs: DeadlineJobsService,
    private readonly sweep: DeadlineReconciler,
    @Inject(DEADLINE_JOB_HANDLERS) handlers: DeadlineJobHandler[],
  ) {
    this.handlers = indexJobHandlers(DEADLINE_QUEUE, DEADLINE_JOB_NAMES, handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = this.connection.createWorker<DeadlineJobData, DeadlineJobName>(
      DEADLINE_QUEUE,
      async (job, token) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        await handler.handle(job, token);
      },
      { concurrency: WORKER_CONCURRENCY },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`),
    );
    try {
      // Ready = both of the worker's connections (the shared one and its own blocking one) are up, so
      // "reconciled at start", and the app's "started" after it, mean the worker is fetching jobs.
      await withTimeout(
        Promise.all([this.worker.waitUntilReady(), this.ensureScheduler()]),
        QUEUE_START_TIMEOUT_MS,
      );
      await this.jobs.reconcile();
      this.logger.log(`deadline queue on ${this.connection.backend}: reconciled at start`);
    } catch (error) {
      this.logger.warn(
        `deadline queue on ${this.connection.backend} unavailable at start (${(error as Error).message}): ` +
          `sweeping PostgreSQL for due steps every 15 s until it answers`,
      );
      this.sweep.start();
    }
    this.watchdog = setInterval(() => {
      this.checking ??= this.check().finally(() => this.afterRun());
    }, RECONCILE_EVERY_MS);
    this.watchdog.unref();
    this.unsubscribeReconnected = this.connection.onReconnected(() => this.reconnected());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribeReconnected?.();
    clearInterval(this.watchdog);
    clearTimeout(this.settleTimer);
    await this.checking;
    await this.sweep.stop();
    // The worker itself is closed by QueueConnection, with the queues, in the right order.
  }

  /** The Redis connection is ready again: recover once it has stayed up for RECONNECT_SETTLE_MS. */
  private reconnected(): void {
    if (this.stopped) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.recoveryDue = true;
      this.checking ??= this.recover().finally(() => this.afterRun());
    }, RECONNECT_SETTLE_MS);
    this.settleTimer.unref();
  }

  /** A run ended: if a reconnect came in while it ran, recover now (the run may have predated it). */
  private afterRun(): void {
    this.checking = undefined;
    if (this.recoveryDue && !this.stopped) this.checking = this.recover().finally(() => this.afterRun());
  }

  /**
   * After a reconnect: the scheduler is back (Redis may have come back empty), the sweep is stopped if it
   * ran, and the queue matches PostgreSQL again (due steps fired, lost jobs re-created). One log line.
   */
  private async recover(): Promise<void> {
    this.recoveryDue = false;
    try {
      const recreated = await withTimeout(this.ensureScheduler(), QUEUE_START_TIMEOUT_MS);
      const swept = this.sweep.isRunning;
      if (swept) await this.sweep.stop();
      const result = await this.jobs.reconcile();
      this.logger.log(
        `Redis is back: deadline queue reconciled (fired ${result.fired} due step(s), re-created ` +
          `${result.recreated} job(s)${recreated ? ' and the reconcile scheduler' : ''}` +
          `${swept ? ', sweep stopped' : ''})`,
      );
    } catch (error) {
      // Lost again already: the next reconnect or the watchdog takes it from here.
      this.logger.warn(`reconciling after Redis came back failed: ${(error as Error).message}`);
      if (!this.sweep.isRunning) this.sweep.start();
    }
  }

  /** Upserts the scheduler if the queue does not have it; true if it had to. */
  private async ensureScheduler(): Promise<boolean> {
    if (await this.jobs.queue.getJobScheduler(RECONCILE_DEADLINES_JOB)) return false;
    await this.jobs.queue.upsertJobScheduler(
      RECONCILE_DEADLINES_JOB,
      { every: RECONCILE_EVERY_MS },
      { name: RECONCILE_DEADLINES_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
    return true;
  }

  /** Once a minute: the scheduler still exists, or the queue came back after the sweep took over. */
  private async check(): Promise<void> {
    try {
      const recreated = await withTimeout(this.ensureScheduler(), QUEUE_START_TIMEOUT_MS);
      if (this.sweep.isRunning) {
        await this.sweep.stop();
        await this.jobs.reconcile();
        this.logger.log('deadline queue answers again: sweep stopped, queue reconciled');
      } else if (recreated) {
        this.logger.warn('the reconcile job scheduler was missing from the queue and was re-created');
        await this.jobs.reconcile();
      }
    } catch (error) {
      if (!this.sweep.isRunning) {
        this.logger.warn(
          `deadline queue unavailable (${(error as Error).message}): sweeping PostgreSQL every 15 s`,
        );
        this.sweep.start();
      }
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
