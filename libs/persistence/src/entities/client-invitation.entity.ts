import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { Party } from './party.entity';
import { User } from './user.entity';

/**
 * A chain partner invited to one client's case (need-to-know, domain.md §8): its party's users may see that
 * client, only the categories in `scope` (within what the party may see at all), until `ends_at` or revocation.
 */
@Entity('client_invitation')
@Index(['partyId', 'endsAt'])
@Index(['clientId'])
@Check('CHK_client_invitation_period', '"ends_at" > "starts_at"')
export class ClientInvitation {
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

  @Column('text', { array: true })
  scope: string[];

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'invited_by' })
  invitedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invited_by' })
  inviter?: User;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
