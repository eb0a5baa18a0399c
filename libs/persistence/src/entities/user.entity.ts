import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Party } from './party.entity';

export const USER_ROLES = ['chair', 'member', 'privacy_officer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** argon2id hash; never leaves the access module. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Index()
  @Column('uuid', { name: 'party_id' })
  partyId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id' })
  party?: Party;

  @Column('text', { default: 'member' })
  role: UserRole;

  /** Where e-mail notifications go; none means the in-app inbox only. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /**
   * The user's subject (`sub`) at the single sign-on provider (OIDC_ISSUER); null: not linked. Set by an admin, or
   * at the first single sign-on whose username claim names this user (libs/access/src/oidc).
   */
  @Index('IDX_app_user_oidc_subject', { unique: true })
  @Column('text', { name: 'oidc_subject', nullable: true })
  oidcSubject: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
