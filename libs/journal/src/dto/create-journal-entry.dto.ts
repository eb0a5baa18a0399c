import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, MaxLength } from 'class-validator';
import { IsIsoDateOrDateTime, IsSubstantive, Trimmed } from '@koers/validation';
import { JOURNAL_CATEGORIES, JOURNAL_KINDS } from '../journal.labels';

export const JOURNAL_TEXT_MAX = 4000;

const oneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` });

export class CreateJournalEntryDto {
  @ApiProperty({ enum: JOURNAL_KINDS, example: 'police_contact' })
  @IsDefined()
  @oneOf(JOURNAL_KINDS)
  kind: string;

  @ApiProperty({
    enum: JOURNAL_CATEGORIES,
    example: 'justice',
    description:
      'Data category (need-to-know): general (practical, no special-category data), health (substance use, ' +
      'health, treatment), justice (police, offences, nuisance), housing, finances, network (family, friends, daytime activity)',
  })
  @IsDefined()
  @oneOf(JOURNAL_CATEGORIES)
  category: string;

  @ApiProperty({
    example: 'Wijkagent sprak cliënt aan bij de supermarkt; rustig, vraagt naar de wachtlijst.',
  })
  @IsDefined()
  @Trimmed()
  @IsString()
  @MaxLength(JOURNAL_TEXT_MAX)
  @IsSubstantive()
  text: string;

  @ApiProperty({
    example: '2026-12-01T14:30:00+01:00',
    description: 'When it happened: a date or a date-time with offset; not in the future',
  })
  @IsDefined()
  @IsIsoDateOrDateTime()
  occurredAt: string;
}
