import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientAnonymisationService } from './client-anonymisation.service';

/** Once a day (and once at start, to catch up after downtime). */
export const ANONYMISATION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * The worker's daily anonymisation run, in the notification sweeper's pattern: a timer, no queue. A run is
 * idempotent and each client is locked while it is anonymised, so several workers (or a restart mid-run) do no
 * harm; a failed run is simply tried again the next day.
 */
@Injectable()
export class ClientAnonymisationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClientAnonymisation');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly anonymisation: ClientAnonymisationService) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.anonymisation
        .run()
        .catch((error: unknown) => this.logger.error(`anonymisation run failed: ${(error as Error).name}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, ANONYMISATION_INTERVAL_MS);
        });
    };
    tick();
  }

  /** The run under way (tests wait for the one started at boot). */
  get current(): Promise<unknown> | undefined {
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
