import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate, IsSubstantive, NestedObject, Trimmed } from '@koers/validation';

/** The seven life domains of the handreiking (3.7), ids as in domain.md §5. */
export const LIFE_DOMAINS = [
  'meaning',
  'housing',
  'finances',
  'social_relations',
  'physical_health',
  'mental_health',
  'work_and_activities',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

export const LIFE_DOMAIN_LABELS = {
  meaning: 'Zingeving',
  housing: 'Wonen',
  finances: 'Financiën',
  social_relations: 'Sociale relaties',
  physical_health: 'Lichamelijke gezondheid',
  mental_health: 'Psychische gezondheid',
  work_and_activities: 'Werk en dagbesteding',
} as const satisfies Record<LifeDomain, string>;

/** The handreiking's questions for a new case, in its order, with the Dutch wording the web app shows. */
export const INTAKE_QUESTIONS = [
  { id: 'facts', label: 'Wat weet u (feiten en signalen)?' },
  { id: 'inViewSince', label: 'Sinds wanneer is de cliënt bij u in beeld?' },
  { id: 'involvement', label: 'Wat is uw betrokkenheid?' },
  { id: 'lifeDomains', label: 'Hoe is de situatie op de zeven levensdomeinen?' },
  { id: 'careNow', label: 'Welke zorg of hulp is er nu?' },
  { id: 'careBefore', label: 'Welke zorg of hulp is er eerder geweest?' },
  { id: 'offences', label: 'Middelengerelateerde delicten' },
  { id: 'nuisance', label: 'Overlastmeldingen' },
] as const;

const text = (example: string) => [
  ApiPropertyOptional({ example }),
  IsOptional(),
  Trimmed(),
  IsString(),
  MinLength(1),
  MaxLength(4000),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };

export class LifeDomainsDto {
  @apply(text('Zinloosheid, geen doel'))
  meaning?: string;
  @apply(text('Dreigende huisuitzetting'))
  housing?: string;
  @apply(text('Schulden, geen postadres'))
  finances?: string;
  @apply(text('Vriendenkring gebruikt ook'))
  social_relations?: string;
  @apply(text('Vermagerd'))
  physical_health?: string;
  @apply(text('Somber, angstig'))
  mental_health?: string;
  @apply(text('Geen werk of dagbesteding'))
  work_and_activities?: string;
}

/** One party's answers; only `facts` is required, the rest as far as the party knows. */
export class CaseIntakeDto {
  @ApiProperty({ example: 'Drie meldingen van overlast; aangetroffen met GHB.' })
  @IsDefined()
  @IsString()
  @MaxLength(8000)
  @IsSubstantive()
  facts: string;

  @ApiPropertyOptional({ example: '2025-06-01' })
  @IsOptional()
  @IsIsoDate()
  inViewSince?: string;

  @apply(text('Wijkagent heeft regelmatig contact'))
  involvement?: string;

  @ApiPropertyOptional({ type: LifeDomainsDto })
  @NestedObject(() => LifeDomainsDto, { optional: true })
  lifeDomains?: LifeDomainsDto;

  @apply(text('Geen'))
  careNow?: string;
  @apply(text('Detox in 2024, afgebroken'))
  careBefore?: string;
  @apply(text('Twee keer aangehouden voor bezit'))
  offences?: string;
  @apply(text('Vijf meldingen in drie maanden'))
  nuisance?: string;
}
