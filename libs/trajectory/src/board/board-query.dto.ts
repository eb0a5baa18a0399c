import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BLOCKER_CODES, STAGES } from '@koers/machines/trajectory';

const OPEN_STAGES = STAGES.filter((stage) => stage !== 'closed');

export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'One casusoverleg; without it, all of yours (the region)' })
  @IsOptional()
  @IsUUID('all', { message: 'team must be a UUID' })
  team?: string;

  @ApiPropertyOptional({ enum: BLOCKER_CODES })
  @IsOptional()
  @IsIn(BLOCKER_CODES, { message: `blocker must be one of: ${BLOCKER_CODES.join(', ')}` })
  blocker?: string;

  @ApiPropertyOptional({ enum: OPEN_STAGES })
  @IsOptional()
  @IsIn(OPEN_STAGES, { message: `stage must be one of: ${OPEN_STAGES.join(', ')}` })
  stage?: string;
}
