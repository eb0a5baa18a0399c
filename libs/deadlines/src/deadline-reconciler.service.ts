import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';

/** How often the fallback sweep asks PostgreSQL for steps that fell due. */
export const RECONCILE_INTERVAL_MS = 15_000;

/**
 * The fallback when the deadline queue is unavailable: every interval it fires every step that is
 * due, straight from PostgreSQL, so deadlines still fire (late by up to the interval) while Redis is
 * down. DeadlineQueueWorker starts it when the queue does not answer and stops it when it is back;
 * with a healthy queue it never runs.
 */
@Injectable()
export class DeadlineReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineReconciler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private active = false;

  constructor(private readonly firing: DeadlineFiringService) {}

  get isRunning(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    const tick = () => {
      this.running = this.firing
        .fireDue()
        .then((fired) => fired > 0 && this.logger.log(`fired ${fired} due deadline step(s)`))
        .catch((error: unknown) => this.logger.error(`sweep failed: ${(error as Error).message}`))
        .finally(() => {
          if (this.active) this.timer = setTimeout(tick, RECONCILE_INTERVAL_MS);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    await this.running;
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
