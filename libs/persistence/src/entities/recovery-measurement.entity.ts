import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';
import { RecoveryInstrumentItemText } from './recovery-instrument-item-text.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

/** The recovery instruments Koers knows (libs/recovery/src/instruments: their items, scales and rules). */
export const RECOVERY_INSTRUMENT_IDS = ['barc10', 'mhqol'] as const;
export type RecoveryInstrumentId = (typeof RECOVERY_INSTRUMENT_IDS)[number];

export const RECOVERY_CHANGE_ACTIONS = ['corrected', 'deleted'] as const;
export type RecoveryChangeAction = (typeof RECOVERY_CHANGE_ACTIONS)[number];

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * One administration of a recovery instrument (BARC-10, MHQoL) for a client (issue 7 item 2; data category
 * health). The item answers are stored, also when incomplete; `total_score` is null unless the instrument's
 * validity rule holds (every item answered). Reports read `client_id`, `team_id`, `instrument_id`, `measured_at`
 * and `total_score`: a deleted measurement is removed from this table (its last state and the reason stay in
 * `recovery_measurement_change`), so every row here counts.
 */
@Entity('recovery_measurement')
@Index('IDX_recovery_measurement_client', ['clientId', 'instrumentId', 'measuredAt'])
@Index('IDX_recovery_measurement_team', ['teamId', 'instrumentId', 'measuredAt'])
@Check('CHK_recovery_measurement_instrument', inList('instrument_id', RECOVERY_INSTRUMENT_IDS))
@Check('CHK_recovery_measurement_total', `"total_score" IS NULL OR "total_score" >= 0`)
export class RecoveryMeasurement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_recovery_measurement' })
  id: string;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_recovery_measurement_client' })
  client?: Client;

  /** The client's casusoverleg when measured (reports group by it). */
  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_recovery_measurement_team' })
  team?: Team;

  @Column('text', { name: 'instrument_id' })
  instrumentId: RecoveryInstrumentId;

  /** The version of the instrument's definition the answers were validated against. */
  @Column('integer', { name: 'instrument_version' })
  instrumentVersion: number;

  /** When it was administered; a date without a time is stored as 00:00 Amsterdam time (measuredOnDate). */
  @Column('timestamptz', { name: 'measured_at' })
  measuredAt: Date;

  @Column('boolean', { name: 'measured_on_date', default: false })
  measuredOnDate: boolean;

  /** Item id → answer (an integer on the instrument's scale); unanswered items are absent. */
  @Column('jsonb', { default: () => `'{}'` })
  answers: Record<string, number>;

  /** Extra scales (MHQoL: `vas`, 0–10), id → value. */
  @Column('jsonb', { name: 'extra_scores', default: () => `'{}'` })
  extraScores: Record<string, number>;

  /** The instrument's total, or null when the answers do not meet its validity rule. */
  @Column('integer', { name: 'total_score', nullable: true })
  totalScore: number | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_recovery_measurement_recorder' })
  recorder?: User;

  @Column('text', { name: 'recorded_party_kind' })
  recordedPartyKind: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  /** The last correction (its reason and the earlier values are in recovery_measurement_change). */
  @Column('timestamptz', { name: 'corrected_at', nullable: true })
  correctedAt: Date | null;

  @Column('uuid', { name: 'corrected_by', nullable: true })
  correctedBy: string | null;
}

/**
 * A correction or deletion of a measurement, with its reason and the measurement as it was before (answers,
 * scores, date: no free text but the reason). Kept when the measurement itself is deleted (no foreign key to it).
 */
@Entity('recovery_measurement_change')
@Index('IDX_recovery_measurement_change_client', ['clientId', 'changedAt'])
@Index('IDX_recovery_measurement_change_measurement', ['measurementId'])
@Check('CHK_recovery_measurement_change_action', inList('action', RECOVERY_CHANGE_ACTIONS))
export class RecoveryMeasurementChange {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_recovery_measurement_change' })
  id: string;

  @Column('uuid', { name: 'measurement_id' })
  measurementId: string;

  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_recovery_measurement_change_client' })
  client?: Client;

  @Column('text')
  action: RecoveryChangeAction;

  @Column('text')
  reason: string;

  /** The measurement before the change: instrumentId, measuredAt, answers, extraScores, totalScore. */
  @Column('jsonb')
  previous: Record<string, unknown>;

  @Column('uuid', { name: 'changed_by' })
  changedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'FK_recovery_measurement_change_changer' })
  changer?: User;

  @Column('text', { name: 'changed_party_kind' })
  changedPartyKind: string;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}

export const RECOVERY_ENTITIES = [RecoveryMeasurement, RecoveryMeasurementChange, RecoveryInstrumentItemText];
