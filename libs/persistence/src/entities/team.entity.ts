import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Municipality } from './municipality.entity';

/** A casusoverleg: the case conference of one municipality (or a region's shared one). */
@Entity('team')
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid', { name: 'municipality_id' })
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('text')
  name: string;

  /** Per-casusoverleg deadline overrides of domain.md §3's defaults (see libs/deadlines DeadlineSettings). */
  @Column('jsonb', { name: 'deadline_settings', default: {} })
  deadlineSettings: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
