import { Module } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineReconciler } from './deadline-reconciler.service';

/** The worker side of deadlines: firing steps that fell due. Only the worker app imports it. */
@Module({ providers: [DeadlineFiringService, DeadlineReconciler], exports: [DeadlineFiringService] })
export class DeadlineWorkerModule {}
