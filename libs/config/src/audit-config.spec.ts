import { ConfigError, loadConfig } from './config';

describe('AUDIT_CHAIN_KEY', () => {
  const base = { DATABASE_URL: 'postgres://localhost/koers' };
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

  it('defaults to a published development key outside production, and says so', () => {
    const config = loadConfig(base);
    expect(config.auditChainKey).toHaveLength(32);
    expect(config.auditChainKeyIsDevelopmentDefault).toBe(true);
  });

  it('is required in production, as 32 bytes in hex or base64', () => {
    expect(problems({ ...production, AUDIT_CHAIN_KEY: undefined })).toEqual([
      expect.stringContaining('AUDIT_CHAIN_KEY is required'),
    ]);
    expect(loadConfig(production)).toMatchObject({
      auditChainKey: Buffer.alloc(32, 0xbb),
      auditChainKeyIsDevelopmentDefault: false,
    });
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...production, AUDIT_CHAIN_KEY: base64 }).auditChainKey).toEqual(Buffer.alloc(32, 7));
    for (const bad of ['short', 'c'.repeat(63), Buffer.alloc(16).toString('base64'), 'not base64 at all!']) {
      expect(problems({ ...production, AUDIT_CHAIN_KEY: bad })).toEqual([
        expect.stringContaining('AUDIT_CHAIN_KEY must be 32 random bytes'),
      ]);
    }
  });

  it('refuses the development key in production', () => {
    const developmentKey = loadConfig(base).auditChainKey.toString('hex');
    expect(problems({ ...production, AUDIT_CHAIN_KEY: developmentKey })).toEqual([
      expect.stringContaining('must not be the published development key'),
    ]);
  });
});
