import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Client } from './client.entity';
import { Team } from './team.entity';

/** One trajectory per client: the persisted statechart snapshot plus the columns lists and filters need. */
@Entity('trajectory')
@Check('CHK_trajectory_version_positive', '"version" > 0')
@Index(['teamId', 'stage'])
@Index('trajectory_open_by_team', ['teamId'], { where: 'closed_at IS NULL' })
export class Trajectory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @OneToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column('text', { name: 'machine_id' })
  machineId: string;

  @Column('integer', { name: 'machine_version' })
  machineVersion: number;

  /** Exact xstate version that produced the snapshot (architecture invariant 6). */
  @Column('text', { name: 'xstate_version' })
  xstateVersion: string;

  @Column('jsonb')
  snapshot: unknown;

  /** Optimistic concurrency counter; equals the sequence number of the last event. */
  @Column('integer')
  version: number;

  @Column('text')
  stage: string;

  @Column('timestamptz', { name: 'stage_entered_at' })
  stageEnteredAt: Date;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** The board's machine half of the projection (machineBlockers of the snapshot), written with each step. */
  @Column('jsonb', { name: 'machine_blockers', default: () => `'[]'` })
  machineBlockers: unknown;

  @Column('text', { name: 'machine_blocker_codes', array: true, default: () => `'{}'` })
  machineBlockerCodes: string[];

  /** Since when the machine has named a blocker without interruption; null when it names none. */
  @Column('timestamptz', { name: 'machine_blocked_since', nullable: true })
  machineBlockedSince: Date | null;

  /** Version of the blocker derivation that wrote the columns above; older rows are recomputed at start. */
  @Column('integer', { name: 'blockers_version', default: 0 })
  blockersVersion: number;
}
