import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { AUDIT_EVENTS, AUDIT_RESULTS } from '@koers/persistence';
import { IsIsoDateOrDateTime } from '@koers/validation';

export const AUDIT_PAGE_MAX = 500;

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Rows that name this client' })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'Rows of this user' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'From this instant, or from the start of this day (Amsterdam time)',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Before this instant, or up to and including this day (Amsterdam time)',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: AUDIT_EVENTS })
  @IsOptional()
  @IsIn(AUDIT_EVENTS, { message: `event must be one of: ${AUDIT_EVENTS.join(', ')}` })
  event?: (typeof AUDIT_EVENTS)[number];

  @ApiPropertyOptional({ enum: AUDIT_RESULTS })
  @IsOptional()
  @IsIn(AUDIT_RESULTS, { message: `result must be one of: ${AUDIT_RESULTS.join(', ')}` })
  result?: (typeof AUDIT_RESULTS)[number];

  @ApiPropertyOptional({ description: 'The `nextBefore` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'before must be a row id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;
}
