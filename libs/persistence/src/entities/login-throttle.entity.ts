import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Login attempts per username and per client address (issue 5 item 6), in PostgreSQL so the count survives
 * restarts and holds across API instances. An attempt is counted before the password is checked (a burst of
 * parallel guesses cannot slip past the limit), given back when it was not a failure, and the username's row is
 * deleted on success. Only the SHA-256 of the key is stored: a username field sometimes holds a typed password.
 */
@Entity('login_throttle')
@Check('CHK_login_throttle_kind', `"kind" IN ('username', 'address')`)
export class LoginThrottle {
  /** SHA-256 (hex) of `username:<lower-cased username>` or `address:<IPv4, or IPv6 /64>`. */
  @PrimaryColumn('text', { name: 'key_hash' })
  keyHash: string;

  @Column('text')
  kind: 'username' | 'address';

  /** Attempts counted in the current window (those in flight included). */
  @Column('integer')
  attempts: number;

  @Column('timestamptz', { name: 'window_started_at' })
  windowStartedAt: Date;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;
}
