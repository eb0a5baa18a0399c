import {
  BLOCKER_CODES,
  DEADLINE_BLOCKERS,
  type Blocker,
  type DeadlineFactStep,
  type TrajectorySnapshot,
  machineBlockers,
} from '@koers/machines/trajectory';
import type { BlockerColumns } from '../trajectory.repository';

/**
 * Version of the blocker derivation stored in `trajectory.machine_blockers`. Bump it when the derivation
 * changes: the worker recomputes older rows at start (BoardProjectionRebuilder).
 */
export const BLOCKERS_VERSION = 1;

/** The machine half of a trajectory's board row, stored with each step. */
export function machineBlockerColumns(snapshot: TrajectorySnapshot): BlockerColumns {
  const blockers = snapshot.status === 'active' ? machineBlockers(snapshot) : [];
  return { blockers, codes: blockers.map((b) => b.code) };
}

const STEP_ORDER: Exclude<DeadlineFactStep, 'none'>[] = ['warning', 'overdue', 'agenda'];

/**
 * For the board's `blocker` filter: JSON containment patterns on the summary's facts, one per deadline kind
 * and fired step that yields `code` (a step above the minimum counts too).
 */
export function deadlineFactPatterns(code: string): string[] {
  return DEADLINE_BLOCKERS.filter((b) => b.code === code).flatMap((b) =>
    STEP_ORDER.slice(STEP_ORDER.indexOf(b.minStep)).map((step) => JSON.stringify([{ kind: b.kind, step }])),
  );
}

/** Stored machine blockers and derived deadline blockers as one list: the deadline one wins on the same code. */
export function mergeBlockers(machine: Blocker[], deadline: Blocker[]): Blocker[] {
  const byCode = new Map<string, Blocker>();
  for (const blocker of machine) byCode.set(blocker.code, blocker);
  for (const blocker of deadline) byCode.set(blocker.code, blocker);
  return BLOCKER_CODES.flatMap((code) => {
    const blocker = byCode.get(code);
    return blocker ? [blocker] : [];
  });
}
