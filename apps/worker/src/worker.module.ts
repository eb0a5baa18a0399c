import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@koers/config';
import { DeadlineWorkerModule } from '@koers/deadlines';
import { NotificationWorkerModule } from '@koers/notifications';
import { OutboxModule } from '@koers/outbox';
import { PersistenceModule } from '@koers/persistence';
import { clockModules } from '@koers/test-clock';

/** The worker's modules, chosen from the environment when it starts (e.g. the test clock). */
@Module({})
export class WorkerModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(env),
        ...clockModules(env),
        PersistenceModule,
        OutboxModule,
        DeadlineWorkerModule,
        NotificationWorkerModule,
      ],
    };
  }
}
