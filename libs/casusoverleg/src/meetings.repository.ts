import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MeetingRecordCategory } from '@koers/access';
import type { MeetingStatus } from '@koers/persistence';
import { type SqlQuery } from '@koers/persistence';

export interface MeetingRow {
  id: string;
  teamId: string;
  teamName: string;
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  status: MeetingStatus;
  sequence: number;
  agenda: StoredAgenda | null;
  attendeeIds: string[];
  heldAt: Date | null;
  createdAt: Date;
  /** The start of the latest meeting of the team held before this one (for the cadence). */
  previousHeldAt: Date | null;
  /** The casusoverleg's rhythm (team setup; every 2 weeks unless set). */
  intervalWeeks: number;
}

export interface StoredAgendaItem {
  clientId: string;
  reason: string;
  estimateMinutes: number;
  note: string | null;
}

/** The chair's agenda (or the generated one, frozen when the meeting was held). */
export interface StoredAgenda {
  items: StoredAgendaItem[];
  editedAt: string;
  editedBy: string | null;
}

export interface RecordRow {
  id: string;
  meetingId: string;
  clientId: string;
  kind: 'note' | 'decision';
  category: MeetingRecordCategory;
  decisionType: string | null;
  text: string;
  reasons: string | null;
  eventSeq: number | null;
  createdBy: string;
  authorName: string;
  createdAt: Date;
}

export interface ActionRow {
  id: string;
  teamId: string;
  clientId: string;
  meetingId: string | null;
  description: string;
  ownerPartyKind: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string;
  status: 'open' | 'done';
  doneNote: string | null;
  doneAt: Date | null;
  createdAt: Date;
}

export interface ClientRef {
  id: string;
  displayName: string;
  stage: string;
  trajectoryId: string;
  closed: boolean;
  /** The kind of legal basis of the client's trajectory: what may be seen of the client at all. */
  legalBasis: string;
}

export interface MemberRow {
  userId: string;
  displayName: string;
  email: string | null;
  partyKind: string;
  role: string;
}

/**
 * A meeting with its team, and what its cadence is measured against: the previous meeting held and the team's
 * rhythm, joined in, so a list of meetings is one query.
 */
const SELECT_MEETINGS = `
  SELECT m.id, m.team_id AS "teamId", tm.name AS "teamName", m.starts_at AS "startsAt",
         m.duration_minutes AS "durationMinutes", m.location, m.status, m.sequence, m.agenda,
         m.attendee_ids AS "attendeeIds", m.held_at AS "heldAt", m.created_at AS "createdAt",
         previous.starts_at AS "previousHeldAt", COALESCE(ts.meeting_interval_weeks, 2) AS "intervalWeeks"
    FROM meeting m
    JOIN team tm ON tm.id = m.team_id
    LEFT JOIN team_setup ts ON ts.team_id = m.team_id
    LEFT JOIN LATERAL (
      SELECT p.starts_at FROM meeting p
       WHERE p.team_id = m.team_id AND p.status = 'held' AND p.starts_at < m.starts_at AND p.id <> m.id
       ORDER BY p.starts_at DESC LIMIT 1
    ) previous ON true`;

const ACTION_COLUMNS = `a.id, a.team_id AS "teamId", a.client_id AS "clientId", a.meeting_id AS "meetingId", a.description,
  a.owner_party_kind AS "ownerPartyKind", a.owner_user_id AS "ownerUserId", ou.display_name AS "ownerName",
  to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status, a.done_note AS "doneNote", a.done_at AS "doneAt",
  a.created_at AS "createdAt"`;

/** All SQL of the casusoverleg context. Writes inside a transaction take its `query`. */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private get query(): SqlQuery {
    return (text, values) => this.dataSource.query(text, values);
  }

  async meeting(id: string, teamIds: string[], query = this.query, lock = false): Promise<MeetingRow | null> {
    const rows = await query<MeetingRow>(
      `${SELECT_MEETINGS} WHERE m.id = $1 AND m.team_id = ANY($2::uuid[])${lock ? ' FOR UPDATE OF m' : ''}`,
      [id, teamIds],
    );
    return rows[0] ?? null;
  }

  meetings(teamIds: string[]): Promise<MeetingRow[]> {
    return this.query<MeetingRow>(
      `${SELECT_MEETINGS} WHERE m.team_id = ANY($1::uuid[]) ORDER BY m.starts_at DESC`,
      [teamIds],
    );
  }

  async heldMeetingCount(teamId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting WHERE team_id = $1 AND status = 'held'`,
      [teamId],
    );
    return row.n;
  }

  /** Clients that were on the agenda of a meeting that was held: their signal is no longer a new case. */
  async discussedClients(teamId: string): Promise<Set<string>> {
    const rows = await this.query<{ client_id: string }>(
      `SELECT DISTINCT item->>'clientId' AS client_id
         FROM meeting m CROSS JOIN LATERAL jsonb_array_elements(m.agenda->'items') AS item
        WHERE m.team_id = $1 AND m.status = 'held'`,
      [teamId],
    );
    return new Set(rows.map((r) => r.client_id));
  }

  clients(teamId: string, clientIds: string[], query = this.query): Promise<ClientRef[]> {
    return query<ClientRef>(
      `SELECT c.id, c.display_name AS "displayName", t.stage, t.id AS "trajectoryId", t.closed_at IS NOT NULL AS closed,
              t.legal_basis AS "legalBasis"
         FROM client c JOIN trajectory t ON t.client_id = c.id
        WHERE c.team_id = $1 AND c.id = ANY($2::uuid[])`,
      [teamId, clientIds],
    );
  }

  members(teamId: string, query = this.query): Promise<MemberRow[]> {
    return query<MemberRow>(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, p.kind AS "partyKind", u.role
         FROM team_member tm JOIN app_user u ON u.id = tm.user_id JOIN party p ON p.id = u.party_id
        WHERE tm.team_id = $1 AND u.disabled_at IS NULL ORDER BY u.role = 'chair' DESC, p.kind, u.display_name`,
      [teamId],
    );
  }

  /** With the legal basis of each record's client (need-to-know: what may be seen of that client at all). */
  records(meetingId: string): Promise<(RecordRow & { legalBasis: string })[]> {
    return this.query<RecordRow & { legalBasis: string }>(
      `SELECT r.id, r.meeting_id AS "meetingId", r.client_id AS "clientId", r.kind, r.category,
              (SELECT t.legal_basis FROM trajectory t WHERE t.client_id = r.client_id) AS "legalBasis",
              r.decision_type AS "decisionType",
              r.text, r.reasons, r.event_seq AS "eventSeq", r.created_by AS "createdBy", u.display_name AS "authorName",
              r.created_at AS "createdAt"
         FROM meeting_record r JOIN app_user u ON u.id = r.created_by
        WHERE r.meeting_id = $1 ORDER BY r.created_at, r.id`,
      [meetingId],
    );
  }

  actionsOfMeeting(meetingId: string): Promise<ActionRow[]> {
    return this.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM action a LEFT JOIN app_user ou ON ou.id = a.owner_user_id
        WHERE a.meeting_id = $1 ORDER BY a.due_date, a.created_at`,
      [meetingId],
    );
  }

  actionsOfClient(clientId: string, teamIds: string[]): Promise<ActionRow[]> {
    return this.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM action a LEFT JOIN app_user ou ON ou.id = a.owner_user_id
        WHERE a.client_id = $1 AND a.team_id = ANY($2::uuid[]) ORDER BY a.status, a.due_date, a.created_at`,
      [clientId, teamIds],
    );
  }

  async action(id: string, teamIds: string[], query = this.query, lock = false): Promise<ActionRow | null> {
    const rows = await query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM action a LEFT JOIN app_user ou ON ou.id = a.owner_user_id
        WHERE a.id = $1 AND a.team_id = ANY($2::uuid[])${lock ? ' FOR UPDATE OF a' : ''}`,
      [id, teamIds],
    );
    return rows[0] ?? null;
  }
}
