import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Team } from './team.entity';
import { Trajectory } from './trajectory.entity';

export const DEADLINE_STATUSES = ['pending', 'done'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * A deadline of domain.md §3: PostgreSQL is its truth (architecture invariant 4); queue jobs are derived
 * from its steps. At most one pending deadline per trajectory and kind (per subject, for actions and meetings): a new start
 * moves it (revision + 1).
 */
@Entity('deadline')
@Index('deadline_one_pending_per_kind', ['trajectoryId', 'kind'], {
  unique: true,
  where: `status = 'pending' AND subject_id IS NULL`,
})
@Index('deadline_one_pending_per_subject', ['kind', 'subjectId'], {
  unique: true,
  where: `status = 'pending' AND subject_id IS NOT NULL`,
})
@Index(['teamId', 'status', 'dueAt'])
@Index(['trajectoryId', 'dueAt'])
export class Deadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  /** Null for deadlines of the casusoverleg itself (meeting cadence). */
  @Column('uuid', { name: 'trajectory_id', nullable: true })
  trajectoryId: string | null;

  @ManyToOne(() => Trajectory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trajectory_id' })
  trajectory?: Trajectory;

  @Column('text')
  kind: string;

  /**
   * What the deadline is about when a trajectory can have several of its kind (an action: action_due) or
   * it belongs to something else (a meeting: meeting_cadence). Null for the trajectory's own deadlines.
   */
  @Column('uuid', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @Column('text', { default: 'pending' })
  status: DeadlineStatus;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  /** What the due time counts from: the event time, or the date from the payload (e.g. validUntil). */
  @Column('text')
  base: string;

  /** Increments each time the deadline moves; a job of an older revision does nothing. */
  @Column('integer', { default: 1 })
  revision: number;

  /** The trajectory event that started or last moved it. */
  @Column('integer', { name: 'started_by_seq', nullable: true })
  startedBySeq: number | null;

  /** When it stopped being pending, and the event that ended it (its reason was met or disappeared). */
  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column('integer', { name: 'done_by_seq', nullable: true })
  doneBySeq: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
