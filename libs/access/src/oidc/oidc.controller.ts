import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoClientData } from '@koers/audit';
import type { Request, Response } from 'express';
import { withRetryAfter } from '../auth.controller';
import { Public } from '../auth.guard';
import type { LoginResult } from '../auth.service';
import { BROWSER_COOKIE, browserCookie, clearedBrowserCookie, cookieValue, refusalPage } from './oidc-checks';
import { LoginOptionsView, OidcExchangeDto } from './oidc.dto';
import { refusalOf } from './oidc-refusals';
import { ATTEMPT_TTL_MS, OidcService } from './oidc.service';

const WHY = 'signing in: no client data';
/** The request id the audit library's middleware sets (libs/audit request-id.middleware.ts). */
const REQUEST_ID = Symbol.for('koers.requestId');

/**
 * Single sign-on (issue 5 item 6): public routes, like POST /api/auth/login. With OIDC off (no OIDC_ISSUER) the
 * sign-in routes answer 404 and the options say so.
 */
@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Public()
  @Get('options')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'How one can log in here: password always; single sign-on and its button label if on',
  })
  @ApiOkResponse({ type: LoginOptionsView })
  options(): LoginOptionsView {
    return this.oidc.options();
  }

  @Public()
  @Get('oidc')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Start single sign-on: 302 to the provider (authorization code flow with PKCE, state and nonce)',
    description:
      'Sets an httpOnly cookie that ties the attempt to this browser (10 minutes). 404 when single sign-on is off; ' +
      '503 when the provider cannot be reached.',
  })
  async start(@Res() response: Response): Promise<void> {
    const started = await this.oidc.start();
    response.setHeader(
      'Set-Cookie',
      browserCookie(started.browserToken, ATTEMPT_TTL_MS / 1000, this.oidc.secureCookie),
    );
    response.redirect(302, started.location);
  }

  @Public()
  @Get('oidc/callback')
  @NoClientData(WHY)
  @ApiOperation({
    summary: "The provider's answer: 302 to the web app with a one-time login code in the fragment",
    description:
      'Registered at the provider as OIDC_REDIRECT_URI. Each attempt is answered once. 400 `oidc_state_invalid` ' +
      '(unknown, expired, replayed, or another browser); 401 `oidc_provider_refused` or `oidc_response_invalid`; ' +
      '403 `oidc_account_unknown` (no active Koers account is linked; accounts are never made here) or ' +
      '`oidc_account_disabled`. A browser (Accept: text/html) gets a short page in Dutch with the same status.',
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const query = request.originalUrl.includes('?') ? request.originalUrl.split('?').slice(1).join('?') : '';
    const requestId = (request as Request & { [REQUEST_ID]?: string })[REQUEST_ID] ?? null;
    try {
      const { location } = await this.oidc.callback(
        query,
        cookieValue(request.headers.cookie, BROWSER_COOKIE),
        requestId,
      );
      response.setHeader('Set-Cookie', clearedBrowserCookie(this.oidc.secureCookie));
      response.redirect(302, location);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) {
        // The attempt is used up whatever went wrong: its cookie goes too.
        response.setHeader('Set-Cookie', clearedBrowserCookie(this.oidc.secureCookie));
        const page =
          request.accepts(['json', 'html']) === 'html' ? refusalPage(refusal.code, this.oidc.homeUrl) : null;
        if (page) {
          response.status(refusal.status).type('html').send(page);
          return;
        }
      }
      throw error;
    }
  }

  @Public()
  @Post('oidc/exchange')
  @HttpCode(200)
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Exchange the one-time login code for a bearer token (as POST /api/auth/login answers)',
    description:
      'Once, within 5 minutes of the callback. `totp`: the Koers authenticator code, needed (401 `totp_required`) ' +
      'for users with a second factor, and privacy officers and admins (403 `totp_enrolment_required` without ' +
      'one), unless the provider reported a second factor (OIDC_MFA_AMR, OIDC_MFA_ACR). 401 `oidc_code_invalid`. ' +
      'Throttled like a login: 429 with Retry-After.',
  })
  exchange(
    @Body() body: OidcExchangeDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResult> {
    return withRetryAfter(response, () => this.oidc.exchange(body, request.ip));
  }
}
