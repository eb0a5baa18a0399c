import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClientScope } from '@koers/access';

export interface DeadlineRow {
  id: string;
  teamId: string;
  clientId: string | null;
  clientDisplayName: string | null;
  /** The legal basis of the client's trajectory (null for a deadline without a client). */
  legalBasis: string | null;
  kind: string;
  status: 'pending' | 'done';
  dueAt: Date;
  base: string;
  revision: number;
  doneAt: Date | null;
  steps: { step: string; revision: number; fireAt: string; status: string; firedAt: string | null }[];
}

const SELECT_DEADLINES = `
  SELECT d.id, d.team_id AS "teamId", t.client_id AS "clientId", c.display_name AS "clientDisplayName",
         t.legal_basis AS "legalBasis", d.kind, d.status, d.due_at AS "dueAt",
         d.base, d.revision, d.done_at AS "doneAt",
         COALESCE((SELECT json_agg(json_build_object('step', s.step, 'revision', s.revision, 'fireAt', s.fire_at,
                                                     'status', s.status, 'firedAt', s.fired_at)
                                   ORDER BY s.revision, s.fire_at, array_position(ARRAY['warning', 'overdue', 'agenda'], s.step))
                     FROM deadline_step s WHERE s.deadline_id = d.id), '[]') AS steps
    FROM deadline d
    LEFT JOIN trajectory t ON t.id = d.trajectory_id
    LEFT JOIN client c ON c.id = t.client_id`;

@Injectable()
export class DeadlineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every deadline of one client's trajectory (the caller checked that the client is within the user's reach). */
  forClient(clientId: string): Promise<DeadlineRow[]> {
    return this.dataSource.query(
      `${SELECT_DEADLINES} WHERE t.client_id = $1 ORDER BY d.status DESC, d.due_at`,
      [clientId],
    );
  }

  /** Deadlines in the user's scope by status; `overdue` = pending and past due at `now`. */
  async forTeams(
    scope: ClientScope,
    status: 'pending' | 'overdue' | 'done',
    now: Date,
  ): Promise<DeadlineRow[]> {
    const where =
      status === 'overdue'
        ? `d.status = 'pending' AND d.due_at <= $2`
        : status === 'pending'
          ? `d.status = 'pending' AND $2::timestamptz IS NOT NULL`
          : `d.status = 'done' AND $2::timestamptz IS NOT NULL`;
    return this.dataSource.query(
      `${SELECT_DEADLINES} WHERE (d.team_id = ANY($1::uuid[]) OR c.id = ANY($3::uuid[])) AND ${where}
        ORDER BY d.due_at LIMIT 500`,
      [scope.teamIds, now, scope.clientIds],
    );
  }
}
