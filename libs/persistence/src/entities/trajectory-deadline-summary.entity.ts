import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Trajectory } from './trajectory.entity';

/**
 * The board's deadline half of the projection: the trajectory's pending deadlines with the highest step each
 * has fired. Kept current by a trigger on `deadline` and `deadline_step` (see the BoardProjection migration),
 * so every writer of deadlines (an event's statement, a fired step, a meeting's action) refreshes it in its own
 * transaction. Its own table, locked last, so a step firing and an event never wait on each other in a cycle.
 */
@Entity('trajectory_deadline_summary')
export class TrajectoryDeadlineSummary {
  @PrimaryColumn('uuid', { name: 'trajectory_id' })
  trajectoryId: string;

  @OneToOne(() => Trajectory, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trajectory_id' })
  trajectory?: Trajectory;

  /** [{kind, dueAt, step: none|warning|overdue|agenda, firedAt}] of the pending deadlines, soonest first. */
  @Column('jsonb', { default: () => `'[]'` })
  facts: unknown;

  @Column('timestamptz', { name: 'next_due_at', nullable: true })
  nextDueAt: Date | null;

  @Column('text', { name: 'next_due_kind', nullable: true })
  nextDueKind: string | null;

  /** Earliest due time among pending deadlines whose overdue step fired. */
  @Column('timestamptz', { name: 'overdue_since', nullable: true })
  overdueSince: Date | null;

  /** Earliest agenda step fired among pending deadlines: the client is escalated to the casusoverleg. */
  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;
}
