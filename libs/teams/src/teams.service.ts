import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@koers/access';
import { amsterdamDate, Clock } from '@koers/clock';
import type { DeadlineSettings } from '@koers/deadlines';
import {
  DomainErrorDetail,
  ForbiddenException,
  NotFoundException,
  ValidationFailedException,
} from '@koers/errors';
import { CORE_PARTIES } from '@koers/machines/trajectory';
import { inPgTransaction, type CovenantKind, type TeamInclusionCriteria } from '@koers/persistence';
import {
  applyDeadlineSettingsPatch,
  deadlineSettingsProblems,
  deadlineSettingsView,
  type DeadlineSettingsPatch,
  type DeadlineSettingView,
} from './deadline-settings.rules';
import { UpdateTeamSetupDto } from './dto/update-team-setup.dto';
import {
  buildChecklist,
  COVENANT_KIND_LABELS,
  DEFAULT_MEETING_INTERVAL_WEEKS,
  inclusionCriteriaProblems,
  inclusionCriteriaView,
  type ChecklistItem,
  type InclusionCriteriaView,
} from './team-setup.rules';

export interface ParticipantView {
  userId: string;
  displayName: string;
  partyName: string;
  role: string;
  /** Deputies on record whose period has not ended (current and coming). */
  deputies: { userId: string; displayName: string; startsAt: string; endsAt: string }[];
}

export interface TeamSetupView {
  id: string;
  name: string;
  municipality: { name: string; code: string };
  /** Participants per party kind; the three core parties are always present. */
  participants: Record<string, ParticipantView[]>;
  covenant: { kind: CovenantKind; kindLabel: string; name: string; signedOn: string } | null;
  /** The budget of the current calendar year, if on record. */
  budget: { year: number; amountCents: number } | null;
  /** Every year on record, newest first. */
  budgets: { year: number; amountCents: number }[];
  meetingIntervalWeeks: number;
  inclusionCriteria: InclusionCriteriaView;
  successDefinition: string | null;
  deadlineSettings: { overrides: DeadlineSettings; effective: DeadlineSettingView[] };
  checklist: ChecklistItem[];
  /** Every checklist item done. */
  complete: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface TeamListItem {
  id: string;
  name: string;
  complete: boolean;
  openItems: number;
}

interface TeamRow {
  id: string;
  name: string;
  municipalityName: string;
  municipalityCode: string;
  deadlineSettings: DeadlineSettings;
  covenantKind: CovenantKind | null;
  covenantName: string | null;
  covenantSignedOn: string | null;
  meetingIntervalWeeks: number | null;
  inclusionCriteria: TeamInclusionCriteria | null;
  successDefinition: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

interface ParticipantRow {
  userId: string;
  displayName: string;
  role: string;
  partyKind: string;
  partyName: string;
  deputies: { userId: string; displayName: string; startsAt: string; endsAt: string }[];
}

/** Columns of team_setup a PATCH may set, by DTO field (a fixed list: never built from input). */
type SetupColumns = Partial<
  Record<
    | 'covenant_kind'
    | 'covenant_name'
    | 'covenant_signed_on'
    | 'meeting_interval_weeks'
    | 'inclusion_criteria'
    | 'success_definition',
    unknown
  >
>;

/**
 * The set-up of a casusoverleg along the handreiking's checklist (Bijlage 1). Participants of the team
 * read it (anyone else gets 404); only its chair changes it (403 for other participants).
 */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<TeamListItem[]> {
    const views = await Promise.all(actor.memberTeamIds.map((teamId) => this.get(actor, teamId)));
    return views
      .map((v) => ({
        id: v.id,
        name: v.name,
        complete: v.complete,
        openItems: v.checklist.filter((i) => !i.done).length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async get(actor: Actor, id: string): Promise<TeamSetupView> {
    const teamId = this.assertMember(actor, id);
    const now = this.clock.now();
    const [team]: TeamRow[] = await this.dataSource.query(
      `SELECT t.id, t.name, m.name AS "municipalityName", m.code AS "municipalityCode",
              t.deadline_settings AS "deadlineSettings", s.covenant_kind AS "covenantKind",
              s.covenant_name AS "covenantName", to_char(s.covenant_signed_on, 'YYYY-MM-DD') AS "covenantSignedOn",
              s.meeting_interval_weeks AS "meetingIntervalWeeks", s.inclusion_criteria AS "inclusionCriteria",
              s.success_definition AS "successDefinition", s.updated_at AS "updatedAt",
              (SELECT display_name FROM app_user WHERE id = s.updated_by) AS "updatedBy"
         FROM team t
         JOIN municipality m ON m.id = t.municipality_id
         LEFT JOIN team_setup s ON s.team_id = t.id
        WHERE t.id = $1`,
      [teamId],
    );
    if (!team) throw new NotFoundException('Team');
    const participants: ParticipantRow[] = await this.dataSource.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.role, p.kind AS "partyKind", p.name AS "partyName",
              COALESCE((SELECT json_agg(json_build_object('userId', du.id, 'displayName', du.display_name,
                                                          'startsAt', d.starts_at, 'endsAt', d.ends_at)
                                        ORDER BY d.starts_at, d.id)
                          FROM deputy d JOIN app_user du ON du.id = d.deputy_user_id AND du.disabled_at IS NULL
                         WHERE d.user_id = u.id AND d.ends_at > $2), '[]'::json) AS deputies
         FROM team_member tm
         JOIN app_user u ON u.id = tm.user_id AND u.disabled_at IS NULL
         JOIN party p ON p.id = u.party_id
        WHERE tm.team_id = $1
        ORDER BY u.role = 'chair' DESC, u.display_name, u.id`,
      [teamId, now],
    );
    const budgets: { year: number; amountCents: string }[] = await this.dataSource.query(
      `SELECT year, amount_cents AS "amountCents" FROM team_budget WHERE team_id = $1 ORDER BY year DESC`,
      [teamId],
    );
    return this.view(team, participants, budgets, now);
  }

  async update(actor: Actor, id: string, body: UpdateTeamSetupDto): Promise<TeamSetupView> {
    const teamId = this.assertMember(actor, id);
    if (actor.role !== 'chair')
      throw new ForbiddenException('Only the chair changes the set-up of the casusoverleg');
    const now = this.clock.now();
    const problems = this.problems(body, now);
    if (problems.length > 0) throw new ValidationFailedException(problems);

    const columns: SetupColumns = {};
    if (body.covenant !== undefined) {
      columns.covenant_kind = body.covenant?.kind ?? null;
      columns.covenant_name = body.covenant?.name ?? null;
      columns.covenant_signed_on = body.covenant?.signedOn ?? null;
    }
    if (body.meetingIntervalWeeks !== undefined) columns.meeting_interval_weeks = body.meetingIntervalWeeks;
    if (body.inclusionCriteria !== undefined) {
      // Stored in the canonical order of the criteria; null restores the handreiking's.
      const criteria = body.inclusionCriteria && inclusionCriteriaView(body.inclusionCriteria);
      columns.inclusion_criteria = criteria
        ? { required: criteria.required, atLeastOneOf: criteria.atLeastOneOf }
        : null;
    }
    if (body.successDefinition !== undefined) columns.success_definition = body.successDefinition;

    await inPgTransaction(this.dataSource, async (query) => {
      const names = Object.keys(columns);
      const values = Object.values(columns).map((v) =>
        v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
      );
      // One row per team, created by the first change; the columns not sent keep their value (or default).
      await query(
        `INSERT INTO team_setup (team_id, updated_at, updated_by${names.map((n) => `, ${n}`).join('')})
         VALUES ($1, $2, $3${names.map((_n, i) => `, $${i + 4}`).join('')})
         ON CONFLICT (team_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
           ${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}`,
        [teamId, now, actor.userId, ...values],
      );
      if (body.budget) {
        await query(
          `INSERT INTO team_budget (team_id, year, amount_cents, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (team_id, year) DO UPDATE
             SET amount_cents = EXCLUDED.amount_cents, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [teamId, body.budget.year, body.budget.amountCents, now, actor.userId],
        );
      }
      if (body.deadlineSettings !== undefined) {
        const { set, remove } = applyDeadlineSettingsPatch(
          {},
          body.deadlineSettings as DeadlineSettingsPatch,
        );
        // Merged in the statement itself, so two chairs changing different kinds do not undo each other.
        await query(
          `UPDATE team SET deadline_settings = (deadline_settings || $2::jsonb) - $3::text[] WHERE id = $1`,
          [teamId, JSON.stringify(set), remove],
        );
      }
    });
    return this.get(actor, teamId);
  }

  /** The team id (lower case) if the actor takes part in it; otherwise 404, as if it did not exist. */
  private assertMember(actor: Actor, id: string): string {
    const teamId = id.toLowerCase();
    if (!actor.memberTeamIds.includes(teamId)) throw new NotFoundException('Team');
    return teamId;
  }

  private problems(body: UpdateTeamSetupDto, now: Date): DomainErrorDetail[] {
    const problems: DomainErrorDetail[] = [];
    if (Object.values(body).every((value) => value === undefined)) {
      problems.push({
        code: 'invalid_body',
        message: `Nothing to change: send at least one of covenant, budget, meetingIntervalWeeks, inclusionCriteria, successDefinition, deadlineSettings`,
      });
    }
    if (body.covenant && body.covenant.signedOn > amsterdamDate(now)) {
      problems.push({
        code: 'invalid_field',
        field: 'covenant.signedOn',
        message: 'covenant.signedOn lies in the future: record the covenant once it is signed',
      });
    }
    if (body.inclusionCriteria) problems.push(...inclusionCriteriaProblems(body.inclusionCriteria));
    if (body.deadlineSettings !== undefined)
      problems.push(...deadlineSettingsProblems(body.deadlineSettings));
    return problems;
  }

  private view(
    team: TeamRow,
    rows: ParticipantRow[],
    budgetRows: { year: number; amountCents: string }[],
    now: Date,
  ): TeamSetupView {
    const participants: Record<string, ParticipantView[]> = Object.fromEntries(
      CORE_PARTIES.map((kind) => [kind, [] as ParticipantView[]]),
    );
    for (const row of rows) {
      (participants[row.partyKind] ??= []).push({
        userId: row.userId,
        displayName: row.displayName,
        partyName: row.partyName,
        role: row.role,
        deputies: row.deputies.map((d) => ({
          ...d,
          startsAt: new Date(d.startsAt).toISOString(),
          endsAt: new Date(d.endsAt).toISOString(),
        })),
      });
    }
    const year = Number(amsterdamDate(now).slice(0, 4));
    const budgets = budgetRows.map((b) => ({ year: b.year, amountCents: Number(b.amountCents) }));
    const meetingIntervalWeeks = team.meetingIntervalWeeks ?? DEFAULT_MEETING_INTERVAL_WEEKS;
    const settings = team.deadlineSettings ?? {};
    const checklist = buildChecklist({
      participants: rows.map((r) => ({
        displayName: r.displayName,
        partyKind: r.partyKind,
        role: r.role,
        hasDeputy: r.deputies.length > 0,
      })),
      covenant: team.covenantKind !== null,
      year,
      budgetForYear: budgets.some((b) => b.year === year),
      meetingIntervalWeeks,
      successDefinition: team.successDefinition !== null,
    });
    return {
      id: team.id,
      name: team.name,
      municipality: { name: team.municipalityName, code: team.municipalityCode },
      participants,
      covenant:
        team.covenantKind && team.covenantName && team.covenantSignedOn
          ? {
              kind: team.covenantKind,
              kindLabel: COVENANT_KIND_LABELS[team.covenantKind],
              name: team.covenantName,
              signedOn: team.covenantSignedOn,
            }
          : null,
      budget: budgets.find((b) => b.year === year) ?? null,
      budgets,
      meetingIntervalWeeks,
      inclusionCriteria: inclusionCriteriaView(team.inclusionCriteria),
      successDefinition: team.successDefinition,
      deadlineSettings: { overrides: settings, effective: deadlineSettingsView(settings) },
      checklist,
      complete: checklist.every((item) => item.done),
      updatedAt: team.updatedAt ? team.updatedAt.toISOString() : null,
      updatedBy: team.updatedBy,
    };
  }
}
