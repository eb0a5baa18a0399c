import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PARTIES } from '@koers/machines/trajectory';
import { ADMIN_AUDIT_ACTIONS, USER_ROLES, type AdminAuditAction, type UserRole } from '@koers/persistence';
import { NestedObject, Trimmed } from '@koers/validation';

/** Lower-case letters, digits and `.`, `_`, `-`, `@`: the login matches usernames exactly, and throttles them lower-cased. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{2,99}$/;
/** A password an admin sets must be at least this long (a generated one-time password is longer). */
export const MIN_PASSWORD_LENGTH = 12;
/** CBS municipality code, e.g. GM0363. */
export const MUNICIPALITY_CODE = /^GM\d{4}$/;

const PARTY_KINDS = PARTIES as readonly string[] as string[];
const ROLES = USER_ROLES as readonly string[] as string[];
const partyKindMessage = `$property must be one of: ${PARTIES.join(', ')}`;
const roleMessage = `$property must be one of: ${USER_ROLES.join(', ')}`;

/** Present in the body (undefined is "left out"; null is refused unless the field allows it). */
const Sent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreateUserDto {
  @ApiProperty({ example: 'j.jansen', description: 'Unique; lower-case letters, digits, ".", "_", "-", "@"' })
  @IsDefined()
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message:
      '$property must be 3 to 100 lower-case letters, digits, ".", "_", "-" or "@", starting with a letter or digit',
  })
  username: string;

  @ApiProperty({ example: 'Jan Jansen' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiPropertyOptional({ example: 'j.jansen@voorbeeldstad.example', description: 'For e-mail notifications' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'An existing party; or send partyKind and partyName instead' })
  @Sent()
  @IsUUID('all', { message: '$property must be a UUID' })
  partyId?: string;

  @ApiPropertyOptional({
    enum: PARTIES,
    description: 'With partyName, instead of partyId: that party (made if new)',
  })
  @Sent()
  @IsIn(PARTY_KINDS, { message: partyKindMessage })
  partyKind?: string;

  @ApiPropertyOptional({ example: 'Politie Basisteam Voorbeeldstad' })
  @Sent()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  partyName?: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsDefined()
  @IsIn(ROLES, { message: roleMessage })
  role: UserRole;

  @ApiPropertyOptional({
    type: [String],
    description: 'Casusoverleg teams to take part in (not for admins and privacy officers)',
  })
  @Sent()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  teamIds?: string[];

  @ApiPropertyOptional({
    description: `At least ${MIN_PASSWORD_LENGTH} characters; left out, a one-time password is generated and answered once`,
  })
  @Sent()
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200, {
    message: `$property must be ${MIN_PASSWORD_LENGTH} to 200 characters`,
  })
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Sent()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @Sent()
  @IsIn(ROLES, { message: roleMessage })
  role?: UserRole;

  @ApiPropertyOptional({
    description: 'true ends every session of the user and refuses logins; false allows them again',
  })
  @Sent()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    example: '248289761001',
    description:
      "The user's subject (`sub`) at the single sign-on provider (OIDC_ISSUER): single sign-on with that identity " +
      'logs in as this user; null unlinks (the next single sign-on may link by username claim again)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @Matches(/^[\x21-\x7E]+$/, { message: '$property must be printable characters without spaces' })
  oidcSubject?: string | null;
}

export class MunicipalityDto {
  @ApiProperty({ example: 'Gemeente Voorbeeldstad' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'GM0363', description: 'CBS municipality code' })
  @IsDefined()
  @IsString()
  @Matches(MUNICIPALITY_CODE, { message: '$property must be a CBS municipality code such as GM0363' })
  code: string;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Casusoverleg Voorbeeldstad' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'An existing municipality; or send municipality instead' })
  @Sent()
  @IsUUID('all', { message: '$property must be a UUID' })
  municipalityId?: string;

  @ApiPropertyOptional({ type: MunicipalityDto, description: 'Made if its code is new' })
  @NestedObject(() => MunicipalityDto, { optional: true })
  municipality?: MunicipalityDto;
}

export class AddTeamMemberDto {
  @ApiProperty()
  @IsDefined()
  @IsUUID('all', { message: '$property must be a UUID' })
  userId: string;
}

export class CreatePartyDto {
  @ApiProperty({ enum: PARTIES })
  @IsDefined()
  @IsIn(PARTY_KINDS, { message: partyKindMessage })
  kind: string;

  @ApiProperty({ example: 'Woonstichting Voorbeeld' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  name: string;
}

export const ADMIN_AUDIT_PAGE_MAX = 500;

export class AdminAuditQueryDto {
  @ApiPropertyOptional({ description: 'Rows of this admin' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  actorUserId?: string;

  @ApiPropertyOptional({ description: 'Rows about this user, team or party' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  targetId?: string;

  @ApiPropertyOptional({ enum: ADMIN_AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(ADMIN_AUDIT_ACTIONS, { message: `$property must be one of: ${ADMIN_AUDIT_ACTIONS.join(', ')}` })
  action?: AdminAuditAction;

  @ApiPropertyOptional({ description: 'The `nextBefore` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'before must be a row id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: ADMIN_AUDIT_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(ADMIN_AUDIT_PAGE_MAX)
  limit?: number;
}
