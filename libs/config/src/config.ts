import { join, resolve } from 'node:path';
import { type AuditConfig, loadAuditConfig } from './audit-config';
import { type AuthConfig, loadAuthConfig } from './auth-config';

/**
 * Configuration comes from environment variables only (architecture invariant 10).
 * `loadConfig` validates them once at start-up and fails with one readable message listing every problem.
 * Login, session and second-factor settings: auth-config.ts.
 */
export interface KoersConfig extends AuthConfig, AuditConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string;
  redisUrl?: string;
  /** Lifetime of a login session (bearer token), in minutes. */
  sessionTtlMinutes: number;
  /** Accepts POST /api/test/clock; never in production. */
  testClock: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** SMTP server for e-mail notifications (smtp:// or smtps://); without it only the in-app inbox is used. */
  smtpUrl?: string;
  mailFrom: string;
  /** Closed trajectories are anonymised this many months after closing (libs/client-rights). */
  clientRetentionMonths: number;
  /** The built web app (Vite output) the API serves at `/`; WEB_DIST_DIR, default `dist/web` under the working directory. */
  webDistDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KoersConfig {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[], required: boolean): string | undefined => {
    const raw = env[name];
    if (!raw) {
      if (required) problems.push(`${name} is required (e.g. ${protocols[0]}//user@host:port/database)`);
      return undefined;
    }
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol))
        problems.push(`${name} must start with ${protocols.join(' or ')}`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const nodeEnv = env.NODE_ENV || 'development';
  const logLevel = (env.LOG_LEVEL || 'log') as KoersConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const testClock = env.TEST_CLOCK === '1';
  if (testClock && nodeEnv === 'production')
    problems.push('TEST_CLOCK=1 is not allowed when NODE_ENV=production');

  const sessionTtlMinutes = integer('SESSION_TTL_MINUTES', 12 * 60, 5, 7 * 24 * 60);
  const config: KoersConfig = {
    nodeEnv,
    port: integer('PORT', 3000, 1, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:'], true) ?? '',
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:'], false),
    sessionTtlMinutes,
    testClock,
    logLevel,
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:'], false),
    mailFrom: env.MAIL_FROM || 'Koers <koers@localhost>',
    clientRetentionMonths: integer('CLIENT_RETENTION_MONTHS', 24, 1, 1200),
    webDistDir: resolve(env.WEB_DIST_DIR || join('dist', 'web')),
    ...loadAuthConfig(env, nodeEnv, integer, problems, sessionTtlMinutes),
    ...loadAuditConfig(env, nodeEnv, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A connection URL fit for logs: the password masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}
