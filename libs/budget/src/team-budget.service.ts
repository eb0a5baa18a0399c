import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@koers/access';
import { amsterdamDate, Clock } from '@koers/clock';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import { assertChair, assertTeamBudgetReader, lockBudgetYear, seesClientBudget } from './budget-access';
import { SPEND_CATEGORY_LABELS, type SpendCategory } from './budget.labels';
import {
  type Amounts,
  type BudgetSummary,
  type OverviewSpend,
  summarise,
  withholdClients,
} from './budget.rules';
import { type TeamArrangementView, teamArrangements } from './conditional-arrangements.repository';
import { SetYearBudgetDto } from './dto/budget.dto';
import { TeamArrangementsQueryDto } from './dto/conditional-arrangement.dto';
import { TeamSpendsQueryDto } from './dto/spend.dto';
import { type TeamSpendView, teamSpends } from './spends.repository';

export interface YearBudgetView {
  teamId: string;
  year: number;
  amountCents: number;
  updatedAt: string;
  updatedBy: { userId: string; displayName: string };
}

/** Budget against spent for one casusoverleg and year (domain.md §6, §7 "spending by category"). */
export interface BudgetOverview extends Omit<BudgetSummary, 'byCategory' | 'byClient'> {
  teamId: string;
  year: number;
  /** When and by whom the yearly budget was last set (null: no budget on record for the year). */
  budgetUpdatedAt: string | null;
  budgetUpdatedBy: { userId: string; displayName: string } | null;
  byCategory: (Amounts & { category: SpendCategory; categoryLabel: string })[];
  /** Clients whose budget the reader may see (need-to-know with each client's legal basis), most spent first. */
  byClient: (Amounts & { clientId: string; displayName: string })[];
  /** The other clients' spends, added up without naming them (they count in the totals); null when none. */
  withheld: (Amounts & { clients: number }) | null;
}

/** The casusoverleg's yearly budget and its overview: its participants with the budget category; the chair sets it. */
@Injectable()
export class TeamBudgetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Sets the year's budget (the same row as PATCH /teams/:id {budget}). Lowering it below what was spent is allowed. */
  async setYearBudget(
    actor: Actor,
    teamId: string,
    year: number,
    dto: SetYearBudgetDto,
  ): Promise<YearBudgetView> {
    const team = assertTeamBudgetReader(actor, teamId);
    assertChair(actor, team, 'set the yearly budget');
    const now = this.clock.now();
    await inPgTransaction(this.dataSource, async (query) => {
      await lockBudgetYear(query, team, year);
      await query(
        `INSERT INTO team_budget (team_id, year, amount_cents, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (team_id, year) DO UPDATE
           SET amount_cents = EXCLUDED.amount_cents, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [team, year, dto.amountCents, now, actor.userId],
      );
    });
    return {
      teamId: team,
      year,
      amountCents: dto.amountCents,
      updatedAt: now.toISOString(),
      updatedBy: { userId: actor.userId, displayName: actor.displayName },
    };
  }

  async overview(actor: Actor, teamId: string, year: number): Promise<BudgetOverview> {
    const team = assertTeamBudgetReader(actor, teamId);
    // One snapshot: the budget and the spends it is weighed against.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const query: SqlQuery = (text, values) => manager.query(text, values);
      const [budget] = await query<{
        amount_cents: string;
        updated_at: Date;
        updated_by: string;
        name: string;
      }>(
        `SELECT b.amount_cents, b.updated_at, b.updated_by, u.display_name AS name
           FROM team_budget b JOIN app_user u ON u.id = b.updated_by WHERE b.team_id = $1 AND b.year = $2`,
        [team, year],
      );
      const spends = await query<
        OverviewSpend & { amountCents: string; repaidCents: string; displayName: string; legalBasis: string }
      >(
        `SELECT s.client_id AS "clientId", c.display_name AS "displayName", tr.legal_basis AS "legalBasis",
                s.category, s.kind, s.status,
                s.amount_cents AS "amountCents", s.repayment_status AS "repaymentStatus",
                COALESCE((SELECT sum(r.amount_cents) FROM loan_repayment r WHERE r.spend_id = s.id), 0) AS "repaidCents"
           FROM spend s JOIN client c ON c.id = s.client_id LEFT JOIN trajectory tr ON tr.client_id = s.client_id
          WHERE s.team_id = $1 AND s.budget_year = $2 AND s.status IN ('requested', 'approved')`,
        [team, year],
      );
      const names = new Map(spends.map((s) => [s.clientId, s.displayName]));
      const bases = new Map(spends.map((s) => [s.clientId, s.legalBasis]));
      const summary = summarise(
        budget ? Number(budget.amount_cents) : null,
        spends.map((s) => ({ ...s, amountCents: Number(s.amountCents), repaidCents: Number(s.repaidCents) })),
      );
      const { shown, withheld } = withholdClients(summary.byClient, (clientId) =>
        seesClientBudget(actor, team, clientId, bases.get(clientId) ?? ''),
      );
      return {
        teamId: team,
        year,
        ...summary,
        budgetUpdatedAt: budget ? budget.updated_at.toISOString() : null,
        budgetUpdatedBy: budget ? { userId: budget.updated_by, displayName: budget.name } : null,
        byCategory: summary.byCategory.map((c) => ({
          ...c,
          categoryLabel: SPEND_CATEGORY_LABELS[c.category],
        })),
        byClient: shown.map((c) => ({ ...c, displayName: names.get(c.clientId) ?? '' })),
        withheld,
      };
    });
  }

  async spends(actor: Actor, teamId: string, filter: TeamSpendsQueryDto): Promise<TeamSpendView[]> {
    const team = assertTeamBudgetReader(actor, teamId);
    return teamSpends(
      (text, values) => this.dataSource.query(text, values),
      team,
      {
        year: filter.year ?? this.thisYear(),
        status: filter.status,
        category: filter.category,
      },
      (clientId, basis) => seesClientBudget(actor, team, clientId, basis),
    );
  }

  async arrangements(
    actor: Actor,
    teamId: string,
    filter: TeamArrangementsQueryDto,
  ): Promise<TeamArrangementView[]> {
    const team = assertTeamBudgetReader(actor, teamId);
    return teamArrangements(
      (text, values) => this.dataSource.query(text, values),
      team,
      filter.status,
      (clientId, basis) => seesClientBudget(actor, team, clientId, basis),
    );
  }

  private thisYear(): number {
    return Number(amsterdamDate(this.clock.now()).slice(0, 4));
  }
}
