import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobType } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import {
  AppQueue,
  DEADLINE_QUEUE,
  DeadlineJobData,
  DeadlineJobName,
  FIRE_DEADLINE_STEP_JOB,
  QueueConnection,
} from '@koers/queue';
import { DeadlineFiringService } from './deadline-firing.service';

interface PendingStep {
  id: string;
  fire_at: Date;
}

export interface ReconcileResult {
  /** Steps that were due and fired straight from PostgreSQL. */
  fired: number;
  /** Pending steps whose job was missing (e.g. Redis lost its data) and was added again. */
  recreated: number;
  /** Delayed jobs whose step is no longer pending (withdrawn, fired), removed. */
  removed: number;
}

/** BullMQ job ids may not contain ':'; a step row belongs to one revision, so its id changes when a deadline moves. */
export const stepJobId = (stepId: string): string => `step-${stepId}`;
const STEP_JOB_PREFIX = 'step-';
const ADD_CHUNK = 1000;
/** States in which a job will still run: a pending step needs its job in one of them. */
const LIVE_STATES: JobType[] = ['delayed', 'wait', 'active', 'prioritized'];

/**
 * Derives the deadline queue from PostgreSQL (architecture invariant 4): one delayed job per pending
 * step, carrying only the step id, with a job id derived from the step, so adding again is a no-op.
 * Finished jobs are removed at once, so a finished job never blocks a later add with the same id.
 */
@Injectable()
export class DeadlineJobsService {
  private readonly logger = new Logger('DeadlineJobs');
  readonly queue: AppQueue<DeadlineJobData, DeadlineJobName>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly firing: DeadlineFiringService,
    connection: QueueConnection,
  ) {
    this.queue = connection.createQueue<DeadlineJobData, DeadlineJobName>(DEADLINE_QUEUE);
  }

  /** Adds a job for each of these steps that is still pending; returns how many were asked for. */
  async scheduleSteps(stepIds: string[]): Promise<number> {
    if (stepIds.length === 0) return 0;
    const steps: PendingStep[] = await this.dataSource.query(
      `SELECT id, fire_at FROM deadline_step WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [stepIds],
    );
    await this.add(steps);
    return steps.length;
  }

  /** Adds a job for every pending step of one trajectory (after an event of it committed). */
  async scheduleTrajectory(trajectoryId: string): Promise<number> {
    const steps: PendingStep[] = await this.dataSource.query(
      `SELECT s.id, s.fire_at FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
        WHERE d.trajectory_id = $1 AND s.status = 'pending'`,
      [trajectoryId],
    );
    await this.add(steps);
    return steps.length;
  }

  /**
   * Makes the queue match PostgreSQL: fires what is due (so nothing waits on a lost job), re-adds
   * the job of every pending step that has none, and removes delayed jobs whose step is no longer
   * pending. Safe to run on several workers at once: every operation is idempotent.
   */
  async reconcile(): Promise<ReconcileResult> {
    const fired = await this.firing.fireDue();
    const pending: PendingStep[] = await this.dataSource.query(
      `SELECT id, fire_at FROM deadline_step WHERE status = 'pending'`,
    );
    const live = new Set(await this.queue.getRanges(LIVE_STATES, 0, -1));
    const missing = pending.filter((step) => !live.has(stepJobId(step.id)));
    await this.add(missing);

    const pendingIds = new Set(pending.map((step) => stepJobId(step.id)));
    const delayed = await this.queue.getRanges(['delayed'], 0, -1);
    const candidates = delayed
      .filter((id) => id.startsWith(STEP_JOB_PREFIX) && !pendingIds.has(id))
      .map((id) => id.slice(STEP_JOB_PREFIX.length));
    const removed = await this.removeOrphans(candidates);

    const result = { fired, recreated: missing.length, removed };
    if (fired + missing.length + removed > 0)
      this.logger.log(
        `reconciled: fired ${fired} due step(s), re-created ${missing.length} missing job(s), removed ${removed} orphaned job(s)`,
      );
    return result;
  }

  private async add(steps: PendingStep[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (let i = 0; i < steps.length; i += ADD_CHUNK) {
      await this.queue.addBulk(
        steps.slice(i, i + ADD_CHUNK).map((step) => ({
          name: FIRE_DEADLINE_STEP_JOB,
          data: { stepId: step.id },
          opts: {
            jobId: stepJobId(step.id),
            delay: Math.max(0, new Date(step.fire_at).getTime() - now),
            removeOnComplete: true,
            removeOnFail: true,
            // A database hiccup should not cost the step its job; the reconciler is the last resort.
            attempts: 3,
            backoff: { type: 'exponential', delay: 1000 },
          },
        })),
      );
    }
  }

  /**
   * Removes the jobs of these steps unless they are pending after all: a step committed after the
   * snapshot above may already have its job, and must keep it.
   */
  private async removeOrphans(stepIds: string[]): Promise<number> {
    if (stepIds.length === 0) return 0;
    const stillPending: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM deadline_step WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [stepIds.filter((id) => UUID.test(id))],
    );
    const keep = new Set(stillPending.map((row) => row.id));
    let removed = 0;
    for (const stepId of stepIds) {
      if (keep.has(stepId)) continue;
      removed += (await this.queue.remove(stepJobId(stepId))) > 0 ? 1 : 0;
    }
    return removed;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
