import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795354408262 implements MigrationInterface {
  name = 'InitialSchema1795354408262';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "municipality" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "code" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f01eb47e7b81481ca5a146a786d" UNIQUE ("code"), CONSTRAINT "PK_281ad341f20df7c41b83a182e2a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3d167b356855e32253a22c579b" ON "team"  ("municipality_id") `);
    await queryRunner.query(
      `CREATE TABLE "party" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6189b3d533e140bb33a6d2cec1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "party_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'member', "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c480e576dd71729addbc2d51b6" ON "app_user"  ("username") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_de77244d025431c6026ce675d2" ON "app_user"  ("party_id") `);
    await queryRunner.query(
      `CREATE TABLE "client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "display_name" text NOT NULL, "birth_date" date, "bsn" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96da49381769303a6515a8785c7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_230a7b5cdb4b5545ec09a31a4e" ON "client"  ("team_id") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"  ("id") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a83507eb0338ac037780e02f2b" ON "session"  ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_30e98e8746699fb9af235410af" ON "session"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "team_member" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_34169355c6d1744228f5bb75549" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0724b86622f89c433dee4cd8b1" ON "team_member"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "trajectory" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "team_id" uuid NOT NULL, "machine_id" text NOT NULL, "machine_version" integer NOT NULL, "xstate_version" text NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "stage" text NOT NULL, "stage_entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "REL_8ab43f16e150c37776473d8891" UNIQUE ("client_id"), CONSTRAINT "CHK_trajectory_version_positive" CHECK ("version" > 0), CONSTRAINT "PK_373f211dd1c96fdf1344f604847" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e7986d6c7e829a43df0d963a87" ON "trajectory"  ("team_id", "stage") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trajectory_event" ("id" BIGSERIAL NOT NULL, "trajectory_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "from_stage" text, "to_stage" text NOT NULL, "user_id" uuid, "party_id" uuid, "party_kind" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_trajectory_event_seq_positive" CHECK ("seq" > 0), CONSTRAINT "PK_62e435caf8eec8c323bcb61bb70" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8da83b3ac32bbf21b3dc54f0e9" ON "trajectory_event"  ("trajectory_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "FK_3d167b356855e32253a22c579b2" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_de77244d025431c6026ce675d2c" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client" ADD CONSTRAINT "FK_230a7b5cdb4b5545ec09a31a4ef" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client" ADD CONSTRAINT "FK_46d6988875665c576a9c283d466" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_30e98e8746699fb9af235410aff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_0724b86622f89c433dee4cd8b17" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory" ADD CONSTRAINT "FK_8ab43f16e150c37776473d8891e" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory" ADD CONSTRAINT "FK_3370309a9e80beabe8e0208eea4" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" ADD CONSTRAINT "FK_b6e52d3294db97dd343f21f1b19" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" ADD CONSTRAINT "FK_0cb0bb251e04652caaa32e31e6d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" ADD CONSTRAINT "FK_2a28e5436c30de1472b74c734bb" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Reviewed addition: the history is append-only. The application cannot rewrite, delete or truncate it.
    await queryRunner.query(
      `CREATE FUNCTION "trajectory_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trajectory_event is append-only (% refused)', TG_OP; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trajectory_event_append_only" BEFORE UPDATE OR DELETE ON "trajectory_event" FOR EACH ROW EXECUTE FUNCTION "trajectory_event_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trajectory_event_no_truncate" BEFORE TRUNCATE ON "trajectory_event" FOR EACH STATEMENT EXECUTE FUNCTION "trajectory_event_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trajectory_event_no_truncate" ON "trajectory_event"`);
    await queryRunner.query(`DROP TRIGGER "trajectory_event_append_only" ON "trajectory_event"`);
    await queryRunner.query(`DROP FUNCTION "trajectory_event_append_only"()`);
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" DROP CONSTRAINT "FK_2a28e5436c30de1472b74c734bb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" DROP CONSTRAINT "FK_0cb0bb251e04652caaa32e31e6d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_event" DROP CONSTRAINT "FK_b6e52d3294db97dd343f21f1b19"`,
    );
    await queryRunner.query(`ALTER TABLE "trajectory" DROP CONSTRAINT "FK_3370309a9e80beabe8e0208eea4"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP CONSTRAINT "FK_8ab43f16e150c37776473d8891e"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_0724b86622f89c433dee4cd8b17"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_30e98e8746699fb9af235410aff"`);
    await queryRunner.query(`ALTER TABLE "client" DROP CONSTRAINT "FK_46d6988875665c576a9c283d466"`);
    await queryRunner.query(`ALTER TABLE "client" DROP CONSTRAINT "FK_230a7b5cdb4b5545ec09a31a4ef"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_de77244d025431c6026ce675d2c"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_3d167b356855e32253a22c579b2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8da83b3ac32bbf21b3dc54f0e9"`);
    await queryRunner.query(`DROP TABLE "trajectory_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e7986d6c7e829a43df0d963a87"`);
    await queryRunner.query(`DROP TABLE "trajectory"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0724b86622f89c433dee4cd8b1"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_30e98e8746699fb9af235410af"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a83507eb0338ac037780e02f2b"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_message_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_230a7b5cdb4b5545ec09a31a4e"`);
    await queryRunner.query(`DROP TABLE "client"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_de77244d025431c6026ce675d2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c480e576dd71729addbc2d51b6"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "party"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3d167b356855e32253a22c579b"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP TABLE "municipality"`);
  }
}
