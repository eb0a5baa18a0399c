import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Deadline } from './deadline.entity';

export const DEADLINE_STEP_STATUSES = ['pending', 'fired', 'withdrawn'] as const;
export type DeadlineStepStatus = (typeof DEADLINE_STEP_STATUSES)[number];

/** One rung of a deadline's ladder (warning, overdue, agenda) for one revision of the deadline. */
@Entity('deadline_step')
@Index(['deadlineId', 'step', 'revision'], { unique: true })
@Index('deadline_step_pending_idx', ['fireAt'], { where: `status = 'pending'` })
export class DeadlineStepRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'deadline_id' })
  deadlineId: string;

  @ManyToOne(() => Deadline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id' })
  deadline?: Deadline;

  @Column('text')
  step: string;

  @Column('integer')
  revision: number;

  @Column('timestamptz', { name: 'fire_at' })
  fireAt: Date;

  /** Party kinds and/or `chair`, resolved to people when the step fires (deputies then apply). */
  @Column('text', { array: true })
  recipients: string[];

  @Column('text', { default: 'pending' })
  status: DeadlineStepStatus;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt: Date | null;
}
