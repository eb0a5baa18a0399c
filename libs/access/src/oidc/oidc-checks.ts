import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The pure parts of single sign-on (issue 5 item 6): random values and their hashes, the browser-binding cookie,
 * whether the provider's ID token shows a second factor, and the refusal page a browser gets at the callback.
 */

/** 32 random bytes, base64url: states, nonces, PKCE verifiers (43 characters, as RFC 7636 allows), login codes. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What such a token looks like when it comes back (a generous bound for other providers' states). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,200}$/;

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Compares two hex digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The httpOnly cookie that ties a sign-in attempt to the browser that started it (login CSRF). */
export const BROWSER_COOKIE = 'koers_oidc';
/** Sent only to the two sign-in routes. */
const COOKIE_PATH = '/api/auth/oidc';

/**
 * SameSite=Lax: the provider sends the browser back with a top-level GET from its own site, which Lax cookies
 * accompany; Strict ones would not. Secure whenever Koers is reached over https.
 */
export function browserCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${BROWSER_COOKIE}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export const clearedBrowserCookie = (secure: boolean): string => browserCookie('', 0, secure);

/** The value of one cookie in a Cookie header; undefined when absent or not a token. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return undefined;
}

export interface MfaEvidence {
  /** `amr` values that count as a second factor (OIDC_MFA_AMR). */
  mfaAmr: readonly string[];
  /** `acr` values that count as a second factor (OIDC_MFA_ACR). */
  mfaAcr: readonly string[];
}

/**
 * Whether the ID token shows that the provider checked a second factor: an `amr` value (RFC 8176, e.g. `mfa`) or
 * the `acr` among those configured. Anything else (no claims, other types) is no evidence: Koers then asks for its
 * own TOTP code where a password login would.
 */
export function providerReportsMfa(claims: Record<string, unknown>, evidence: MfaEvidence): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (amr.some((value) => evidence.mfaAmr.includes(value))) return true;
  return typeof claims.acr === 'string' && evidence.mfaAcr.includes(claims.acr);
}

/** The refusals of the callback, by the code in the error's details; the page a browser shows says it in Dutch. */
const DUTCH: Record<string, string> = {
  oidc_state_invalid:
    'Deze inlogpoging is verlopen, al gebruikt of in een andere browser begonnen. Begin opnieuw vanaf de inlogpagina.',
  oidc_provider_refused: 'Het inloggen bij uw organisatie is afgebroken of geweigerd.',
  oidc_response_invalid:
    'Het antwoord van uw organisatie kon niet worden gecontroleerd. Begin opnieuw; gebeurt dit vaker, neem dan contact op met de beheerder.',
  oidc_account_unknown:
    'Aan dit account is geen Koers-account gekoppeld. Toegang tot Koers krijgt u van de beheerder van Koers.',
  oidc_account_disabled: 'Uw Koers-account is uitgeschakeld. Neem contact op met de beheerder van Koers.',
  oidc_provider_unavailable:
    'Uw organisatie is nu niet bereikbaar voor het inloggen. Probeer het later opnieuw.',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page (no scripts or styles: the API's Content-Security-Policy allows none) for a refused sign-in. */
export function refusalPage(code: string, homeUrl: string): string | null {
  const message = DUTCH[code];
  if (!message) return null;
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Inloggen niet gelukt - Koers</title></head><body>',
    '<main><h1>Inloggen niet gelukt</h1>',
    `<p>${escapeHtml(message)}</p>`,
    `<p><a href="${escapeHtml(homeUrl)}">Terug naar Koers</a></p>`,
    `<p><small>Code: ${escapeHtml(code)}</small></p>`,
    '</main></body></html>',
  ].join('\n');
}
