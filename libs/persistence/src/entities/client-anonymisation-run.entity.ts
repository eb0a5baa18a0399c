import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of the anonymisation job (libs/client-rights): when it ran, the retention period and the cutoff it
 * used (trajectories closed before it were due), how many clients it anonymised and how many failed. Ids and
 * counts only.
 */
@Entity('client_anonymisation_run')
export class ClientAnonymisationRun {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'PK_client_anonymisation_run',
  })
  id: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @Column('integer', { name: 'retention_months' })
  retentionMonths: number;

  @Column('timestamptz')
  cutoff: Date;

  @Column('integer', { default: 0 })
  clients: number;

  @Column('integer', { default: 0 })
  failures: number;
}
