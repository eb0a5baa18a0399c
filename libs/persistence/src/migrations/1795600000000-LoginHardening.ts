import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5 item 6: login throttling and lockout per username and client address (`login_throttle`), the idle
 * timeout of sessions (`session.last_seen_at`; sessions that exist get the migration's time) and the optional TOTP
 * second factor (`user_totp`, secrets encrypted). Hand-written; names as TypeORM derives them from the entities,
 * so a later `migration:generate` finds nothing to change.
 */
export class LoginHardening1795600000000 implements MigrationInterface {
  name = 'LoginHardening1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key_hash" text NOT NULL, "kind" text NOT NULL, "attempts" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_login_throttle_kind" CHECK ("kind" IN ('username', 'address')), CONSTRAINT "PK_58297e0a1c374c7c17bd4b74521" PRIMARY KEY ("key_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_totp" ("user_id" uuid NOT NULL, "secret" text, "pending_secret" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_user_totp_confirmed" CHECK (("secret" IS NULL) = ("confirmed_at" IS NULL)), CONSTRAINT "PK_04aa6aca4a656f0d4e1fd30ab10" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_totp" ADD CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_totp" DROP CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "last_seen_at"`);
    await queryRunner.query(`DROP TABLE "user_totp"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
