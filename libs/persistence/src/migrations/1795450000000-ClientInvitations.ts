import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientInvitations1795450000000 implements MigrationInterface {
  name = 'ClientInvitations1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "client_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "party_id" uuid NOT NULL, "scope" text array NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "invited_by" uuid NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_client_invitation_period" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_afe417fc2f19f40175a7cd21159" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_217bb0d45622456e35963d8d09" ON "client_invitation"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9ab0921d4c8c801912be07045c" ON "client_invitation"  ("party_id", "ends_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "client_invitation" ADD CONSTRAINT "FK_217bb0d45622456e35963d8d095" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_invitation" ADD CONSTRAINT "FK_05dbc119bab94804494eae36efb" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_invitation" ADD CONSTRAINT "FK_16c26cf44259c754e503f328b8c" FOREIGN KEY ("invited_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "client_invitation" DROP CONSTRAINT "FK_16c26cf44259c754e503f328b8c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_invitation" DROP CONSTRAINT "FK_05dbc119bab94804494eae36efb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_invitation" DROP CONSTRAINT "FK_217bb0d45622456e35963d8d095"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_9ab0921d4c8c801912be07045c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_217bb0d45622456e35963d8d09"`);
    await queryRunner.query(`DROP TABLE "client_invitation"`);
  }
}
