import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@koers/clock';

export interface OutboxRecord {
  id: string;
  topic: string;
  payload: Record<string, string | number>;
}

/** Consumes one outbox topic. Runs inside the relay's transaction; must be idempotent (ids only in). */
export interface OutboxHandler {
  readonly topic: string;
  handle(message: OutboxRecord, manager: EntityManager): Promise<void>;
}

export const OUTBOX_HANDLERS = Symbol('OUTBOX_HANDLERS');
const BATCH_SIZE = 100;
const POLL_MS = 1000;
/** After this many failed attempts a message is left for an operator (it stays in the table with its error). */
const MAX_ATTEMPTS = 10;

/**
 * Relays outbox rows after commit (architecture invariant 3). Rows are claimed with SKIP LOCKED, so
 * several workers can run; a row is marked published in the same transaction as its handler ran,
 * so a crash before commit means the row is retried, never lost.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly byTopic: Map<string, OutboxHandler>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    handlers: OutboxHandler[],
  ) {
    this.byTopic = new Map();
    for (const handler of handlers) {
      if (this.byTopic.has(handler.topic)) throw new Error(`Two outbox handlers for topic ${handler.topic}`);
      this.byTopic.set(handler.topic, handler);
    }
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.drain()
        .catch((error: unknown) => this.logger.error(`Outbox relay failed: ${(error as Error).message}`))
        .finally(() => {
          // A drain still running at shutdown must not schedule the next one.
          if (!this.stopped) this.timer = setTimeout(tick, POLL_MS);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until nothing is pending; returns how many rows were published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, published } = await this.relayBatch();
      total += published;
      if (claimed < BATCH_SIZE || published === 0) return total;
    }
  }

  private relayBatch(): Promise<{ claimed: number; published: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRecord[] = await manager.query(
        `SELECT id, topic, payload FROM outbox_message WHERE published_at IS NULL AND attempts < $2
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE, MAX_ATTEMPTS],
      );
      const published: string[] = [];
      for (const row of rows) {
        const handler = this.byTopic.get(row.topic);
        if (!handler) {
          await this.fail(manager, row, `No handler for topic ${row.topic}`);
          continue;
        }
        try {
          await manager.query('SAVEPOINT outbox_message');
          await handler.handle(row, manager);
          await manager.query('RELEASE SAVEPOINT outbox_message');
          published.push(row.id);
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT outbox_message');
          await this.fail(manager, row, (error as Error).message);
        }
      }
      if (published.length > 0) {
        await manager.query(`UPDATE outbox_message SET published_at = $2 WHERE id = ANY($1::bigint[])`, [
          published,
          this.clock.now(),
        ]);
      }
      return { claimed: rows.length, published: published.length };
    });
  }

  private async fail(manager: EntityManager, row: OutboxRecord, reason: string): Promise<void> {
    this.logger.warn(`Outbox message ${row.id} (${row.topic}) not relayed: ${reason}`);
    await manager.query(`UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
      row.id,
      reason.slice(0, 500),
    ]);
  }
}
