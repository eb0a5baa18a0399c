import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Party } from './party.entity';
import { Trajectory } from './trajectory.entity';
import { User } from './user.entity';

/**
 * The trajectory's history: append-only (a trigger refuses UPDATE and DELETE) with a gap-free
 * sequence per trajectory, kept forever.
 */
@Entity('trajectory_event')
@Check('CHK_trajectory_event_seq_positive', '"seq" > 0')
@Index(['trajectoryId', 'seq'], { unique: true })
export class TrajectoryEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'trajectory_id' })
  trajectoryId: string;

  @ManyToOne(() => Trajectory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trajectory_id' })
  trajectory?: Trajectory;

  @Column('integer')
  seq: number;

  @Column('text')
  type: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { name: 'from_stage', nullable: true })
  fromStage: string | null;

  @Column('text', { name: 'to_stage' })
  toStage: string;

  /** Null for events the system sends itself (e.g. a deadline that fell due). */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('uuid', { name: 'party_id', nullable: true })
  partyId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id' })
  party?: Party;

  @Column('text', { name: 'party_kind', nullable: true })
  partyKind: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** When the payload's free text was removed (anonymisation, the one UPDATE the trigger allows); null: not. */
  @Column('timestamptz', { name: 'anonymised_at', nullable: true })
  anonymisedAt: Date | null;
}
