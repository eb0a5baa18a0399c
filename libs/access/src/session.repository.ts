import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery, type UserRole } from '@koers/persistence';
import { type Actor, type ClientInvitationGrant, actorFrom } from './actor';

interface ActorRow {
  session_id: string;
  user_id: string;
  username: string;
  display_name: string;
  party_id: string;
  party_kind: string;
  role: UserRole;
  team_ids: string[] | null;
  invitations: ClientInvitationGrant[] | null;
}

export interface LoginCandidate {
  id: string;
  username: string;
  passwordHash: string;
  role: UserRole;
  /** The active TOTP secret, sealed (TotpSecretBox); null without a second factor. */
  totpSecret: string | null;
}

/** The session lookup's time limits (issue 5 item 6). */
export interface SessionWindow {
  now: Date;
  /** Sessions last seen at or before this are idle: over. */
  idleCutoff: Date;
  /** last_seen_at is written only when older than this, so at most once a minute per session. */
  touchBefore: Date;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const rows: { id: string; password_hash: string; role: UserRole; totp_secret: string | null }[] =
      await this.dataSource.query(
        `SELECT u.id, u.password_hash, u.role, t.secret AS totp_secret
           FROM app_user u LEFT JOIN user_totp t ON t.user_id = u.id
          WHERE u.username = $1 AND u.disabled_at IS NULL`,
        [username],
      );
    const row = rows[0];
    return row
      ? { id: row.id, username, passwordHash: row.password_hash, role: row.role, totpSecret: row.totp_secret }
      : null;
  }

  async create(userId: string, tokenHash: string, expiresAt: Date, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO session (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, $3, $4)`,
      [userId, tokenHash, expiresAt, now],
    );
  }

  /**
   * One query per request: the session, its user, party and teams. It runs on every API call, so it is a
   * named prepared statement (planned once per connection). A session ends at `expires_at` (absolute) or when
   * last seen at or before `idleCutoff`; the same statement slides `last_seen_at`, writing it only when it is
   * older than `touchBefore` (a minute), so most requests read and never write.
   */
  async findActiveActor(tokenHash: string, window: SessionWindow): Promise<Actor | null> {
    const rows = await preparedQuery<ActorRow>(
      this.dataSource,
      'koers_find_active_actor',
      `WITH s AS (
         SELECT id, user_id, last_seen_at FROM session
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3
       ), touched AS (
         UPDATE session SET last_seen_at = $2 FROM s WHERE session.id = s.id AND s.last_seen_at < $4
       )
       SELECT s.id AS session_id, u.id AS user_id, u.username, u.display_name, u.party_id, p.kind AS party_kind, u.role,
                    (SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_member tm WHERE tm.user_id = u.id) AS team_ids,
                    (SELECT json_agg(json_build_object('clientId', ci.client_id, 'scope', ci.scope))
                       FROM client_invitation ci
                      WHERE ci.party_id = u.party_id AND ci.revoked_at IS NULL AND ci.starts_at <= $2 AND ci.ends_at > $2
                    ) AS invitations
               FROM s
               JOIN app_user u ON u.id = s.user_id
               JOIN party p ON p.id = u.party_id
              WHERE u.disabled_at IS NULL`,
      [tokenHash, window.now, window.idleCutoff, window.touchBefore],
    );
    const row = rows[0];
    if (!row) return null;
    return actorFrom({
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      partyId: row.party_id,
      partyKind: row.party_kind,
      role: row.role,
      memberTeamIds: row.team_ids ?? [],
      invitations: row.invitations ?? [],
    });
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      now,
    ]);
  }
}
