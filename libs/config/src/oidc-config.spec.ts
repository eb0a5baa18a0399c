import { ConfigError, loadConfig } from './config';

describe('single sign-on (OIDC) settings', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/koers' };
  const production = {
    ...base,
    NODE_ENV: 'production',
    TOTP_ENCRYPTION_KEY: 'a'.repeat(64),
    AUDIT_CHAIN_KEY: 'b'.repeat(64),
  };
  const on = {
    OIDC_ISSUER: 'https://login.voorbeeldstad.example/realms/gemeente',
    OIDC_CLIENT_ID: 'koers',
    OIDC_REDIRECT_URI: 'https://koers.voorbeeldstad.example/api/auth/oidc/callback',
  };
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };

  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig(base).oidc).toBeNull();
    expect(loadConfig({ ...base, OIDC_ISSUER: '' }).oidc).toBeNull();
  });

  it('refuses OIDC_ variables without OIDC_ISSUER, naming them', () => {
    expect(problems({ ...base, OIDC_CLIENT_ID: 'koers', OIDC_LABEL: 'x' })).toEqual([
      'OIDC_CLIENT_ID, OIDC_LABEL are set but OIDC_ISSUER is not: set OIDC_ISSUER to turn single sign-on on, or remove the OIDC_ variables',
    ]);
  });

  it('applies defaults and derives where the web app receives the login code', () => {
    expect(loadConfig({ ...production, ...on }).oidc).toEqual({
      issuer: on.OIDC_ISSUER,
      clientId: 'koers',
      clientSecret: undefined,
      redirectUri: on.OIDC_REDIRECT_URI,
      webLoginUrl: 'https://koers.voorbeeldstad.example/login/oidc',
      scope: 'openid profile',
      usernameClaim: 'preferred_username',
      label: 'gemeente-account',
      mfaAmr: ['mfa'],
      mfaAcr: [],
      allowInsecureRequests: false,
    });
  });

  it('reads every variable', () => {
    const oidc = loadConfig({
      ...base,
      ...on,
      OIDC_REDIRECT_URI: 'https://gemeente.example/koers/api/auth/oidc/callback',
      OIDC_CLIENT_SECRET: 'geheim-123',
      OIDC_SCOPE: ' openid  profile email ',
      OIDC_USERNAME_CLAIM: 'upn',
      OIDC_LABEL: 'Voorbeeldstad-account',
      OIDC_MFA_AMR: 'mfa, otp,hwk',
      OIDC_MFA_ACR: 'urn:voorbeeldstad:loa:substantial',
    }).oidc;
    expect(oidc).toMatchObject({
      clientSecret: 'geheim-123',
      webLoginUrl: 'https://gemeente.example/koers/login/oidc',
      scope: 'openid profile email',
      usernameClaim: 'upn',
      label: 'Voorbeeldstad-account',
      mfaAmr: ['mfa', 'otp', 'hwk'],
      mfaAcr: ['urn:voorbeeldstad:loa:substantial'],
    });
    expect(loadConfig({ ...base, ...on, OIDC_USERNAME_CLAIM: 'none' }).oidc?.usernameClaim).toBeNull();
    expect(loadConfig({ ...base, ...on, OIDC_MFA_AMR: '' }).oidc?.mfaAmr).toEqual([]);
  });

  it('needs the client id and the redirect URI with the issuer', () => {
    expect(problems({ ...base, OIDC_ISSUER: on.OIDC_ISSUER })).toEqual([
      expect.stringContaining('OIDC_CLIENT_ID is required with OIDC_ISSUER'),
      expect.stringContaining('OIDC_REDIRECT_URI is required with OIDC_ISSUER'),
    ]);
  });

  it('accepts http:// only outside production, and then allows insecure requests to the provider', () => {
    const local = {
      ...on,
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/oidc/callback',
    };
    expect(loadConfig({ ...base, ...local }).oidc?.allowInsecureRequests).toBe(true);
    expect(problems({ ...production, ...local })).toEqual([
      'OIDC_ISSUER must be an https:// URL when NODE_ENV=production (got "http://127.0.0.1:4000")',
      'OIDC_REDIRECT_URI must be an https:// URL when NODE_ENV=production (got "http://localhost:3000/api/auth/oidc/callback")',
    ]);
  });

  it('says what is wrong with each value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ OIDC_ISSUER: 'login.example' }, 'OIDC_ISSUER is not a valid URL'],
      [{ OIDC_ISSUER: 'ftp://login.example' }, 'OIDC_ISSUER must be an https:// URL'],
      [{ OIDC_ISSUER: 'https://login.example/?tenant=1' }, 'OIDC_ISSUER must not carry a query'],
      [{ OIDC_CLIENT_ID: 'a'.repeat(256) }, 'OIDC_CLIENT_ID must be at most 255 printable characters'],
      [{ OIDC_CLIENT_SECRET: 'line\nbreak' }, 'OIDC_CLIENT_SECRET must be at most 1000 printable characters'],
      [
        { OIDC_REDIRECT_URI: 'https://koers.example/callback' },
        'OIDC_REDIRECT_URI must end with /api/auth/oidc/callback',
      ],
      [{ OIDC_REDIRECT_URI: 'https://koers.example/api/auth/oidc/callback#x' }, 'must not carry a query'],
      [{ OIDC_SCOPE: 'profile email' }, 'OIDC_SCOPE must include openid'],
      [{ OIDC_SCOPE: 'openid "quoted"' }, 'OIDC_SCOPE must be scope names separated by spaces'],
      [{ OIDC_USERNAME_CLAIM: 'user name' }, 'OIDC_USERNAME_CLAIM must be a claim name'],
      [{ OIDC_LABEL: 'x'.repeat(61) }, 'OIDC_LABEL must be at most 60 printable characters'],
      [{ OIDC_MFA_AMR: 'mfa,two words' }, 'OIDC_MFA_AMR must be a comma-separated list'],
      [{ OIDC_MFA_ACR: 'acr\u0000' }, 'OIDC_MFA_ACR must be a comma-separated list'],
    ];
    for (const [change, message] of cases) {
      expect(problems({ ...production, ...on, ...change })).toEqual([expect.stringContaining(message)]);
    }
  });

  it('lists OIDC problems beside the other settings', () => {
    expect(problems({ ...base, PORT: '0', OIDC_ISSUER: on.OIDC_ISSUER, OIDC_CLIENT_ID: 'koers' })).toEqual([
      expect.stringContaining('PORT'),
      expect.stringContaining('OIDC_REDIRECT_URI is required'),
    ]);
  });
});
