import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7 items 3 and 4: the casusoverleg's budget. Spends per client (category, amount in euro cents, gift, loan or
 * conditional gift; requested, then approved or rejected by the chair with who and when), repayments of loans, and
 * conditional arrangements with their review. The yearly budget itself is team_budget (JournalAndTeamSetup).
 * Hand-written from what `migration:generate` derives from the entities (Spend, LoanRepayment,
 * ConditionalArrangement), so a later generate finds nothing to change. Urgent payments and reviews run as
 * deadline rows (kinds `urgent_payment`, `condition_review`, deadline.subject_id = the spend or arrangement).
 */
export class Budget1796200000000 implements MigrationInterface {
  name = 'Budget1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conditional_arrangement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "client_id" uuid NOT NULL, "conditions" text NOT NULL, "review_date" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "outcome" text, "outcome_note" text, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "follows_id" uuid, "cancelled_by" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CHK_conditional_arrangement_cancelled" CHECK (("status" = 'cancelled') = ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL)), CONSTRAINT "CHK_conditional_arrangement_reviewed" CHECK (("status" = 'reviewed') = ("outcome" IS NOT NULL AND "reviewed_by" IS NOT NULL AND "reviewed_at" IS NOT NULL)), CONSTRAINT "CHK_conditional_arrangement_outcome" CHECK ("outcome" IN ('extend', 'stop', 'adjust')), CONSTRAINT "CHK_conditional_arrangement_status" CHECK ("status" IN ('open', 'reviewed', 'cancelled')), CONSTRAINT "PK_696f51268578e8658ba9d6a6e7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ebca8306d55553e5bfce6cffea" ON "conditional_arrangement"  ("team_id", "status", "review_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c8da80a2ced7841b440ffefa78" ON "conditional_arrangement"  ("client_id", "review_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "spend" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "client_id" uuid NOT NULL, "budget_year" integer NOT NULL, "category" text NOT NULL, "amount_cents" bigint NOT NULL, "kind" text NOT NULL, "description" text NOT NULL, "conditions" text, "status" text NOT NULL DEFAULT 'requested', "urgent" boolean NOT NULL DEFAULT false, "needed_by" date, "arrangement_id" uuid, "requested_by" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "over_budget_reason" text, "cancelled_by" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "repayment_status" text, "written_off_by" uuid, "written_off_at" TIMESTAMP WITH TIME ZONE, "write_off_reason" text, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_spend_written_off" CHECK (("repayment_status" IS NOT DISTINCT FROM 'written_off') = ("written_off_by" IS NOT NULL AND "written_off_at" IS NOT NULL)), CONSTRAINT "CHK_spend_loan" CHECK (("repayment_status" IS NOT NULL) = ("kind" = 'loan' AND "status" = 'approved')), CONSTRAINT "CHK_spend_cancelled" CHECK (("status" = 'cancelled') = ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL)), CONSTRAINT "CHK_spend_decision" CHECK (("status" IN ('approved', 'rejected')) = ("approved_by" IS NOT NULL AND "approved_at" IS NOT NULL)), CONSTRAINT "CHK_spend_conditions" CHECK ("kind" <> 'conditional_gift' OR "conditions" IS NOT NULL), CONSTRAINT "CHK_spend_urgent" CHECK ("urgent" = ("needed_by" IS NOT NULL)), CONSTRAINT "CHK_spend_budget_year" CHECK ("budget_year" BETWEEN 2000 AND 2100), CONSTRAINT "CHK_spend_amount" CHECK ("amount_cents" > 0), CONSTRAINT "CHK_spend_repayment_status" CHECK ("repayment_status" IN ('open', 'repaying', 'repaid', 'written_off')), CONSTRAINT "CHK_spend_status" CHECK ("status" IN ('requested', 'approved', 'rejected', 'cancelled')), CONSTRAINT "CHK_spend_kind" CHECK ("kind" IN ('gift', 'loan', 'conditional_gift')), CONSTRAINT "CHK_spend_category" CHECK ("category" IN ('clinic_deposit', 'skip_container', 'sports_subscription', 'travel', 'bills', 'housing_materials', 'other')), CONSTRAINT "PK_bcab5f23dab28c96b876939d74b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_341e61b53b280c5fe3f7602527" ON "spend"  ("client_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f407d3f1f2a26851fb7dc886cc" ON "spend"  ("team_id", "budget_year", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "loan_repayment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spend_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "paid_on" date NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_loan_repayment_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_5a628a0f3e911ce163c602fcace" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_87df41f8728135af696031cffd" ON "loan_repayment"  ("spend_id", "paid_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_27e5832b1d62ff8dcaacc84a027" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_ed4de80cb84a548f14db01c3462" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_28147316737ee393f144bbdcadc" FOREIGN KEY ("reviewed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_cc9db4e2ad2cbd603d33af9806e" FOREIGN KEY ("follows_id") REFERENCES "conditional_arrangement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_8361f29347cc4f9758fae4a319c" FOREIGN KEY ("cancelled_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" ADD CONSTRAINT "FK_9cb555e6f31a779c61d281683ba" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_058145d300ad1844e2f818e565b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_9f59dec33609545960af683ddc7" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_8b8e7206ae74a130b76e52f476a" FOREIGN KEY ("arrangement_id") REFERENCES "conditional_arrangement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_079eb072c3ee905dc69eea6524a" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_82e64019edb2311ee23b6d0c4cd" FOREIGN KEY ("approved_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_7f8b1faf4f6ec5fe48a1906ddbb" FOREIGN KEY ("cancelled_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend" ADD CONSTRAINT "FK_3795f567f5b73f4b11f36fe4bfa" FOREIGN KEY ("written_off_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_repayment" ADD CONSTRAINT "FK_e36e7171d43a8d9860feb8e44ce" FOREIGN KEY ("spend_id") REFERENCES "spend"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_repayment" ADD CONSTRAINT "FK_04a7b373a235499906a72d85aa9" FOREIGN KEY ("recorded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Deadlines of these subjects stay (their kinds were always allowed); only the budget's own tables go.
    await queryRunner.query(`ALTER TABLE "loan_repayment" DROP CONSTRAINT "FK_04a7b373a235499906a72d85aa9"`);
    await queryRunner.query(`ALTER TABLE "loan_repayment" DROP CONSTRAINT "FK_e36e7171d43a8d9860feb8e44ce"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_3795f567f5b73f4b11f36fe4bfa"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_7f8b1faf4f6ec5fe48a1906ddbb"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_82e64019edb2311ee23b6d0c4cd"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_079eb072c3ee905dc69eea6524a"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_8b8e7206ae74a130b76e52f476a"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_9f59dec33609545960af683ddc7"`);
    await queryRunner.query(`ALTER TABLE "spend" DROP CONSTRAINT "FK_058145d300ad1844e2f818e565b"`);
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_9cb555e6f31a779c61d281683ba"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_8361f29347cc4f9758fae4a319c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_cc9db4e2ad2cbd603d33af9806e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_28147316737ee393f144bbdcadc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_ed4de80cb84a548f14db01c3462"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conditional_arrangement" DROP CONSTRAINT "FK_27e5832b1d62ff8dcaacc84a027"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_87df41f8728135af696031cffd"`);
    await queryRunner.query(`DROP TABLE "loan_repayment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f407d3f1f2a26851fb7dc886cc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_341e61b53b280c5fe3f7602527"`);
    await queryRunner.query(`DROP TABLE "spend"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8da80a2ced7841b440ffefa78"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ebca8306d55553e5bfce6cffea"`);
    await queryRunner.query(`DROP TABLE "conditional_arrangement"`);
  }
}
