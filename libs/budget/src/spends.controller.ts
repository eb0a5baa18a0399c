import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { ApproveSpendDto, RecordRepaymentDto, RequestSpendDto, SpendReasonDto } from './dto/spend.dto';
import type { SpendView } from './spends.repository';
import { SpendsService } from './spends.service';

const CHANGE =
  '400: invalid input; 403: not yours to do, or your party may not see the budget; 404: no such spend within reach; ' +
  '409: expectedVersion is stale (reload); 422: the spend is not in a state that allows it. Nothing changes on a refusal.';

@ApiTags('budget')
@ApiBearerAuth()
@Controller()
export class SpendsController {
  constructor(private readonly spends: SpendsService) {}

  @Post('clients/:clientId/spends')
  @ClientData({ event: 'write', categories: ['budget'] })
  @ApiOperation({
    summary: 'Request a spend from the casusoverleg’s budget for a client (chair or addiction care)',
    description:
      'Category, amount in euro cents, gift, loan or conditional gift (with conditions). An urgent spend (urgent: ' +
      'true with neededBy) starts an urgent_payment deadline for the chair. 400: invalid input; 403: not the chair ' +
      'or addiction care of the casusoverleg, or no need-to-know; 404: no such client within reach; 422: the ' +
      'trajectory is closed, or the arrangement is not open.',
  })
  request(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @Body() body: RequestSpendDto,
  ): Promise<SpendView> {
    return this.spends.request(actor, clientId, body);
  }

  @Get('clients/:clientId/spends')
  @ClientData({ event: 'read', categories: ['budget'] })
  @ApiOperation({ summary: "A client's spends, newest first, with loans' repayments" })
  list(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string): Promise<SpendView[]> {
    return this.spends.listForClient(actor, clientId);
  }

  @Get('spends/:id')
  @ClientData({ event: 'read', categories: ['budget'] })
  @ApiOperation({ summary: 'One spend' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SpendView> {
    return this.spends.get(actor, id);
  }

  @Post('spends/:id/approve')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a requested spend (the chair): recorded with who and when; ends its urgent_payment deadline',
    description:
      'Beyond what remains of the year’s budget (or when none is set) only with overBudgetReason (422 ' +
      '`over_budget` otherwise). ' +
      CHANGE,
  })
  approve(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ApproveSpendDto,
  ): Promise<SpendView> {
    return this.spends.approve(actor, id, body);
  }

  @Post('spends/:id/reject')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a requested spend with a reason (the chair)', description: CHANGE })
  reject(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SpendReasonDto,
  ): Promise<SpendView> {
    return this.spends.reject(actor, id, body);
  }

  @Post('spends/:id/cancel')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a request not yet decided (the chair or the requester)',
    description: CHANGE,
  })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SpendReasonDto,
  ): Promise<SpendView> {
    return this.spends.cancel(actor, id, body);
  }

  @Post('spends/:id/repayments')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a repayment on an approved loan (chair or addiction care); the repayment status follows',
    description: CHANGE,
  })
  repay(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RecordRepaymentDto,
  ): Promise<SpendView> {
    return this.spends.recordRepayment(actor, id, body);
  }

  @Post('spends/:id/write-off')
  @ClientData({ event: 'write', categories: ['budget'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Write off what is still owed on a loan, with a reason (the chair)',
    description: CHANGE,
  })
  writeOff(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SpendReasonDto,
  ): Promise<SpendView> {
    return this.spends.writeOff(actor, id, body);
  }
}
