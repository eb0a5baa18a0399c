import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData, NoClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import type { TeamArrangementView } from './conditional-arrangements.repository';
import { SetYearBudgetDto } from './dto/budget.dto';
import { TeamArrangementsQueryDto } from './dto/conditional-arrangement.dto';
import { TeamSpendsQueryDto } from './dto/spend.dto';
import type { TeamSpendView } from './spends.repository';
import { type BudgetOverview, TeamBudgetService, type YearBudgetView } from './team-budget.service';
import { YearParam } from './year.param';

const TEAM =
  '403: your party may not see the budget (need-to-know: the police and chain partners do not); 404: you take no ' +
  'part in this casusoverleg.';

@ApiTags('budget')
@ApiBearerAuth()
@Controller('teams/:teamId')
export class TeamBudgetController {
  constructor(private readonly budget: TeamBudgetService) {}

  @Put('budget/:year')
  @NoClientData("the casusoverleg's yearly budget: an amount, about no client")
  @ApiOperation({
    summary: 'Set the yearly budget of the casusoverleg (the chair)',
    description: `400: invalid input; 403: not the chair. ${TEAM}`,
  })
  setYearBudget(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId') teamId: string,
    @YearParam() year: number,
    @Body() body: SetYearBudgetDto,
  ): Promise<YearBudgetView> {
    return this.budget.setYearBudget(actor, teamId, year, body);
  }

  @Get('budget/:year')
  // Names the clients the money went to (per client), with their amounts.
  @ClientData({ event: 'read', categories: ['identity', 'budget'] })
  @ApiOperation({
    summary: 'Budget against spent for a year: in total, per category and per client',
    description:
      'budgetCents (null: none set), approvedCents, repaidCents (loans paid back flow back into the budget), ' +
      'spentCents (approved minus repaid), pendingCents (requested, undecided), remainingCents, ' +
      `remainingAfterPendingCents, openLoanCents; the same per category (all of them) and per client. ${TEAM}`,
  })
  overview(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId') teamId: string,
    @YearParam() year: number,
  ): Promise<BudgetOverview> {
    return this.budget.overview(actor, teamId, year);
  }

  @Get('spends')
  @ClientData({ event: 'search', categories: ['identity', 'budget'] })
  @ApiOperation({
    summary: "The casusoverleg's spends of a year (default this year), newest first",
    description: TEAM,
  })
  spends(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId') teamId: string,
    @Query() query: TeamSpendsQueryDto,
  ): Promise<TeamSpendView[]> {
    return this.budget.spends(actor, teamId, query);
  }

  @Get('conditional-arrangements')
  @ClientData({ event: 'search', categories: ['identity', 'budget'] })
  @ApiOperation({
    summary: "The casusoverleg's conditional arrangements: open ones first, soonest review first",
    description: TEAM,
  })
  arrangements(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId') teamId: string,
    @Query() query: TeamArrangementsQueryDto,
  ): Promise<TeamArrangementView[]> {
    return this.budget.arrangements(actor, teamId, query);
  }
}
