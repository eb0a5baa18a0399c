/**
 * Optional single sign-on with an OpenID Connect provider (issue 5 item 6), part of KoersConfig. Off unless
 * OIDC_ISSUER is set; then the client id and the redirect URI are required too. Every OIDC_ variable is checked
 * here, so a typo fails at start-up with a readable message instead of at the first login.
 */
export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Without it Koers is a public client (PKCE only, token endpoint authentication `none`). */
  clientSecret?: string;
  /** Registered at the provider; ends in /api/auth/oidc/callback. */
  redirectUri: string;
  /** Where the callback sends the browser with the one-time login code (in the fragment): the web app. */
  webLoginUrl: string;
  /** Space-separated; always includes `openid`. */
  scope: string;
  /** The claim whose value is matched against Koers usernames to link an identity at its first login; null: off. */
  usernameClaim: string | null;
  /** Shown on the web app's login button: "Inloggen met <label>". */
  label: string;
  /** `amr` values (RFC 8176) that show the provider checked a second factor. */
  mfaAmr: string[];
  /** `acr` values that show the provider checked a second factor. */
  mfaAcr: string[];
  /** An http:// issuer (a provider on this machine in development and tests); never in production. */
  allowInsecureRequests: boolean;
}

const CALLBACK_PATH = '/api/auth/oidc/callback';
const CLAIM_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;
// RFC 6749 scope-token characters.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const PRINTABLE = /^[^\p{Cc}]+$/u;

export function loadOidcConfig(
  env: NodeJS.ProcessEnv,
  nodeEnv: string,
  problems: string[],
): OidcConfig | null {
  const production = nodeEnv === 'production';
  const issuerRaw = env.OIDC_ISSUER?.trim();
  if (!issuerRaw) {
    const stray = Object.keys(env)
      .filter((name) => name.startsWith('OIDC_') && env[name])
      .sort();
    if (stray.length > 0) {
      problems.push(
        `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but OIDC_ISSUER is not: set OIDC_ISSUER to turn single sign-on on, or remove the OIDC_ variables`,
      );
    }
    return null;
  }

  const httpUrl = (name: string, raw: string): URL | null => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      problems.push(`${name} is not a valid URL (got "${raw}")`);
      return null;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) {
      problems.push(
        `${name} must be an https:// URL${production ? ' when NODE_ENV=production' : ' (http:// only outside production)'} (got "${raw}")`,
      );
      return null;
    }
    if (url.search || url.hash || url.username || url.password) {
      problems.push(`${name} must not carry a query, fragment or credentials (got "${raw}")`);
      return null;
    }
    return url;
  };

  const issuer = httpUrl('OIDC_ISSUER', issuerRaw);

  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  if (!clientId)
    problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER (the client id Koers has at the provider)');
  else if (clientId.length > 255 || !PRINTABLE.test(clientId))
    problems.push('OIDC_CLIENT_ID must be at most 255 printable characters');

  const clientSecret = env.OIDC_CLIENT_SECRET || undefined;
  if (clientSecret !== undefined && (clientSecret.length > 1000 || !PRINTABLE.test(clientSecret)))
    problems.push('OIDC_CLIENT_SECRET must be at most 1000 printable characters');

  let redirectUri: URL | null = null;
  const redirectRaw = env.OIDC_REDIRECT_URI?.trim();
  if (!redirectRaw) {
    problems.push(
      `OIDC_REDIRECT_URI is required with OIDC_ISSUER: Koers's public address followed by ${CALLBACK_PATH} (e.g. https://koers.example.nl${CALLBACK_PATH}), registered at the provider`,
    );
  } else {
    redirectUri = httpUrl('OIDC_REDIRECT_URI', redirectRaw);
    if (redirectUri && !redirectUri.pathname.endsWith(CALLBACK_PATH)) {
      problems.push(
        `OIDC_REDIRECT_URI must end with ${CALLBACK_PATH}, the route that receives the provider's answer (got "${redirectRaw}")`,
      );
      redirectUri = null;
    }
  }

  const scope = (env.OIDC_SCOPE?.trim() || 'openid profile').split(/\s+/);
  if (!scope.includes('openid')) problems.push(`OIDC_SCOPE must include openid (got "${env.OIDC_SCOPE}")`);
  if (!scope.every((token) => SCOPE_TOKEN.test(token)))
    problems.push(`OIDC_SCOPE must be scope names separated by spaces (got "${env.OIDC_SCOPE}")`);

  const claimRaw = env.OIDC_USERNAME_CLAIM?.trim() || 'preferred_username';
  if (claimRaw !== 'none' && !CLAIM_NAME.test(claimRaw)) {
    problems.push(
      `OIDC_USERNAME_CLAIM must be a claim name (letters, digits, "_", ".", ":", "-") or none (got "${claimRaw}")`,
    );
  }

  const label = env.OIDC_LABEL?.trim() || 'gemeente-account';
  if (label.length > 60 || !PRINTABLE.test(label))
    problems.push('OIDC_LABEL must be at most 60 printable characters');

  const list = (name: string, fallback: string): string[] => {
    const raw = env[name] ?? fallback;
    const values = raw
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    if (!values.every((value) => /^[\x21-\x7E]{1,200}$/.test(value)))
      problems.push(`${name} must be a comma-separated list of values without spaces (got "${raw}")`);
    return values;
  };

  const webLoginUrl = redirectUri
    ? new URL(
        `${redirectUri.pathname.slice(0, -CALLBACK_PATH.length)}/login/oidc`,
        redirectUri.origin,
      ).toString()
    : '';

  return {
    // As given: the provider's discovery document must name exactly this issuer.
    issuer: issuerRaw,
    clientId,
    clientSecret,
    redirectUri: redirectUri?.toString() ?? '',
    webLoginUrl,
    scope: scope.join(' '),
    usernameClaim: claimRaw === 'none' ? null : claimRaw,
    label,
    mfaAmr: list('OIDC_MFA_AMR', 'mfa'),
    mfaAcr: list('OIDC_MFA_ACR', ''),
    allowInsecureRequests: issuer?.protocol === 'http:',
  };
}
