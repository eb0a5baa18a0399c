import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import {
  DeadlineJobData,
  DeadlineJobName,
  FIRE_DEADLINE_STEP_JOB,
  JobHandler,
  RECONCILE_DEADLINES_JOB,
} from '@koers/queue';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineJobsService } from './deadline-jobs.service';

export type DeadlineJobHandler = JobHandler<DeadlineJobData, DeadlineJobName>;
type DeadlineJob = Job<DeadlineJobData, void, DeadlineJobName>;

/**
 * Fires one step. The job is only a wake-up call: fireStep re-reads the step and acts only if it is
 * still pending and due (invariant 5), so a stale job (the deadline moved or was cancelled), a
 * duplicate, or a late delivery does nothing.
 */
@Injectable()
export class FireDeadlineStepHandler implements DeadlineJobHandler {
  readonly jobName = FIRE_DEADLINE_STEP_JOB;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly firing: DeadlineFiringService,
  ) {}

  async handle(job: DeadlineJob, token?: string): Promise<void> {
    const stepId = 'stepId' in job.data ? job.data.stepId : undefined;
    if (typeof stepId !== 'string') throw new Error(`job ${job.id} has no stepId`);
    if (await this.firing.fireStep(stepId)) return;
    // Not fired: usually stale or already fired. But if the step is pending and not yet due, the
    // queue's timer ran ahead of our clock; wait for the step's time rather than drop the job.
    const [step] = await this.dataSource.query<{ fire_at: Date }[]>(
      `SELECT fire_at FROM deadline_step WHERE id = $1 AND status = 'pending'`,
      [stepId],
    );
    const fireAt = step ? new Date(step.fire_at).getTime() : 0;
    if (token && fireAt > this.clock.now().getTime()) {
      await job.moveToDelayed(fireAt, token);
      throw new DelayedError();
    }
  }
}

/** The minute-by-minute reconciliation, run by whichever worker takes the scheduler's job. */
@Injectable()
export class ReconcileDeadlinesHandler implements DeadlineJobHandler {
  readonly jobName = RECONCILE_DEADLINES_JOB;

  constructor(private readonly jobs: DeadlineJobsService) {}

  async handle(): Promise<void> {
    await this.jobs.reconcile();
  }
}
