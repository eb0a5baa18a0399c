import { ConfigError, loadConfig } from './config';

describe('login, session and second-factor settings', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/koers' };
  const production = {
    ...base,
    NODE_ENV: 'production',
    TOTP_ENCRYPTION_KEY: 'a'.repeat(64),
    AUDIT_CHAIN_KEY: 'b'.repeat(64),
  };
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('applies defaults', () => {
    expect(loadConfig(base)).toMatchObject({
      sessionIdleMinutes: 30,
      demoMode: false,
      loginMaxFailures: 5,
      loginIpMaxFailures: 50,
      loginWindowMinutes: 15,
      loginLockMinutes: 15,
      trustProxy: false,
      totpEncryptionKeyIsDevelopmentDefault: true,
    });
    expect(loadConfig(base).totpEncryptionKey).toHaveLength(32);
  });

  it('never lets the idle timeout outlast the session', () => {
    expect(
      loadConfig({ ...base, SESSION_TTL_MINUTES: '20', SESSION_IDLE_MINUTES: '60' }).sessionIdleMinutes,
    ).toBe(20);
    expect(problems({ ...base, SESSION_IDLE_MINUTES: '1' })).toEqual([
      expect.stringContaining('SESSION_IDLE_MINUTES'),
    ]);
  });

  it('allows demo mode outside production only', () => {
    expect(loadConfig({ ...base, DEMO_MODE: '1' }).demoMode).toBe(true);
    expect(problems({ ...production, DEMO_MODE: '1' })).toEqual([expect.stringContaining('DEMO_MODE=1')]);
    expect(problems({ ...base, DEMO_MODE: 'yes' })).toEqual([
      expect.stringContaining('DEMO_MODE must be 0 or 1'),
    ]);
  });

  it('needs a TOTP key of 32 bytes in production, as hex or base64', () => {
    expect(problems({ ...production, TOTP_ENCRYPTION_KEY: undefined })).toEqual([
      expect.stringContaining('TOTP_ENCRYPTION_KEY is required'),
    ]);
    expect(loadConfig(production).totpEncryptionKey).toEqual(Buffer.alloc(32, 0xaa));
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...production, TOTP_ENCRYPTION_KEY: base64 }).totpEncryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
    for (const bad of ['short', 'a'.repeat(62), Buffer.alloc(31).toString('base64'), `${base64}!`]) {
      expect(problems({ ...production, TOTP_ENCRYPTION_KEY: bad })).toEqual([
        expect.stringContaining('TOTP_ENCRYPTION_KEY must be 32 random bytes'),
      ]);
    }
  });

  it('trusts only the proxies named, never every one', () => {
    const trust = (value: string) => loadConfig({ ...base, TRUST_PROXY: value }).trustProxy;
    expect(trust('')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('loopback')).toBe('loopback');
    expect(trust('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.4')).toBe('loopback,10.0.0.0/8,fd00::/8,192.0.2.4');
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example', '11']) {
      expect(problems({ ...base, TRUST_PROXY: bad })).toEqual([expect.stringContaining('TRUST_PROXY')]);
    }
  });

  it('bounds the throttle settings', () => {
    expect(
      problems({ ...base, LOGIN_MAX_FAILURES: '0', LOGIN_WINDOW_MINUTES: 'x', LOGIN_LOCK_MINUTES: '99999' }),
    ).toEqual([
      expect.stringContaining('LOGIN_MAX_FAILURES'),
      expect.stringContaining('LOGIN_WINDOW_MINUTES'),
      expect.stringContaining('LOGIN_LOCK_MINUTES'),
    ]);
  });
});
