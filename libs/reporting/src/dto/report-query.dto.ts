import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDate } from '@koers/validation';
import { AUDIENCES } from '../export/report-export';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ReportQueryDto {
  @ApiPropertyOptional({
    example: '2031-01-01',
    description: 'First day of the period (Amsterdam); default the first of January of `to`',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2031-12-31',
    description: 'Last day of the period, inclusive; default today',
  })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2031-06-30',
    description: 'The day whose caseload per stage is counted (at its end); default `to`',
  })
  @IsOptional()
  @IsIsoDate()
  at?: string;

  @ApiPropertyOptional({
    description: 'One casusoverleg; without team and municipality: all of yours (the region)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'team must be a UUID' })
  team?: string;

  @ApiPropertyOptional({ description: 'The casusoverleg teams of one municipality (of yours)' })
  @IsOptional()
  @IsUUID('all', { message: 'municipality must be a UUID' })
  municipality?: string;
}

export class ReportExportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of: ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;

  @ApiPropertyOptional({
    enum: AUDIENCES,
    default: 'council',
    description:
      'council: counts of 1 to 4 suppressed ("<5", and "x" where they could be derived); team: exact',
  })
  @IsOptional()
  @IsIn(AUDIENCES, { message: `audience must be one of: ${AUDIENCES.join(', ')}` })
  audience?: (typeof AUDIENCES)[number];
}

export class DrilldownQueryDto extends ReportQueryDto {
  @ApiProperty({
    example: 'inflow.police.included',
    description:
      'The figure: inflow.<source|all>[.signals|.included|.not_included|.undecided], outflow.<reason|all>[.yes|.no|.unknown|.all], ' +
      'caseload.<stage|all>, stage_duration.<stage>, signal_to_admission, relapses.<relapsed|treatment_aborted|all>, ' +
      'deadlines.<kind|all>[.on_time|.late|.overdue_open|.all], spending.<category|all>, recovery.<barc10|mhqol>',
  })
  @IsDefined()
  @IsString()
  @MaxLength(80)
  figure: string;
}
