import { createHash } from 'node:crypto';

/** The access log's anchor against the database owner (libs/audit, README "Access log"), part of KoersConfig. */
export interface AuditConfig {
  /**
   * HMAC-SHA256 key of the access log's checkpoints (32 bytes): only the application holds it, so whoever can
   * rewrite the database cannot forge a checkpoint. Every API instance needs the same key.
   */
  auditChainKey: Buffer;
  /** True when no AUDIT_CHAIN_KEY was given and the published development key is used (never in production). */
  auditChainKeyIsDevelopmentDefault: boolean;
}

/** Not a secret: development and test databases still get checkpoints, but anyone could forge them. */
const DEVELOPMENT_AUDIT_CHAIN_KEY = createHash('sha256')
  .update('koers development audit chain key (public)')
  .digest();

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

export function loadAuditConfig(env: NodeJS.ProcessEnv, nodeEnv: string, problems: string[]): AuditConfig {
  const raw = env.AUDIT_CHAIN_KEY;
  if (!raw) {
    if (nodeEnv === 'production')
      problems.push('AUDIT_CHAIN_KEY is required when NODE_ENV=production (e.g. `openssl rand -base64 32`)');
    return { auditChainKey: DEVELOPMENT_AUDIT_CHAIN_KEY, auditChainKeyIsDevelopmentDefault: true };
  }
  const key = HEX_KEY.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32 || (!HEX_KEY.test(raw) && key.toString('base64') !== raw)) {
    problems.push(
      'AUDIT_CHAIN_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
    );
    return { auditChainKey: DEVELOPMENT_AUDIT_CHAIN_KEY, auditChainKeyIsDevelopmentDefault: true };
  }
  if (key.equals(DEVELOPMENT_AUDIT_CHAIN_KEY) && nodeEnv === 'production')
    problems.push('AUDIT_CHAIN_KEY must not be the published development key when NODE_ENV=production');
  return { auditChainKey: key, auditChainKeyIsDevelopmentDefault: false };
}
