import { Injectable } from '@nestjs/common';
import type { DeadlineChange } from '@koers/machines/trajectory';
import type { SqlQuery } from '@koers/persistence';
import { DeadlineSettings, policyFor, scheduleDeadline } from './deadline-schedule';

export interface DeadlineContext {
  teamId: string;
  trajectoryId: string;
  /** The trajectory event that caused the changes. */
  seq: number;
  eventTime: Date;
  /** The casusoverleg's overrides, when the caller already read them (saves a query per event). */
  settings?: DeadlineSettings;
}

/**
 * Turns a step's declared deadline changes into rows, inside the transaction of the event that caused
 * them (architecture invariants 3 and 4).
 */
/** A step's deadline changes, ready for SQL: the starts with their schedules (JSON) and the kinds to cancel. */
export interface DeadlinePlan {
  input: string;
  cancelKinds: string[];
}

/**
 * The data-modifying CTEs that apply a plan, with the caller's placeholders, so the trajectory can run
 * them in the same statement as its step (one round trip per event). `guard` is a condition every write
 * is subject to (e.g. that the step's compare-and-set matched). Cancels mark the pending deadline done
 * and withdraw its steps; starts insert the deadline or move the pending one (revision + 1, the older
 * revision's pending steps withdrawn) and insert the new ladder.
 */
export function deadlineChangesCtes(
  p: { team: string; trajectory: string; time: string; seq: string; input: string; cancelKinds: string },
  guard = 'true',
): string {
  return `input AS (
         SELECT * FROM jsonb_to_recordset(${p.input}::jsonb) AS x(kind text, due_at timestamptz, base text, steps jsonb)
          WHERE ${guard}
       ), cancelled AS (
         UPDATE deadline SET status = 'done', done_at = ${p.time}, done_by_seq = ${p.seq}, updated_at = ${p.time}
          WHERE trajectory_id = ${p.trajectory} AND kind = ANY(${p.cancelKinds}::text[]) AND status = 'pending' AND ${guard}
          RETURNING id
       ), withdrawn_cancelled AS (
         UPDATE deadline_step SET status = 'withdrawn'
          WHERE deadline_id IN (SELECT id FROM cancelled) AND status = 'pending'
       ), upserted AS (
         INSERT INTO deadline (team_id, trajectory_id, kind, due_at, base, started_by_seq, created_at, updated_at)
         SELECT ${p.team}, ${p.trajectory}, kind, due_at, base, ${p.seq}, ${p.time}, ${p.time} FROM input
         ON CONFLICT (trajectory_id, kind) WHERE status = 'pending' AND subject_id IS NULL
         DO UPDATE SET due_at = EXCLUDED.due_at, base = EXCLUDED.base, started_by_seq = EXCLUDED.started_by_seq,
                       revision = deadline.revision + 1, updated_at = EXCLUDED.updated_at
         RETURNING id, revision, kind
       ), withdrawn_moved AS (
         UPDATE deadline_step s SET status = 'withdrawn' FROM upserted u
          WHERE s.deadline_id = u.id AND s.revision < u.revision AND s.status = 'pending'
       ), new_steps AS (
         INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
         SELECT u.id, st.step, u.revision, st.fire_at, st.recipients
           FROM upserted u
           JOIN input i ON i.kind = u.kind
           CROSS JOIN LATERAL jsonb_to_recordset(i.steps) AS st(step text, fire_at timestamptz, recipients text[])
       )`;
}

const APPLY_PLAN = `WITH ${deadlineChangesCtes({ team: '$1', trajectory: '$2', time: '$3', seq: '$4', input: '$5', cancelKinds: '$6' })}
  SELECT 1`;

@Injectable()
export class DeadlineWriter {
  /** Schedules the starts with the casusoverleg's settings: pure, no I/O. */
  plan(context: DeadlineContext, changes: DeadlineChange[], settings: DeadlineSettings = {}): DeadlinePlan {
    const input = changes.flatMap((change) => {
      if (change.op !== 'start') return [];
      const from = change.base === 'event' ? context.eventTime : change.base;
      const schedule = scheduleDeadline(policyFor(change.kind, settings), from);
      return [
        {
          kind: change.kind,
          due_at: schedule.dueAt,
          base: typeof from === 'string' ? from : from.toISOString(),
          steps: schedule.steps.map((s) => ({ step: s.step, fire_at: s.fireAt, recipients: s.recipients })),
        },
      ];
    });
    const cancelKinds = changes.filter((c) => c.op === 'cancel').map((c) => c.kind);
    return { input: JSON.stringify(input), cancelKinds };
  }

  /** Applies a step's changes on a connection inside the caller's transaction. */
  async apply(query: SqlQuery, context: DeadlineContext, changes: DeadlineChange[]): Promise<void> {
    if (changes.length === 0) return;
    const settings = context.settings ?? (await this.settings(query, context.teamId));
    const plan = this.plan(context, changes, settings);
    await query(
      APPLY_PLAN,
      [context.teamId, context.trajectoryId, context.eventTime, context.seq, plan.input, plan.cancelKinds],
      'koers_deadline_changes',
    );
  }

  private async settings(query: SqlQuery, teamId: string): Promise<DeadlineSettings> {
    const [row] = await query<{ deadline_settings: DeadlineSettings }>(
      `SELECT deadline_settings FROM team WHERE id = $1`,
      [teamId],
    );
    return row?.deadline_settings ?? {};
  }
}
