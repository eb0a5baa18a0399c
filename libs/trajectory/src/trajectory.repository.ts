import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TOPIC_TRAJECTORY_EVENT_RECORDED } from '@koers/outbox';
import { DeadlinePlan, deadlineChangesCtes, type DeadlineSettings } from '@koers/deadlines';
import { type ClientScope, clientInReach, reachParameters } from '@koers/access';
import { preparedQuery } from '@koers/persistence';
import { TRAJECTORY_MACHINE_VERSION } from '@koers/machines/trajectory';
import { BLOCKERS_VERSION } from './board/board-projection';
import { LEGAL_BASIS_EVENT_TYPES } from './legal-basis.view';

export interface TrajectoryRow {
  id: string;
  clientId: string;
  teamId: string;
  machineId: string;
  machineVersion: number;
  xstateVersion: string;
  snapshot: unknown;
  version: number;
  stage: string;
  stageEnteredAt: Date;
  openedAt: Date;
  closedAt: Date | null;
  /**
   * The kind of legal basis (generated from the snapshot by PostgreSQL, see migration LegalBasis1795900000000):
   * what may be seen of the client at all. Read-only: written by storing the snapshot.
   */
  legalBasis?: string;
  /** The casusoverleg's deadline overrides, read with the row for the event's deadline writes. */
  deadlineSettings?: DeadlineSettings;
}

export interface ClientRow {
  id: string;
  teamId: string;
  displayName: string;
  birthDate: string | null;
  hasBsn: boolean;
  createdAt: Date;
}

export interface NewEventRow {
  trajectoryId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  fromStage: string | null;
  toStage: string;
  userId: string | null;
  partyId: string | null;
  partyKind: string | null;
  occurredAt: Date;
}

export interface HistoryRow {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  fromStage: string | null;
  toStage: string;
  occurredAt: Date;
  userId: string | null;
  userDisplayName: string | null;
  partyKind: string | null;
}

/** The board's machine half of the projection, written with every step (see BoardService). */
export interface BlockerColumns {
  blockers: unknown[];
  codes: string[];
}

export interface StepColumns {
  snapshot: unknown;
  stage: string;
  stageEnteredAt: Date;
  closedAt: Date | null;
  machineBlockers: BlockerColumns;
}

const INSERT_EVENT = `INSERT INTO trajectory_event
    (trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_id, party_kind, occurred_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING trajectory_id, seq`;
const INSERT_OUTBOX_FROM_EVENT = `INSERT INTO outbox_message (topic, payload, created_at)
  SELECT $11, jsonb_build_object('trajectoryId', trajectory_id, 'seq', seq), $10 FROM event`;

/**
 * Compare-and-set of the step, then the event and its outbox row only if it matched (see saveStep). The snapshot
 * is this build's machine version (an older stored one was upgraded when read); `legal_basis` follows from it.
 */
const STEP_CTES = `step AS (
         UPDATE trajectory SET snapshot = $12, version = $2, stage = $13, stage_entered_at = $14, closed_at = $15,
                machine_version = ${Number(TRAJECTORY_MACHINE_VERSION)},
                updated_at = $10, machine_blockers = $17, machine_blocker_codes = $18, blockers_version = $19,
                machine_blocked_since = CASE WHEN cardinality($18::text[]) = 0 THEN NULL
                                             ELSE COALESCE(machine_blocked_since, $10) END
          WHERE id = $1 AND version = $16
          RETURNING id
       ), event AS (
         INSERT INTO trajectory_event
           (trajectory_id, seq, type, payload, from_stage, to_stage, user_id, party_id, party_kind, occurred_at)
         SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM step
         RETURNING trajectory_id, seq
       ), outbox AS (
         ${INSERT_OUTBOX_FROM_EVENT}
         RETURNING id
       )`;
const SAVE_STEP = `WITH ${STEP_CTES} SELECT id FROM outbox`;
/** The same, plus the step's deadline changes, each only if the compare-and-set matched: still one statement. */
const SAVE_STEP_WITH_DEADLINES = `WITH ${STEP_CTES}, ${deadlineChangesCtes(
  { team: '$22', trajectory: '$1', time: '$10', seq: '$2', input: '$20', cancelKinds: '$21' },
  'EXISTS (SELECT 1 FROM step)',
)}
  SELECT id FROM outbox`;

function eventParameters(event: NewEventRow): unknown[] {
  return [
    event.trajectoryId,
    event.seq,
    event.type,
    JSON.stringify(event.payload),
    event.fromStage,
    event.toStage,
    event.userId,
    event.partyId,
    event.partyKind,
    event.occurredAt,
    TOPIC_TRAJECTORY_EVENT_RECORDED,
  ];
}

const TRAJECTORY_COLUMNS = `t.id, t.client_id AS "clientId", t.team_id AS "teamId", t.machine_id AS "machineId",
  t.machine_version AS "machineVersion", t.xstate_version AS "xstateVersion", t.snapshot, t.version, t.stage,
  t.stage_entered_at AS "stageEnteredAt", t.opened_at AS "openedAt", t.closed_at AS "closedAt",
  t.legal_basis AS "legalBasis", (SELECT tm.deadline_settings FROM team tm WHERE tm.id = t.team_id) AS "deadlineSettings"`;

/** All SQL of the trajectory context. Writes take the transaction's EntityManager. */
@Injectable()
export class TrajectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertClient(
    manager: EntityManager,
    client: {
      teamId: string;
      displayName: string;
      birthDate: string | null;
      bsn: string | null;
      createdBy: string;
      createdAt: Date;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO client (team_id, display_name, birth_date, bsn, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [client.teamId, client.displayName, client.birthDate, client.bsn, client.createdBy, client.createdAt],
    );
    return rows[0].id;
  }

  async insertTrajectory(
    manager: EntityManager,
    row: Omit<TrajectoryRow, 'id' | 'closedAt'> & { machineBlockers: BlockerColumns },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO trajectory (client_id, team_id, machine_id, machine_version, xstate_version, snapshot, version, stage,
                               stage_entered_at, opened_at, updated_at, machine_blockers, machine_blocker_codes,
                               machine_blocked_since, blockers_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11, $12,
               CASE WHEN cardinality($12::text[]) = 0 THEN NULL ELSE $9::timestamptz END, $13) RETURNING id`,
      [
        row.clientId,
        row.teamId,
        row.machineId,
        row.machineVersion,
        row.xstateVersion,
        JSON.stringify(row.snapshot),
        row.version,
        row.stage,
        row.stageEnteredAt,
        row.openedAt,
        JSON.stringify(row.machineBlockers.blockers),
        row.machineBlockers.codes,
        BLOCKERS_VERSION,
      ],
    );
    return rows[0].id;
  }

  /** A trajectory by its own id, for the system's own events (no team filter: no user is asking). */
  async findById(trajectoryId: string): Promise<TrajectoryRow | null> {
    const rows = await preparedQuery<TrajectoryRow>(
      this.dataSource,
      'koers_trajectory_by_id',
      `SELECT ${TRAJECTORY_COLUMNS} FROM trajectory t WHERE t.id = $1`,
      [trajectoryId],
    );
    return rows[0] ?? null;
  }

  /**
   * The client's trajectory, or null when it is out of the user's scope (callers answer 404 then). Recording an
   * event reads it on every attempt: reach and row in one prepared statement, not ClientAccessRepository first.
   */
  async findByClient(clientId: string, scope: ClientScope): Promise<TrajectoryRow | null> {
    const rows = await preparedQuery<TrajectoryRow>(
      this.dataSource,
      'koers_trajectory_by_client',
      `SELECT ${TRAJECTORY_COLUMNS} FROM trajectory t
        WHERE t.client_id = $1 AND ${clientInReach({ teamId: 't.team_id', clientId: 't.client_id' }, 2)}`,
      [clientId, ...reachParameters(scope)],
    );
    return rows[0] ?? null;
  }

  /** Appends the first event of a new trajectory, with its outbox message (ids only). */
  async appendEvent(manager: EntityManager, event: NewEventRow): Promise<void> {
    await manager.query(
      `WITH event AS (${INSERT_EVENT}) ${INSERT_OUTBOX_FROM_EVENT}`,
      eventParameters(event),
    );
  }

  /**
   * Stores a step as one statement, so one transaction and one round trip: compare-and-set of the
   * snapshot and version (the new version is the event's seq), then the event and its outbox message,
   * inserted only if the compare-and-set matched. Returns false, writing nothing, when the trajectory is
   * no longer at `previousVersion` (someone else's event came first).
   */
  async saveStep(
    event: NewEventRow,
    step: StepColumns,
    previousVersion: number,
    deadlines?: { teamId: string; plan: DeadlinePlan },
  ): Promise<boolean> {
    const values = [
      ...eventParameters(event),
      JSON.stringify(step.snapshot),
      step.stage,
      step.stageEnteredAt,
      step.closedAt,
      previousVersion,
      JSON.stringify(step.machineBlockers.blockers),
      step.machineBlockers.codes,
      BLOCKERS_VERSION,
    ];
    const rows = deadlines
      ? await preparedQuery(this.dataSource, 'koers_save_step_with_deadlines', SAVE_STEP_WITH_DEADLINES, [
          ...values,
          deadlines.plan.input,
          deadlines.plan.cancelKinds,
          deadlines.teamId,
        ])
      : await preparedQuery(this.dataSource, 'koers_save_step', SAVE_STEP, values);
    return rows.length === 1;
  }

  /** The client with its trajectory; the caller checked that it is within the user's reach (ClientAccessRepository). */
  async findClient(clientId: string): Promise<{ client: ClientRow; trajectory: TrajectoryRow } | null> {
    const rows: (TrajectoryRow & {
      c_display_name: string;
      c_birth_date: string | null;
      c_has_bsn: boolean;
      c_created_at: Date;
    })[] = await this.dataSource.query(
      `SELECT ${TRAJECTORY_COLUMNS}, c.display_name AS c_display_name, to_char(c.birth_date, 'YYYY-MM-DD') AS c_birth_date,
                (c.bsn IS NOT NULL) AS c_has_bsn, c.created_at AS c_created_at
           FROM client c JOIN trajectory t ON t.client_id = c.id
          WHERE c.id = $1`,
      [clientId],
    );
    const row = rows[0];
    if (!row) return null;
    const { c_display_name, c_birth_date, c_has_bsn, c_created_at, ...trajectory } = row;
    return {
      client: {
        id: clientId,
        teamId: trajectory.teamId,
        displayName: c_display_name,
        birthDate: c_birth_date,
        hasBsn: c_has_bsn,
        createdAt: c_created_at,
      },
      trajectory,
    };
  }

  /** The history up to `version`, so it matches the trajectory row read before it, even under concurrent writes. */
  async history(trajectoryId: string, version: number): Promise<HistoryRow[]> {
    return this.dataSource.query(
      `SELECT e.seq, e.type, e.payload, e.from_stage AS "fromStage", e.to_stage AS "toStage", e.occurred_at AS "occurredAt",
              e.user_id AS "userId", u.display_name AS "userDisplayName", e.party_kind AS "partyKind"
         FROM trajectory_event e LEFT JOIN app_user u ON u.id = e.user_id
        WHERE e.trajectory_id = $1 AND e.seq <= $2 ORDER BY e.seq`,
      [trajectoryId, version],
    );
  }

  /** The events that set or changed the trajectory's legal basis, oldest first, with who sent them. */
  async basisHistory(trajectoryId: string, version: number): Promise<HistoryRow[]> {
    return this.dataSource.query(
      `SELECT e.seq, e.type, e.payload, e.from_stage AS "fromStage", e.to_stage AS "toStage", e.occurred_at AS "occurredAt",
              e.user_id AS "userId", u.display_name AS "userDisplayName", e.party_kind AS "partyKind"
         FROM trajectory_event e LEFT JOIN app_user u ON u.id = e.user_id
        WHERE e.trajectory_id = $1 AND e.seq <= $2 AND e.type = ANY($3::text[]) ORDER BY e.seq`,
      [trajectoryId, version, LEGAL_BASIS_EVENT_TYPES],
    );
  }

  /** Every client within the user's reach, open trajectories first. */
  async listClients(scope: ClientScope): Promise<
    {
      id: string;
      displayName: string;
      teamId: string;
      stage: string;
      stageEnteredAt: Date;
      version: number;
    }[]
  > {
    return this.dataSource.query(
      `SELECT c.id, c.display_name AS "displayName", c.team_id AS "teamId", t.stage, t.stage_entered_at AS "stageEnteredAt",
              t.version
         FROM client c JOIN trajectory t ON t.client_id = c.id
        WHERE ${clientInReach({ teamId: 'c.team_id', clientId: 'c.id' }, 1)}
        ORDER BY t.closed_at IS NOT NULL, t.stage_entered_at, c.id`,
      reachParameters(scope),
    );
  }
}
