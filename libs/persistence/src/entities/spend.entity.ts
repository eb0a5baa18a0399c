import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { ConditionalArrangement } from './conditional-arrangement.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

/** What the casusoverleg's budget pays for (domain.md §6). */
export const SPEND_CATEGORIES = [
  'clinic_deposit',
  'skip_container',
  'sports_subscription',
  'travel',
  'bills',
  'housing_materials',
  'other',
] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

/** A gift, a loan (to be repaid), or a gift on conditions (see conditional_arrangement). */
export const SPEND_KINDS = ['gift', 'loan', 'conditional_gift'] as const;
export type SpendKind = (typeof SPEND_KINDS)[number];

/** `requested` until the chair (the budget holder) approves or rejects it, or the requester cancels it. */
export const SPEND_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type SpendStatus = (typeof SPEND_STATUSES)[number];

/** An approved loan: nothing repaid yet, partly repaid, fully repaid, or written off by the chair. */
export const LOAN_REPAYMENT_STATUSES = ['open', 'repaying', 'repaid', 'written_off'] as const;
export type LoanRepaymentStatus = (typeof LOAN_REPAYMENT_STATUSES)[number];

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * A spend from the casusoverleg's budget for one client (issue 7 item 3): requested by the chair or the case
 * coordinator, approved or rejected by the chair, who is recorded with the time (`approved_by`, `approved_at` hold
 * the decision, also a rejection). An urgent spend has a needed-by date and, while requested, an `urgent_payment`
 * deadline (deadline.subject_id = this id). `version` guards the decisions against lost updates (stale → 409).
 * Amounts are euro cents (bigint: pg returns a string; read it with Number(), amounts stay far below 2^53).
 */
@Entity('spend')
@Index(['teamId', 'budgetYear', 'status'])
@Index(['clientId', 'requestedAt'])
@Check('CHK_spend_category', inList('category', SPEND_CATEGORIES))
@Check('CHK_spend_kind', inList('kind', SPEND_KINDS))
@Check('CHK_spend_status', inList('status', SPEND_STATUSES))
@Check('CHK_spend_repayment_status', inList('repayment_status', LOAN_REPAYMENT_STATUSES))
@Check('CHK_spend_amount', `"amount_cents" > 0`)
@Check('CHK_spend_budget_year', `"budget_year" BETWEEN 2000 AND 2100`)
@Check('CHK_spend_urgent', `"urgent" = ("needed_by" IS NOT NULL)`)
@Check('CHK_spend_conditions', `"kind" <> 'conditional_gift' OR "conditions" IS NOT NULL`)
@Check(
  'CHK_spend_decision',
  `("status" IN ('approved', 'rejected')) = ("approved_by" IS NOT NULL AND "approved_at" IS NOT NULL)`,
)
@Check(
  'CHK_spend_cancelled',
  `("status" = 'cancelled') = ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL)`,
)
@Check('CHK_spend_loan', `("repayment_status" IS NOT NULL) = ("kind" = 'loan' AND "status" = 'approved')`)
@Check(
  'CHK_spend_written_off',
  `("repayment_status" IS NOT DISTINCT FROM 'written_off') = ("written_off_by" IS NOT NULL AND "written_off_at" IS NOT NULL)`,
)
export class Spend {
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

  /** The calendar year (Amsterdam) of the request: the yearly budget it counts against. */
  @Column('integer', { name: 'budget_year' })
  budgetYear: number;

  @Column('text')
  category: SpendCategory;

  @Column('bigint', { name: 'amount_cents' })
  amountCents: string;

  @Column('text')
  kind: SpendKind;

  @Column('text')
  description: string;

  /** What the client agrees to (required for a conditional gift). */
  @Column('text', { nullable: true })
  conditions: string | null;

  @Column('text', { default: 'requested' })
  status: SpendStatus;

  @Column('boolean', { default: false })
  urgent: boolean;

  /** For an urgent spend: the date the money is needed (its urgent_payment deadline falls due then). */
  @Column('date', { name: 'needed_by', nullable: true })
  neededBy: string | null;

  /** The conditional arrangement this spend belongs to, if any. */
  @Column('uuid', { name: 'arrangement_id', nullable: true })
  arrangementId: string | null;

  @ManyToOne(() => ConditionalArrangement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'arrangement_id' })
  arrangement?: ConditionalArrangement;

  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  /** Who decided: the chair who approved or rejected it. */
  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by' })
  approver?: User;

  /** When it was decided (approved or rejected). */
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  /** The chair's note on an approval, the reason of a rejection. */
  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  /** Why the chair approved more than the year's remaining budget. */
  @Column('text', { name: 'over_budget_reason', nullable: true })
  overBudgetReason: string | null;

  @Column('uuid', { name: 'cancelled_by', nullable: true })
  cancelledBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cancelled_by' })
  canceller?: User;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  /** Set for an approved loan only. */
  @Column('text', { name: 'repayment_status', nullable: true })
  repaymentStatus: LoanRepaymentStatus | null;

  @Column('uuid', { name: 'written_off_by', nullable: true })
  writtenOffBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'written_off_by' })
  writer?: User;

  @Column('timestamptz', { name: 'written_off_at', nullable: true })
  writtenOffAt: Date | null;

  @Column('text', { name: 'write_off_reason', nullable: true })
  writeOffReason: string | null;

  /** Optimistic concurrency: every change adds one; a stale `expectedVersion` gets 409. */
  @Column('integer', { default: 1 })
  version: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
