/**
 * The client as GET /api/clients/:id answers it, and the machine snapshot the browser rebuilds from it: the same
 * trajectory machine and the same restore as the server (libs/trajectory's TrajectoryService.restore), so the page
 * can ask `snapshot.can(event)` and the rules why not before anything is sent.
 */
import type { StateValue } from 'xstate';
import {
  type Blocker,
  type DeadlineFact,
  type DeadlineFactStep,
  type DeadlineKind,
  deriveBlockers,
  initialTrajectoryContext,
  restoreSnapshot,
  type Stage,
  type TrajectoryContext,
  type TrajectorySnapshot,
} from '@koers/machines/trajectory';

export interface HistoryEntry {
  seq: number;
  type: string;
  fromStage: string | null;
  toStage: string;
  at: string;
  by: { userId: string | null; displayName: string | null; party: string | null };
  payload: Record<string, unknown>;
  redacted?: boolean;
}

export interface TrajectoryView {
  id: string;
  stage: Stage;
  stageLabel: string;
  state: StateValue;
  /** Need-to-know: fields of categories the reader may not see are left out. */
  context: Partial<TrajectoryContext>;
  version: number;
  stageEnteredAt: string;
  daysInStage: number;
  openedAt: string;
  closedAt: string | null;
  allowedEvents: string[];
  blockedEvents: { type: string; reasons: string[] }[];
  history?: HistoryEntry[];
}

export interface ClientDetail {
  client: {
    id: string;
    teamId: string;
    displayName: string;
    birthDate: string | null;
    hasBsn: boolean;
    createdAt: string;
  };
  trajectory: TrajectoryView;
}

export interface DeadlineStep {
  step: string;
  revision: number;
  fireAt: string;
  status: string;
  firedAt: string | null;
}

export interface DeadlineView {
  id: string;
  kind: string;
  label: string;
  dueAt: string;
  state: 'pending' | 'overdue' | 'met' | 'met_late';
  revision: number;
  doneAt: string | null;
  steps: DeadlineStep[];
}

/**
 * The snapshot of the trajectory as the server holds it. Context fields the reader may not see are absent from
 * the view; they take their initial values here, which is what someone without that need-to-know can know.
 */
export function snapshotOf(view: TrajectoryView): TrajectorySnapshot {
  return restoreSnapshot({ value: view.state, context: { ...initialTrajectoryContext(), ...view.context } });
}

/** Whether the reader sees a context field (need-to-know left it in the view). */
export const sees = (view: TrajectoryView, field: keyof TrajectoryContext): boolean => field in view.context;

const STEP_RANK: Record<string, number> = { warning: 1, overdue: 2, agenda: 3 };

/** A pending deadline as the blocker rules take it: its highest fired step of the current revision. */
export function deadlineFacts(deadlines: DeadlineView[]): DeadlineFact[] {
  return deadlines
    .filter((d) => d.doneAt === null && (d.state === 'pending' || d.state === 'overdue'))
    .map((d) => {
      const fired = d.steps
        .filter((s) => s.revision === d.revision && s.status === 'fired')
        .sort((a, b) => (STEP_RANK[b.step] ?? 0) - (STEP_RANK[a.step] ?? 0))[0];
      return {
        kind: d.kind as DeadlineKind,
        dueAt: d.dueAt,
        step: (fired?.step ?? 'none') as DeadlineFactStep,
        firedAt: fired?.firedAt ?? null,
      };
    });
}

/** Blockers that depend on a context field the reader does not see are left out, as the board leaves them out. */
const BLOCKER_NEEDS: Partial<Record<Blocker['code'], keyof TrajectoryContext>> = {
  postal_address_expiring: 'postalAddress',
  postal_address_expired: 'postalAddress',
  no_housing: 'housing',
  evaluation_overdue: 'housing',
  leave_overdue: 'leaveOverdue',
};

/**
 * What blocks the trajectory ("waar loopt het vast"), derived exactly as the board derives it: from the snapshot
 * and the fired steps of its pending deadlines (already filtered by need-to-know on the server).
 */
export function blockersOf(view: TrajectoryView, deadlines: DeadlineView[]): Blocker[] {
  const blockers = deriveBlockers(snapshotOf(view), deadlineFacts(deadlines));
  return blockers.filter((b) => {
    const field = BLOCKER_NEEDS[b.code];
    return b.source === 'deadline' || field === undefined || sees(view, field);
  });
}
