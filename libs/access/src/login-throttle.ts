import { HttpException, HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { DataSource } from 'typeorm';

/**
 * Login throttling and lockout (issue 5 item 6), counted in PostgreSQL (`login_throttle`) so it survives restarts
 * and holds across API instances. Two keys per attempt: the username (lower-cased, known or not, so a lockout says
 * nothing about whether the user exists) and the client address (IPv6 per /64, one customer's usual allocation).
 *
 * An attempt is reserved before the password is checked: parallel guesses cannot slip past the limit while the
 * slow hash runs. When it settles, a failure stays counted (and locks the key once it reaches the limit), a success
 * deletes the username's count and gives back the address's, anything else (a missing second factor, an error on
 * our side) gives both back. While locked, attempts are refused without checking the password and do not extend
 * the lock; a lock ends by itself after `lockMs`, and the next attempt starts a new window.
 */
export interface LoginThrottleSettings {
  maxUsernameFailures: number;
  maxAddressFailures: number;
  windowMs: number;
  lockMs: number;
}

export type ThrottleKind = 'username' | 'address';
export type LoginOutcome = 'success' | 'failure' | 'released';

export interface ThrottleKeys {
  username: string;
  address: string;
}

/** The one answer to a throttled login, whichever key is locked: it reveals neither the key nor whether the user exists. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many failed login attempts; wait a while and try again', HttpStatus.TOO_MANY_REQUESTS);
  }
}

const hashKey = (kind: ThrottleKind, value: string) =>
  createHash('sha256').update(`${kind}:${value}`).digest('hex');

export function throttleKeys(username: string, clientAddress: string | undefined): ThrottleKeys {
  return {
    username: hashKey('username', username.trim().toLowerCase()),
    address: hashKey('address', addressKey(clientAddress)),
  };
}

/**
 * The address a client is counted under: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 prefix (a
 * single host usually has a whole /64 to pick from). `unknown` when there is none.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  let address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return 'unknown';
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - width(headGroups) - width(tailGroups)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

interface ReservedRow {
  key_hash: string;
  kind: ThrottleKind;
  attempts: number;
  window_started_at: Date;
  locked_until: Date | null;
}

const RESERVE = `
  INSERT INTO login_throttle AS t (key_hash, kind, attempts, window_started_at)
  SELECT k.key_hash, k.kind, 1, $3 FROM unnest($1::text[], $2::text[]) AS k(key_hash, kind)
  ON CONFLICT (key_hash) DO UPDATE SET
    attempts = CASE WHEN t.locked_until > $3 THEN t.attempts
                    WHEN t.window_started_at <= $4 OR t.locked_until IS NOT NULL THEN 1
                    ELSE t.attempts + 1 END,
    window_started_at = CASE WHEN t.locked_until > $3 THEN t.window_started_at
                             WHEN t.window_started_at <= $4 OR t.locked_until IS NOT NULL THEN $3
                             ELSE t.window_started_at END,
    locked_until = CASE WHEN t.locked_until > $3 THEN t.locked_until END
  RETURNING key_hash, kind, attempts, window_started_at, locked_until`;

const LOCK = `
  UPDATE login_throttle t SET locked_until = $3
    FROM unnest($1::text[], $2::int[]) AS k(key_hash, max_attempts)
   WHERE t.key_hash = k.key_hash AND t.attempts >= k.max_attempts
     AND (t.locked_until IS NULL OR t.locked_until <= $4)`;

const GIVE_BACK = `UPDATE login_throttle SET attempts = GREATEST(attempts - 1, 0) WHERE key_hash = ANY($1::text[])`;

const RESET_USERNAME = `
  WITH gone AS (DELETE FROM login_throttle WHERE key_hash = $1)
  UPDATE login_throttle SET attempts = GREATEST(attempts - 1, 0) WHERE key_hash = $2`;

const PURGE = `DELETE FROM login_throttle WHERE window_started_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)`;
const PURGE_EVERY_MS = 10 * 60_000;

export class LoginThrottleStore {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: LoginThrottleSettings,
  ) {}

  /** Counts the attempt, or throws LoginThrottledException (counting nothing) when a key is locked or full. */
  async reserve(keys: ThrottleKeys, now: Date): Promise<void> {
    const rows: ReservedRow[] = await this.dataSource.query(RESERVE, [
      [keys.username, keys.address],
      ['username', 'address'],
      now,
      new Date(now.getTime() - this.settings.windowMs),
    ]);
    let retryAfterMs = 0;
    const counted: string[] = [];
    for (const row of rows) {
      const locked = row.locked_until !== null && row.locked_until > now;
      if (!locked) counted.push(row.key_hash);
      if (locked) retryAfterMs = Math.max(retryAfterMs, row.locked_until!.getTime() - now.getTime());
      else if (row.attempts > this.max(row.kind)) {
        // Full with attempts still in flight: they settle within a second, a failure among them locks the key.
        const windowEnd = row.window_started_at.getTime() + this.settings.windowMs;
        retryAfterMs = Math.max(retryAfterMs, windowEnd - now.getTime(), 1000);
      }
    }
    if (retryAfterMs > 0) {
      if (counted.length > 0) await this.dataSource.query(GIVE_BACK, [counted]);
      throw new LoginThrottledException(Math.ceil(retryAfterMs / 1000));
    }
  }

  async settle(keys: ThrottleKeys, outcome: LoginOutcome, now: Date): Promise<void> {
    if (outcome === 'success') {
      await this.dataSource.query(RESET_USERNAME, [keys.username, keys.address]);
    } else if (outcome === 'released') {
      await this.dataSource.query(GIVE_BACK, [[keys.username, keys.address]]);
    } else {
      await this.dataSource.query(LOCK, [
        [keys.username, keys.address],
        [this.settings.maxUsernameFailures, this.settings.maxAddressFailures],
        new Date(now.getTime() + this.settings.lockMs),
        now,
      ]);
      await this.purgeNowAndThen(now);
    }
  }

  /** Counts of attempts long past would pile up under a spray of made-up usernames: dropped every 10 minutes. */
  private async purgeNowAndThen(now: Date): Promise<void> {
    if (Math.abs(now.getTime() - this.lastPurge) < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.dataSource.query(PURGE, [new Date(now.getTime() - this.settings.windowMs), now]);
  }

  private max(kind: ThrottleKind): number {
    return kind === 'username' ? this.settings.maxUsernameFailures : this.settings.maxAddressFailures;
  }
}
