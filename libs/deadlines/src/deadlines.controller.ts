import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData } from '@koers/audit';
import { ValidationFailedException } from '@koers/errors';
import { UuidParam } from '@koers/validation';
import { DeadlinesService, DeadlineView } from './deadlines.service';

const STATUSES = ['pending', 'overdue', 'done'] as const;

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get('clients/:id/deadlines')
  @ClientData({ event: 'read', categories: ['identity', 'trajectory', 'housing', 'finances', 'budget'] })
  @ApiOperation({ summary: "A client's deadlines: kind, due, state, and the steps of its ladder" })
  forClient(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DeadlineView[]> {
    return this.deadlines.forClient(actor, id);
  }

  @Get('deadlines')
  @ClientData({ event: 'search', categories: ['identity', 'trajectory', 'housing', 'finances', 'budget'] })
  @ApiOperation({ summary: "Deadlines of the user's casusoverleg teams by status" })
  @ApiQuery({ name: 'status', enum: STATUSES, required: false })
  forTeams(@CurrentActor() actor: Actor, @Query('status') status = 'pending'): Promise<DeadlineView[]> {
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'status', message: `status must be one of: ${STATUSES.join(', ')}` },
      ]);
    }
    return this.deadlines.forTeams(actor, status as (typeof STATUSES)[number]);
  }
}
