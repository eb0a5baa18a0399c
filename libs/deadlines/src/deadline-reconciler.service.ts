import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';

/** How often the worker asks PostgreSQL for steps that fell due. */
export const RECONCILE_INTERVAL_MS = 15_000;

/**
 * The worker's sweep: at start and then every interval it fires every step that is due, from
 * PostgreSQL. Whatever a queue loses or a crash interrupts is picked up here.
 */
@Injectable()
export class DeadlineReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineReconciler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly firing: DeadlineFiringService) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.firing
        .fireDue()
        .then((fired) => fired > 0 && this.logger.log(`fired ${fired} due deadline step(s)`))
        .catch((error: unknown) => this.logger.error(`sweep failed: ${(error as Error).message}`))
        .finally(() => {
          this.timer = setTimeout(tick, RECONCILE_INTERVAL_MS);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }
}
