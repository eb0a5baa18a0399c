import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { DeadlinesModule } from '@koers/deadlines';
import { ConditionalArrangementsController } from './conditional-arrangements.controller';
import { ConditionalArrangementsService } from './conditional-arrangements.service';
import { SpendsController } from './spends.controller';
import { SpendsService } from './spends.service';
import { TeamBudgetController } from './team-budget.controller';
import { TeamBudgetService } from './team-budget.service';

/** The casusoverleg's budget (issue 7 items 3 and 4): yearly budget, spends per client, conditional arrangements. */
@Module({
  imports: [ClientAccessModule, DeadlinesModule],
  controllers: [TeamBudgetController, SpendsController, ConditionalArrangementsController],
  providers: [TeamBudgetService, SpendsService, ConditionalArrangementsService],
  exports: [TeamBudgetService, SpendsService, ConditionalArrangementsService],
})
export class BudgetModule {}
