import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsIsoDate } from '@koers/validation';
import { SPEND_CATEGORIES, SPEND_KINDS, SPEND_STATUSES } from '../budget.labels';
import { SPEND_MAX_CENTS } from '../budget.rules';
import { ExpectedVersion, Optional, Text, oneOf } from './dto-helpers';

/** POST /clients/:clientId/spends: a request for money from the casusoverleg's budget. */
export class RequestSpendDto {
  @ApiProperty({ enum: SPEND_CATEGORIES, example: 'clinic_deposit' })
  @IsDefined()
  @oneOf(SPEND_CATEGORIES)
  category: string;

  @ApiProperty({ example: 45000, description: 'In euro cents (EUR 450.00); more than 0' })
  @IsDefined()
  @IsInt({ message: 'amountCents must be a whole number of euro cents' })
  @Min(1)
  @Max(SPEND_MAX_CENTS)
  amountCents: number;

  @ApiProperty({ enum: SPEND_KINDS, example: 'gift' })
  @IsDefined()
  @oneOf(SPEND_KINDS)
  kind: string;

  @ApiProperty({ example: 'Borg voor de opname in de privékliniek, te betalen voor de intake.' })
  @IsDefined()
  @Text()
  description: string;

  @ApiPropertyOptional({
    example: 'Sportschool 2 à 3 keer per week bezoeken; aanwezigheid wordt gecontroleerd.',
    description: 'What the client agrees to; required for a conditional_gift',
  })
  @Optional()
  @Text()
  conditions?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Urgent: needs neededBy; starts an urgent_payment deadline',
  })
  @Optional()
  @IsBoolean({ message: 'urgent must be true or false' })
  urgent?: boolean;

  @ApiPropertyOptional({
    example: '2026-12-04',
    description: 'For an urgent spend: the date the money is needed',
  })
  @Optional()
  @IsIsoDate()
  neededBy?: string;

  @ApiPropertyOptional({
    description: 'A conditional arrangement of the same client that this spend belongs to',
  })
  @Optional()
  @IsUUID('all', { message: 'arrangementId must be a UUID' })
  arrangementId?: string;
}

/** POST /spends/:id/approve (the chair). */
export class ApproveSpendDto {
  @ApiProperty({ example: 1 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiPropertyOptional({ example: 'Akkoord; betalen via de afdeling financiën.' })
  @Optional()
  @Text()
  note?: string;

  @ApiPropertyOptional({
    example: 'Opname kan niet wachten; het tekort wordt gedekt uit de reserve van het programma.',
    description: 'Required when the amount is more than what remains of the year’s budget (or none is set)',
  })
  @Optional()
  @Text()
  overBudgetReason?: string;
}

/** POST /spends/:id/reject (the chair), /cancel (the requester or the chair), /write-off (the chair, a loan). */
export class SpendReasonDto {
  @ApiProperty({ example: 1 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiProperty({ example: 'Valt onder de bijzondere bijstand; eerst daar aanvragen.' })
  @IsDefined()
  @Text()
  reason: string;
}

/** POST /spends/:id/repayments: a repayment on an approved loan. */
export class RecordRepaymentDto {
  @ApiProperty({ example: 2 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiProperty({ example: 2500, description: 'In euro cents; at most what is still owed' })
  @IsDefined()
  @IsInt({ message: 'amountCents must be a whole number of euro cents' })
  @Min(1)
  @Max(SPEND_MAX_CENTS)
  amountCents: number;

  @ApiProperty({ example: '2026-12-01', description: 'The day the client paid (not in the future)' })
  @IsDefined()
  @IsIsoDate()
  paidOn: string;
}

/** GET /teams/:teamId/spends */
export class TeamSpendsQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'The budget year (default: this year)' })
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: SPEND_STATUSES })
  @Optional()
  @oneOf(SPEND_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: SPEND_CATEGORIES })
  @Optional()
  @oneOf(SPEND_CATEGORIES)
  category?: string;
}
