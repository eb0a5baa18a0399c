import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anchors the access log's hash chain against whoever owns the database (issue 5). The chain alone can be
 * recomputed by anyone who can write the table; a checkpoint cannot be forged without AUDIT_CHAIN_KEY, which only
 * the application holds (an environment variable, never stored in the database).
 *
 * Every group commit of the access log (AuditLogRepository) writes, in its own transaction and under the chain's
 * lock, one checkpoint for the last row it appended: its id and hash and an HMAC-SHA256 over them with the key
 * (`mac`), plus a fingerprint of the key (`key_id`). The rows and their checkpoint commit together, so every row
 * is covered by a checkpoint at or after it, and through the hash chain the checkpoint covers every row before.
 * `GET /api/audit/verify` recomputes the chain, then checks every checkpoint's MAC and that the row it names still
 * has the hash it recorded. Append-only like the log itself. Hand-written.
 */
export class AuditCheckpoint1795900000001 implements MigrationInterface {
  name = 'AuditCheckpoint1795900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoint" ("id" bigint GENERATED ALWAYS AS IDENTITY, "head_id" bigint NOT NULL, "head_hash" text NOT NULL, "key_id" text NOT NULL, "mac" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ` +
        `CONSTRAINT "CHK_audit_checkpoint_hashes" CHECK ("head_hash" ~ '^[0-9a-f]{64}$' AND "mac" ~ '^[0-9a-f]{64}$' AND "key_id" ~ '^[0-9a-f]{16}$'), ` +
        `CONSTRAINT "PK_audit_checkpoint" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_checkpoint_head" ON "audit_checkpoint" ("head_id")`);
    await queryRunner.query(
      `CREATE FUNCTION "audit_checkpoint_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_checkpoint is append-only (% refused)', TG_OP; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_checkpoint_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoint" FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_checkpoint_no_truncate" BEFORE TRUNCATE ON "audit_checkpoint" FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_checkpoint_no_truncate" ON "audit_checkpoint"`);
    await queryRunner.query(`DROP TRIGGER "audit_checkpoint_append_only" ON "audit_checkpoint"`);
    await queryRunner.query(`DROP FUNCTION "audit_checkpoint_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_checkpoint_head"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
  }
}
