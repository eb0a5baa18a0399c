import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INCLUSION_CRITERIA } from '@koers/machines/trajectory';
import { COVENANT_KINDS, MEETING_INTERVALS_WEEKS } from '@koers/persistence';
import { IsIsoDate, IsSubstantive, Trimmed } from '@koers/validation';

export const SUCCESS_DEFINITION_MAX = 4000;
/** EUR 100 million: far above any casusoverleg's budget, far below 2^53. */
export const BUDGET_MAX_CENTS = 10_000_000_000;

const oneOf = (values: readonly (string | number)[]) =>
  IsIn(values as unknown[], { message: `$property must be one of: ${values.join(', ')}` });

/** A field that may be left out; when sent it must not be null. */
const Optional = () => ValidateIf((_o: object, value: unknown) => value !== undefined);
/** A field that may be left out or sent as null (which clears it). */
const OptionalNullable = () =>
  ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null);
const Nested = (type: () => new () => object) =>
  applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

export class CovenantDto {
  @ApiProperty({ enum: COVENANT_KINDS })
  @IsDefined()
  @oneOf(COVENANT_KINDS)
  kind: string;

  @ApiProperty({ example: 'Convenant Zorg- en Veiligheidshuis Regio Midden 2026' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2026-03-01', description: 'The date it was signed (not in the future)' })
  @IsDefined()
  @IsIsoDate()
  signedOn: string;
}

export class BudgetDto {
  @ApiProperty({ example: 2026 })
  @IsDefined()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 2500000, description: 'The yearly amount in euro cents (EUR 25,000.00)' })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(BUDGET_MAX_CENTS)
  amountCents: number;
}

const criteriaList = () =>
  applyDecorators(
    IsDefined(),
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(INCLUSION_CRITERIA.length),
    IsIn(INCLUSION_CRITERIA as readonly string[] as string[], {
      each: true,
      message: `each of $property must be one of: ${INCLUSION_CRITERIA.join(', ')}`,
    }),
  );

export class InclusionCriteriaDto {
  @ApiProperty({ example: ['serious_substance_use_disorder', 'resident'] })
  @criteriaList()
  required: string[];

  @ApiProperty({ example: ['disproportionate_care_use', 'cannot_find_regular_care'] })
  @criteriaList()
  atLeastOneOf: string[];
}

/** PATCH /teams/:teamId: every field optional; those left out stay as they are. */
export class UpdateTeamSetupDto {
  @ApiPropertyOptional({ type: CovenantDto, nullable: true, description: 'null removes it' })
  @OptionalNullable()
  @Nested(() => CovenantDto)
  covenant?: CovenantDto | null;

  @ApiPropertyOptional({ type: BudgetDto, description: 'Sets the budget of that year' })
  @Optional()
  @Nested(() => BudgetDto)
  budget?: BudgetDto;

  @ApiPropertyOptional({ enum: MEETING_INTERVALS_WEEKS, description: 'Meet every 2 or 3 weeks' })
  @Optional()
  @oneOf(MEETING_INTERVALS_WEEKS)
  meetingIntervalWeeks?: number;

  @ApiPropertyOptional({
    type: InclusionCriteriaDto,
    nullable: true,
    description: "null restores the handreiking's criteria",
  })
  @OptionalNullable()
  @Nested(() => InclusionCriteriaDto)
  inclusionCriteria?: InclusionCriteriaDto | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Cliënt woont stabiel, heeft daginvulling en is in zorg bij een reguliere hulpverlener.',
  })
  @OptionalNullable()
  @Trimmed()
  @IsString()
  @MaxLength(SUCCESS_DEFINITION_MAX)
  @IsSubstantive()
  successDefinition?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { consent: { due: { days: 10 }, steps: { warning: { days: -3 } } }, waiting_duration: null },
    description:
      'Per deadline kind: an override {due?: {days?, months?}, steps?: {warning|overdue|agenda: {days}}} that replaces ' +
      "the kind's previous override, or null to restore the default. Kinds left out keep their settings.",
  })
  @Optional()
  @IsObject({ message: '$property must be an object of deadline kinds' })
  deadlineSettings?: Record<string, unknown>;
}
