import { Injectable, Logger } from '@nestjs/common';
import { OutboxHandler, OutboxRecord, TOPIC_TRAJECTORY_EVENT_RECORDED } from '@koers/outbox';
import { DeadlineJobsService } from './deadline-jobs.service';

/** How long one message may wait for the queue before the relay moves on. */
const QUEUE_TIMEOUT_MS = 2_000;
/** After a timeout, skip the queue for this long, so a Redis outage does not stall the relay. */
const QUEUE_BACKOFF_MS = 10_000;

/**
 * After an event committed, gives that trajectory's pending deadline steps their jobs (invariant 3:
 * effects outside the database happen after commit). Idempotent: a step that already has its job
 * keeps it. If the queue does not answer, the message still counts as relayed: PostgreSQL holds the
 * steps, and the reconciler adds their jobs once the queue is back.
 */
@Injectable()
export class TrajectoryEventRecordedHandler implements OutboxHandler {
  readonly topic = TOPIC_TRAJECTORY_EVENT_RECORDED;
  private readonly logger = new Logger('TrajectoryEventRecorded');
  private skipQueueUntil = 0;

  constructor(private readonly jobs: DeadlineJobsService) {}

  async handle(message: OutboxRecord): Promise<void> {
    const trajectoryId = String(message.payload.trajectoryId);
    if (Date.now() < this.skipQueueUntil) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.jobs.scheduleTrajectory(trajectoryId),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${QUEUE_TIMEOUT_MS} ms`)),
            QUEUE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.skipQueueUntil = Date.now() + QUEUE_BACKOFF_MS;
      this.logger.warn(
        `jobs for trajectory ${trajectoryId} not scheduled (${(error as Error).message}); the reconciler will add them`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
