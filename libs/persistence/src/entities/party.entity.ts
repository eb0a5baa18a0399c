import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation taking part, of one party kind of domain.md §1 (municipality, police, addiction_care, ...). */
@Entity('party')
export class Party {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Party id of domain.md §1, e.g. `addiction_care`. */
  @Column('text')
  kind: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
