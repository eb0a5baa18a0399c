import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CHAIN_PARTNERS } from '@koers/machines/trajectory';
import { IsIsoDateOrDateTime, IsSubstantive } from '@koers/validation';
import { DATA_CATEGORIES } from './need-to-know';

export class InviteDto {
  @ApiProperty({ enum: CHAIN_PARTNERS, example: 'housing_corporation' })
  @IsDefined()
  @IsIn(CHAIN_PARTNERS as readonly string[] as string[], {
    message: `partyKind must be one of: ${CHAIN_PARTNERS.join(', ')}`,
  })
  partyKind: string;

  @ApiPropertyOptional({ description: 'Which party of that kind, when the casusoverleg has more than one' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true, example: ['housing'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES as readonly string[] as string[], { each: true })
  scope: string[];

  @ApiProperty({ example: '2027-03-01', description: 'Until when (a date: through that day)' })
  @IsDefined()
  @IsIsoDateOrDateTime()
  endsAt: string;

  @ApiProperty({ example: 'Driepartijenovereenkomst voorbereiden en evalueren.' })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  @IsSubstantive()
  reason: string;
}
