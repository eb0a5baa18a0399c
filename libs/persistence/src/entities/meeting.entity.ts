import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Team } from './team.entity';
import { User } from './user.entity';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A casusoverleg meeting (domain.md §5): planned every two weeks, at most three, about two hours. */
@Entity('meeting')
@Index(['teamId', 'startsAt'])
@Check('CHK_meeting_duration', '"duration_minutes" BETWEEN 15 AND 480')
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('integer', { name: 'duration_minutes', default: 120 })
  durationMinutes: number;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('text', { default: 'planned' })
  status: MeetingStatus;

  /** Bumped on every change of time, place or status, for the calendar file's SEQUENCE. */
  @Column('integer', { default: 0 })
  sequence: number;

  /** The chair's agenda once edited (or frozen when the meeting is held); null = generated on request. */
  @Column('jsonb', { name: 'agenda', nullable: true })
  agenda: unknown;

  /** Who took part, recorded when the meeting is held. */
  @Column('uuid', { name: 'attendee_ids', array: true, default: () => `'{}'` })
  attendeeIds: string[];

  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt: Date | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
