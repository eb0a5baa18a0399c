import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Meeting } from './meeting.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * An action agreed in a meeting (domain.md §5): an owner (a party, or a person), a due date, a description.
 * While open it has an `action_due` deadline (deadline.subject_id = this id); closing it ends the deadline.
 */
@Entity('action')
@Index(['clientId', 'status'])
@Index(['teamId', 'status', 'dueDate'])
@Check('CHK_action_owner', '"owner_party_kind" IS NOT NULL OR "owner_user_id" IS NOT NULL')
export class ActionItem {
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

  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column('text')
  description: string;

  @Column('text', { name: 'owner_party_kind', nullable: true })
  ownerPartyKind: string | null;

  @Column('uuid', { name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_user_id' })
  ownerUser?: User;

  /** Falls due at 09:00 Europe/Amsterdam on this date. */
  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('text', { default: 'open' })
  status: ActionStatus;

  @Column('text', { name: 'done_note', nullable: true })
  doneNote: string | null;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column('uuid', { name: 'done_by', nullable: true })
  doneBy: string | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
