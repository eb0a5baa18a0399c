import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * The wording of one item of a recovery instrument, set by an admin of an organisation that holds the licence to
 * use it (Koers ships item numbers and neutral short labels only; see libs/recovery and the README). No client data.
 */
@Entity('recovery_instrument_item_text')
export class RecoveryInstrumentItemText {
  @PrimaryColumn('text', {
    name: 'instrument_id',
    primaryKeyConstraintName: 'PK_recovery_instrument_item_text',
  })
  instrumentId: string;

  @PrimaryColumn('text', { name: 'item_id', primaryKeyConstraintName: 'PK_recovery_instrument_item_text' })
  itemId: string;

  @Column('text')
  text: string;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_recovery_instrument_item_text_updater' })
  updater?: User;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
