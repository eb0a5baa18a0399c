import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnauthenticatedException, ValidationFailedException } from '@koers/errors';
import type { Request, Response } from 'express';
import type { Actor } from './actor';
import { CurrentActor, Public } from './auth.guard';
import { AuthService, LoginResult, TotpEnrolment } from './auth.service';
import { LoginDto, TotpConfirmDto, TotpEnrolDto } from './login.dto';
import { LoginThrottledException } from './login-throttle';

/** The guard's token syntax: the TOTP routes accept a bearer token or, without one, username and password. */
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/i;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in; returns a bearer token for every other endpoint. Users with a second factor also send `totp`. ' +
      'Throttled per username and client address: 429 with Retry-After when locked.',
  })
  login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResult> {
    return withRetryAfter(response, () => this.auth.login(body, request.ip));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session; its token stops working at once' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user, party and teams' })
  me(@CurrentActor() actor: Actor): Omit<Actor, 'sessionId'> {
    const { sessionId: _sessionId, ...rest } = actor;
    return rest;
  }

  @Public()
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Start setting up a TOTP second factor: the secret (shown this once) and its otpauth:// URI. With a bearer ' +
      'token, or (for a role that needs a second factor before it can log in) with username and password',
  })
  async enrol(
    @Body() body: TotpEnrolDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TotpEnrolment> {
    const actor = await this.bearerActor(request);
    if (actor) {
      refuseCredentialsBeside(body);
      return this.auth.enrolTotp(actor);
    }
    const credentials = credentialsOf(body);
    return withRetryAfter(response, () => this.auth.enrolTotpWithCredentials(credentials, request.ip));
  }

  @Public()
  @Post('totp/confirm')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Finish setting up TOTP with the first code: from then on login needs a code. With username and password ' +
      'instead of a bearer token, the answer also logs in (a token as from /auth/login)',
  })
  async confirm(
    @Body() body: TotpConfirmDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ totpEnabled: true } & Partial<LoginResult>> {
    const actor = await this.bearerActor(request);
    if (actor) {
      refuseCredentialsBeside(body);
      await this.auth.confirmTotp(actor, body.code);
      return { totpEnabled: true };
    }
    const credentials = credentialsOf(body);
    const login = await withRetryAfter(response, () =>
      this.auth.confirmTotpWithCredentials(credentials, body.code, request.ip),
    );
    return { totpEnabled: true, ...login };
  }

  /** The actor of a bearer token, null without an Authorization header; an invalid or ended token is a 401. */
  private async bearerActor(request: Request): Promise<Actor | null> {
    const header = request.headers.authorization;
    if (header === undefined) return null;
    const match = BEARER.exec(header);
    const actor = match ? await this.auth.authenticate(match[1]) : null;
    if (!actor) throw new UnauthenticatedException('Your session has expired or was ended; log in again');
    (request as Request & { actor?: Actor }).actor = actor;
    return actor;
  }
}

/** Sets Retry-After on a throttled answer (the filter writes the body). */
export async function withRetryAfter<T>(response: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LoginThrottledException)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}

function credentialsOf(body: { username?: string; password?: string; totp?: string }) {
  if (body.username === undefined || body.password === undefined) {
    throw new UnauthenticatedException('Send a bearer token, or username and password');
  }
  return { username: body.username, password: body.password, totp: body.totp };
}

function refuseCredentialsBeside(body: { username?: string; password?: string; totp?: string }): void {
  const fields = (['username', 'password', 'totp'] as const).filter((f) => body[f] !== undefined);
  if (fields.length > 0) {
    throw new ValidationFailedException(
      fields.map((field) => ({
        code: 'invalid_field',
        field,
        message: `${field} is not allowed with a bearer token`,
      })),
    );
  }
}
