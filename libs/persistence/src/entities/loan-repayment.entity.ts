import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Spend } from './spend.entity';
import { User } from './user.entity';

/** A repayment on an approved loan (spend.kind = 'loan'); the loan's repayment_status follows the total. */
@Entity('loan_repayment')
@Index(['spendId', 'paidOn'])
@Check('CHK_loan_repayment_amount', `"amount_cents" > 0`)
export class LoanRepayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'spend_id' })
  spendId: string;

  @ManyToOne(() => Spend, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'spend_id' })
  spend?: Spend;

  /** bigint: pg returns a string; read it with Number(). */
  @Column('bigint', { name: 'amount_cents' })
  amountCents: string;

  /** The day the client paid. */
  @Column('date', { name: 'paid_on' })
  paidOn: string;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: User;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
