import {
  BROWSER_COOKIE,
  browserCookie,
  clearedBrowserCookie,
  cookieValue,
  providerReportsMfa,
  randomToken,
  refusalPage,
  sameHash,
  sha256Hex,
  TOKEN_PATTERN,
} from './oidc-checks';
import {
  accountUnknown,
  loginCodeInvalid,
  ProviderUnavailableException,
  refusalOf,
  stateInvalid,
} from './oidc-refusals';

describe('single sign-on checks', () => {
  it('makes 43-character random tokens that fit the pattern it accepts back', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toHaveLength(43);
      expect(token).toMatch(TOKEN_PATTERN);
    }
  });

  it('compares hashes in full', () => {
    expect(sameHash(sha256Hex('a'), sha256Hex('a'))).toBe(true);
    expect(sameHash(sha256Hex('a'), sha256Hex('b'))).toBe(false);
    expect(sameHash(sha256Hex('a'), sha256Hex('a').slice(0, 62))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });

  it('sets an httpOnly, SameSite=Lax cookie for the sign-in routes only, Secure over https', () => {
    expect(browserCookie('abc', 600, true)).toBe(
      `${BROWSER_COOKIE}=abc; Path=/api/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(clearedBrowserCookie(false)).toBe(
      `${BROWSER_COOKIE}=; Path=/api/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax`,
    );
  });

  it('reads its cookie from a Cookie header, and only a well-formed one', () => {
    const token = randomToken();
    expect(cookieValue(`a=1; ${BROWSER_COOKIE}=${token}; b=2`, BROWSER_COOKIE)).toBe(token);
    expect(cookieValue(`${BROWSER_COOKIE}x=${token}`, BROWSER_COOKIE)).toBeUndefined();
    expect(cookieValue(`${BROWSER_COOKIE}=short`, BROWSER_COOKIE)).toBeUndefined();
    expect(cookieValue(`${BROWSER_COOKIE}=${token};`, BROWSER_COOKIE)).toBe(token);
    expect(cookieValue(undefined, BROWSER_COOKIE)).toBeUndefined();
    expect(cookieValue('garbage', BROWSER_COOKIE)).toBeUndefined();
  });

  it("counts the provider's second factor only from configured amr or acr values", () => {
    const evidence = { mfaAmr: ['mfa', 'hwk'], mfaAcr: ['urn:loa:substantial'] };
    expect(providerReportsMfa({ amr: ['pwd', 'mfa'] }, evidence)).toBe(true);
    expect(providerReportsMfa({ amr: ['hwk'] }, evidence)).toBe(true);
    expect(providerReportsMfa({ acr: 'urn:loa:substantial' }, evidence)).toBe(true);
    expect(providerReportsMfa({ amr: ['pwd'], acr: 'urn:loa:low' }, evidence)).toBe(false);
    expect(providerReportsMfa({}, evidence)).toBe(false);
    // Wrong types are no evidence.
    expect(providerReportsMfa({ amr: 'mfa' }, evidence)).toBe(false);
    expect(providerReportsMfa({ amr: [{ mfa: true }] }, evidence)).toBe(false);
    expect(providerReportsMfa({ acr: ['urn:loa:substantial'] }, evidence)).toBe(false);
    expect(providerReportsMfa({ amr: ['mfa'] }, { mfaAmr: [], mfaAcr: [] })).toBe(false);
  });

  it('renders a Dutch refusal page per code, escaping what it shows', () => {
    const page = refusalPage('oidc_account_unknown', 'https://koers.example/?a=<b>&c="d"');
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Inloggen niet gelukt');
    expect(page).toContain('geen Koers-account');
    expect(page).toContain('href="https://koers.example/?a=&#60;b&#62;&#38;c=&#34;d&#34;"');
    expect(page).not.toMatch(/<script|<style/);
    expect(refusalPage('oidc_code_invalid', '/')).toBeNull();
  });

  it('maps the refusals of the flow to their code and status, and nothing else', () => {
    expect(refusalOf(stateInvalid())).toEqual({ code: 'oidc_state_invalid', status: 400 });
    expect(refusalOf(accountUnknown())).toEqual({ code: 'oidc_account_unknown', status: 403 });
    expect(refusalOf(loginCodeInvalid())).toEqual({ code: 'oidc_code_invalid', status: 401 });
    expect(refusalOf(new ProviderUnavailableException('timeout'))).toEqual({
      code: 'oidc_provider_unavailable',
      status: 503,
    });
    expect(refusalOf(new Error('bug'))).toBeNull();
  });
});
