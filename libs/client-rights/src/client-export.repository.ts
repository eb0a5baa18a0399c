import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RECOVERY_EXPORT_SQL } from './client-export.recovery';
import { BUDGET_EXPORT_SQL } from './client-export.budget';
import type { QueryResultRow } from 'pg';
import type { SqlQuery } from '@koers/persistence';

/** A person as the queries return one: `<prefix>_id`, `<prefix>_name`, `<prefix>_party`. */
const person = (alias: string, prefix: string) =>
  `${alias}.id AS ${prefix}_id, ${alias}.display_name AS ${prefix}_name, (SELECT p.kind FROM party p WHERE p.id = ${alias}.party_id) AS ${prefix}_party`;

export interface ClientRecord {
  id: string;
  team_id: string;
  team_name: string;
  municipality: string;
  display_name: string;
  birth_date: string | null;
  bsn: string | null;
  created_at: Date;
  anonymised_at: Date | null;
  creator_id: string | null;
  creator_name: string | null;
  creator_party: string | null;
  trajectory_id: string;
  stage: string;
  snapshot: unknown;
  machine_id: string;
  machine_version: number;
  version: number;
  opened_at: Date;
  stage_entered_at: Date;
  closed_at: Date | null;
}

export type Row = Record<string, unknown>;

/** Runs one query (the DataSource's, or a transaction's). */
type RunQuery = (sql: string, values: unknown[]) => Promise<unknown>;

/**
 * The SQL of the export: everything stored about one client, each query bounded to that client (by its id, or
 * its trajectory's), so nothing of another client can come along: a meeting's other records, another client's
 * agenda item, the other ids of an access-log row are never read.
 */
export class ClientExportQueries {
  constructor(private readonly run: RunQuery) {}

  private async query<T = Row>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.run(sql, values)) as T[];
  }

  /** The export's transaction as a query function (for the access check, in the same snapshot). */
  readonly sql: SqlQuery = <R extends QueryResultRow>(text: string, values?: unknown[]) =>
    this.query<R>(text, values ?? []);

  /** The client with its trajectory and team (the caller checked that it is within the user's reach). */
  async client(clientId: string): Promise<ClientRecord | null> {
    const [row] = await this.query<ClientRecord>(
      `SELECT c.id, c.team_id, tm.name AS team_name, mu.name AS municipality, c.display_name,
              to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.bsn, c.created_at, c.anonymised_at,
              ${person('u', 'creator')},
              t.id AS trajectory_id, t.stage, t.snapshot, t.machine_id, t.machine_version, t.version, t.opened_at,
              t.stage_entered_at, t.closed_at
         FROM client c
         JOIN trajectory t ON t.client_id = c.id
         JOIN team tm ON tm.id = c.team_id
         JOIN municipality mu ON mu.id = tm.municipality_id
         LEFT JOIN app_user u ON u.id = c.created_by
        WHERE c.id = $1`,
      [clientId],
    );
    return row ?? null;
  }

  history(trajectoryId: string): Promise<Row[]> {
    return this.query(
      `SELECT e.seq, e.type, e.from_stage, e.to_stage, e.occurred_at, e.payload, e.anonymised_at,
              e.user_id AS by_id, u.display_name AS by_name, e.party_kind AS by_party
         FROM trajectory_event e LEFT JOIN app_user u ON u.id = e.user_id
        WHERE e.trajectory_id = $1 ORDER BY e.seq`,
      [trajectoryId],
    );
  }

  deadlines(trajectoryId: string): Promise<Row[]> {
    return this.query(
      `SELECT d.id, d.kind, d.status, d.due_at, d.base, d.revision, d.created_at, d.done_at
         FROM deadline d WHERE d.trajectory_id = $1 ORDER BY d.created_at, d.id`,
      [trajectoryId],
    );
  }

  deadlineSteps(trajectoryId: string): Promise<Row[]> {
    return this.query(
      `SELECT s.deadline_id, s.step, s.revision, s.fire_at, s.status, s.fired_at, s.recipients
         FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
        WHERE d.trajectory_id = $1
        ORDER BY s.revision, s.fire_at, array_position(ARRAY['warning', 'overdue', 'agenda'], s.step)`,
      [trajectoryId],
    );
  }

  /** Notifications about the client: by their client id, their deadline's trajectory or their journal entry. */
  notifications(clientId: string, trajectoryId: string): Promise<Row[]> {
    return this.query(
      `SELECT n.id, n.topic, n.title, n.created_at, n.read_at, ${person('u', 'recipient')}
         FROM notification n
         JOIN app_user u ON u.id = n.user_id
         LEFT JOIN deadline_step s ON s.id = n.deadline_step_id
         LEFT JOIN deadline d ON d.id = s.deadline_id
         LEFT JOIN journal_entry j ON j.id = n.journal_entry_id
        WHERE n.client_id = $1 OR d.trajectory_id = $2 OR j.client_id = $1
        ORDER BY n.created_at, n.id`,
      [clientId, trajectoryId],
    );
  }

  journal(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT j.id, j.kind, j.category, j.text, j.occurred_at, j.occurred_on_date, j.created_at,
              u.id AS author_id, u.display_name AS author_name, j.party_kind AS author_party
         FROM journal_entry j LEFT JOIN app_user u ON u.id = j.author_id
        WHERE j.client_id = $1 ORDER BY j.occurred_at, j.created_at, j.id`,
      [clientId],
    );
  }

  /**
   * Meetings with a record, an action or an agenda item about the client; of the agenda only the client's own
   * item (its position, reason and the chair's note).
   */
  meetings(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT m.id, m.starts_at, m.status, m.location, m.held_at, m.attendee_ids::text[] AS attendee_ids,
              (SELECT jsonb_build_object('position', x.ord, 'reason', x.item->>'reason', 'note', x.item->>'note')
                 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(m.agenda->'items') = 'array'
                                                THEN m.agenda->'items' ELSE '[]'::jsonb END)
                      WITH ORDINALITY AS x(item, ord)
                WHERE lower(x.item->>'clientId') = $1::text
                LIMIT 1) AS agenda_item
         FROM meeting m
        WHERE EXISTS (SELECT 1 FROM meeting_record r WHERE r.meeting_id = m.id AND r.client_id = $1::uuid)
           OR EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = m.id AND a.client_id = $1::uuid)
           OR (jsonb_typeof(m.agenda->'items') = 'array'
               AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.agenda->'items') AS i(item)
                            WHERE lower(i.item->>'clientId') = $1::text))
        ORDER BY m.starts_at, m.id`,
      [clientId.toLowerCase()],
    );
  }

  /** Display name and party of users (meeting attendees). */
  people(userIds: string[]): Promise<Row[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.query(`SELECT ${person('u', 'p')} FROM app_user u WHERE u.id = ANY($1::uuid[])`, [userIds]);
  }

  meetingRecords(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT r.id, r.meeting_id, r.kind, r.category, r.decision_type, r.text, r.reasons, r.event_seq, r.created_at,
              ${person('u', 'author')}
         FROM meeting_record r LEFT JOIN app_user u ON u.id = r.created_by
        WHERE r.client_id = $1 ORDER BY r.created_at, r.id`,
      [clientId],
    );
  }

  actions(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT a.id, a.meeting_id, a.description, a.owner_party_kind, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
              a.status, a.done_note, a.done_at, a.created_at,
              ${person('ou', 'owner')}, ${person('db', 'doneby')}, ${person('cb', 'creator')}
         FROM action a
         LEFT JOIN app_user ou ON ou.id = a.owner_user_id
         LEFT JOIN app_user db ON db.id = a.done_by
         LEFT JOIN app_user cb ON cb.id = a.created_by
        WHERE a.client_id = $1 ORDER BY a.created_at, a.id`,
      [clientId],
    );
  }

  intake(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT p.kind AS party_kind, ci.answers, ci.updated_at, ${person('u', 'updater')}
         FROM case_intake ci JOIN party p ON p.id = ci.party_id LEFT JOIN app_user u ON u.id = ci.updated_by
        WHERE ci.client_id = $1
        ORDER BY array_position(ARRAY['municipality', 'addiction_care', 'police'], p.kind), p.kind`,
      [clientId],
    );
  }

  invitations(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT i.id, i.party_id, p.kind AS party_kind, p.name AS party_name, i.scope, i.starts_at, i.ends_at,
              i.reason, i.created_at, i.revoked_at, ${person('iu', 'inviter')}, ${person('ru', 'revoker')}
         FROM client_invitation i
         JOIN party p ON p.id = i.party_id
         LEFT JOIN app_user iu ON iu.id = i.invited_by
         LEFT JOIN app_user ru ON ru.id = i.revoked_by
        WHERE i.client_id = $1 ORDER BY i.created_at, i.id`,
      [clientId],
    );
  }

  /** The client's recovery measurements and their corrections and deletions (client-export.recovery.ts). */
  async recovery(clientId: string): Promise<{ measurements: Row[]; changes: Row[] }> {
    return {
      measurements: await this.query(RECOVERY_EXPORT_SQL.measurements, [clientId]),
      changes: await this.query(RECOVERY_EXPORT_SQL.changes, [clientId]),
    };
  }

  /** The client's spends (with loan repayments) and conditional arrangements (client-export.budget.ts). */
  async budget(clientId: string): Promise<{ spends: Row[]; arrangements: Row[] }> {
    return {
      spends: await this.query(BUDGET_EXPORT_SQL.spends, [clientId]),
      arrangements: await this.query(BUDGET_EXPORT_SQL.arrangements, [clientId]),
    };
  }

  /** The access-log rows naming the client, without the other clients a row may name. */
  accessLog(clientId: string): Promise<Row[]> {
    return this.query(
      `SELECT a.id::text AS id, a.occurred_at, a.event, a.user_id, u.display_name AS user_name, a.party_kind,
              a.responsible_user_id, a.access_point, a.categories, a.result, a.status,
              a.client_bases[array_position(a.client_ids, $1::uuid)] AS legal_basis
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
        WHERE a.client_ids @> ARRAY[$1::uuid] ORDER BY a.id`,
      [clientId],
    );
  }
}

/** The export's reads, all in one read-only REPEATABLE READ transaction: one consistent picture of the file. */
@Injectable()
export class ClientExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read<T>(work: (queries: ClientExportQueries) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(new ClientExportQueries((sql, values) => manager.query(sql, values)));
    });
  }
}
