import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Blocker, DeadlineFact } from '@koers/machines/trajectory';
import { preparedQuery } from '@koers/persistence';

export interface BoardRowData {
  clientId: string;
  displayName: string;
  trajectoryId: string;
  teamId: string;
  teamName: string;
  stage: string;
  stageEnteredAt: Date;
  machineBlockers: Blocker[];
  facts: DeadlineFact[];
  nextDueAt: Date | null;
  nextDueKind: string | null;
  overdueSince: Date | null;
  escalatedAt: Date | null;
  blockedSince: Date | null;
}

export interface BoardQuery {
  teamIds: string[];
  stage?: string;
  /** Machine blocker code and the summary facts that yield the same code (see deadlineFactPatterns). */
  blocker?: { code: string; factPatterns: string[] };
}

/**
 * Most urgent first: escalated to the casusoverleg, then overdue, then blocked longest; then longest in stage.
 * Reads the projection only (trajectory's machine blockers + the deadline summary): no history, no snapshot.
 */
const BOARD = `
  SELECT c.id AS "clientId", c.display_name AS "displayName", t.id AS "trajectoryId", t.team_id AS "teamId",
         tm.name AS "teamName", t.stage, t.stage_entered_at AS "stageEnteredAt", t.machine_blockers AS "machineBlockers",
         COALESCE(s.facts, '[]'::jsonb) AS facts, s.next_due_at AS "nextDueAt", s.next_due_kind AS "nextDueKind",
         s.overdue_since AS "overdueSince", s.escalated_at AS "escalatedAt",
         LEAST(t.machine_blocked_since, s.overdue_since) AS "blockedSince"
    FROM trajectory t
    JOIN client c ON c.id = t.client_id
    JOIN team tm ON tm.id = t.team_id
    LEFT JOIN trajectory_deadline_summary s ON s.trajectory_id = t.id
   WHERE t.team_id = ANY($1::uuid[]) AND t.closed_at IS NULL
     AND ($2::text IS NULL OR t.stage = $2)
     AND ($3::text IS NULL OR t.machine_blocker_codes @> ARRAY[$3::text] OR s.facts @> ANY($4::jsonb[]))
   ORDER BY s.escalated_at IS NULL, s.overdue_since IS NULL, LEAST(t.machine_blocked_since, s.overdue_since) NULLS LAST,
            t.stage_entered_at, c.id`;

@Injectable()
export class BoardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  rows(query: BoardQuery): Promise<BoardRowData[]> {
    return preparedQuery<BoardRowData>(this.dataSource, 'koers_board', BOARD, [
      query.teamIds,
      query.stage ?? null,
      query.blocker?.code ?? null,
      query.blocker?.factPatterns ?? [],
    ]);
  }
}
