import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Team } from './team.entity';
import { User } from './user.entity';

/** The casusoverleg's own budget for one calendar year (domain.md §6), in euro cents. */
@Entity('team_budget')
@Check('CHK_team_budget_amount', `"amount_cents" >= 0`)
@Check('CHK_team_budget_year', `"year" BETWEEN 2000 AND 2100`)
export class TeamBudget {
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @PrimaryColumn('integer')
  year: number;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  /** bigint: pg returns it as a string; read it with Number() (amounts stay far below 2^53). */
  @Column('bigint', { name: 'amount_cents' })
  amountCents: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;
}
