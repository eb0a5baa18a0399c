import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DocumentClientRow {
  id: string;
  team_id: string;
  team_name: string;
  municipality: string;
  display_name: string;
  birth_date: string | null;
  trajectory_id: string;
  machine_id: string;
  machine_version: number;
  snapshot: unknown;
  stage: string;
  stage_entered_at: Date;
  closed_at: Date | null;
  /** JSON text of the blockers the statechart gave for the current state. */
  machine_blockers: string;
  /** JSON text of the pending deadlines' facts (trajectory_deadline_summary). */
  facts: string;
  days_in_stage: number;
}

export interface DeadlineRow {
  kind: string;
  status: 'pending' | 'done';
  due_at: Date;
  /** The due time's Amsterdam calendar date, YYYY-MM-DD. */
  due_date: string;
}

export interface OpenActionRow {
  description: string;
  owner_party_kind: string | null;
  owner_name: string | null;
  due_date: string;
}

export interface DecisionRow {
  category: string;
  text: string;
  reasons: string | null;
  created_at: Date;
}

/** The reads of the documents, each bounded to one client (or its trajectory). */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, values);
  }

  /** The client, its team and trajectory with the board's projection (the caller checked it is within reach). */
  async client(clientId: string, today: string): Promise<DocumentClientRow | null> {
    const [row] = await this.query<DocumentClientRow>(
      `SELECT c.id, c.team_id, tm.name AS team_name, mu.name AS municipality, c.display_name,
              to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
              t.id AS trajectory_id, t.machine_id, t.machine_version, t.snapshot, t.stage, t.stage_entered_at,
              t.closed_at, t.machine_blockers::text AS machine_blockers, COALESCE(s.facts, '[]'::jsonb)::text AS facts,
              ($2::date - (t.stage_entered_at AT TIME ZONE 'Europe/Amsterdam')::date) AS days_in_stage
         FROM client c
         JOIN trajectory t ON t.client_id = c.id
         JOIN team tm ON tm.id = c.team_id
         JOIN municipality mu ON mu.id = tm.municipality_id
         LEFT JOIN trajectory_deadline_summary s ON s.trajectory_id = t.id
        WHERE c.id = $1`,
      [clientId, today],
    );
    return row ?? null;
  }

  /**
   * The trajectory's three_party_evaluation deadline: the pending one, else the latest (an agreement evaluated
   * already, or withdrawn by a relapse); null if it never had one.
   */
  async evaluationDeadline(trajectoryId: string): Promise<DeadlineRow | null> {
    const [row] = await this.query<DeadlineRow>(
      `SELECT kind, status, due_at, to_char(due_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS due_date
         FROM deadline
        WHERE trajectory_id = $1 AND kind = 'three_party_evaluation'
        ORDER BY (status = 'pending') DESC, created_at DESC, updated_at DESC
        LIMIT 1`,
      [trajectoryId],
    );
    return row ?? null;
  }

  /** Pending deadlines of the trajectory (its own and its actions'), soonest first. */
  pendingDeadlines(trajectoryId: string): Promise<DeadlineRow[]> {
    return this.query<DeadlineRow>(
      `SELECT kind, status, due_at, to_char(due_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS due_date
         FROM deadline WHERE trajectory_id = $1 AND status = 'pending' ORDER BY due_at, id`,
      [trajectoryId],
    );
  }

  openActions(clientId: string): Promise<OpenActionRow[]> {
    return this.query<OpenActionRow>(
      `SELECT a.description, a.owner_party_kind, u.display_name AS owner_name,
              to_char(a.due_date, 'YYYY-MM-DD') AS due_date
         FROM action a LEFT JOIN app_user u ON u.id = a.owner_user_id
        WHERE a.client_id = $1 AND a.status = 'open'
        ORDER BY a.due_date, a.created_at, a.id`,
      [clientId],
    );
  }

  /** The latest decisions about the client of the categories the reader may see. */
  lastDecisions(clientId: string, categories: readonly string[], limit: number): Promise<DecisionRow[]> {
    return this.query<DecisionRow>(
      `SELECT r.category, r.text, r.reasons, r.created_at
         FROM meeting_record r
        WHERE r.client_id = $1 AND r.kind = 'decision' AND r.category = ANY($2::text[])
        ORDER BY r.created_at DESC, r.id
        LIMIT $3`,
      [clientId, categories, limit],
    );
  }
}
