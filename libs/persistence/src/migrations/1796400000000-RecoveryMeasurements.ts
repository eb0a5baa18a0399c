import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7 item 2: recovery monitoring. Measurements of an instrument (BARC-10, MHQoL) per client with their item
 * answers and total (null when incomplete), the corrections and deletions of measurements with their reasons, and
 * the configurable wording of instrument items. Hand-written; names as TypeORM derives them from the entities.
 */
export class RecoveryMeasurements1796400000000 implements MigrationInterface {
  name = 'RecoveryMeasurements1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recovery_measurement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "team_id" uuid NOT NULL, "instrument_id" text NOT NULL, "instrument_version" integer NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL, "measured_on_date" boolean NOT NULL DEFAULT false, "answers" jsonb NOT NULL DEFAULT '{}', "extra_scores" jsonb NOT NULL DEFAULT '{}', "total_score" integer, "recorded_by" uuid NOT NULL, "recorded_party_kind" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "corrected_at" TIMESTAMP WITH TIME ZONE, "corrected_by" uuid, ` +
        `CONSTRAINT "CHK_recovery_measurement_instrument" CHECK ("instrument_id" IN ('barc10', 'mhqol')), ` +
        `CONSTRAINT "CHK_recovery_measurement_total" CHECK ("total_score" IS NULL OR "total_score" >= 0), ` +
        `CONSTRAINT "PK_recovery_measurement" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recovery_measurement_client" ON "recovery_measurement" ("client_id", "instrument_id", "measured_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recovery_measurement_team" ON "recovery_measurement" ("team_id", "instrument_id", "measured_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recovery_measurement_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "measurement_id" uuid NOT NULL, "client_id" uuid NOT NULL, "action" text NOT NULL, "reason" text NOT NULL, "previous" jsonb NOT NULL, "changed_by" uuid NOT NULL, "changed_party_kind" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, ` +
        `CONSTRAINT "CHK_recovery_measurement_change_action" CHECK ("action" IN ('corrected', 'deleted')), ` +
        `CONSTRAINT "PK_recovery_measurement_change" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recovery_measurement_change_client" ON "recovery_measurement_change" ("client_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recovery_measurement_change_measurement" ON "recovery_measurement_change" ("measurement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recovery_instrument_item_text" ("instrument_id" text NOT NULL, "item_id" text NOT NULL, "text" text NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_recovery_instrument_item_text" PRIMARY KEY ("instrument_id", "item_id"))`,
    );
    for (const [table, column, referenced, name] of [
      ['recovery_measurement', 'client_id', 'client', 'FK_recovery_measurement_client'],
      ['recovery_measurement', 'team_id', 'team', 'FK_recovery_measurement_team'],
      ['recovery_measurement', 'recorded_by', 'app_user', 'FK_recovery_measurement_recorder'],
      ['recovery_measurement_change', 'client_id', 'client', 'FK_recovery_measurement_change_client'],
      ['recovery_measurement_change', 'changed_by', 'app_user', 'FK_recovery_measurement_change_changer'],
      ['recovery_instrument_item_text', 'updated_by', 'app_user', 'FK_recovery_instrument_item_text_updater'],
    ]) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${referenced}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recovery_instrument_item_text"`);
    await queryRunner.query(`DROP TABLE "recovery_measurement_change"`);
    await queryRunner.query(`DROP TABLE "recovery_measurement"`);
  }
}
