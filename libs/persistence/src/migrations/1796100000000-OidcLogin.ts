import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optional single sign-on with an OpenID Connect provider (issue 5 item 6).
 *
 * - `app_user.oidc_subject`: the user's `sub` at the configured provider, unique; set by an admin or at the
 *   user's first single sign-on (matched by username claim). Null: not linked.
 * - `oidc_login`: one short-lived row per sign-in attempt. Started: the hash of its `state`, the hash of the
 *   browser-binding cookie, the PKCE code verifier and the nonce (the provider's answer is useless without the
 *   verifier, which never leaves the server). After the callback: the user, whether the provider reported a second
 *   factor, and the hash of the one-time login code the web app exchanges for a session. Each step happens once
 *   (`callback_at`, `exchanged_at`); rows past both expiries are deleted when the next attempt starts.
 *
 * Hand-written; names as the entities declare them (OidcLogin, User), so a later `migration:generate` finds
 * nothing to change.
 */
export class OidcLogin1796100000000 implements MigrationInterface {
  name = 'OidcLogin1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "oidc_subject" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_app_user_oidc_subject" ON "app_user" ("oidc_subject") `,
    );
    await queryRunner.query(
      `CREATE TABLE "oidc_login" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state_hash" text NOT NULL, "browser_hash" text NOT NULL, "code_verifier" text NOT NULL, "nonce" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "callback_at" TIMESTAMP WITH TIME ZONE, "user_id" uuid, "provider_mfa" boolean, "login_code_hash" text, "login_code_expires_at" TIMESTAMP WITH TIME ZONE, "exchanged_at" TIMESTAMP WITH TIME ZONE, ` +
        `CONSTRAINT "CHK_oidc_login_code" CHECK ("login_code_hash" IS NULL OR ("user_id" IS NOT NULL AND "provider_mfa" IS NOT NULL AND "login_code_expires_at" IS NOT NULL AND "callback_at" IS NOT NULL)), ` +
        `CONSTRAINT "PK_oidc_login" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_oidc_login_state_hash" ON "oidc_login" ("state_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_oidc_login_login_code_hash" ON "oidc_login" ("login_code_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_oidc_login_expires_at" ON "oidc_login" ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "oidc_login" ADD CONSTRAINT "FK_oidc_login_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "oidc_login" DROP CONSTRAINT "FK_oidc_login_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_oidc_login_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_oidc_login_login_code_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_oidc_login_state_hash"`);
    await queryRunner.query(`DROP TABLE "oidc_login"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_app_user_oidc_subject"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "oidc_subject"`);
  }
}
