import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log (issue 5 item 4, NEN 7513): one row per request that touches client data, hash-chained and
 * append-only. Hand-written: the chain functions and the triggers are beyond what TypeORM generates.
 *
 * - `id` is a gap-free sequence number: the append function takes the next one under a transaction-scoped
 *   advisory lock, so the chain order is the id order and no id is ever skipped (a sequence would leave gaps
 *   on rollback).
 * - `hash` = SHA-256 (hex) of the canonical serialization of the row, which ends with `prev_hash`, the hash
 *   of the row before (64 zeros for the first). `libs/audit/src/audit-canonical.ts` is the same serialization
 *   in TypeScript; `GET /api/audit/verify` recomputes the chain with it, independently of these functions.
 * - A trigger refuses UPDATE, DELETE and TRUNCATE, for every role that does not disable it. In production the
 *   API's database role should moreover lack those privileges (README, "Access log"): the owner role runs the
 *   migrations; the API role gets SELECT and INSERT on audit_log and EXECUTE on audit_log_append only.
 * - Retention: at least 5 years (AUDIT_RETENTION_YEARS). Nothing in Koers deletes rows.
 */
export class AuditLog1795500000000 implements MigrationInterface {
  name = 'AuditLog1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "event" text NOT NULL, "client_ids" uuid array NOT NULL DEFAULT '{}', "user_id" uuid, "party_id" uuid, "party_kind" text, "responsible_user_id" uuid, "access_point" text NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "result" text NOT NULL, "status" smallint NOT NULL, "request_id" uuid NOT NULL, "prev_hash" text NOT NULL, "hash" text NOT NULL, ` +
        `CONSTRAINT "CHK_audit_log_id" CHECK ("id" > 0), ` +
        `CONSTRAINT "CHK_audit_log_event" CHECK ("event" IN ('read', 'search', 'export', 'write', 'audit')), ` +
        `CONSTRAINT "CHK_audit_log_result" CHECK ("result" IN ('ok', 'refused', 'error')), ` +
        `CONSTRAINT "CHK_audit_log_status" CHECK ("status" BETWEEN 100 AND 599), ` +
        `CONSTRAINT "CHK_audit_log_categories" CHECK ("categories" <@ ARRAY['identity', 'trajectory', 'health', 'justice', 'housing', 'finances', 'budget']::text[]), ` +
        `CONSTRAINT "CHK_audit_log_hashes" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'), ` +
        `CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`,
    );
    // "Who looked at this file": the privacy officer searches by client.
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_client_ids" ON "audit_log" USING GIN ("client_ids")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_user" ON "audit_log" ("user_id", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_occurred_at" ON "audit_log" ("occurred_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_audit_log_request" ON "audit_log" ("request_id")`);

    // The canonical serialization: every field as `<bytes>:<text>;` (null as `~;`), lists as `[<n>:<fields>]`,
    // in a fixed order, behind a version tag. Unambiguous, and the same in TypeScript (audit-canonical.ts).
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_field"(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN value IS NULL THEN '~;' ELSE octet_length(value)::text || ':' || value || ';' END
      $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_list"(vals text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN vals IS NULL THEN '~;' ELSE
          '[' || cardinality(vals)::text || ':' ||
          coalesce((SELECT string_agg(audit_log_field(e), '' ORDER BY o) FROM unnest(vals) WITH ORDINALITY AS t(e, o)), '') || ']'
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_canonical"(p_id bigint, p_occurred_at timestamptz, p_event text, p_client_ids uuid[],
          p_user_id uuid, p_party_id uuid, p_party_kind text, p_responsible_user_id uuid, p_access_point text,
          p_categories text[], p_result text, p_status integer, p_request_id uuid, p_prev_hash text)
        RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT 'koers-audit-v1;'
          || audit_log_field(p_id::text)
          || audit_log_field(to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          || audit_log_field(p_event)
          || audit_log_list(p_client_ids::text[])
          || audit_log_field(p_user_id::text)
          || audit_log_field(p_party_id::text)
          || audit_log_field(p_party_kind)
          || audit_log_field(p_responsible_user_id::text)
          || audit_log_field(p_access_point)
          || audit_log_list(p_categories)
          || audit_log_field(p_result)
          || audit_log_field(p_status::text)
          || audit_log_field(p_request_id::text)
          || audit_log_field(p_prev_hash)
      $$`,
    );
    // One call, one round trip: lock the chain head (transaction-scoped, so held until the caller's commit),
    // read the last row with a fresh snapshot (a VOLATILE function's statements each take one), append.
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append"(p_occurred_at timestamptz, p_event text, p_client_ids uuid[], p_user_id uuid,
          p_party_id uuid, p_party_kind text, p_responsible_user_id uuid, p_access_point text, p_categories text[],
          p_result text, p_status integer, p_request_id uuid)
        RETURNS TABLE (entry_id bigint, entry_hash text) LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
          v_at timestamptz := date_trunc('milliseconds', p_occurred_at);
          v_prev_id bigint;
          v_prev_hash text;
        BEGIN
          PERFORM pg_advisory_xact_lock(7513, 1);
          SELECT a.id, a.hash INTO v_prev_id, v_prev_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
          entry_id := coalesce(v_prev_id, 0) + 1;
          v_prev_hash := coalesce(v_prev_hash, repeat('0', 64));
          entry_hash := encode(sha256(convert_to(audit_log_canonical(entry_id, v_at, p_event, p_client_ids, p_user_id,
            p_party_id, p_party_kind, p_responsible_user_id, p_access_point, p_categories, p_result, p_status,
            p_request_id, v_prev_hash), 'UTF8')), 'hex');
          INSERT INTO audit_log (id, occurred_at, event, client_ids, user_id, party_id, party_kind, responsible_user_id,
              access_point, categories, result, status, request_id, prev_hash, hash)
            VALUES (entry_id, v_at, p_event, p_client_ids, p_user_id, p_party_id, p_party_kind, p_responsible_user_id,
              p_access_point, p_categories, p_result, p_status, p_request_id, v_prev_hash, entry_hash);
          RETURN NEXT;
        END
      $$`,
    );

    // Append-only, like trajectory_event: no UPDATE, DELETE or TRUNCATE.
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_append_only" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
    await queryRunner.query(
      `DROP FUNCTION "audit_log_append"(timestamptz, text, uuid[], uuid, uuid, text, uuid, text, text[], text, integer, uuid)`,
    );
    await queryRunner.query(
      `DROP FUNCTION "audit_log_canonical"(bigint, timestamptz, text, uuid[], uuid, uuid, text, uuid, text, text[], text, integer, uuid, text)`,
    );
    await queryRunner.query(`DROP FUNCTION "audit_log_list"(text[])`);
    await queryRunner.query(`DROP FUNCTION "audit_log_field"(text)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_request"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_client_ids"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
