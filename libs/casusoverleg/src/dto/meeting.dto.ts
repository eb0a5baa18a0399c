import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INCLUSION_CRITERIA, PARTIES } from '@koers/machines/trajectory';
import { MEETING_RECORD_CATEGORIES } from '@koers/access';
import { IsIsoDate, IsIsoDateOrDateTime, IsSubstantive, NestedObject, Trimmed } from '@koers/validation';

export class PlanMeetingDto {
  @ApiPropertyOptional({ description: 'The casusoverleg; required when you chair more than one' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ example: '2026-12-03T13:00:00+01:00', description: 'Date-time with offset' })
  @IsDefined()
  @IsIsoDateOrDateTime()
  startsAt: string;

  @ApiPropertyOptional({ example: 120, description: 'Minutes; the handreiking plans about two hours' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 'Stadhuis, kamer 2.14' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  location?: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ example: '2026-12-03T13:00:00+01:00' })
  @IsOptional()
  @IsIsoDateOrDateTime()
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ enum: ['cancelled'], description: 'Cancel the meeting' })
  @IsOptional()
  @IsIn(['cancelled'], { message: 'status can only be set to cancelled (hold a meeting with POST …/hold)' })
  status?: 'cancelled';
}

export class HoldMeetingDto {
  @ApiPropertyOptional({ description: 'Who took part (users of the casusoverleg); default: all its members' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds?: string[];
}

export class AgendaItemDto {
  @ApiProperty()
  @IsDefined()
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(120)
  estimateMinutes?: number;

  @ApiPropertyOptional({ example: 'Graag eerst bespreken: woonsituatie' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  note?: string;
}

export class SetAgendaDto {
  @ApiProperty({ type: [AgendaItemDto], description: 'The whole agenda in the chair’s order' })
  @IsArray()
  @ArrayMaxSize(60)
  // Each an object: ValidateNested alone lets a nested array (`[[]]`) through, empty and unchecked.
  @IsObject({ each: true, message: 'each of items must be an object' })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  items: AgendaItemDto[];
}

/** The data category of a note or decision (need-to-know): who may read it. */
const RecordCategory = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      enum: MEETING_RECORD_CATEGORIES,
      default: 'trajectory',
      description:
        `Data category (need-to-know) of the ${what}: trajectory (default), or the one it is about: health ` +
        '(substance use, treatment), justice, housing, finances or budget. Only participants who may see that ' +
        'category of the client read it (meeting view, minutes, export).',
    }),
    IsOptional(),
    IsIn(MEETING_RECORD_CATEGORIES as readonly string[] as string[], {
      message: `category must be one of: ${MEETING_RECORD_CATEGORIES.join(', ')}`,
    }),
  );

export class MeetingNoteDto {
  @ApiProperty({ example: 'Cliënt is gemotiveerd; wacht op plek in de kliniek.' })
  @IsDefined()
  @IsString()
  @MaxLength(8000)
  @IsSubstantive()
  text: string;

  @RecordCategory('note')
  category?: string;
}

export class InclusionOverrideDto {
  @ApiProperty()
  @IsDefined()
  @IsString()
  @MaxLength(4000)
  @IsSubstantive()
  reason: string;
}

export class InclusionDecisionDto {
  @ApiProperty()
  @IsDefined()
  @IsBoolean()
  included: boolean;

  @ApiProperty({ enum: INCLUSION_CRITERIA, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(INCLUSION_CRITERIA as readonly string[] as string[], { each: true })
  criteria: string[];

  @ApiPropertyOptional({ type: InclusionOverrideDto })
  @NestedObject(() => InclusionOverrideDto, { optional: true })
  override?: InclusionOverrideDto;
}

export class MeetingDecisionDto {
  @ApiProperty({ example: 'Opgenomen in de aanpak.' })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  @IsSubstantive()
  text: string;

  @ApiProperty({ example: 'Ernstige verslaving, inwoner, vastgelopen op meerdere levensgebieden.' })
  @IsDefined()
  @IsString()
  @MaxLength(8000)
  @IsSubstantive()
  reasons: string;

  @ApiPropertyOptional({
    type: InclusionDecisionDto,
    description: 'An inclusion decision: also sent into the trajectory as INCLUSION_DECIDED',
  })
  @NestedObject(() => InclusionDecisionDto, { optional: true })
  inclusion?: InclusionDecisionDto;

  /** An inclusion decision is always `trajectory`: its reasons go into the trajectory too. */
  @RecordCategory('decision')
  category?: string;
}

export class ActionOwnerDto {
  @ApiPropertyOptional({ enum: PARTIES, description: 'A party of the casusoverleg…' })
  @IsOptional()
  @IsIn(PARTIES as readonly string[] as string[])
  partyKind?: string;

  @ApiPropertyOptional({ description: '…or one person (a member of the casusoverleg)' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class MeetingActionDto {
  @ApiProperty({ example: 'Aanmelding bij beschermd wonen versturen.' })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  @IsSubstantive()
  description: string;

  @ApiProperty({ type: ActionOwnerDto })
  @NestedObject(() => ActionOwnerDto)
  owner: ActionOwnerDto;

  @ApiProperty({ example: '2026-12-15', description: 'Falls due at 09:00 Europe/Amsterdam on this date' })
  @IsDefined()
  @IsIsoDate()
  dueDate: string;
}

export class CloseActionDto {
  @ApiPropertyOptional({ example: 'Aanmelding is verstuurd en bevestigd.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSubstantive()
  note?: string;
}
