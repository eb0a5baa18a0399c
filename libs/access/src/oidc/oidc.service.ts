import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@koers/clock';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { AuthService, type LoginResult } from '../auth.service';
import { type OidcSettings, OidcClient, type ProviderIdentity } from './oidc-client';
import { providerReportsMfa, randomToken, sameHash, sha256Hex, TOKEN_PATTERN } from './oidc-checks';
import { type OidcExchangeDto, LoginOptionsView } from './oidc.dto';
import { type SsoUser, OidcLoginRepository } from './oidc-login.repository';
import { accountDisabled, accountUnknown, loginCodeInvalid, oidcOff, stateInvalid } from './oidc-refusals';

/** From the redirect to the provider to its answer: time to type a password and a second factor there. */
export const ATTEMPT_TTL_MS = 10 * 60_000;
/** From the callback to the web app's exchange: a redirect and a request, or a TOTP code typed in. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;

export interface StartedSignIn {
  /** The provider's authorization endpoint, with state, nonce and PKCE challenge. */
  location: string;
  /** The value of the browser-binding cookie (oidc-checks.ts). */
  browserToken: string;
}

/**
 * Single sign-on with the municipality's OpenID provider (issue 5 item 6): the authorization code flow with PKCE,
 * state and nonce, its secrets kept server-side (`oidc_login`), the attempt bound to the browser that started it.
 *
 * The provider's subject maps to an existing, active Koers user, never to a new one: access is need-to-know and
 * an admin grants it. The link is `app_user.oidc_subject`, set by an admin or at the first sign-on by the username
 * claim (OIDC_USERNAME_CLAIM) naming the Koers username. The callback hands the web app a one-time login code (in
 * the URL fragment, which no server or Referer sees); POST /api/auth/oidc/exchange turns it into the same kind of
 * session as a password login, under the same throttle, timeouts and second-factor rule: a user with a Koers TOTP
 * (and a privacy officer or admin, outside demo mode) needs its code unless the provider reported a second factor.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OidcLogin');

  constructor(
    @Inject(KOERS_CONFIG) private readonly config: KoersConfig,
    private readonly provider: OidcClient,
    private readonly logins: OidcLoginRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  options(): LoginOptionsView {
    const settings = this.config.oidc;
    return {
      password: true,
      oidc: settings !== null,
      oidcLabel: settings?.label ?? null,
      oidcStartUrl: settings ? settings.redirectUri.replace(/\/callback$/, '') : null,
    };
  }

  /** Whether the browser-binding cookie must be Secure (Koers is reached over https). */
  get secureCookie(): boolean {
    return this.config.oidc?.redirectUri.startsWith('https:') ?? false;
  }

  /** The web app's address, for the refusal page's link back. */
  get homeUrl(): string {
    return this.config.oidc?.webLoginUrl.replace(/login\/oidc$/, '') ?? '/';
  }

  /** A new sign-in attempt: where to send the browser, and the cookie that ties the attempt to it. */
  async start(): Promise<StartedSignIn> {
    this.settings();
    const checks = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
    const browserToken = randomToken();
    // Asked first: an unreachable provider (503) leaves no row behind.
    const location = await this.provider.authorizationUrl(checks);
    const now = this.clock.now();
    await this.logins.start({
      stateHash: sha256Hex(checks.state),
      browserHash: sha256Hex(browserToken),
      codeVerifier: checks.codeVerifier,
      nonce: checks.nonce,
      now,
      expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
    });
    return { location, browserToken };
  }

  /**
   * The provider's answer: checked once (the attempt is used up first, whatever follows), then the user it names.
   * Returns where to send the browser: the web app, with the one-time login code in the fragment.
   */
  async callback(
    query: string,
    browserToken: string | undefined,
    requestId: string | null,
  ): Promise<{ location: string }> {
    const settings = this.settings();
    const state = new URLSearchParams(query).get('state');
    if (!state || !TOKEN_PATTERN.test(state)) throw stateInvalid();
    const now = this.clock.now();
    const attempt = await this.logins.answer(sha256Hex(state), now);
    if (!attempt || !browserToken || !sameHash(attempt.browserHash, sha256Hex(browserToken))) {
      this.logger.warn('OIDC sign-in refused: unknown, expired, replayed or foreign state');
      throw stateInvalid();
    }
    const identity = await this.provider.identity(query, {
      state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
    const user = await this.userOf(identity, settings, now, requestId);
    const providerMfa = providerReportsMfa(identity.claims, settings);
    const loginCode = randomToken();
    await this.logins.issueLoginCode(attempt.id, {
      userId: user.id,
      providerMfa,
      codeHash: sha256Hex(loginCode),
      expiresAt: new Date(now.getTime() + LOGIN_CODE_TTL_MS),
    });
    this.logger.log(
      `OIDC sign-in of user ${user.id} (provider second factor: ${providerMfa ? 'yes' : 'no'})`,
    );
    return { location: `${settings.webLoginUrl}#code=${loginCode}` };
  }

  /** The web app's exchange of a login code for a session (throttled like a password login). */
  async exchange(body: OidcExchangeDto, clientAddress: string | undefined): Promise<LoginResult> {
    this.settings();
    const codeHash = sha256Hex(body.code);
    const pending = await this.logins.pendingCode(codeHash, this.clock.now());
    // An unknown code counts against the client address, under a throttle key of its own (no username has ':').
    const result = await this.auth.loginAfterProvider(
      pending?.username ?? `oidc-code:${codeHash}`,
      clientAddress,
      {
        totp: body.totp,
        providerMfa: pending?.providerMfa ?? false,
        redeem: () => (pending ? this.logins.redeem(pending.id, this.clock.now()) : Promise.resolve(false)),
        invalid: loginCodeInvalid,
      },
    );
    this.logger.log(`OIDC session started for user ${pending!.userId}`);
    return result;
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw oidcOff();
    return this.config.oidc;
  }

  /** The active Koers user of the provider's subject: linked already, or linked now by the username claim. */
  private async userOf(
    identity: ProviderIdentity,
    settings: OidcSettings,
    now: Date,
    requestId: string | null,
  ): Promise<SsoUser> {
    const linked = await this.logins.userBySubject(identity.subject);
    if (linked) {
      if (!linked.disabled) return linked;
      this.logger.warn(`OIDC sign-in refused: user ${linked.id} is disabled`);
      throw accountDisabled();
    }
    const claim = settings.usernameClaim;
    let username = claim ? identity.claims[claim] : undefined;
    if (claim && username === undefined) username = (await identity.userInfo())[claim];
    if (typeof username !== 'string' || username.length === 0 || username.length > 200) {
      this.logger.warn(
        'OIDC sign-in refused: no account is linked to the subject and no username claim matches',
      );
      throw accountUnknown();
    }
    let outcome: Awaited<ReturnType<OidcLoginRepository['linkByUsername']>>;
    try {
      outcome = await this.logins.linkByUsername(identity.subject, username, now, requestId);
    } catch (error) {
      // An admin gave the same subject to another user at this very moment: the unique index decides.
      if ((error as { code?: unknown }).code === '23505') throw accountUnknown();
      throw error;
    }
    if (outcome.kind === 'linked') {
      this.logger.log(`OIDC: user ${outcome.user.id} linked to its provider subject at the first sign-on`);
      return outcome.user;
    }
    this.logger.warn(`OIDC sign-in refused: the username claim names ${describe[outcome.kind]}`);
    if (outcome.kind === 'disabled') throw accountDisabled();
    throw accountUnknown();
  }
}

const describe = {
  unknown: 'no account',
  disabled: 'a disabled account',
  linked_elsewhere: 'an account linked to another subject',
} as const;
