import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class OidcExchangeDto {
  @ApiProperty({
    description: 'The one-time login code the callback put in the web address fragment (`#code=…`)',
    example: 'Qm9vdHN0cmFwLWNvZGUtZm9yLWtvZXJzLXNpbmdsZS1zaWdu',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: '$property must be the 43-character login code' })
  code: string;

  @ApiPropertyOptional({
    example: '123456',
    description:
      'The 6-digit code of the Koers authenticator app, for users with a second factor when the provider reported none',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: '$property must be 6 digits' })
  totp?: string;
}

/** What the web app's login page needs to know before anyone logs in. */
export class LoginOptionsView {
  @ApiProperty({ description: 'Username and password (POST /api/auth/login): always on' })
  password: true;

  @ApiProperty({ description: 'Single sign-on with the municipality’s OpenID provider is configured' })
  oidc: boolean;

  @ApiPropertyOptional({
    nullable: true,
    example: 'gemeente-account',
    description: 'For the button "Inloggen met <label>"; null when single sign-on is off',
  })
  oidcLabel: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '/api/auth/oidc',
    description: 'Where the button sends the browser; null when single sign-on is off',
  })
  oidcStartUrl: string | null;
}
