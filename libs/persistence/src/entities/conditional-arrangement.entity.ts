import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

/** `open` until reviewed on (or after) its review date, or cancelled. */
export const ARRANGEMENT_STATUSES = ['open', 'reviewed', 'cancelled'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

/** What the review decided: go on as agreed, stop paying, or go on with changed conditions. */
export const ARRANGEMENT_OUTCOMES = ['extend', 'stop', 'adjust'] as const;
export type ArrangementOutcome = (typeof ARRANGEMENT_OUTCOMES)[number];

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * A conditional arrangement (issue 7 item 4, domain.md §6): e.g. a gym subscription paid for two months, extended
 * only if the client goes two to three times a week. Conditions, a review date (while open, a `condition_review`
 * deadline with deadline.subject_id = this id), and the outcome of the review. Spends belong to it through
 * spend.arrangement_id; a review that extends or adjusts may start a follow-up arrangement (`follows_id`).
 */
@Entity('conditional_arrangement')
@Index(['clientId', 'reviewDate'])
@Index(['teamId', 'status', 'reviewDate'])
@Check('CHK_conditional_arrangement_status', inList('status', ARRANGEMENT_STATUSES))
@Check('CHK_conditional_arrangement_outcome', inList('outcome', ARRANGEMENT_OUTCOMES))
@Check(
  'CHK_conditional_arrangement_reviewed',
  `("status" = 'reviewed') = ("outcome" IS NOT NULL AND "reviewed_by" IS NOT NULL AND "reviewed_at" IS NOT NULL)`,
)
@Check(
  'CHK_conditional_arrangement_cancelled',
  `("status" = 'cancelled') = ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL)`,
)
export class ConditionalArrangement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  /** What the client agreed to, e.g. "sporten 2 à 3 keer per week". */
  @Column('text')
  conditions: string;

  /** The condition_review deadline falls due at 09:00 Amsterdam time on this date. */
  @Column('date', { name: 'review_date' })
  reviewDate: string;

  @Column('text', { default: 'open' })
  status: ArrangementStatus;

  @Column('text', { nullable: true })
  outcome: ArrangementOutcome | null;

  @Column('text', { name: 'outcome_note', nullable: true })
  outcomeNote: string | null;

  @Column('uuid', { name: 'reviewed_by', nullable: true })
  reviewedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by' })
  reviewer?: User;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  /** The arrangement whose review (extend or adjust) started this one. */
  @Column('uuid', { name: 'follows_id', nullable: true })
  followsId: string | null;

  @ManyToOne(() => ConditionalArrangement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'follows_id' })
  follows?: ConditionalArrangement;

  @Column('uuid', { name: 'cancelled_by', nullable: true })
  cancelledBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cancelled_by' })
  canceller?: User;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** Optimistic concurrency: every change adds one; a stale `expectedVersion` gets 409. */
  @Column('integer', { default: 1 })
  version: number;
}
