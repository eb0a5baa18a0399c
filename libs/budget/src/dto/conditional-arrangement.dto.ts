import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsUUID } from 'class-validator';
import { IsIsoDate } from '@koers/validation';
import { ARRANGEMENT_OUTCOMES, ARRANGEMENT_STATUSES } from '../budget.labels';
import { ExpectedVersion, Optional, Text, oneOf } from './dto-helpers';

/** Spends of one arrangement: a handful at most (e.g. the first months, then an extension). */
export const ARRANGEMENT_SPENDS_MAX = 24;

const SpendIds = () =>
  applyDecorators(
    IsArray({ message: '$property must be an array of spend ids' }),
    ArrayMaxSize(ARRANGEMENT_SPENDS_MAX),
    ArrayUnique({ message: '$property must not name a spend twice' }),
    IsUUID('all', { each: true, message: 'each of $property must be a UUID' }),
  );

/** POST /clients/:clientId/conditional-arrangements */
export class CreateArrangementDto {
  @ApiProperty({ example: 'Sportschool 2 à 3 keer per week bezoeken; de sportschool houdt de bezoeken bij.' })
  @IsDefined()
  @Text()
  conditions: string;

  @ApiProperty({
    example: '2026-12-01',
    description: 'When the conditions are reviewed (the condition_review deadline)',
  })
  @IsDefined()
  @IsIsoDate()
  reviewDate: string;

  @ApiPropertyOptional({
    description: 'Spends of the same client that the arrangement covers (not rejected or cancelled)',
  })
  @Optional()
  @SpendIds()
  spendIds?: string[];
}

/** PATCH /conditional-arrangements/:id: an open arrangement's conditions, review date or spends. */
export class UpdateArrangementDto {
  @ApiProperty({ example: 1 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiPropertyOptional()
  @Optional()
  @Text()
  conditions?: string;

  @ApiPropertyOptional({ example: '2026-12-15', description: 'Moves the condition_review deadline' })
  @Optional()
  @IsIsoDate()
  reviewDate?: string;

  @ApiPropertyOptional({ description: 'The whole list: spends left out no longer belong to it' })
  @Optional()
  @SpendIds()
  spendIds?: string[];
}

/** POST /conditional-arrangements/:id/review */
export class ReviewArrangementDto {
  @ApiProperty({ example: 1 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiProperty({ enum: ARRANGEMENT_OUTCOMES, example: 'extend' })
  @IsDefined()
  @oneOf(ARRANGEMENT_OUTCOMES)
  outcome: string;

  @ApiProperty({ example: 'Cliënt ging 3 keer per week; abonnement twee maanden verlengen.' })
  @IsDefined()
  @Text()
  note: string;

  @ApiPropertyOptional({
    example: '2027-02-01',
    description: 'extend or adjust: the next review; a follow-up arrangement starts with it',
  })
  @Optional()
  @IsIsoDate()
  nextReviewDate?: string;

  @ApiPropertyOptional({
    description: 'adjust: the follow-up arrangement’s new conditions (default: the same)',
  })
  @Optional()
  @Text()
  conditions?: string;
}

/** POST /conditional-arrangements/:id/cancel */
export class CancelArrangementDto {
  @ApiProperty({ example: 1 })
  @ExpectedVersion()
  expectedVersion: number;

  @ApiProperty({ example: 'Cliënt is verhuisd; de afspraak vervalt.' })
  @IsDefined()
  @Text()
  reason: string;
}

/** GET /teams/:teamId/conditional-arrangements */
export class TeamArrangementsQueryDto {
  @ApiPropertyOptional({ enum: ARRANGEMENT_STATUSES, description: 'Default: every status' })
  @Optional()
  @oneOf(ARRANGEMENT_STATUSES)
  status?: string;
}
