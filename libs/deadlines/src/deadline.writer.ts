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
}

/**
 * Turns a step's declared deadline changes into rows, inside the transaction of the event that caused
 * them (architecture invariants 3 and 4). A start inserts the deadline and its ladder, or moves the
 * pending one (revision + 1, the old revision's pending steps withdrawn); a cancel marks it done and
 * withdraws its pending steps.
 */
@Injectable()
export class DeadlineWriter {
  async apply(query: SqlQuery, context: DeadlineContext, changes: DeadlineChange[]): Promise<void> {
    if (changes.length === 0) return;
    const settings = changes.some((c) => c.op === 'start') ? await this.settings(query, context.teamId) : {};
    for (const change of changes) {
      if (change.op === 'cancel') await this.cancel(query, context, change.kind);
      else await this.start(query, context, change.kind, change.base, settings);
    }
  }

  private async settings(query: SqlQuery, teamId: string): Promise<DeadlineSettings> {
    const [row] = await query<{ deadline_settings: DeadlineSettings }>(
      `SELECT deadline_settings FROM team WHERE id = $1`,
      [teamId],
    );
    return row?.deadline_settings ?? {};
  }

  private async cancel(query: SqlQuery, context: DeadlineContext, kind: string): Promise<void> {
    await query(
      `WITH done AS (
         UPDATE deadline SET status = 'done', done_at = $3, done_by_seq = $4, updated_at = $3
          WHERE trajectory_id = $1 AND kind = $2 AND status = 'pending'
          RETURNING id
       )
       UPDATE deadline_step SET status = 'withdrawn'
        WHERE deadline_id IN (SELECT id FROM done) AND status = 'pending'`,
      [context.trajectoryId, kind, context.eventTime, context.seq],
    );
  }

  private async start(
    query: SqlQuery,
    context: DeadlineContext,
    kind: DeadlineChange['kind'],
    base: string,
    settings: DeadlineSettings,
  ): Promise<void> {
    const from = base === 'event' ? context.eventTime : base;
    const schedule = scheduleDeadline(policyFor(kind, settings), from);
    const baseText = typeof from === 'string' ? from : from.toISOString();
    // Insert, or move the pending one of this kind: one pending deadline per trajectory and kind.
    const [deadline] = await query<{ id: string; revision: number }>(
      `INSERT INTO deadline (team_id, trajectory_id, kind, due_at, base, started_by_seq, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (trajectory_id, kind) WHERE status = 'pending'
       DO UPDATE SET due_at = EXCLUDED.due_at, base = EXCLUDED.base, started_by_seq = EXCLUDED.started_by_seq,
                     revision = deadline.revision + 1, updated_at = EXCLUDED.updated_at
       RETURNING id, revision`,
      [context.teamId, context.trajectoryId, kind, schedule.dueAt, baseText, context.seq, context.eventTime],
    );
    await query(
      `WITH withdrawn AS (
         UPDATE deadline_step SET status = 'withdrawn' WHERE deadline_id = $1 AND revision < $2 AND status = 'pending'
       )
       INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       SELECT $1, s.step, $2, s.fire_at, s.recipients
         FROM jsonb_to_recordset($3::jsonb) AS s(step text, fire_at timestamptz, recipients text[])`,
      [
        deadline.id,
        deadline.revision,
        JSON.stringify(
          schedule.steps.map((s) => ({ step: s.step, fire_at: s.fireAt, recipients: s.recipients })),
        ),
      ],
    );
  }
}
