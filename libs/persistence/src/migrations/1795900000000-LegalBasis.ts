import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal basis per trajectory in the columns that need it fast, and in the access log (issue 5, domain.md §8,
 * architecture invariant 9). Hand-written.
 *
 * - `trajectory.legal_basis`: the kind of basis the trajectory's data is shared on (`pending`, `consent`,
 *   `care_covenant`, `safety_covenant`, `none`), a column generated from the stored snapshot, so it is written by
 *   the very statement that stores the snapshot and can never disagree with it. The board, lists and every
 *   need-to-know decision read it with the row instead of restoring snapshots. The same derivation is
 *   `legalBasisKindOf` in machines/trajectory/trajectory.rules.ts: change both together.
 * - `audit_log.client_bases`: per client of `client_ids` (same order), the kind of basis it had when the row was
 *   written (`unknown` for an id without a trajectory, e.g. a refused request for a client that does not exist).
 *   Rows written before this migration have none and keep `canonical_version` 1: their hashes stay as they were.
 *   New rows are version 2, whose canonical serialization (`koers-audit-v2`) includes the bases, so a changed
 *   basis breaks the chain like any other edit. `audit_log_append` takes the bases from the audit point, or looks
 *   them up itself when a caller passes none.
 */
/** The generated column's expression, exactly as the Trajectory entity declares it (`asExpression`). */
const LEGAL_BASIS_EXPRESSION = `CASE WHEN jsonb_typeof("snapshot" #> '{context,legalBasis}') = 'object' THEN "snapshot" #>> '{context,legalBasis,kind}' WHEN "snapshot" #>> '{context,closure,reason}' = 'declined' THEN 'none' ELSE 'pending' END`;

export class LegalBasis1795900000000 implements MigrationInterface {
  name = 'LegalBasis1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "trajectory" ADD "legal_basis" text NOT NULL GENERATED ALWAYS AS (${LEGAL_BASIS_EXPRESSION}) STORED`,
    );
    // TypeORM compares a generated column's expression with what it recorded here (as its own migrations do).
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), 'public', 'trajectory', 'GENERATED_COLUMN', 'legal_basis', $1)`,
      [LEGAL_BASIS_EXPRESSION],
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory" ADD CONSTRAINT "CHK_trajectory_legal_basis" CHECK ("legal_basis" IN ('pending', 'consent', 'care_covenant', 'safety_covenant', 'none'))`,
    );

    // Existing rows are version 1; the default only fills them in (and is dropped: every new row says its version).
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "canonical_version" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "canonical_version" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "client_bases" text array`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "CHK_audit_log_client_bases" CHECK (
         ("canonical_version" = 1 AND "client_bases" IS NULL) OR
         ("canonical_version" = 2 AND "client_bases" IS NOT NULL
           AND cardinality("client_bases") = cardinality("client_ids")
           AND "client_bases" <@ ARRAY['pending', 'consent', 'care_covenant', 'safety_covenant', 'none', 'unknown']::text[]))`,
    );

    // Version 2 of the canonical serialization: version 1's fields with the bases after the client ids.
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_canonical_v2"(p_id bigint, p_occurred_at timestamptz, p_event text, p_client_ids uuid[],
          p_client_bases text[], p_user_id uuid, p_party_id uuid, p_party_kind text, p_responsible_user_id uuid,
          p_access_point text, p_categories text[], p_result text, p_status integer, p_request_id uuid, p_prev_hash text)
        RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT 'koers-audit-v2;'
          || audit_log_field(p_id::text)
          || audit_log_field(to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          || audit_log_field(p_event)
          || audit_log_list(p_client_ids::text[])
          || audit_log_list(p_client_bases)
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
    await queryRunner.query(
      `DROP FUNCTION "audit_log_append"(timestamptz, text, uuid[], uuid, uuid, text, uuid, text, text[], text, integer, uuid)`,
    );
    // The bases are looked up before the chain lock is taken, so the lock is held no longer than before.
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append"(p_occurred_at timestamptz, p_event text, p_client_ids uuid[], p_user_id uuid,
          p_party_id uuid, p_party_kind text, p_responsible_user_id uuid, p_access_point text, p_categories text[],
          p_result text, p_status integer, p_request_id uuid, p_client_bases text[] DEFAULT NULL)
        RETURNS TABLE (entry_id bigint, entry_hash text) LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
          v_at timestamptz := date_trunc('milliseconds', p_occurred_at);
          v_bases text[] := p_client_bases;
          v_prev_id bigint;
          v_prev_hash text;
        BEGIN
          IF v_bases IS NULL THEN
            SELECT coalesce(array_agg(coalesce(t.legal_basis, 'unknown') ORDER BY u.o), '{}') INTO v_bases
              FROM unnest(p_client_ids) WITH ORDINALITY AS u(id, o) LEFT JOIN trajectory t ON t.client_id = u.id;
          END IF;
          PERFORM pg_advisory_xact_lock(7513, 1);
          SELECT a.id, a.hash INTO v_prev_id, v_prev_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
          entry_id := coalesce(v_prev_id, 0) + 1;
          v_prev_hash := coalesce(v_prev_hash, repeat('0', 64));
          entry_hash := encode(sha256(convert_to(audit_log_canonical_v2(entry_id, v_at, p_event, p_client_ids, v_bases,
            p_user_id, p_party_id, p_party_kind, p_responsible_user_id, p_access_point, p_categories, p_result, p_status,
            p_request_id, v_prev_hash), 'UTF8')), 'hex');
          INSERT INTO audit_log (id, occurred_at, event, client_ids, client_bases, user_id, party_id, party_kind,
              responsible_user_id, access_point, categories, result, status, request_id, prev_hash, hash, canonical_version)
            VALUES (entry_id, v_at, p_event, p_client_ids, v_bases, p_user_id, p_party_id, p_party_kind,
              p_responsible_user_id, p_access_point, p_categories, p_result, p_status, p_request_id, v_prev_hash,
              entry_hash, 2);
          RETURN NEXT;
        END
      $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Rows of version 2 hash their bases: without the column they could no longer be verified. Refuse to lose that.
    await queryRunner.query(
      `DO $$ BEGIN
         IF EXISTS (SELECT 1 FROM "audit_log" WHERE "canonical_version" <> 1) THEN
           RAISE EXCEPTION 'audit_log holds rows hashed with their legal bases (canonical version 2): reverting would make them unverifiable';
         END IF;
       END $$`,
    );
    await queryRunner.query(
      `DROP FUNCTION "audit_log_append"(timestamptz, text, uuid[], uuid, uuid, text, uuid, text, text[], text, integer, uuid, text[])`,
    );
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
    await queryRunner.query(
      `DROP FUNCTION "audit_log_canonical_v2"(bigint, timestamptz, text, uuid[], text[], uuid, uuid, text, uuid, text, text[], text, integer, uuid, text)`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "CHK_audit_log_client_bases"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "client_bases"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "canonical_version"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP CONSTRAINT "CHK_trajectory_legal_basis"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'trajectory' AND "name" = 'legal_basis'`,
    );
    await queryRunner.query(`ALTER TABLE "trajectory" DROP COLUMN "legal_basis"`);
  }
}
