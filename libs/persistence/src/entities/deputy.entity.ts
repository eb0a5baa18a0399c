import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A participant's stand-in for a period (holiday, illness): deadline steps falling due in it go to the
 * deputy instead (the handreiking asks each casusoverleg to agree who stands in for whom).
 */
@Entity('deputy')
@Index(['userId', 'startsAt'])
@Check('CHK_deputy_period', '"ends_at" > "starts_at"')
@Check('CHK_deputy_not_self', '"deputy_user_id" <> "user_id"')
export class Deputy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('uuid', { name: 'deputy_user_id' })
  deputyUserId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deputy_user_id' })
  deputyUser?: User;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
