import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin's own log (issue 5 item 1): one row for every change an admin makes to users, teams and parties
 * (who, what, target, when). It is not the access log: no client data passes through user administration.
 * Hand-written; names as the entity declares them (AdminAuditEntry), so a later `migration:generate` finds
 * nothing to change.
 *
 * - Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. In production the API's database role should
 *   moreover have only SELECT and INSERT on it (and USAGE on its id sequence).
 * - No foreign keys: the log outlives the users, teams and parties it names.
 */
export class AdminAudit1795800000000 implements MigrationInterface {
  name = 'AdminAudit1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "admin_audit" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid NOT NULL, "actor_username" text NOT NULL, "action" text NOT NULL, "target_kind" text NOT NULL, "target_id" uuid NOT NULL, "target_label" text, "details" jsonb NOT NULL DEFAULT '{}', "request_id" uuid, ` +
        `CONSTRAINT "CHK_admin_audit_action" CHECK ("action" IN ('user.created', 'user.updated', 'user.password_reset', 'user.unlocked', 'user.totp_reset', 'team.created', 'team.member_added', 'team.member_removed', 'party.created')), ` +
        `CONSTRAINT "CHK_admin_audit_target_kind" CHECK ("target_kind" IN ('user', 'team', 'party')), ` +
        `CONSTRAINT "PK_admin_audit" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_occurred_at" ON "admin_audit" ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_target" ON "admin_audit" ("target_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_actor" ON "admin_audit" ("actor_user_id", "id") `);
    await queryRunner.query(
      `CREATE FUNCTION "admin_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'admin_audit is append-only (% refused)', TG_OP; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_append_only" BEFORE UPDATE OR DELETE ON "admin_audit" FOR EACH ROW EXECUTE FUNCTION "admin_audit_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_no_truncate" BEFORE TRUNCATE ON "admin_audit" FOR EACH STATEMENT EXECUTE FUNCTION "admin_audit_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "admin_audit_no_truncate" ON "admin_audit"`);
    await queryRunner.query(`DROP TRIGGER "admin_audit_append_only" ON "admin_audit"`);
    await queryRunner.query(`DROP FUNCTION "admin_audit_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_admin_audit_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_admin_audit_target"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_admin_audit_occurred_at"`);
    await queryRunner.query(`DROP TABLE "admin_audit"`);
  }
}
