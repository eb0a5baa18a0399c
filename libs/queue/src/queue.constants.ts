/** The queue the worker fires deadline steps from; jobs carry ids only (architecture invariant 4). */
export const DEADLINE_QUEUE = 'deadlines';

export const FIRE_DEADLINE_STEP_JOB = 'fire-deadline-step';
export const RECONCILE_DEADLINES_JOB = 'reconcile-deadlines';

/** Every job name on DEADLINE_QUEUE: the worker refuses to start unless each has exactly one handler. */
export const DEADLINE_JOB_NAMES = [FIRE_DEADLINE_STEP_JOB, RECONCILE_DEADLINES_JOB] as const;
export type DeadlineJobName = (typeof DEADLINE_JOB_NAMES)[number];

export interface FireDeadlineStepData {
  stepId: string;
}
export type ReconcileDeadlinesData = Record<string, never>;
export type DeadlineJobData = FireDeadlineStepData | ReconcileDeadlinesData;
