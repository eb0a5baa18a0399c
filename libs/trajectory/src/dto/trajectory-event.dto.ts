import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  AFTERCARE_ITEMS,
  CONTACT_CHANNELS,
  DAYTIME_KINDS,
  DEBT_ARRANGEMENTS,
  HOUSING_KINDS,
  INCLUSION_CRITERIA,
  LEGAL_BASES_OVERRIDE,
  OUTFLOW_REASONS,
  STILL_USING,
  THREE_PARTY_OUTCOMES,
  TREATMENTS,
  TRAJECTORY_EVENT_TYPES,
} from '@koers/machines/trajectory';
import { IsIsoDate, IsIsoDateOrDateTime, IsSubstantive, NestedObject, Trimmed } from '@koers/validation';

/**
 * One payload class per event of domain.md §2. Shapes, enums, dates and "says something" are checked
 * here (400, naming the field); the domain rules that depend on the trajectory are the machine's guards (422).
 */
const TEXT_MAX = 4000;
const NAME_MAX = 200;

const oneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` });

class ReasonDto {
  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  reason: string;
}

export class InclusionDecidedDto {
  @IsDefined()
  @IsBoolean()
  included: boolean;

  @IsDefined()
  @IsArray()
  @ArrayUnique()
  @IsIn(INCLUSION_CRITERIA as readonly string[] as string[], {
    each: true,
    message: `each of $property must be one of: ${INCLUSION_CRITERIA.join(', ')}`,
  })
  criteria: string[];

  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  reasons: string;

  @NestedObject(() => ReasonDto, { optional: true })
  override?: ReasonDto;
}

export class ConsentGivenDto {
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT_MAX)
  scope: string;
}

export class ConsentOverriddenDto {
  @IsDefined()
  @oneOf(LEGAL_BASES_OVERRIDE)
  legalBasis: string;

  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  justification: string;
}

/** A covenant to go on without consent: the same shape and rule as CONSENT_OVERRIDDEN. */
export class CovenantDto {
  @IsDefined()
  @oneOf(LEGAL_BASES_OVERRIDE)
  legalBasis: string;

  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  justification: string;
}

export class ConsentWithdrawnDto {
  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  reason: string;

  /** Go on under this covenant (chair only); without it the basis becomes `none`. */
  @NestedObject(() => CovenantDto, { optional: true })
  continueUnder?: CovenantDto;
}

export class OptionalReasonDto {
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  reason?: string;
}

export class TreatmentAgreedDto {
  @IsDefined()
  @oneOf(TREATMENTS)
  treatment: string;
}

export class ContactLoggedDto {
  @IsDefined()
  @oneOf(CONTACT_CHANNELS)
  channel: string;

  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  note: string;
}

export class AftercareItemPreparedDto {
  @IsDefined()
  @oneOf(AFTERCARE_ITEMS)
  item: string;
}

export class AdmittedDto {
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(NAME_MAX)
  facility: string;

  @NestedObject(() => ReasonDto, { optional: true })
  urgentOverride?: ReasonDto;
}

export class LeaveStartedDto {
  @IsDefined()
  @IsIsoDateOrDateTime()
  until: string;
}

export class NoteDto {
  @IsDefined()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  note: string;
}

export class OptionalNoteDto {
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  note?: string;
}

export class DischargedDto {
  @IsDefined()
  @IsBoolean()
  completed: boolean;
}

export class ValidUntilDto {
  @IsDefined()
  @IsIsoDateOrDateTime()
  validUntil: string;
}

export class DebtArrangementSetDto {
  @IsDefined()
  @oneOf(DEBT_ARRANGEMENTS)
  kind: string;
}

class ThreePartyAgreementDto {
  @IsDefined()
  @IsIsoDate()
  startDate: string;

  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(NAME_MAX)
  landlord: string;

  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(NAME_MAX)
  careProvider: string;
}

export class HousedDto {
  @IsDefined()
  @oneOf(HOUSING_KINDS)
  kind: string;

  @NestedObject(() => ThreePartyAgreementDto, { optional: true })
  threePartyAgreement?: ThreePartyAgreementDto;
}

export class ThreePartyEvaluatedDto {
  @IsDefined()
  @oneOf(THREE_PARTY_OUTCOMES)
  outcome: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  @IsSubstantive()
  note?: string;
}

export class DaytimeArrangedDto {
  @IsDefined()
  @oneOf(DAYTIME_KINDS)
  kind: string;
}

export class NetworkAssessedDto {
  @IsDefined()
  @IsBoolean()
  healthyEngaged: boolean;

  @IsDefined()
  @IsBoolean()
  unhealthyAtDistance: boolean;
}

export class MovedAwayDto {
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(NAME_MAX)
  municipality: string;
}

export class TrajectoryClosedDto {
  @IsDefined()
  @oneOf(OUTFLOW_REASONS)
  reason: string;

  @IsDefined()
  @oneOf(STILL_USING)
  stillUsing: string;
}

export type TrajectoryEventType = (typeof TRAJECTORY_EVENT_TYPES)[number];

/** The payload class of every event a user may send. */
export const EVENT_PAYLOAD_DTOS: Record<TrajectoryEventType, new () => object> = {
  INCLUSION_DECIDED: InclusionDecidedDto,
  CONSENT_GIVEN: ConsentGivenDto,
  CONSENT_OVERRIDDEN: ConsentOverriddenDto,
  CONSENT_REFUSED: OptionalReasonDto,
  TREATMENT_AGREED: TreatmentAgreedDto,
  CONTACT_LOGGED: ContactLoggedDto,
  AFTERCARE_ITEM_PREPARED: AftercareItemPreparedDto,
  ADMITTED: AdmittedDto,
  WITHDRAWN: OptionalReasonDto,
  LEAVE_STARTED: LeaveStartedDto,
  LEAVE_ENDED: NoteDto,
  DISCHARGED: DischargedDto,
  TREATMENT_ABORTED: OptionalReasonDto,
  POSTAL_ADDRESS_ARRANGED: ValidUntilDto,
  POSTAL_ADDRESS_EXTENDED: ValidUntilDto,
  POSTAL_ADDRESS_ENDED: ReasonDto,
  DEBT_ARRANGEMENT_SET: DebtArrangementSetDto,
  HOUSED: HousedDto,
  THREE_PARTY_EVALUATED: ThreePartyEvaluatedDto,
  DAYTIME_ARRANGED: DaytimeArrangedDto,
  NETWORK_ASSESSED: NetworkAssessedDto,
  RELAPSED: OptionalNoteDto,
  MOVED_AWAY: MovedAwayDto,
  TRAJECTORY_CLOSED: TrajectoryClosedDto,
  CONSENT_WITHDRAWN: ConsentWithdrawnDto,
  COVENANT_INVOKED: CovenantDto,
};
