import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One single sign-on attempt (issue 5 item 6; libs/access/src/oidc): started at GET /api/auth/oidc, answered by
 * the provider at /api/auth/oidc/callback (once), and turned into a session by POST /api/auth/oidc/exchange
 * (once). Only hashes of the `state`, the browser-binding cookie and the one-time login code are stored. Rows are
 * short-lived: deleted once both expiries have passed.
 */
@Entity('oidc_login')
@Check(
  'CHK_oidc_login_code',
  `"login_code_hash" IS NULL OR ("user_id" IS NOT NULL AND "provider_mfa" IS NOT NULL AND "login_code_expires_at" IS NOT NULL AND "callback_at" IS NOT NULL)`,
)
export class OidcLogin {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_oidc_login' })
  id: string;

  /** SHA-256 (hex) of the `state` sent to the provider. */
  @Index('IDX_oidc_login_state_hash', { unique: true })
  @Column('text', { name: 'state_hash' })
  stateHash: string;

  /** SHA-256 (hex) of the httpOnly cookie that ties the attempt to the browser that started it. */
  @Column('text', { name: 'browser_hash' })
  browserHash: string;

  /** PKCE (RFC 7636): sent to the token endpoint with the code, never to the browser. */
  @Column('text', { name: 'code_verifier' })
  codeVerifier: string;

  /** Expected in the ID token. */
  @Column('text')
  nonce: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** The callback must come before this. */
  @Index('IDX_oidc_login_expires_at')
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  /** When the provider's answer came back: a second answer with the same state is refused. */
  @Column('timestamptz', { name: 'callback_at', nullable: true })
  callbackAt: Date | null;

  /** The Koers user the provider's identity belongs to. */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_oidc_login_user' })
  user?: User;

  /** The provider reported a second factor (OIDC_MFA_AMR / OIDC_MFA_ACR): no Koers TOTP needed. */
  @Column('boolean', { name: 'provider_mfa', nullable: true })
  providerMfa: boolean | null;

  /** SHA-256 (hex) of the one-time login code handed to the web app. */
  @Index('IDX_oidc_login_login_code_hash', { unique: true })
  @Column('text', { name: 'login_code_hash', nullable: true })
  loginCodeHash: string | null;

  @Column('timestamptz', { name: 'login_code_expires_at', nullable: true })
  loginCodeExpiresAt: Date | null;

  /** When the login code became a session: it works once. */
  @Column('timestamptz', { name: 'exchanged_at', nullable: true })
  exchangedAt: Date | null;
}
