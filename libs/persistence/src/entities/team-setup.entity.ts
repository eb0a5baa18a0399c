import { Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Team } from './team.entity';
import { User } from './user.entity';

/** The covenant under which the casusoverleg shares information without consent (domain.md §8). */
export const COVENANT_KINDS = ['care_covenant', 'safety_covenant', 'both'] as const;
export type CovenantKind = (typeof COVENANT_KINDS)[number];

/** How often the casusoverleg meets (domain.md §5: every two weeks, at most three). */
export const MEETING_INTERVALS_WEEKS = [2, 3] as const;

/** A casusoverleg's own inclusion criteria: all of `required` and at least one of `atLeastOneOf`. */
export interface TeamInclusionCriteria {
  required: string[];
  atLeastOneOf: string[];
}

/**
 * The set-up of a casusoverleg along the handreiking's checklist (Bijlage 1), one row per team, written
 * by the chair. No row, or a null column, means "not yet agreed" (or the default where there is one).
 * Participants and their deputies live in team_member and deputy; the budget per year in team_budget;
 * the deadline settings in team.deadline_settings.
 */
@Entity('team_setup')
@Check('CHK_team_setup_covenant_kind', `"covenant_kind" IN ('care_covenant', 'safety_covenant', 'both')`)
@Check(
  'CHK_team_setup_covenant_complete',
  `("covenant_kind" IS NULL) = ("covenant_name" IS NULL) AND ("covenant_kind" IS NULL) = ("covenant_signed_on" IS NULL)`,
)
@Check('CHK_team_setup_meeting_interval', `"meeting_interval_weeks" IN (2, 3)`)
export class TeamSetup {
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @OneToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column('text', { name: 'covenant_kind', nullable: true })
  covenantKind: CovenantKind | null;

  @Column('text', { name: 'covenant_name', nullable: true })
  covenantName: string | null;

  @Column('date', { name: 'covenant_signed_on', nullable: true })
  covenantSignedOn: string | null;

  @Column('integer', { name: 'meeting_interval_weeks', default: 2 })
  meetingIntervalWeeks: number;

  /** Null: the handreiking's criteria (domain.md §2, INCLUSION_DECIDED). */
  @Column('jsonb', { name: 'inclusion_criteria', nullable: true })
  inclusionCriteria: TeamInclusionCriteria | null;

  /** What this casusoverleg counts as a successful trajectory. */
  @Column('text', { name: 'success_definition', nullable: true })
  successDefinition: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;
}
