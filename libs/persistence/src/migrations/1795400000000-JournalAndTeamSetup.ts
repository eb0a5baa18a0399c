import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4 items 6 and 7: the client journal (with the police-note notification, once per entry and
 * recipient) and the set-up of a casusoverleg (covenant, meeting rhythm, inclusion criteria, what counts
 * as success; the budget per year). Hand-written; names as TypeORM derives them from the entities, so a
 * later `migration:generate` finds nothing to change.
 */
export class JournalAndTeamSetup1795400000000 implements MigrationInterface {
  name = 'JournalAndTeamSetup1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "journal_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "author_id" uuid NOT NULL, "party_id" uuid NOT NULL, "party_kind" text NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "text" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurred_on_date" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_journal_entry_category" CHECK ("category" IN ('general', 'health', 'justice', 'housing', 'finances', 'network')), CONSTRAINT "CHK_journal_entry_kind" CHECK ("kind" IN ('contact_moment', 'police_contact', 'network_signal', 'nuisance_report', 'note')), CONSTRAINT "PK_69167f660c807d2aa178f0bd7e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_eefb118f650e8d290f907f8d3b" ON "journal_entry"  ("client_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "team_budget" ("team_id" uuid NOT NULL, "year" integer NOT NULL, "amount_cents" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid NOT NULL, CONSTRAINT "CHK_team_budget_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "CHK_team_budget_amount" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_cb8b4ba2d0efd4d8fcd821a743a" PRIMARY KEY ("team_id", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "team_setup" ("team_id" uuid NOT NULL, "covenant_kind" text, "covenant_name" text, "covenant_signed_on" date, "meeting_interval_weeks" integer NOT NULL DEFAULT '2', "inclusion_criteria" jsonb, "success_definition" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid NOT NULL, CONSTRAINT "CHK_team_setup_meeting_interval" CHECK ("meeting_interval_weeks" IN (2, 3)), CONSTRAINT "CHK_team_setup_covenant_complete" CHECK (("covenant_kind" IS NULL) = ("covenant_name" IS NULL) AND ("covenant_kind" IS NULL) = ("covenant_signed_on" IS NULL)), CONSTRAINT "CHK_team_setup_covenant_kind" CHECK ("covenant_kind" IN ('care_covenant', 'safety_covenant', 'both')), CONSTRAINT "PK_703c1e7d8bd3993cd19b4dd0c98" PRIMARY KEY ("team_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "notification" ADD "journal_entry_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_fdfa762ed4e51bfc7409e8091b" ON "notification"  ("journal_entry_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "journal_entry" ADD CONSTRAINT "FK_157be88d8caf23258fa8199a30a" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal_entry" ADD CONSTRAINT "FK_9aa50546cd15e073e956fc42f57" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal_entry" ADD CONSTRAINT "FK_07db05725e7927c8e00ec96bc2b" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_291f32eadba92eb8f7cf2933369" FOREIGN KEY ("journal_entry_id") REFERENCES "journal_entry"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_budget" ADD CONSTRAINT "FK_742bca2b53a653e8fda6f0262e7" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_budget" ADD CONSTRAINT "FK_612d3ee860a0cf6116a16e28d75" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_setup" ADD CONSTRAINT "FK_703c1e7d8bd3993cd19b4dd0c98" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_setup" ADD CONSTRAINT "FK_483641b0dcbbd9ea59096c3d583" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "team_setup" DROP CONSTRAINT "FK_483641b0dcbbd9ea59096c3d583"`);
    await queryRunner.query(`ALTER TABLE "team_setup" DROP CONSTRAINT "FK_703c1e7d8bd3993cd19b4dd0c98"`);
    await queryRunner.query(`ALTER TABLE "team_budget" DROP CONSTRAINT "FK_612d3ee860a0cf6116a16e28d75"`);
    await queryRunner.query(`ALTER TABLE "team_budget" DROP CONSTRAINT "FK_742bca2b53a653e8fda6f0262e7"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_291f32eadba92eb8f7cf2933369"`);
    await queryRunner.query(`ALTER TABLE "journal_entry" DROP CONSTRAINT "FK_07db05725e7927c8e00ec96bc2b"`);
    await queryRunner.query(`ALTER TABLE "journal_entry" DROP CONSTRAINT "FK_9aa50546cd15e073e956fc42f57"`);
    await queryRunner.query(`ALTER TABLE "journal_entry" DROP CONSTRAINT "FK_157be88d8caf23258fa8199a30a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fdfa762ed4e51bfc7409e8091b"`);
    // Police-note notifications stay in the inbox (topic journal.police_note, with their client); only the link goes.
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "journal_entry_id"`);
    await queryRunner.query(`DROP TABLE "team_setup"`);
    await queryRunner.query(`DROP TABLE "team_budget"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eefb118f650e8d290f907f8d3b"`);
    await queryRunner.query(`DROP TABLE "journal_entry"`);
  }
}
