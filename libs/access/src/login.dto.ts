import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const SIX_DIGITS = /^\d{6}$/;

export class LoginDto {
  @ApiProperty({ example: 'demo-chair' })
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiPropertyOptional({
    example: '123456',
    description: 'The 6-digit code of the authenticator app (users with a second factor)',
  })
  @IsOptional()
  @IsString()
  @Matches(SIX_DIGITS, { message: '$property must be 6 digits' })
  totp?: string;
}

/** Without a bearer token: username and password (and the current code when a second factor exists already). */
export class TotpEnrolDto {
  @ApiPropertyOptional({ description: 'Only without a bearer token' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  username?: string;

  @ApiPropertyOptional({ description: 'Only without a bearer token' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  password?: string;

  @ApiPropertyOptional({
    description: 'Only without a bearer token, when the user has a second factor already',
  })
  @IsOptional()
  @IsString()
  @Matches(SIX_DIGITS, { message: '$property must be 6 digits' })
  totp?: string;
}

export class TotpConfirmDto {
  @ApiProperty({
    example: '123456',
    description: 'The first code the authenticator app shows for the new secret',
  })
  @IsString()
  @Matches(SIX_DIGITS, { message: '$property must be 6 digits' })
  code: string;

  @ApiPropertyOptional({ description: 'Only without a bearer token (then the answer also logs in)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  username?: string;

  @ApiPropertyOptional({ description: 'Only without a bearer token' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  password?: string;
}
