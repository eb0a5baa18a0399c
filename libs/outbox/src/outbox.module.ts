import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { OutboxRelayService } from './outbox-relay.service';
import { TrajectoryEventRecordedHandler } from './trajectory-event-recorded.handler';

@Module({
  providers: [
    TrajectoryEventRecordedHandler,
    {
      provide: OutboxRelayService,
      inject: [getDataSourceToken(), Clock, TrajectoryEventRecordedHandler],
      useFactory: (dataSource: DataSource, clock: Clock, ...handlers: TrajectoryEventRecordedHandler[]) =>
        new OutboxRelayService(dataSource, clock, handlers),
    },
  ],
  exports: [OutboxRelayService],
})
export class OutboxModule {}
