import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { Actor, CurrentActor } from '@koers/access';
import { DeadlineFiringService } from '@koers/deadlines';
import { ForbiddenException, ValidationFailedException } from '@koers/errors';
import { isIsoDateOrDateTime } from '@koers/validation';
import { addIsoDuration } from './iso-duration';
import { SharedTestClock } from './shared-test-clock';

export class MoveClockDto {
  @IsOptional()
  @IsString()
  advanceBy?: string;

  @IsOptional()
  @IsString()
  setTo?: string;
}

/** Only with TEST_CLOCK=1: lets an end-to-end test move time, then fires whatever fell due. */
@ApiTags('test')
@ApiBearerAuth()
@Controller('test/clock')
export class TestClockController {
  constructor(
    private readonly clock: SharedTestClock,
    private readonly firing: DeadlineFiringService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'TEST_CLOCK=1 only, chair only: {advanceBy: "P22D"} or {setTo: "2027-01-31T09:00:00+01:00"}',
  })
  async move(
    @CurrentActor() actor: Actor,
    @Body() body: MoveClockDto,
  ): Promise<{ now: string; firedSteps: number }> {
    if (actor.role !== 'chair') throw new ForbiddenException('Only the chair may move the test clock');
    if ((body.advanceBy === undefined) === (body.setTo === undefined)) {
      throw new ValidationFailedException([
        {
          code: 'invalid_body',
          message: 'Give exactly one of advanceBy (ISO 8601 duration) or setTo (date-time)',
        },
      ]);
    }
    const target =
      body.advanceBy !== undefined
        ? addIsoDuration(this.clock.now(), body.advanceBy)
        : isIsoDateOrDateTime(body.setTo)
          ? new Date(body.setTo!)
          : null;
    if (!target || Number.isNaN(target.getTime())) {
      const field = body.advanceBy !== undefined ? 'advanceBy' : 'setTo';
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field,
          message: `${field} must be an ISO 8601 ${field === 'advanceBy' ? 'duration like P22D' : 'date-time with offset'}`,
        },
      ]);
    }
    await this.clock.setTo(target);
    const firedSteps = await this.firing.fireDue();
    return { now: this.clock.now().toISOString(), firedSteps };
  }
}
