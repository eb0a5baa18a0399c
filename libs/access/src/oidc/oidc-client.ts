import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { oidcOff, providerRefused, ProviderUnavailableException, responseInvalid } from './oidc-refusals';

export type OidcSettings = NonNullable<KoersConfig['oidc']>;

/** What the sign-in flow keeps server-side between the redirect to the provider and its answer. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The identity the provider vouched for, after every check of the ID token passed. */
export interface ProviderIdentity {
  subject: string;
  /** The ID token's claims (iss, aud, nonce checked; amr and acr as the provider sent them). */
  claims: Record<string, unknown>;
  /** The userinfo claims, for a username claim the ID token does not carry (fetched once, when asked). */
  userInfo(): Promise<Record<string, unknown>>;
}

/** Seconds for each request to the provider (discovery, token, userinfo). */
const TIMEOUT_SECONDS = 10;

/**
 * The one place that speaks to the OpenID provider, through openid-client (authorization code flow with PKCE,
 * state and nonce). The provider's metadata is discovered at the first sign-in, not at start-up, so Koers starts
 * while the provider is down; a failed discovery is tried again at the next sign-in.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger('OidcLogin');
  private configuration?: Promise<client.Configuration>;

  constructor(@Inject(KOERS_CONFIG) private readonly config: KoersConfig) {}

  /** The provider's authorization endpoint with this attempt's state, nonce and PKCE challenge. */
  async authorizationUrl(checks: AuthorizationChecks): Promise<string> {
    const settings = this.settings();
    const configuration = await this.discovered();
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /**
   * Checks the provider's answer (`callbackQuery`, the callback's query string) and exchanges its code: the state,
   * the PKCE verifier, then the ID token's issuer, audience, expiry and nonce, all by openid-client.
   */
  async identity(callbackQuery: string, checks: AuthorizationChecks): Promise<ProviderIdentity> {
    const settings = this.settings();
    const configuration = await this.discovered();
    // The redirect URI as registered (behind a proxy the request's own URL may differ), with the answer's query.
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = callbackQuery;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.refusal(error);
    }
    const claims = tokens.claims();
    if (!claims) throw responseInvalid();
    let userInfo: Promise<Record<string, unknown>> | undefined;
    return {
      subject: claims.sub,
      claims: { ...claims },
      userInfo: () =>
        (userInfo ??= client
          .fetchUserInfo(configuration, tokens.access_token, claims.sub)
          .then((info) => ({ ...info }))
          .catch((error: unknown) => {
            throw this.refusal(error);
          })),
    };
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw oidcOff();
    return this.config.oidc;
  }

  private discovered(): Promise<client.Configuration> {
    const settings = this.settings();
    this.configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        {
          timeout: TIMEOUT_SECONDS,
          // Only for an http:// issuer outside production (refused in production by the configuration check).
          execute: settings.allowInsecureRequests ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw this.unavailable(error);
      });
    return this.configuration;
  }

  /** openid-client's errors: the provider's own refusals and failed checks are 4xx, an unreachable provider 503. */
  private refusal(error: unknown): Error {
    if (error instanceof client.AuthorizationResponseError) return providerRefused(error.error);
    if (error instanceof client.ResponseBodyError) {
      this.logger.warn(`OIDC: the provider refused the code or token (${error.error})`);
      return responseInvalid();
    }
    if (error instanceof client.WWWAuthenticateChallengeError) {
      this.logger.warn('OIDC: the provider refused the access token at its userinfo endpoint');
      return responseInvalid();
    }
    if (error instanceof client.ClientError) {
      if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON')
        return this.unavailable(error);
      this.logger.warn(`OIDC: the provider's answer failed a check (${error.code ?? error.message})`);
      return responseInvalid();
    }
    return this.unavailable(error);
  }

  private unavailable(error: unknown): ProviderUnavailableException {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`OIDC: the provider at ${this.config.oidc?.issuer} cannot be used: ${reason}`);
    return new ProviderUnavailableException(reason);
  }
}
