import type { DataSource } from 'typeorm';
import { pgPoolOf } from '@koers/persistence';

/** The `user_totp` rows: a user's sealed TOTP secret, the one waiting for its first code, the last step used. */
export interface TotpRow {
  secret: string | null;
  pendingSecret: string | null;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

export class TotpStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string): Promise<TotpRow | null> {
    const [row]: {
      secret: string | null;
      pending_secret: string | null;
      confirmed_at: Date | null;
      last_used_step: string | null;
    }[] = await this.dataSource.query(
      `SELECT secret, pending_secret, confirmed_at, last_used_step FROM user_totp WHERE user_id = $1`,
      [userId],
    );
    return row
      ? {
          secret: row.secret,
          pendingSecret: row.pending_secret,
          confirmedAt: row.confirmed_at,
          lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
        }
      : null;
  }

  /** A new secret waiting for its first code; an active one stays active until this one is confirmed. */
  async savePending(userId: string, sealed: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO user_totp (user_id, pending_secret, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET pending_secret = EXCLUDED.pending_secret, updated_at = EXCLUDED.updated_at`,
      [userId, sealed, now],
    );
  }

  /** Makes `sealed` (still the pending secret) the active one; false if another enrolment replaced it meanwhile. */
  async confirm(userId: string, sealed: string, step: number, now: Date): Promise<boolean> {
    const result = await pgPoolOf(this.dataSource).query(
      `UPDATE user_totp SET secret = pending_secret, pending_secret = NULL, confirmed_at = $3, last_used_step = $4, updated_at = $3
        WHERE user_id = $1 AND pending_secret = $2`,
      [userId, sealed, now, step],
    );
    return result.rowCount === 1;
  }

  /** Records a code's time step as used; false if that step or a later one was used already (a replay). */
  async useStep(userId: string, step: number): Promise<boolean> {
    const result = await pgPoolOf(this.dataSource).query(
      `UPDATE user_totp SET last_used_step = $2
        WHERE user_id = $1 AND secret IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)`,
      [userId, step],
    );
    return result.rowCount === 1;
  }
}
