import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Meeting } from './meeting.entity';
import { User } from './user.entity';

export const MEETING_RECORD_KINDS = ['note', 'decision'] as const;
export type MeetingRecordKind = (typeof MEETING_RECORD_KINDS)[number];

/**
 * What the meeting recorded about a client: a note, or a decision with its reasons (domain.md §1.4: the
 * register keeps every decision with its reasons). An inclusion decision also went into the trajectory
 * as INCLUSION_DECIDED: `event_seq` is that event.
 */
@Entity('meeting_record')
@Index(['meetingId', 'clientId'])
@Index(['clientId', 'createdAt'])
export class MeetingRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column('text')
  kind: MeetingRecordKind;

  /** For a decision: `inclusion` or `other`. */
  @Column('text', { name: 'decision_type', nullable: true })
  decisionType: string | null;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('integer', { name: 'event_seq', nullable: true })
  eventSeq: number | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
