import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type OidcConfig, loadOidcConfig } from './oidc-config';

/** Login, session and second-factor settings (issue 5 item 6), part of KoersConfig. */
export interface AuthConfig {
  /** A session ends after this many minutes without a request (its absolute lifetime is sessionTtlMinutes). */
  sessionIdleMinutes: number;
  /** Demo installations (`npm start` on the embedded database): privacy officers and admins may log in without TOTP. */
  demoMode: boolean;
  /** Failed logins per username within loginWindowMinutes before the username is locked. */
  loginMaxFailures: number;
  /** Failed logins per client address (IPv6: per /64) within loginWindowMinutes before the address is locked. */
  loginIpMaxFailures: number;
  loginWindowMinutes: number;
  /** How long a locked username or address is refused. */
  loginLockMinutes: number;
  /** Express `trust proxy`: false, a hop count, or addresses/subnets of the reverse proxies in front of the API. */
  trustProxy: boolean | number | string;
  /** AES-256-GCM key for the TOTP secrets at rest (32 bytes). */
  totpEncryptionKey: Buffer;
  /** True when no TOTP_ENCRYPTION_KEY was given and the published development key is used (never in production). */
  totpEncryptionKeyIsDevelopmentDefault: boolean;
  /** Single sign-on with an OpenID Connect provider; null when OIDC_ISSUER is unset (oidc-config.ts). */
  oidc: OidcConfig | null;
}

type IntegerReader = (name: string, fallback: number, min: number, max: number) => number;

/** Not a secret: it only keeps development and test databases from holding TOTP secrets in the clear. */
const DEVELOPMENT_TOTP_KEY = createHash('sha256').update('koers development TOTP key (public)').digest();
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function loadAuthConfig(
  env: NodeJS.ProcessEnv,
  nodeEnv: string,
  integer: IntegerReader,
  problems: string[],
  sessionTtlMinutes: number,
): AuthConfig {
  const production = nodeEnv === 'production';

  const demo = env.DEMO_MODE ?? '0';
  if (demo !== '0' && demo !== '1') problems.push(`DEMO_MODE must be 0 or 1 (got "${demo}")`);
  if (demo === '1' && production) problems.push('DEMO_MODE=1 is not allowed when NODE_ENV=production');

  let totpEncryptionKey = DEVELOPMENT_TOTP_KEY;
  const rawKey = env.TOTP_ENCRYPTION_KEY;
  if (rawKey) {
    const key = /^[0-9a-fA-F]{64}$/.test(rawKey) ? Buffer.from(rawKey, 'hex') : Buffer.from(rawKey, 'base64');
    if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(rawKey) && key.toString('base64') !== rawKey))
      problems.push(
        'TOTP_ENCRYPTION_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
      );
    else totpEncryptionKey = key;
  } else if (production) {
    problems.push(
      'TOTP_ENCRYPTION_KEY is required when NODE_ENV=production (e.g. `openssl rand -base64 32`)',
    );
  }

  return {
    sessionIdleMinutes: Math.min(integer('SESSION_IDLE_MINUTES', 30, 2, 24 * 60), sessionTtlMinutes),
    demoMode: demo === '1',
    loginMaxFailures: integer('LOGIN_MAX_FAILURES', 5, 1, 100),
    loginIpMaxFailures: integer('LOGIN_IP_MAX_FAILURES', 50, 1, 100_000),
    loginWindowMinutes: integer('LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    loginLockMinutes: integer('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    trustProxy: trustProxy(env.TRUST_PROXY, problems),
    totpEncryptionKey,
    totpEncryptionKeyIsDevelopmentDefault: !rawKey,
    oidc: loadOidcConfig(env, nodeEnv, problems),
  };
}

function trustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops;
  }
  const items = raw.split(',').map((item) => item.trim());
  const valid = items.every((item) => {
    if (PROXY_NAMES.has(item)) return true;
    const [address, prefix, ...rest] = item.split('/');
    if (rest.length > 0 || !isIP(address)) return false;
    return (
      prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128))
    );
  });
  if (!valid) {
    problems.push(
      `TRUST_PROXY must be a hop count (1-10) or a comma-separated list of loopback, linklocal, uniquelocal, addresses and subnets (got "${raw}"); "true" is not accepted: it would let any client choose its own address`,
    );
    return false;
  }
  return items.join(',');
}
