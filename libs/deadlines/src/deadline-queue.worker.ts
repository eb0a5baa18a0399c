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
const WORKER_CONCURRENCY = 8;

/**
 * Runs the deadline queue in the worker: a BullMQ worker dispatching each job name to its one
 * handler (checked at boot), a reconciliation at start, and a job scheduler that reconciles every
 * minute. A light watchdog re-creates the scheduler if the queue lost it (e.g. Redis FLUSHALL), and
 * switches to the PostgreSQL sweep while the queue does not answer.
 */
@Injectable()
export class DeadlineQueueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineQueue');
  private readonly handlers: Map<DeadlineJobName, DeadlineJobHandler>;
  private worker?: AppWorker<DeadlineJobData, DeadlineJobName>;
  private watchdog?: NodeJS.Timeout;
  private checking?: Promise<void>;

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
      await withTimeout(this.ensureScheduler(), QUEUE_START_TIMEOUT_MS);
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
      this.checking ??= this.check().finally(() => (this.checking = undefined));
    }, RECONCILE_EVERY_MS);
    this.watchdog.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.watchdog);
    await this.checking;
    await this.sweep.stop();
    // The worker itself is closed by QueueConnection, with the queues, in the right order.
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
