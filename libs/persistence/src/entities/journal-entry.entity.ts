import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Party } from './party.entity';
import { User } from './user.entity';

/** What a journal entry records (issue 4 item 6): between meetings, any party keeps the dossier current. */
export const JOURNAL_KINDS = [
  'contact_moment',
  'police_contact',
  'network_signal',
  'nuisance_report',
  'note',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/**
 * The data category of an entry, for need-to-know (domain.md §8): which kind of personal data it holds,
 * so a party can later be shown only the categories it may see. A closed set:
 * - `general`: practical matters, whereabouts, contact and appointments; no special-category data;
 * - `health`: substance use, physical and mental health, treatment and care (special-category data);
 * - `justice`: police contacts, offences, nuisance, judicial measures (criminal-law data);
 * - `housing`: the home, the landlord, neighbours, the tenancy;
 * - `finances`: income, debts, benefits, budget management or administration;
 * - `network`: family, friends, the healthy and the unhealthy network, daytime activity.
 */
export const JOURNAL_CATEGORIES = ['general', 'health', 'justice', 'housing', 'finances', 'network'] as const;
export type JournalCategory = (typeof JOURNAL_CATEGORIES)[number];

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * A client's journal between meetings: contact moments, police contacts, signals from the network,
 * nuisance reports and notes, each with the author and party from the session and a data category.
 * Entries are not edited or deleted: the dossier builds up.
 */
@Entity('journal_entry')
@Index(['clientId', 'occurredAt'])
@Check('CHK_journal_entry_kind', inList('kind', JOURNAL_KINDS))
@Check('CHK_journal_entry_category', inList('category', JOURNAL_CATEGORIES))
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column('uuid', { name: 'party_id' })
  partyId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id' })
  party?: Party;

  /** The author's party kind when the entry was written (e.g. `police`). */
  @Column('text', { name: 'party_kind' })
  partyKind: string;

  @Column('text')
  kind: JournalKind;

  @Column('text')
  category: JournalCategory;

  @Column('text')
  text: string;

  /** When it happened; a date without a time is stored as 00:00 Amsterdam time (see occurredOnDate). */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** True when only a date was given: the entry is shown as that date, without a time. */
  @Column('boolean', { name: 'occurred_on_date', default: false })
  occurredOnDate: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
