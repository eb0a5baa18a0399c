import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_EVENTS = ['read', 'search', 'export', 'write', 'audit'] as const;
/** What the request did with client data; `audit` is the privacy officer reading the log itself. */
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export const AUDIT_RESULTS = ['ok', 'refused', 'error'] as const;
/** `ok` for 2xx/3xx, `refused` for 4xx (e.g. 403, 404, 400), `error` for 5xx; the exact code is in `status`. */
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/**
 * The access log (NEN 7513): one row per request through which client data was read, searched, exported or
 * written, or refused. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: rows are
 * only ever written by the `audit_log_append` function (migration AuditLog1795500000000), never by TypeORM.
 * No foreign keys: the log outlives users and clients, and their removal must never cascade into it.
 */
@Entity('audit_log')
@Check('CHK_audit_log_id', `"id" > 0`)
@Check('CHK_audit_log_event', `"event" IN ('read', 'search', 'export', 'write', 'audit')`)
@Check('CHK_audit_log_result', `"result" IN ('ok', 'refused', 'error')`)
@Check('CHK_audit_log_status', `"status" BETWEEN 100 AND 599`)
@Check(
  'CHK_audit_log_categories',
  `"categories" <@ ARRAY['identity', 'trajectory', 'health', 'justice', 'housing', 'finances', 'budget']::text[]`,
)
@Check('CHK_audit_log_hashes', `"hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'`)
@Check(
  'CHK_audit_log_client_bases',
  `("canonical_version" = 1 AND "client_bases" IS NULL) OR ("canonical_version" = 2 AND "client_bases" IS NOT NULL AND cardinality("client_bases") = cardinality("client_ids") AND "client_bases" <@ ARRAY['pending', 'consent', 'care_covenant', 'safety_covenant', 'none', 'unknown']::text[])`,
)
// GIN, which TypeORM cannot declare: created by the migration, left alone by schema diffs.
@Index('IDX_audit_log_client_ids', { synchronize: false })
@Index('IDX_audit_log_user', ['userId', 'id'])
@Index('IDX_audit_log_occurred_at', ['occurredAt'])
@Index('IDX_audit_log_request', ['requestId'], { unique: true })
export class AuditLogEntry {
  /** Gap-free chain position (bigint, as a string). */
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'PK_audit_log' })
  id: string;

  /** UTC, millisecond precision. */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  event: AuditEvent;

  /** Every client the request named or returned (sorted, distinct). */
  @Column('uuid', { name: 'client_ids', array: true, default: () => "'{}'" })
  clientIds: string[];

  /** The legal basis kind of each client of `clientIds`, same order (version 2; null in version 1 rows). */
  @Column('text', { name: 'client_bases', array: true, nullable: true })
  clientBases: string[] | null;

  /** Which canonical serialization the hash uses: 1 before the bases were logged, 2 since (audit-canonical.ts). */
  @Column('smallint', { name: 'canonical_version' })
  canonicalVersion: number;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('uuid', { name: 'party_id', nullable: true })
  partyId: string | null;

  @Column('text', { name: 'party_kind', nullable: true })
  partyKind: string | null;

  /** Whoever the user acted for (a deputy standing in, or on someone's behalf); null when acting as themselves. */
  @Column('uuid', { name: 'responsible_user_id', nullable: true })
  responsibleUserId: string | null;

  /** HTTP method and route pattern (`GET /api/clients/:id`), never the concrete URL. */
  @Column('text', { name: 'access_point' })
  accessPoint: string;

  /** Data categories (need-to-know, domain.md §8) the request concerned. */
  @Column('text', { array: true, default: () => "'{}'" })
  categories: string[];

  @Column('text')
  result: AuditResult;

  @Column('smallint')
  status: number;

  /** Also returned to the caller as the X-Request-Id header. */
  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}

/**
 * A checkpoint of the access log (migration AuditCheckpoint1795900000001): the id and hash of the last row of a
 * group commit, with an HMAC-SHA256 over them keyed by AUDIT_CHAIN_KEY, which only the application holds.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); written by AuditLogRepository, never by TypeORM.
 */
@Entity('audit_checkpoint')
@Check(
  'CHK_audit_checkpoint_hashes',
  `"head_hash" ~ '^[0-9a-f]{64}$' AND "mac" ~ '^[0-9a-f]{64}$' AND "key_id" ~ '^[0-9a-f]{16}$'`,
)
@Index('IDX_audit_checkpoint_head', ['headId'])
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_audit_checkpoint',
  })
  id: string;

  /** The row of audit_log it anchors (and, through the chain, every row before it). */
  @Column('bigint', { name: 'head_id' })
  headId: string;

  @Column('text', { name: 'head_hash' })
  headHash: string;

  /** A public fingerprint of the key (audit-anchor.ts keyIdOf). */
  @Column('text', { name: 'key_id' })
  keyId: string;

  @Column('text')
  mac: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
