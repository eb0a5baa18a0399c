import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Meeting } from './meeting.entity';
import { User } from './user.entity';

export const MEETING_RECORD_KINDS = ['note', 'decision'] as const;
export type MeetingRecordKind = (typeof MEETING_RECORD_KINDS)[number];

/**
 * The data categories a record can have (need-to-know, domain.md §8). The same list as MEETING_RECORD_CATEGORIES
 * in libs/access, which decides who reads which (a unit test there keeps the two equal); written out here because
 * the schema cannot depend on the access context.
 */
export const MEETING_RECORD_CATEGORY_VALUES = [
  'trajectory',
  'health',
  'justice',
  'housing',
  'finances',
  'budget',
] as const;

/**
 * What the meeting recorded about a client: a note, or a decision with its reasons (domain.md §1.4: the
 * register keeps every decision with its reasons). An inclusion decision also went into the trajectory
 * as INCLUSION_DECIDED: `event_seq` is that event.
 */
@Entity('meeting_record')
@Index(['meetingId', 'clientId'])
@Index(['clientId', 'createdAt'])
@Check(
  'CHK_meeting_record_category',
  `"category" IN (${MEETING_RECORD_CATEGORY_VALUES.map((v) => `'${v}'`).join(', ')})`,
)
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

  /** Its data category: who may read it (need-to-know); `trajectory` unless the writer chose another. */
  @Column('text', { default: 'trajectory' })
  category: (typeof MEETING_RECORD_CATEGORY_VALUES)[number];

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
