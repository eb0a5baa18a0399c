import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { type AuditEvent, type AuditResult, inPgTransaction, preparedQuery } from '@koers/persistence';
import { type CheckpointRow, checkpointMac, keyIdOf } from './audit-anchor';
import type { ChainRow } from './audit-canonical';

/** Anything that runs a query: the DataSource, or a QueryRunner in a transaction. */
export interface ChainQuery {
  query(text: string, values: unknown[]): Promise<unknown>;
}

export interface AuditAppend {
  occurredAt: Date;
  event: AuditEvent;
  clientIds: string[];
  userId: string | null;
  partyId: string | null;
  partyKind: string | null;
  responsibleUserId: string | null;
  accessPoint: string;
  categories: string[];
  result: AuditResult;
  status: number;
  requestId: string;
  /** The legal basis kind of each client of `clientIds`, in the same order (see AuditService). */
  clientBases: string[];
}

export interface AuditFilter {
  clientId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  event?: AuditEvent;
  /** Leave out one event (the privacy officer's own reads, in "who looked at this file"). */
  exceptEvent?: AuditEvent;
  result?: AuditResult;
  /** Only rows with a smaller id (the cursor of the next page). */
  beforeId?: string;
  limit: number;
}

export interface AuditEntryRow {
  id: string;
  occurredAt: Date;
  event: AuditEvent;
  clientIds: string[];
  /** The legal basis of each client of `clientIds` (same order); null for rows written before it was logged. */
  clientBases: string[] | null;
  userId: string | null;
  userDisplayName: string | null;
  partyId: string | null;
  partyKind: string | null;
  responsibleUserId: string | null;
  accessPoint: string;
  categories: string[];
  result: AuditResult;
  status: number;
  requestId: string;
}

export interface ReaderRow {
  userId: string | null;
  userDisplayName: string | null;
  partyKind: string | null;
  accesses: number;
  refused: number;
  firstAt: Date;
  lastAt: Date;
  events: string[];
  categories: string[];
}

type AppendedRow = { id: string; hash: string };

/** At most this many rows per group commit. */
const APPEND_BATCH = 100;

const APPEND = `SELECT entry_id::text AS id, entry_hash AS hash
  FROM audit_log_append($1, $2, $3::uuid[], $4, $5, $6, $7, $8, $9::text[], $10, $11, $12, $13::text[])`;

function appendValues(entry: AuditAppend): unknown[] {
  return [
    entry.occurredAt,
    entry.event,
    entry.clientIds,
    entry.userId,
    entry.partyId,
    entry.partyKind,
    entry.responsibleUserId,
    entry.accessPoint,
    entry.categories,
    entry.result,
    entry.status,
    entry.requestId,
    entry.clientBases,
  ];
}

const INSERT_CHECKPOINT = `INSERT INTO audit_checkpoint (head_id, head_hash, key_id, mac) VALUES ($1, $2, $3, $4)`;

/** The only code that touches `audit_log`: appends go through `audit_log_append`, reads are the privacy officer's. */
@Injectable()
export class AuditLogRepository {
  private readonly keyId: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KOERS_CONFIG) private readonly config: Pick<KoersConfig, 'auditChainKey'>,
  ) {
    this.keyId = keyIdOf(config.auditChainKey);
  }

  private queue: {
    entry: AuditAppend;
    resolve: (row: AppendedRow) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private flushing = false;

  /**
   * Appends one row and resolves once it is committed. Appends are group-committed: while one batch is being
   * written, the next requests queue, and the following batch writes them all in one transaction (one chain lock,
   * one commit flush), each behind its own savepoint so a bad row fails only its own request. The chain lock is
   * transaction-scoped, so this transaction holds nothing else and ends at once.
   */
  append(entry: AuditAppend): Promise<AppendedRow> {
    return new Promise<AppendedRow>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, APPEND_BATCH);
        const outcomes: ({ ok: true; row: AppendedRow } | { ok: false; error: unknown })[] = [];
        try {
          await inPgTransaction(this.dataSource, async (query) => {
            for (const { entry } of batch) {
              await query('SAVEPOINT audit_append');
              try {
                const [row] = await query<AppendedRow>(APPEND, appendValues(entry), 'koers_audit_append_v2');
                outcomes.push({ ok: true, row });
                await query('RELEASE SAVEPOINT audit_append');
              } catch (error) {
                outcomes.push({ ok: false, error });
                await query('ROLLBACK TO SAVEPOINT audit_append');
              }
            }
            // Anchor the batch: a checkpoint for its last row, committed with the rows (see audit-anchor.ts).
            const head = outcomes.flatMap((o) => (o.ok ? [o.row] : [])).at(-1);
            if (head) {
              const mac = checkpointMac(this.config.auditChainKey, head.id, head.hash);
              await query(INSERT_CHECKPOINT, [head.id, head.hash, this.keyId, mac], 'koers_audit_checkpoint');
            }
          });
        } catch (error) {
          // The commit failed: no row of the batch is in the log, so every request of the batch fails.
          batch.forEach((item) => item.reject(error));
          continue;
        }
        batch.forEach((item, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) item.resolve(outcome.row);
          else item.reject(outcome.error);
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The legal basis kind of each client that has a trajectory (`trajectory.legal_basis`), for the row about to be
   * appended. Outside the chain lock, so it costs the appends nothing.
   */
  async basesOf(clientIds: readonly string[]): Promise<Map<string, string>> {
    if (clientIds.length === 0) return new Map();
    const rows = await preparedQuery<{ clientId: string; basis: string }>(
      this.dataSource,
      'koers_audit_bases',
      `SELECT client_id::text AS "clientId", legal_basis AS basis FROM trajectory WHERE client_id = ANY($1::uuid[])`,
      [clientIds],
    );
    return new Map(rows.map((row) => [row.clientId, row.basis]));
  }

  /** Newest first. Unnamed statement: planned with the actual filters, so the GIN index serves `clientId`. */
  search(filter: AuditFilter): Promise<AuditEntryRow[]> {
    return this.dataSource.query(
      `SELECT a.id::text AS id, a.occurred_at AS "occurredAt", a.event, a.client_ids::text[] AS "clientIds",
              a.client_bases AS "clientBases", a.user_id AS "userId", u.display_name AS "userDisplayName", a.party_id AS "partyId",
              a.party_kind AS "partyKind", a.responsible_user_id AS "responsibleUserId",
              a.access_point AS "accessPoint", a.categories, a.result, a.status, a.request_id AS "requestId"
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
        WHERE ($1::uuid IS NULL OR a.client_ids @> ARRAY[$1::uuid])
          AND ($2::uuid IS NULL OR a.user_id = $2::uuid)
          AND ($3::timestamptz IS NULL OR a.occurred_at >= $3::timestamptz)
          AND ($4::timestamptz IS NULL OR a.occurred_at < $4::timestamptz)
          AND ($5::text IS NULL OR a.event = $5::text)
          AND ($6::text IS NULL OR a.result = $6::text)
          AND ($7::bigint IS NULL OR a.id < $7::bigint)
          AND ($9::text IS NULL OR a.event <> $9::text)
        ORDER BY a.id DESC
        LIMIT $8`,
      [
        filter.clientId ?? null,
        filter.userId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.event ?? null,
        filter.result ?? null,
        filter.beforeId ?? null,
        filter.limit,
        filter.exceptEvent ?? null,
      ],
    );
  }

  /**
   * Who read or changed this client's data: per user and party, how often, when first and last, what events
   * and (for accesses that went through) which categories. The privacy officer's own reads of the log are left out.
   */
  readersOf(clientId: string): Promise<ReaderRow[]> {
    return this.dataSource.query(
      `WITH r AS (
         SELECT user_id, party_kind, event, categories, result, occurred_at FROM audit_log
          WHERE client_ids @> ARRAY[$1::uuid] AND event <> 'audit'
       ), g AS (
         SELECT user_id, party_kind,
                count(*) FILTER (WHERE result = 'ok')::int AS accesses,
                count(*) FILTER (WHERE result <> 'ok')::int AS refused,
                min(occurred_at) AS first_at, max(occurred_at) AS last_at,
                array_agg(DISTINCT event ORDER BY event) AS events
           FROM r GROUP BY user_id, party_kind
       ), c AS (
         SELECT user_id, party_kind, array_agg(DISTINCT category ORDER BY category) AS categories
           FROM r CROSS JOIN LATERAL unnest(r.categories) AS category
          WHERE r.result = 'ok' GROUP BY user_id, party_kind
       )
       SELECT g.user_id AS "userId", u.display_name AS "userDisplayName", g.party_kind AS "partyKind",
              g.accesses, g.refused, g.first_at AS "firstAt", g.last_at AS "lastAt", g.events,
              coalesce(c.categories, '{}') AS categories
         FROM g
         LEFT JOIN c ON c.user_id IS NOT DISTINCT FROM g.user_id AND c.party_kind IS NOT DISTINCT FROM g.party_kind
         LEFT JOIN app_user u ON u.id = g.user_id
        ORDER BY g.last_at DESC, g.user_id`,
      [clientId],
    );
  }

  /**
   * Rows after `afterId` in chain order, every value as text exactly as the chain hashed it. `query` runs it on
   * another connection (a test's transaction); by default the pool's.
   */
  /** Checkpoints after `afterId` in id order, each with the hash its row has now (null if the row is gone). */
  async checkpointBatch(
    afterId: string,
    limit: number,
    query: ChainQuery = this.dataSource,
  ): Promise<CheckpointRow[]> {
    return (await query.query(
      `SELECT c.id::text AS id, c.head_id::text AS "headId", c.head_hash AS "headHash", c.key_id AS "keyId", c.mac,
              a.hash AS "rowHash"
         FROM audit_checkpoint c LEFT JOIN audit_log a ON a.id = c.head_id
        WHERE c.id > $1::bigint ORDER BY c.id LIMIT $2`,
      [afterId, limit],
    )) as CheckpointRow[];
  }

  async chainBatch(afterId: string, limit: number, query: ChainQuery = this.dataSource): Promise<ChainRow[]> {
    return (await query.query(
      `SELECT id::text AS id,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
              event, client_ids::text[] AS "clientIds", user_id::text AS "userId", party_id::text AS "partyId",
              party_kind AS "partyKind", responsible_user_id::text AS "responsibleUserId",
              access_point AS "accessPoint", categories, result, status::text AS status,
              request_id::text AS "requestId", prev_hash AS "prevHash", hash,
              canonical_version AS "canonicalVersion", client_bases AS "clientBases"
         FROM audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
      [afterId, limit],
    )) as ChainRow[];
  }
}
