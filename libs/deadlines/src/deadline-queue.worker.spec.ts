import { Logger } from '@nestjs/common';
import { FIRE_DEADLINE_STEP_JOB, QueueConnection, RECONCILE_DEADLINES_JOB } from '@koers/queue';
import type { DeadlineJobHandler } from './deadline-job.handlers';
import type { DeadlineJobsService, ReconcileResult } from './deadline-jobs.service';
import { DeadlineQueueWorker, RECONCILE_EVERY_MS, RECONNECT_SETTLE_MS } from './deadline-queue.worker';
import type { DeadlineReconciler } from './deadline-reconciler.service';

const RESULT: ReconcileResult = { fired: 1, recreated: 2, removed: 0 };

/** A promise and its resolver, to hold a reconciliation open. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The worker's reaction to the Redis connection coming back, with the queue, the reconciliation and the
 * connection faked and time moved by jest: one reconciliation per reconnect however the connection
 * flaps, never two at once (also not with the minute watchdog), and logged once.
 */
describe('DeadlineQueueWorker after a Redis reconnect', () => {
  let reconnected: (() => void) | undefined;
  let unsubscribed: boolean;
  let reconcile: jest.Mock<Promise<ReconcileResult>, []>;
  let scheduler: jest.Mock<Promise<unknown>, []>;
  let sweep: { isRunning: boolean; start: jest.Mock; stop: jest.Mock };
  let logs: string[];
  let worker: DeadlineQueueWorker;

  beforeEach(async () => {
    jest.useFakeTimers();
    reconnected = undefined;
    unsubscribed = false;
    logs = [];
    jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation((message: unknown) => void logs.push(String(message)));
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void logs.push(String(message)));
    reconcile = jest.fn(async () => RESULT);
    scheduler = jest.fn(async () => ({ every: RECONCILE_EVERY_MS }));
    sweep = {
      isRunning: false,
      start: jest.fn(() => (sweep.isRunning = true)),
      stop: jest.fn(async () => void (sweep.isRunning = false)),
    };
    const connection = {
      backend: 'redis',
      createWorker: () => ({ on: () => undefined, waitUntilReady: async () => undefined }),
      onReconnected: (listener: () => void) => {
        reconnected = listener;
        return () => (unsubscribed = true);
      },
    } as unknown as QueueConnection;
    const jobs = {
      queue: { getJobScheduler: scheduler, upsertJobScheduler: jest.fn(async () => undefined) },
      reconcile,
    } as unknown as DeadlineJobsService;
    const handler = (jobName: DeadlineJobHandler['jobName']) => ({ jobName, handle: async () => undefined });
    worker = new DeadlineQueueWorker(connection, jobs, sweep as unknown as DeadlineReconciler, [
      handler(FIRE_DEADLINE_STEP_JOB),
      handler(RECONCILE_DEADLINES_JOB),
    ]);
    await worker.onApplicationBootstrap();
    expect(reconcile).toHaveBeenCalledTimes(1); // at start
    reconcile.mockClear();
    scheduler.mockClear();
    logs.length = 0;
  });

  afterEach(async () => {
    await worker.onApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const backLines = () => logs.filter((line) => line.startsWith('Redis is back'));

  it('reconciles once the connection has stayed up for RECONNECT_SETTLE_MS, and logs it once', async () => {
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS - 1);
    expect(reconcile).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(reconcile).toHaveBeenCalledTimes(1);
    expect(backLines()).toEqual([
      'Redis is back: deadline queue reconciled (fired 1 due step(s), re-created 2 job(s))',
    ]);
  });

  it('a flapping connection gives one reconciliation, not one per reconnect', async () => {
    for (let i = 0; i < 5; i += 1) {
      reconnected!();
      await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS / 2);
    }
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(reconcile).toHaveBeenCalledTimes(1);
    expect(backLines()).toHaveLength(1);
  });

  it('never runs two reconciliations at once: a reconnect during one runs after it, once', async () => {
    const held = deferred();
    reconcile.mockImplementationOnce(async () => {
      await held.promise;
      return RESULT;
    });
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(reconcile).toHaveBeenCalledTimes(1);
    // Two more reconnects while it runs: they settle, but wait for the running one.
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(reconcile).toHaveBeenCalledTimes(1);
    held.resolve();
    await jest.advanceTimersByTimeAsync(0);
    // It may have started before the later reconnects: one more run covers them, not two.
    expect(reconcile).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS * 3);
    expect(reconcile).toHaveBeenCalledTimes(2);
    expect(backLines()).toHaveLength(2);
  });

  it('does not overlap with the minute watchdog', async () => {
    const held = deferred();
    scheduler.mockImplementationOnce(async () => {
      await held.promise;
      return { every: RECONCILE_EVERY_MS };
    });
    sweep.isRunning = true; // the watchdog will stop the sweep and reconcile
    await jest.advanceTimersByTimeAsync(RECONCILE_EVERY_MS);
    expect(scheduler).toHaveBeenCalledTimes(1);
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(reconcile).not.toHaveBeenCalled(); // the watchdog's check is still waiting for the queue
    held.resolve();
    await jest.advanceTimersByTimeAsync(0);
    // The watchdog's reconciliation, then the reconnect's, one after the other.
    expect(reconcile).toHaveBeenCalledTimes(2);
    expect(sweep.stop).toHaveBeenCalled();
  });

  it('re-creates the reconcile scheduler when Redis came back without it', async () => {
    scheduler.mockResolvedValueOnce(undefined);
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(backLines()).toEqual([
      'Redis is back: deadline queue reconciled (fired 1 due step(s), re-created 2 job(s) and the reconcile scheduler)',
    ]);
  });

  it('falls back to the sweep when the reconciliation fails (the connection went again)', async () => {
    reconcile.mockRejectedValueOnce(new Error('Connection is closed.'));
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS);
    expect(sweep.start).toHaveBeenCalledTimes(1);
    expect(backLines()).toEqual([]);
  });

  it('ignores reconnects once shutting down, and unsubscribes', async () => {
    reconnected!();
    await worker.onApplicationShutdown();
    expect(unsubscribed).toBe(true);
    reconnected!();
    await jest.advanceTimersByTimeAsync(RECONNECT_SETTLE_MS * 2);
    expect(reconcile).not.toHaveBeenCalled();
  });
});
