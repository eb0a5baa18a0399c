import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@koers/persistence';

/** Timestamps come as epoch milliseconds: 10,000 rows of Date objects cost more than the query. */
export interface BoardRowData {
  clientId: string;
  displayName: string;
  trajectoryId: string;
  teamId: string;
  teamName: string;
  /** The kind of legal basis (trajectory.legal_basis): what may be seen of this client at all. */
  legalBasis: string;
  stage: string;
  stageEnteredAt: number;
  daysInStage: number;
  /** JSON text: the service parses each distinct value once (a region repeats few blocker lists). */
  machineBlockers: string;
  facts: string;
  nextDueAt: number | null;
  nextDueKind: string | null;
  overdueSince: number | null;
  escalatedAt: number | null;
  /** Since when the machine blocks without a break; the service adds the overdue deadlines the reader may see. */
  machineBlockedSince: number | null;
}

export interface BoardQuery {
  teamIds: string[];
  /** Clients reachable by invitation (chain partners), whatever their team. */
  clientIds: string[];
  /** Only this casusoverleg. */
  team?: string;
  stage?: string;
  /** Machine blocker code and the summary facts that yield the same code (see deadlineFactPatterns). */
  blocker?: { code: string; factPatterns: string[] };
}

/** Milliseconds since the epoch as a float: parsed far faster than a timestamp, formatted only where shown. */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * Reads the projection only (trajectory's machine blockers + the deadline summary): no history, no snapshot.
 * Unordered: the service sorts by urgency, cheaper in Node than sorting wide rows in PostgreSQL. `scope` is the
 * condition that picks the trajectories ($1): a team's (or a region's) or the invited clients'; kept apart so each
 * statement has a plain condition the planner estimates well (hash joins for a region). This is the reach of
 * ClientAccessRepository (`clientInReach`: team OR invitation) split in two, on purpose: the board asks it of a
 * whole region at once, set-based, where one statement with the OR, or a check per client, would be slower.
 * The summary's deadline facts count every kind; BoardService narrows them to what the reader may see.
 */
const boardSql = (scope: string) => `
  SELECT c.id AS "clientId", c.display_name AS "displayName", t.id AS "trajectoryId", t.team_id AS "teamId",
         tm.name AS "teamName", t.legal_basis AS "legalBasis", t.stage, ${ms('t.stage_entered_at')} AS "stageEnteredAt",
         ($5::date - (t.stage_entered_at AT TIME ZONE 'Europe/Amsterdam')::date) AS "daysInStage",
         t.machine_blockers::text AS "machineBlockers", COALESCE(s.facts, '[]'::jsonb)::text AS facts,
         ${ms('s.next_due_at')} AS "nextDueAt", s.next_due_kind AS "nextDueKind",
         ${ms('s.overdue_since')} AS "overdueSince", ${ms('s.escalated_at')} AS "escalatedAt",
         ${ms('t.machine_blocked_since')} AS "machineBlockedSince"
    FROM trajectory t
    JOIN client c ON c.id = t.client_id
    JOIN team tm ON tm.id = t.team_id
    LEFT JOIN trajectory_deadline_summary s ON s.trajectory_id = t.id
   WHERE ${scope} AND t.closed_at IS NULL
     AND ($2::text IS NULL OR t.stage = $2)
     AND ($3::text IS NULL OR t.machine_blocker_codes @> ARRAY[$3::text] OR s.facts @> ANY($4::jsonb[]))`;

/** The board of whole teams: one, or the region. */
export const BOARD_SQL = boardSql('t.team_id = ANY($1::uuid[])');
/** The clients a chain partner is invited to. */
const INVITED_BOARD_SQL = boardSql('t.client_id = ANY($1::uuid[])');

@Injectable()
export class BoardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `today`: the Amsterdam calendar date that days in stage count to. */
  async rows(query: BoardQuery, today: string): Promise<BoardRowData[]> {
    const filters = [
      query.stage ?? null,
      query.blocker?.code ?? null,
      query.blocker?.factPatterns ?? [],
      today,
    ];
    const rows: BoardRowData[] = [];
    if (query.teamIds.length > 0) {
      // One team and the region as separate statements: sharing one lets PostgreSQL settle on a generic plan
      // that suits neither.
      const name = query.teamIds.length === 1 ? 'koers_board_team' : 'koers_board_region';
      rows.push(
        ...(await preparedQuery<BoardRowData>(this.dataSource, name, BOARD_SQL, [query.teamIds, ...filters])),
      );
    }
    if (query.clientIds.length > 0) {
      const invited = await preparedQuery<BoardRowData>(
        this.dataSource,
        'koers_board_invited',
        INVITED_BOARD_SQL,
        [query.clientIds, ...filters],
      );
      const seen = new Set(rows.map((row) => row.clientId));
      rows.push(
        ...invited.filter((row) => !seen.has(row.clientId) && (!query.team || row.teamId === query.team)),
      );
    }
    return rows;
  }
}
