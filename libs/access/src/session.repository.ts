import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery, type UserRole } from '@koers/persistence';
import type { Actor } from './actor';

interface ActorRow {
  session_id: string;
  user_id: string;
  username: string;
  display_name: string;
  party_id: string;
  party_kind: string;
  role: UserRole;
  team_ids: string[] | null;
}

export interface LoginCandidate {
  id: string;
  passwordHash: string;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const rows: { id: string; password_hash: string }[] = await this.dataSource.query(
      `SELECT id, password_hash FROM app_user WHERE username = $1 AND disabled_at IS NULL`,
      [username],
    );
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
  }

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO session (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
      userId,
      tokenHash,
      expiresAt,
    ]);
  }

  /**
   * One query per request: the session, its user, party and teams. It runs on every API call, so it is a
   * named prepared statement (planned once per connection).
   */
  async findActiveActor(tokenHash: string, now: Date): Promise<Actor | null> {
    const rows = await preparedQuery<ActorRow>(
      this.dataSource,
      'koers_find_active_actor',
      `SELECT s.id AS session_id, u.id AS user_id, u.username, u.display_name, u.party_id, p.kind AS party_kind, u.role,
                    (SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_member tm WHERE tm.user_id = u.id) AS team_ids
               FROM session s
               JOIN app_user u ON u.id = s.user_id
               JOIN party p ON p.id = u.party_id
              WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      partyId: row.party_id,
      partyKind: row.party_kind,
      role: row.role,
      teamIds: row.team_ids ?? [],
    };
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      now,
    ]);
  }
}
