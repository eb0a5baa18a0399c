import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { inPgTransaction, pgPoolOf } from '@koers/persistence';

export interface StartedAttempt {
  stateHash: string;
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  now: Date;
  expiresAt: Date;
}

export interface AnsweredAttempt {
  id: string;
  browserHash: string;
  codeVerifier: string;
  nonce: string;
}

export interface SsoUser {
  id: string;
  username: string;
  disabled: boolean;
}

export type LinkOutcome =
  | { kind: 'linked'; user: SsoUser }
  | { kind: 'unknown' }
  | { kind: 'disabled' }
  /** The account is linked to another subject already: only an admin changes that. */
  | { kind: 'linked_elsewhere' };

export interface PendingLoginCode {
  id: string;
  userId: string;
  username: string;
  providerMfa: boolean;
}

/** The rows of single sign-on: `oidc_login` (one per attempt) and the link `app_user.oidc_subject`. */
@Injectable()
export class OidcLoginRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** On the pg pool: TypeORM's query() answers an UPDATE … RETURNING with [rows, count] instead of the rows. */
  private async rows<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    return (await pgPoolOf(this.dataSource).query<R>(text, values)).rows;
  }

  /** A new attempt; attempts past both their expiries go at the same time (they are few and short-lived). */
  async start(attempt: StartedAttempt): Promise<void> {
    await this.rows(
      `WITH stale AS (
         DELETE FROM oidc_login
          WHERE expires_at <= $5 AND (login_code_expires_at IS NULL OR login_code_expires_at <= $5)
       )
       INSERT INTO oidc_login (state_hash, browser_hash, code_verifier, nonce, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        attempt.stateHash,
        attempt.browserHash,
        attempt.codeVerifier,
        attempt.nonce,
        attempt.now,
        attempt.expiresAt,
      ],
    );
  }

  /** Marks the attempt answered, once: a second answer with the same state (a replay) finds nothing. */
  async answer(stateHash: string, now: Date): Promise<AnsweredAttempt | null> {
    const rows: { id: string; browser_hash: string; code_verifier: string; nonce: string }[] =
      await this.rows(
        `UPDATE oidc_login SET callback_at = $2
          WHERE state_hash = $1 AND callback_at IS NULL AND expires_at > $2
        RETURNING id, browser_hash, code_verifier, nonce`,
        [stateHash, now],
      );
    const row = rows[0];
    return row
      ? { id: row.id, browserHash: row.browser_hash, codeVerifier: row.code_verifier, nonce: row.nonce }
      : null;
  }

  async userBySubject(subject: string): Promise<SsoUser | null> {
    const rows: { id: string; username: string; disabled: boolean }[] = await this.rows(
      `SELECT id, username, disabled_at IS NOT NULL AS disabled FROM app_user WHERE oidc_subject = $1`,
      [subject],
    );
    return rows[0] ?? null;
  }

  /**
   * First sign-on of an account: links the subject to the user whose username the provider's username claim
   * names (compared ignoring case), if that user is active and not linked yet; the link is in the admin log, in
   * the same transaction, with the user as the actor.
   */
  linkByUsername(
    subject: string,
    username: string,
    now: Date,
    requestId: string | null,
  ): Promise<LinkOutcome> {
    return inPgTransaction(this.dataSource, async (query) => {
      const [user] = await query<{
        id: string;
        username: string;
        disabled: boolean;
        oidc_subject: string | null;
      }>(
        `SELECT id, username, disabled_at IS NOT NULL AS disabled, oidc_subject
           FROM app_user WHERE lower(username) = lower($1) FOR UPDATE`,
        [username],
      );
      if (!user) return { kind: 'unknown' };
      if (user.disabled) return { kind: 'disabled' };
      const linked = {
        kind: 'linked',
        user: { id: user.id, username: user.username, disabled: false },
      } as const;
      // Two first sign-ons of the same person at once: the second finds the first one's link.
      if (user.oidc_subject === subject) return linked;
      if (user.oidc_subject !== null) return { kind: 'linked_elsewhere' };
      await query(`UPDATE app_user SET oidc_subject = $2 WHERE id = $1`, [user.id, subject]);
      await query(
        `INSERT INTO admin_audit (occurred_at, actor_user_id, actor_username, action, target_kind, target_id, target_label, details, request_id)
         VALUES ($1, $2, $3, 'user.updated', 'user', $2, $3, $4, $5)`,
        [
          now,
          user.id,
          user.username,
          JSON.stringify({ changes: { oidcSubject: { from: null, to: subject } }, via: 'oidc_first_login' }),
          requestId,
        ],
      );
      return linked;
    });
  }

  /** The callback's outcome: who signed in, and the hash of the one-time login code that makes the session. */
  async issueLoginCode(
    id: string,
    code: { userId: string; providerMfa: boolean; codeHash: string; expiresAt: Date },
  ): Promise<void> {
    await this.rows(
      `UPDATE oidc_login SET user_id = $2, provider_mfa = $3, login_code_hash = $4, login_code_expires_at = $5
        WHERE id = $1`,
      [id, code.userId, code.providerMfa, code.codeHash, code.expiresAt],
    );
  }

  /** A login code not yet used nor expired, with the (active) user it was issued to. */
  async pendingCode(codeHash: string, now: Date): Promise<PendingLoginCode | null> {
    const rows: { id: string; user_id: string; username: string; provider_mfa: boolean }[] = await this.rows(
      `SELECT l.id, l.user_id, u.username, l.provider_mfa
           FROM oidc_login l JOIN app_user u ON u.id = l.user_id
          WHERE l.login_code_hash = $1 AND l.exchanged_at IS NULL AND l.login_code_expires_at > $2
            AND u.disabled_at IS NULL`,
      [codeHash, now],
    );
    const row = rows[0];
    return row
      ? { id: row.id, userId: row.user_id, username: row.username, providerMfa: row.provider_mfa }
      : null;
  }

  /** Uses the login code up; false when another request did first or it expired meanwhile. */
  async redeem(id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.rows(
      `UPDATE oidc_login SET exchanged_at = $2
        WHERE id = $1 AND exchanged_at IS NULL AND login_code_expires_at > $2
      RETURNING id`,
      [id, now],
    );
    return rows.length > 0;
  }
}
