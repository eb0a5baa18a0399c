import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { SystemClock } from '@koers/clock';
import { OutboxRecord, OutboxRelayService, TOPIC_TRAJECTORY_EVENT_RECORDED } from '@koers/outbox';
import { createDataSourceOptions } from '@koers/persistence';
import { testDatabaseUrl } from './support/test-database';

/** The relay publishes every outbox row exactly once, also with two relays (workers) at once. */
describe('outbox relay (integration)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(createDataSourceOptions(testDatabaseUrl())).initialize();
  });
  afterAll(() => dataSource.destroy());

  const enqueue = async (count: number, topic = TOPIC_TRAJECTORY_EVENT_RECORDED): Promise<string[]> => {
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO outbox_message (topic, payload, created_at)
       SELECT $2, jsonb_build_object('trajectoryId', gen_random_uuid(), 'seq', n), now() FROM generate_series(1, $1) n
       RETURNING id`,
      [count, topic],
    );
    return rows.map((r) => r.id);
  };
  const countingHandler = (seen: string[], failOn?: (m: OutboxRecord) => boolean) => ({
    topic: TOPIC_TRAJECTORY_EVENT_RECORDED,
    async handle(message: OutboxRecord) {
      if (failOn?.(message)) throw new Error('handler failed on purpose');
      seen.push(message.id);
    },
  });

  it('two relays draining at once handle each message exactly once', async () => {
    await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`);
    const ids = await enqueue(450);
    const seen: string[] = [];
    const relays = [0, 1].map(
      () => new OutboxRelayService(dataSource, new SystemClock(), [countingHandler(seen)]),
    );
    const published = await Promise.all(relays.map((relay) => relay.drain()));
    expect(published[0] + published[1]).toBe(450);
    expect([...seen].sort()).toEqual([...ids].sort());
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox_message WHERE id = ANY($1::bigint[]) AND published_at IS NULL`,
      [ids],
    );
    expect(pending).toBe(0);
  });

  it('keeps a message whose handler fails, with its error, and retries it later', async () => {
    const [id] = await enqueue(1);
    const seen: string[] = [];
    const failing = new OutboxRelayService(dataSource, new SystemClock(), [
      countingHandler(seen, (m) => m.id === id),
    ]);
    await failing.drain();
    const [row] = await dataSource.query(
      `SELECT published_at, attempts, last_error FROM outbox_message WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ published_at: null, attempts: 1, last_error: 'handler failed on purpose' });

    const healthy = new OutboxRelayService(dataSource, new SystemClock(), [countingHandler(seen)]);
    expect(await healthy.drain()).toBe(1);
    expect(seen).toEqual([id]);
  });

  it('refuses two handlers for one topic at boot', () => {
    expect(
      () => new OutboxRelayService(dataSource, new SystemClock(), [countingHandler([]), countingHandler([])]),
    ).toThrow(/Two outbox handlers/);
  });

  it('the worker app relays new outbox rows by itself', async () => {
    process.env.DATABASE_URL = testDatabaseUrl();
    const worker = await NestFactory.createApplicationContext(WorkerModule.register(process.env), {
      logger: ['error'],
    });
    try {
      const [id] = await enqueue(1);
      const deadline = Date.now() + 10_000;
      let published = null;
      while (!published && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        [{ published_at: published }] = await dataSource.query(
          `SELECT published_at FROM outbox_message WHERE id = $1`,
          [id],
        );
      }
      expect(published).toBeInstanceOf(Date);
    } finally {
      await worker.close();
    }
  });
});
