import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Tags of the serialization, by `canonical_version`, so a later version (a new column) can be told apart in the
 * same chain. Version 2 (migration LegalBasis1795900000000) adds the legal basis of each client; rows written
 * before it stay version 1 and keep their hashes.
 */
export const CANONICAL_VERSIONS = { 1: 'koers-audit-v1', 2: 'koers-audit-v2' } as const;
export type CanonicalVersion = keyof typeof CANONICAL_VERSIONS;
/** The version new rows are written in. */
export const CURRENT_CANONICAL_VERSION: CanonicalVersion = 2;

/**
 * One row of the access log as PostgreSQL prints it (see AuditLogRepository.chainBatch): every value as text,
 * `occurredAt` as `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC.
 */
export interface CanonicalAuditRow {
  /** Which serialization the row's hash uses (see CANONICAL_VERSIONS). */
  canonicalVersion: CanonicalVersion;
  id: string;
  occurredAt: string;
  event: string;
  clientIds: readonly string[];
  /** Version 2: the legal basis kind of each client of `clientIds`, in the same order; null in version 1. */
  clientBases: readonly string[] | null;
  userId: string | null;
  partyId: string | null;
  partyKind: string | null;
  responsibleUserId: string | null;
  accessPoint: string;
  categories: readonly string[];
  result: string;
  status: string;
  requestId: string;
  prevHash: string;
}

const field = (value: string | null): string =>
  value === null ? '~;' : `${Buffer.byteLength(value, 'utf8')}:${value};`;

const list = (values: readonly (string | null)[] | null): string =>
  values === null ? '~;' : `[${values.length}:${values.map(field).join('')}]`;

/**
 * The canonical serialization the chain hashes: every field as `<bytes>:<text>;` (null as `~;`), lists as
 * `[<count>:<fields>]`, in a fixed order, behind a version tag, ending with the previous row's hash. It is
 * unambiguous (no two rows serialize alike) and identical to the SQL functions `audit_log_canonical` (version 1,
 * migration AuditLog1795500000000) and `audit_log_canonical_v2` (version 2, with the clients' legal bases after
 * their ids; migration LegalBasis1795900000000), which compute the hash when a row is appended.
 */
export function canonicalAuditRow(row: CanonicalAuditRow): string {
  const tag = CANONICAL_VERSIONS[row.canonicalVersion];
  if (tag === undefined) throw new Error(`Unknown canonical version ${String(row.canonicalVersion)}`);
  return (
    `${tag};` +
    field(row.id) +
    field(row.occurredAt) +
    field(row.event) +
    list(row.clientIds) +
    (row.canonicalVersion === 1 ? '' : list(row.clientBases)) +
    field(row.userId) +
    field(row.partyId) +
    field(row.partyKind) +
    field(row.responsibleUserId) +
    field(row.accessPoint) +
    list(row.categories) +
    field(row.result) +
    field(row.status) +
    field(row.requestId) +
    field(row.prevHash)
  );
}

/** SHA-256 (hex) of the row's canonical serialization, which includes the previous row's hash. */
export function auditRowHash(row: CanonicalAuditRow): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}

export interface ChainRow extends CanonicalAuditRow {
  hash: string;
}

export type ChainBreak = 'sequence' | 'link' | 'hash' | 'version';

/**
 * Walks rows in id order and checks each against the one before: ids follow on without gaps (the first is 1),
 * `prevHash` is the previous row's hash (GENESIS_HASH for the first), the canonical version never goes back (a
 * version 1 row after a version 2 row was not written by this system: it would let someone drop the bases from a
 * row and rehash it the old way) and `hash` is the row's own hash. Fed in batches; the verifier carries the last
 * row checked from one batch to the next.
 */
export class ChainVerifier {
  private lastId = 0n;
  private lastHash = GENESIS_HASH;
  private lastVersion = 1;
  rows = 0;
  broken: { id: string; reason: ChainBreak } | null = null;

  /** Returns false once the chain is broken (the rest need not be read). */
  check(batch: readonly ChainRow[]): boolean {
    for (const row of batch) {
      if (this.broken) return false;
      this.rows += 1;
      const id = BigInt(row.id);
      const version = Number(row.canonicalVersion);
      if (id !== this.lastId + 1n) this.broken = { id: row.id, reason: 'sequence' };
      else if (row.prevHash !== this.lastHash) this.broken = { id: row.id, reason: 'link' };
      else if (!(version in CANONICAL_VERSIONS) || version < this.lastVersion)
        this.broken = { id: row.id, reason: 'version' };
      else if (auditRowHash({ ...row, canonicalVersion: version as CanonicalVersion }) !== row.hash)
        this.broken = { id: row.id, reason: 'hash' };
      this.lastId = id;
      this.lastHash = row.hash;
      this.lastVersion = Math.max(this.lastVersion, version);
    }
    return !this.broken;
  }

  get headHash(): string {
    return this.lastHash;
  }

  /** The id of the last row checked (0 before the first). */
  get lastRowId(): bigint {
    return this.lastId;
  }
}
