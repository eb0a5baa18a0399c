import { Module } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';

/**
 * Firing steps that fell due, for the worker only. What wakes it up (queue jobs, the reconciliation,
 * the fallback sweep) lives in DeadlineQueueModule.
 */
@Module({ providers: [DeadlineFiringService], exports: [DeadlineFiringService] })
export class DeadlineWorkerModule {}
