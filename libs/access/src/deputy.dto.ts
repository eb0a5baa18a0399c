import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDateOrDateTime } from '@koers/validation';

export class NameDeputyDto {
  @ApiProperty({ description: 'The participant who stands in' })
  @IsDefined()
  @IsUUID()
  deputyUserId: string;

  @ApiPropertyOptional({
    description: 'For whom (default: yourself); only the chair names deputies for others',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({
    example: '2026-12-21',
    description: 'A date (from 00:00 Amsterdam time) or a date-time with offset',
  })
  @IsDefined()
  @IsIsoDateOrDateTime()
  startsAt: string;

  @ApiProperty({
    example: '2027-01-04',
    description: 'A date (until 00:00 that day, Amsterdam time) or a date-time',
  })
  @IsDefined()
  @IsIsoDateOrDateTime()
  endsAt: string;
}
