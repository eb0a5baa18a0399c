import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Tags the serialization, so a later version (e.g. a new column) can be told apart in the same chain. */
export const CANONICAL_VERSION = 'koers-audit-v1';

/**
 * One row of the access log as PostgreSQL prints it (see AuditLogRepository.chainBatch): every value as text,
 * `occurredAt` as `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC.
 */
export interface CanonicalAuditRow {
  id: string;
  occurredAt: string;
  event: string;
  clientIds: readonly string[];
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
 * unambiguous (no two rows serialize alike) and identical to the SQL function `audit_log_canonical`
 * (migration AuditLog1795500000000), which computes the hash when a row is appended.
 */
export function canonicalAuditRow(row: CanonicalAuditRow): string {
  return (
    `${CANONICAL_VERSION};` +
    field(row.id) +
    field(row.occurredAt) +
    field(row.event) +
    list(row.clientIds) +
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

export type ChainBreak = 'sequence' | 'link' | 'hash';

/**
 * Walks rows in id order and checks each against the one before: ids follow on without gaps (the first is 1),
 * `prevHash` is the previous row's hash (GENESIS_HASH for the first) and `hash` is the row's own hash. Fed in
 * batches; `state` carries the last row checked from one batch to the next.
 */
export class ChainVerifier {
  private lastId = 0n;
  private lastHash = GENESIS_HASH;
  rows = 0;
  broken: { id: string; reason: ChainBreak } | null = null;

  /** Returns false once the chain is broken (the rest need not be read). */
  check(batch: readonly ChainRow[]): boolean {
    for (const row of batch) {
      if (this.broken) return false;
      this.rows += 1;
      const id = BigInt(row.id);
      if (id !== this.lastId + 1n) this.broken = { id: row.id, reason: 'sequence' };
      else if (row.prevHash !== this.lastHash) this.broken = { id: row.id, reason: 'link' };
      else if (auditRowHash(row) !== row.hash) this.broken = { id: row.id, reason: 'hash' };
      this.lastId = id;
      this.lastHash = row.hash;
    }
    return !this.broken;
  }

  get headHash(): string {
    return this.lastHash;
  }
}
