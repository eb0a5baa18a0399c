import type { Job } from 'bullmq';

/** Handles one job name of a queue. Handlers re-read PostgreSQL and must be idempotent (invariant 5). */
export interface JobHandler<D, N extends string> {
  readonly jobName: N;
  handle(job: Job<D, void, N>, token?: string): Promise<void>;
}

/**
 * Indexes handlers by job name and fails at boot unless every expected job name has exactly one
 * handler: a job nobody handles would otherwise fail at run time, and two handlers would race.
 */
export function indexJobHandlers<D, N extends string>(
  queueName: string,
  expected: readonly N[],
  handlers: readonly JobHandler<D, N>[],
): Map<N, JobHandler<D, N>> {
  const byName = new Map<N, JobHandler<D, N>>();
  for (const handler of handlers) {
    if (!expected.includes(handler.jobName))
      throw new Error(`Queue ${queueName}: handler for unknown job ${handler.jobName}`);
    if (byName.has(handler.jobName))
      throw new Error(`Queue ${queueName}: two handlers for job ${handler.jobName}`);
    byName.set(handler.jobName, handler);
  }
  const missing = expected.filter((name) => !byName.has(name));
  if (missing.length > 0) throw new Error(`Queue ${queueName}: no handler for job(s) ${missing.join(', ')}`);
  return byName;
}
