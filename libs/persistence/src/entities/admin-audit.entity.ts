import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ADMIN_AUDIT_ACTIONS = [
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.unlocked',
  'user.totp_reset',
  'team.created',
  'team.member_added',
  'team.member_removed',
  'party.created',
] as const;
/** What an admin did. */
export type AdminAuditAction = (typeof ADMIN_AUDIT_ACTIONS)[number];

export const ADMIN_AUDIT_TARGET_KINDS = ['user', 'team', 'party'] as const;
export type AdminAuditTargetKind = (typeof ADMIN_AUDIT_TARGET_KINDS)[number];

/**
 * The admin's log (issue 5 item 1): one row per change to users, teams or parties, written in the change's own
 * transaction. Not the access log: user administration touches no client data. Append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE; migration AdminAudit1795800000000) and without foreign keys: it outlives what it
 * names. `details` says what changed (never a password or a TOTP secret).
 */
@Entity('admin_audit')
@Check(
  'CHK_admin_audit_action',
  `"action" IN ('user.created', 'user.updated', 'user.password_reset', 'user.unlocked', 'user.totp_reset', 'team.created', 'team.member_added', 'team.member_removed', 'party.created')`,
)
@Check('CHK_admin_audit_target_kind', `"target_kind" IN ('user', 'team', 'party')`)
@Index('IDX_admin_audit_occurred_at', ['occurredAt'])
@Index('IDX_admin_audit_target', ['targetId', 'id'])
@Index('IDX_admin_audit_actor', ['actorUserId', 'id'])
export class AdminAuditEntry {
  /** bigint, as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_admin_audit' })
  id: string;

  /** UTC. */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** Who: the admin's user id and, as it was then, username. */
  @Column('uuid', { name: 'actor_user_id' })
  actorUserId: string;

  @Column('text', { name: 'actor_username' })
  actorUsername: string;

  @Column('text')
  action: AdminAuditAction;

  @Column('text', { name: 'target_kind' })
  targetKind: AdminAuditTargetKind;

  @Column('uuid', { name: 'target_id' })
  targetId: string;

  /** The target's username or name as it was then. */
  @Column('text', { name: 'target_label', nullable: true })
  targetLabel: string | null;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  /** The request's X-Request-Id. */
  @Column('uuid', { name: 'request_id', nullable: true })
  requestId: string | null;
}
