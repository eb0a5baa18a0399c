import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SIGNAL_SOURCES } from '@koers/machines/trajectory';
import { IsBsn, IsIsoDate, IsSubstantive, NestedObject, Trimmed } from '@koers/validation';

export class SignalDto {
  @ApiProperty({
    enum: SIGNAL_SOURCES,
    description: 'Who brought the signal in: a party id, citizen or self',
  })
  @IsDefined()
  @IsIn(SIGNAL_SOURCES as readonly string[] as string[], {
    message: `$property must be one of: ${SIGNAL_SOURCES.join(', ')}`,
  })
  source: string;

  @ApiProperty({ example: 'Buren melden overlast en zorgen over middelengebruik sinds de zomer.' })
  @IsDefined()
  @IsString()
  @MaxLength(4000)
  @IsSubstantive()
  description: string;
}

export class CreateClientDto {
  @ApiProperty({ example: 'J. de Vries', description: 'How the casusoverleg refers to the client' })
  @IsDefined()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  displayName: string;

  @ApiPropertyOptional({ example: '1984-05-17' })
  @IsOptional()
  @IsIsoDate()
  birthDate?: string;

  @ApiPropertyOptional({ description: 'Burgerservicenummer (11-test); never shown in lists, URLs or logs' })
  @IsOptional()
  @IsString()
  @IsBsn()
  bsn?: string;

  @ApiPropertyOptional({ description: 'The casusoverleg; required when the user is in more than one' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ type: SignalDto })
  @NestedObject(() => SignalDto)
  signal: SignalDto;
}
