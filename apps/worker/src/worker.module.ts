import { Module } from '@nestjs/common';
import { ClockModule } from '@koers/clock';
import { ConfigModule } from '@koers/config';
import { DeadlineWorkerModule } from '@koers/deadlines';
import { NotificationWorkerModule } from '@koers/notifications';
import { OutboxModule } from '@koers/outbox';
import { PersistenceModule } from '@koers/persistence';

@Module({
  imports: [
    ConfigModule.forRoot(),
    ClockModule,
    PersistenceModule,
    OutboxModule,
    DeadlineWorkerModule,
    NotificationWorkerModule,
  ],
})
export class WorkerModule {}
