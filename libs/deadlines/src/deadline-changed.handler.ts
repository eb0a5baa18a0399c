import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxHandler, OutboxRecord, TOPIC_DEADLINE_CHANGED } from '@koers/outbox';
import { DeadlineJobsService } from './deadline-jobs.service';

/**
 * After a meeting's deadline (an action, the cadence) committed, gives its pending steps their jobs. Jobs of
 * withdrawn steps are harmless (the step is re-read and skipped) and the reconciler removes them.
 */
@Injectable()
export class DeadlineChangedHandler implements OutboxHandler {
  readonly topic = TOPIC_DEADLINE_CHANGED;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: DeadlineJobsService,
  ) {}

  async handle(message: OutboxRecord): Promise<void> {
    const steps: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
        WHERE d.id = $1 AND s.status = 'pending' AND s.revision = d.revision`,
      [String(message.payload.deadlineId)],
    );
    if (steps.length > 0) await this.jobs.scheduleSteps(steps.map((s) => s.id));
  }
}
