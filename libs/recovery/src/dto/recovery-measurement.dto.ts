import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsIsoDateOrDateTime, IsSubstantive, Trimmed } from '@koers/validation';
import { INSTRUMENT_IDS } from '../instruments';

export const REASON_MAX = 2000;
export const ITEM_TEXT_MAX = 1000;

const ANSWERS_DESCRIPTION =
  'Item id → answer, a whole number on the instrument’s scale (BARC-10: 1–6, MHQoL: 0–3). A partial set is ' +
  'stored without a total; unknown items are refused.';

export class RecordMeasurementDto {
  @ApiProperty({ enum: INSTRUMENT_IDS, example: 'barc10' })
  @IsDefined()
  @IsIn(INSTRUMENT_IDS as unknown as string[], {
    message: `$property must be one of: ${INSTRUMENT_IDS.join(', ')}`,
  })
  instrumentId: string;

  @ApiProperty({
    example: '2026-11-20',
    description: 'When it was administered: a date or date-time with offset',
  })
  @IsDefined()
  @IsIsoDateOrDateTime()
  measuredAt: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { q1: 5, q2: 4, q3: 4, q4: 3, q5: 5, q6: 4, q7: 5, q8: 6, q9: 4, q10: 5 },
    description: ANSWERS_DESCRIPTION,
  })
  @IsDefined()
  @IsObject({ message: '$property must be an object of item id → answer' })
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { vas: 7 },
    description: 'Extra scales (MHQoL: vas, 0–10), scale id → value',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object of scale id → value' })
  extraScores?: Record<string, unknown>;
}

export class CorrectMeasurementDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'Left out: stays as it was' })
  @IsOptional()
  @IsIsoDateOrDateTime()
  measuredAt?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: ANSWERS_DESCRIPTION,
  })
  @IsDefined()
  @IsObject({ message: '$property must be an object of item id → answer' })
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Replaces the extra scales; left out: they stay as they were',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object of scale id → value' })
  extraScores?: Record<string, unknown>;

  @ApiProperty({ example: 'Item 4 en 5 waren verwisseld bij het overnemen van het formulier.' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @MaxLength(REASON_MAX)
  @IsSubstantive()
  reason: string;
}

export class DeleteMeasurementDto {
  @ApiProperty({ example: 'Per ongeluk bij de verkeerde cliënt vastgelegd.' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @MaxLength(REASON_MAX)
  @IsSubstantive()
  reason: string;
}

export class SetItemTextDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description:
      'The item’s wording as your organisation is licensed to use it; null removes it (the screen then shows the ' +
      'item number and its short label)',
  })
  @ValidateIf((_object, value) => value !== null)
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(1, { message: '$property must not be empty (send null to remove it)' })
  @MaxLength(ITEM_TEXT_MAX)
  text: string | null;
}
