import { DynamicModule, Module } from '@nestjs/common';
import { ClientRightsWorkerModule } from '@koers/client-rights';
import { ConfigModule } from '@koers/config';
import {
  DeadlineChangedHandler,
  DeadlineQueueModule,
  TrajectoryEventRecordedHandler,
} from '@koers/deadlines';
import { NotificationWorkerModule } from '@koers/notifications';
import { OutboxModule } from '@koers/outbox';
import { PersistenceModule } from '@koers/persistence';
import { QueueModule } from '@koers/queue';
import { clockModules } from '@koers/test-clock';
import { BoardProjectionRebuilder, DeadlineReachedHandler, TrajectoryModule } from '@koers/trajectory';

export interface WorkerOptions {
  /** Redis key prefix or PostgreSQL schema of the queues; tests use a unique one per run. */
  queueNamespace?: string;
}

/** The worker's modules, chosen from the environment when it starts (e.g. the test clock). */
@Module({})
export class WorkerModule {
  static register(env: NodeJS.ProcessEnv = process.env, options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(env),
        ...clockModules(env),
        PersistenceModule,
        QueueModule.forRoot({ namespace: options.queueNamespace }),
        OutboxModule.register({
          imports: [DeadlineQueueModule, TrajectoryModule],
          handlers: [TrajectoryEventRecordedHandler, DeadlineReachedHandler, DeadlineChangedHandler],
        }),
        DeadlineQueueModule,
        NotificationWorkerModule,
        // Daily: anonymises trajectories closed longer ago than CLIENT_RETENTION_MONTHS.
        ClientRightsWorkerModule,
      ],
      // Blockers written by an older derivation are recomputed once at start.
      providers: [BoardProjectionRebuilder],
    };
  }
}
