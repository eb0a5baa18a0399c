import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotificationMailService } from './notification-mail.service';

const INTERVAL_MS = 5_000;

/** The worker's mail loop: sends the e-mail copies of new notifications. */
@Injectable()
export class NotificationMailSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationMailSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly mail: NotificationMailService) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.mail
        .sendPending()
        .catch((error: unknown) => this.logger.error(`mail sweep failed: ${(error as Error).message}`))
        .finally(() => {
          // A sweep still running at shutdown must not schedule the next one.
          if (!this.stopped) this.timer = setTimeout(tick, INTERVAL_MS);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
