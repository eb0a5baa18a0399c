import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeadlineStepRow } from './deadline-step.entity';
import { JournalEntry } from './journal-entry.entity';
import { User } from './user.entity';

/**
 * An in-app notification (the inbox). A deadline step reaches each recipient once: unique on
 * (deadline step, user), so a step fired twice (a duplicate or late job) adds nothing.
 */
@Entity('notification')
@Index(['deadlineStepId', 'userId'], { unique: true })
// A journal entry (a police note) reaches each recipient once, likewise.
@Index(['journalEntryId', 'userId'], { unique: true })
@Index(['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('uuid', { name: 'deadline_step_id', nullable: true })
  deadlineStepId: string | null;

  @ManyToOne(() => DeadlineStepRow, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_step_id' })
  deadlineStep?: DeadlineStepRow;

  /** Set for `journal.police_note`: the journal entry it announces. */
  @Column('uuid', { name: 'journal_entry_id', nullable: true })
  journalEntryId: string | null;

  @ManyToOne(() => JournalEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'journal_entry_id' })
  journalEntry?: JournalEntry;

  /** The client it is about, for the link in the inbox; the text itself names no one. */
  @Column('uuid', { name: 'client_id', nullable: true })
  clientId: string | null;

  /** e.g. `deadline.warning`, `deadline.overdue`. */
  @Column('text')
  topic: string;

  @Column('text')
  title: string;

  /** Set when the step went to a deputy: whom the deputy stands in for. */
  @Column('uuid', { name: 'on_behalf_of', nullable: true })
  onBehalfOf: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  /** E-mail copy: claimed when a worker starts sending it (a stale claim is retried), sent when the server took it. */
  @Column('timestamptz', { name: 'mail_claimed_at', nullable: true })
  mailClaimedAt: Date | null;

  @Column('timestamptz', { name: 'mailed_at', nullable: true })
  mailedAt: Date | null;

  @Column('integer', { name: 'mail_attempts', default: 0 })
  mailAttempts: number;
}
