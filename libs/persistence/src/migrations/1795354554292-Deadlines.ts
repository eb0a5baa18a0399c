import { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1795354554292 implements MigrationInterface {
  name = 'Deadlines1795354554292';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "trajectory_id" uuid, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "base" text NOT NULL, "revision" integer NOT NULL DEFAULT '1', "started_by_seq" integer, "done_at" TIMESTAMP WITH TIME ZONE, "done_by_seq" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9b68db28fc035ed8a84691bfbaf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3cd5a7f7d4ae1c00fe2a676b29" ON "deadline"  ("trajectory_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e55133073fc3399689b2fd8c29" ON "deadline"  ("team_id", "status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deadline_one_pending_per_kind" ON "deadline"  ("trajectory_id", "kind") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "deadline_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deadline_id" uuid NOT NULL, "step" text NOT NULL, "revision" integer NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recipients" text array NOT NULL, "status" text NOT NULL DEFAULT 'pending', "fired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2b1aa80a0ae8f2edd8c910d96dc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "deadline_step_pending_idx" ON "deadline_step"  ("fire_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b4f59f541757acba43e7a83414" ON "deadline_step"  ("deadline_id", "step", "revision") `,
    );
    await queryRunner.query(`ALTER TABLE "team" ADD "deadline_settings" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_c7ce6695e5841804d21b2d99426" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_75af2a4c9c9a7930f961a3aca06" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_step" ADD CONSTRAINT "FK_9b21e478b4897df5b7f06459a41" FOREIGN KEY ("deadline_id") REFERENCES "deadline"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deadline_step" DROP CONSTRAINT "FK_9b21e478b4897df5b7f06459a41"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_75af2a4c9c9a7930f961a3aca06"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_c7ce6695e5841804d21b2d99426"`);
    await queryRunner.query(`ALTER TABLE "team" DROP COLUMN "deadline_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b4f59f541757acba43e7a83414"`);
    await queryRunner.query(`DROP INDEX "public"."deadline_step_pending_idx"`);
    await queryRunner.query(`DROP TABLE "deadline_step"`);
    await queryRunner.query(`DROP INDEX "public"."deadline_one_pending_per_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e55133073fc3399689b2fd8c29"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3cd5a7f7d4ae1c00fe2a676b29"`);
    await queryRunner.query(`DROP TABLE "deadline"`);
  }
}
