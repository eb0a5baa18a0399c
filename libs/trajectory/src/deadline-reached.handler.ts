import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadlineKind } from '@koers/machines/trajectory';
import { OutboxHandler, OutboxRecord, TOPIC_DEADLINE_REACHED } from '@koers/outbox';
import { TrajectoryService } from './trajectory.service';

/**
 * Tells the trajectory that a deadline fell due (DEADLINE_REACHED), e.g. so the postal address shows as
 * expired. Re-reads the deadline: one that was met or moved in the meantime changes nothing, and the
 * statechart ignores an event it no longer accepts, so a duplicate delivery is harmless.
 */
@Injectable()
export class DeadlineReachedHandler implements OutboxHandler {
  readonly topic = TOPIC_DEADLINE_REACHED;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trajectories: TrajectoryService,
  ) {}

  async handle(message: OutboxRecord, _manager: EntityManager): Promise<void> {
    const [deadline] = await this.dataSource.query(
      `SELECT kind FROM deadline WHERE id = $1 AND trajectory_id = $2 AND status = 'pending'`,
      [message.payload.deadlineId, message.payload.trajectoryId],
    );
    if (!deadline) return;
    await this.trajectories.recordSystemEvent(String(message.payload.trajectoryId), {
      type: 'DEADLINE_REACHED',
      deadlineId: String(message.payload.deadlineId),
      kind: deadline.kind as DeadlineKind,
    });
  }
}
