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
@Injectable()
export class DeadlineWriter {
  /**
   * One statement for all of a step's changes (they run on the event's hot path): cancels mark their
   * pending deadline done and withdraw its steps; starts insert the deadline or move the pending one
   * (revision + 1, the older revision's pending steps withdrawn) and insert the new ladder.
   */
  async apply(query: SqlQuery, context: DeadlineContext, changes: DeadlineChange[]): Promise<void> {
    if (changes.length === 0) return;
    const starts = changes.filter((c) => c.op === 'start');
    const settings =
      starts.length > 0 ? (context.settings ?? (await this.settings(query, context.teamId))) : {};
    const input = starts.map((change) => {
      const from = change.base === 'event' ? context.eventTime : change.base;
      const schedule = scheduleDeadline(policyFor(change.kind, settings), from);
      return {
        kind: change.kind,
        due_at: schedule.dueAt,
        base: typeof from === 'string' ? from : from.toISOString(),
        steps: schedule.steps.map((s) => ({ step: s.step, fire_at: s.fireAt, recipients: s.recipients })),
      };
    });
    const cancelKinds = changes.filter((c) => c.op === 'cancel').map((c) => c.kind);
    await query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($5::jsonb) AS x(kind text, due_at timestamptz, base text, steps jsonb)
       ), cancelled AS (
         UPDATE deadline SET status = 'done', done_at = $3, done_by_seq = $4, updated_at = $3
          WHERE trajectory_id = $2 AND kind = ANY($6::text[]) AND status = 'pending'
          RETURNING id
       ), withdrawn_cancelled AS (
         UPDATE deadline_step SET status = 'withdrawn'
          WHERE deadline_id IN (SELECT id FROM cancelled) AND status = 'pending'
       ), upserted AS (
         INSERT INTO deadline (team_id, trajectory_id, kind, due_at, base, started_by_seq, created_at, updated_at)
         SELECT $1, $2, kind, due_at, base, $4, $3, $3 FROM input
         ON CONFLICT (trajectory_id, kind) WHERE status = 'pending'
         DO UPDATE SET due_at = EXCLUDED.due_at, base = EXCLUDED.base, started_by_seq = EXCLUDED.started_by_seq,
                       revision = deadline.revision + 1, updated_at = EXCLUDED.updated_at
         RETURNING id, revision, kind
       ), withdrawn_moved AS (
         UPDATE deadline_step s SET status = 'withdrawn' FROM upserted u
          WHERE s.deadline_id = u.id AND s.revision < u.revision AND s.status = 'pending'
       )
       INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       SELECT u.id, st.step, u.revision, st.fire_at, st.recipients
         FROM upserted u
         JOIN input i ON i.kind = u.kind
         CROSS JOIN LATERAL jsonb_to_recordset(i.steps) AS st(step text, fire_at timestamptz, recipients text[])`,
      [
        context.teamId,
        context.trajectoryId,
        context.eventTime,
        context.seq,
        JSON.stringify(input),
        cancelKinds,
      ],
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
