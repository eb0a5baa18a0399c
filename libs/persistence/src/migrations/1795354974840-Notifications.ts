import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795354974840 implements MigrationInterface {
  name = 'Notifications1795354974840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deputy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "deputy_user_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_deputy_not_self" CHECK ("deputy_user_id" <> "user_id"), CONSTRAINT "CHK_deputy_period" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_eea4d66f405ea2e66cef763a372" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9ddeda461b1d9139a83fa6ac96" ON "deputy"  ("user_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "deadline_step_id" uuid, "client_id" uuid, "topic" text NOT NULL, "title" text NOT NULL, "on_behalf_of" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "mail_claimed_at" TIMESTAMP WITH TIME ZONE, "mailed_at" TIMESTAMP WITH TIME ZONE, "mail_attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_73bfce92922b5fdb3c378fc8b9" ON "notification"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2e50476e64ed2aabbcb0574414" ON "notification"  ("deadline_step_id", "user_id") `,
    );
    await queryRunner.query(`ALTER TABLE "app_user" ADD "email" text`);
    await queryRunner.query(
      `ALTER TABLE "deputy" ADD CONSTRAINT "FK_96bc8b07de5c5e59420c7458ff3" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deputy" ADD CONSTRAINT "FK_7580ea44f63a62f0bd41bb6ecc0" FOREIGN KEY ("deputy_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_fa982c962bec203db7da34b97c5" FOREIGN KEY ("deadline_step_id") REFERENCES "deadline_step"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_fa982c962bec203db7da34b97c5"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"`);
    await queryRunner.query(`ALTER TABLE "deputy" DROP CONSTRAINT "FK_7580ea44f63a62f0bd41bb6ecc0"`);
    await queryRunner.query(`ALTER TABLE "deputy" DROP CONSTRAINT "FK_96bc8b07de5c5e59420c7458ff3"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "email"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e50476e64ed2aabbcb0574414"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_73bfce92922b5fdb3c378fc8b9"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9ddeda461b1d9139a83fa6ac96"`);
    await queryRunner.query(`DROP TABLE "deputy"`);
  }
}
