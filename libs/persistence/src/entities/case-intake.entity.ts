import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Party } from './party.entity';
import { User } from './user.entity';

/**
 * One party's answers to the handreiking's questions (3.7) about a new case, stored per party so the
 * meeting sees them side by side. Each party keeps one current answer set per client.
 */
@Entity('case_intake')
@Index(['clientId', 'partyId'], { unique: true })
export class CaseIntake {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column('uuid', { name: 'party_id' })
  partyId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id' })
  party?: Party;

  @Column('jsonb')
  answers: Record<string, unknown>;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
