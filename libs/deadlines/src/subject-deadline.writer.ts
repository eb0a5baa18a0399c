import { Injectable } from '@nestjs/common';
import type { DeadlineKind } from '@koers/machines/trajectory';
import { TOPIC_DEADLINE_CHANGED } from '@koers/outbox';
import type { SqlQuery } from '@koers/persistence';
import { DeadlineSettings, policyFor, scheduleDeadline } from './deadline-schedule';

export interface SubjectDeadline {
  teamId: string;
  /** The client's trajectory (an action), or null for the casusoverleg's own deadlines (meeting cadence). */
  trajectoryId: string | null;
  kind: DeadlineKind;
  /** The action or meeting the deadline is about. */
  subjectId: string;
  /** An ISO date (due at 09:00 Amsterdam time plus the policy's offset) or an instant. */
  base: Date | string;
  time: Date;
}

/**
 * Deadlines that come from the casusoverleg rather than from a trajectory's transitions: one pending deadline
 * per subject, started, moved and ended inside the caller's transaction, with an outbox message so the
 * worker gives its steps their jobs after commit (the reconciler would otherwise, within a minute).
 */
@Injectable()
export class SubjectDeadlineWriter {
  /** Starts the subject's deadline, or moves the pending one (revision + 1, older pending steps withdrawn). */
  async start(query: SqlQuery, deadline: SubjectDeadline): Promise<string> {
    const [team] = await query<{ deadline_settings: DeadlineSettings }>(
      `SELECT deadline_settings FROM team WHERE id = $1`,
      [deadline.teamId],
    );
    const schedule = scheduleDeadline(policyFor(deadline.kind, team?.deadline_settings), deadline.base);
    const base = typeof deadline.base === 'string' ? deadline.base : deadline.base.toISOString();
    const [row] = await query<{ id: string; revision: number }>(
      `INSERT INTO deadline (team_id, trajectory_id, kind, subject_id, due_at, base, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (kind, subject_id) WHERE status = 'pending' AND subject_id IS NOT NULL
       DO UPDATE SET due_at = EXCLUDED.due_at, base = EXCLUDED.base, revision = deadline.revision + 1,
                     updated_at = EXCLUDED.updated_at
       RETURNING id, revision`,
      [
        deadline.teamId,
        deadline.trajectoryId,
        deadline.kind,
        deadline.subjectId,
        schedule.dueAt,
        base,
        deadline.time,
      ],
    );
    await query(
      `UPDATE deadline_step SET status = 'withdrawn' WHERE deadline_id = $1 AND revision < $2 AND status = 'pending'`,
      [row.id, row.revision],
    );
    await query(
      `INSERT INTO deadline_step (deadline_id, step, revision, fire_at, recipients)
       SELECT $1, st.step, $2, st.fire_at, st.recipients
         FROM jsonb_to_recordset($3::jsonb) AS st(step text, fire_at timestamptz, recipients text[])`,
      [
        row.id,
        row.revision,
        JSON.stringify(
          schedule.steps.map((s) => ({ step: s.step, fire_at: s.fireAt, recipients: s.recipients })),
        ),
      ],
    );
    await this.announce(query, row.id, deadline.time);
    return row.id;
  }

  /** Ends the subject's pending deadline (its reason was met or disappeared) and withdraws its pending steps. */
  async end(query: SqlQuery, kind: DeadlineKind, subjectId: string, time: Date): Promise<boolean> {
    const ended = await query<{ id: string }>(
      `UPDATE deadline SET status = 'done', done_at = $3, updated_at = $3
        WHERE kind = $1 AND subject_id = $2 AND status = 'pending' RETURNING id`,
      [kind, subjectId, time],
    );
    if (ended.length === 0) return false;
    await query(
      `UPDATE deadline_step SET status = 'withdrawn' WHERE deadline_id = $1 AND status = 'pending'`,
      [ended[0].id],
    );
    await this.announce(query, ended[0].id, time);
    return true;
  }

  private async announce(query: SqlQuery, deadlineId: string, time: Date): Promise<void> {
    await query(
      `INSERT INTO outbox_message (topic, payload, created_at) VALUES ($1, jsonb_build_object('deadlineId', $2::uuid), $3)`,
      [TOPIC_DEADLINE_CHANGED, deadlineId, time],
    );
  }
}
