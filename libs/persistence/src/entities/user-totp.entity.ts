import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A user's TOTP second factor (RFC 6238). Secrets are stored encrypted (AES-256-GCM, TOTP_ENCRYPTION_KEY, bound to
 * the user id) and never returned after enrolment. `pending_secret` waits for its first code; confirming it makes it
 * the active `secret`. `last_used_step` refuses a code that was used before (no replay).
 */
@Entity('user_totp')
@Check('CHK_user_totp_confirmed', `("secret" IS NULL) = ("confirmed_at" IS NULL)`)
export class UserTotp {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('text', { nullable: true })
  secret: string | null;

  @Column('text', { name: 'pending_secret', nullable: true })
  pendingSecret: string | null;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @Column('bigint', { name: 'last_used_step', nullable: true })
  lastUsedStep: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
