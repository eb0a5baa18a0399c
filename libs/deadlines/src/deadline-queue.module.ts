import { Module } from '@nestjs/common';
import { FireDeadlineStepHandler, ReconcileDeadlinesHandler } from './deadline-job.handlers';
import { DeadlineJobsService } from './deadline-jobs.service';
import { DEADLINE_JOB_HANDLERS, DeadlineQueueWorker } from './deadline-queue.worker';
import { DeadlineReconciler } from './deadline-reconciler.service';
import { DeadlineWorkerModule } from './deadline-worker.module';
import { DeadlineChangedHandler } from './deadline-changed.handler';
import { TrajectoryEventRecordedHandler } from './trajectory-event-recorded.handler';

/**
 * The worker's deadline queue: jobs derived from PostgreSQL, their handlers, the reconciliation and
 * the outbox handlers that schedule new steps after commit. Needs QueueModule (global) in the app.
 */
@Module({
  imports: [DeadlineWorkerModule],
  providers: [
    DeadlineJobsService,
    DeadlineReconciler,
    FireDeadlineStepHandler,
    ReconcileDeadlinesHandler,
    {
      provide: DEADLINE_JOB_HANDLERS,
      inject: [FireDeadlineStepHandler, ReconcileDeadlinesHandler],
      useFactory: (...handlers: (FireDeadlineStepHandler | ReconcileDeadlinesHandler)[]) => handlers,
    },
    DeadlineQueueWorker,
    TrajectoryEventRecordedHandler,
    DeadlineChangedHandler,
  ],
  exports: [DeadlineJobsService, TrajectoryEventRecordedHandler, DeadlineChangedHandler],
})
export class DeadlineQueueModule {}
