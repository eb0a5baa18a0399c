import { Injectable, Logger } from '@nestjs/common';
import type { OutboxHandler, OutboxRecord } from './outbox-relay.service';

export const TOPIC_TRAJECTORY_EVENT_RECORDED = 'trajectory.event_recorded';

/**
 * Receives every recorded trajectory event after commit. The deadline engine hangs its scheduling on
 * this topic; until then it only traces the relay (ids only, never payload content).
 */
@Injectable()
export class TrajectoryEventRecordedHandler implements OutboxHandler {
  readonly topic = TOPIC_TRAJECTORY_EVENT_RECORDED;
  private readonly logger = new Logger('TrajectoryEventRecorded');

  async handle(message: OutboxRecord): Promise<void> {
    this.logger.debug(`trajectory ${message.payload.trajectoryId} event ${message.payload.seq} relayed`);
  }
}
