import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/koers' };

  it('applies defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      nodeEnv: 'development',
      testClock: false,
      sessionTtlMinutes: 720,
    });
    expect(config.redisUrl).toBeUndefined();
  });

  it('lists every problem in one readable error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PORT'),
        expect.stringContaining('DATABASE_URL is required'),
        expect.stringContaining('REDIS_URL must start with redis:'),
        expect.stringContaining('LOG_LEVEL'),
      ]),
    );
  });

  it('refuses the test clock in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', TEST_CLOCK: '1' })).toThrow(/TEST_CLOCK/);
  });
});
