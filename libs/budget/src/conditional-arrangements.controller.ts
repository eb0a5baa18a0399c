import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import type { ArrangementView } from './conditional-arrangements.repository';
import { ConditionalArrangementsService } from './conditional-arrangements.service';
import {
  CancelArrangementDto,
  CreateArrangementDto,
  ReviewArrangementDto,
  UpdateArrangementDto,
} from './dto/conditional-arrangement.dto';

const CHANGE =
  '400: invalid input; 403: not the chair or addiction care of the casusoverleg, or no need-to-know; 404: not ' +
  'within reach; 409: expectedVersion is stale (reload); 422: the arrangement is no longer open. Nothing changes ' +
  'on a refusal.';

@ApiTags('budget')
@ApiBearerAuth()
@Controller()
export class ConditionalArrangementsController {
  constructor(private readonly arrangements: ConditionalArrangementsService) {}

  @Post('clients/:clientId/conditional-arrangements')
  @ClientData({ event: 'write', categories: ['budget'] })
  @ApiOperation({
    summary: 'Make a conditional arrangement (chair or addiction care): conditions and a review date',
    description:
      'E.g. a gym subscription paid for two months, extended only if the client goes 2–3 times a week. Starts a ' +
      'condition_review deadline on the review date; spendIds link spends of the same client. ' +
      CHANGE,
  })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @Body() body: CreateArrangementDto,
  ): Promise<ArrangementView> {
    return this.arrangements.create(actor, clientId, body);
  }

  @Get('clients/:clientId/conditional-arrangements')
  @ClientData({ event: 'read', categories: ['budget'] })
  @ApiOperation({ summary: "A client's conditional arrangements, open ones first" })
  list(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string): Promise<ArrangementView[]> {
    return this.arrangements.listForClient(actor, clientId);
  }

  @Patch('conditional-arrangements/:id')
  @ClientData({ event: 'write', categories: ['budget'] })
  @ApiOperation({
    summary: 'Change an open arrangement: conditions, review date (its deadline moves), spends',
    description: CHANGE,
  })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateArrangementDto,
  ): Promise<ArrangementView> {
    return this.arrangements.update(actor, id, body);
  }

  @Post('conditional-arrangements/:id/review')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Review an arrangement: outcome extend, stop or adjust with a note; its condition_review deadline ends',
    description:
      'With nextReviewDate (extend or adjust) a follow-up arrangement starts (followUpId), with the same or the ' +
      'adjusted conditions. ' +
      CHANGE,
  })
  review(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReviewArrangementDto,
  ): Promise<ArrangementView> {
    return this.arrangements.review(actor, id, body);
  }

  @Post('conditional-arrangements/:id/cancel')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Let an open arrangement lapse, with a reason; its deadline ends',
    description: CHANGE,
  })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CancelArrangementDto,
  ): Promise<ArrangementView> {
    return this.arrangements.cancel(actor, id, body);
  }
}
