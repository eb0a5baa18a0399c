import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only guard of InitialSchema1795354408262, restored by `down`. */
const APPEND_ONLY_ORIGINAL = `CREATE OR REPLACE FUNCTION "trajectory_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trajectory_event is append-only (% refused)', TG_OP; END $$`;

/**
 * The guard with one narrow, explicit exception: anonymising the history of a closed trajectory after the
 * retention period (issue 5 item 5). An UPDATE passes only when all of these hold:
 * - the transaction set `koers.anonymising` to `on` (`set_config('koers.anonymising', 'on', true)`: local to the
 *   transaction, gone at commit or rollback);
 * - the row was not anonymised before and is now (`anonymised_at` goes from null to a time): once per row;
 * - nothing but `payload` and `anonymised_at` changes (every other column, present or added later, compared);
 * - the new payload is an object with no key the old one lacked (it can only lose information);
 * - the trajectory is closed.
 * DELETE and TRUNCATE stay refused, always.
 */
const APPEND_ONLY_WITH_ANONYMISATION = `CREATE OR REPLACE FUNCTION "trajectory_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('koers.anonymising', true) = 'on' THEN
    IF OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
       AND (to_jsonb(NEW) - 'payload' - 'anonymised_at') = (to_jsonb(OLD) - 'payload' - 'anonymised_at')
       AND jsonb_typeof(NEW.payload) = 'object'
       AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(NEW.payload) AS k WHERE NOT (OLD.payload ? k))
       AND EXISTS (SELECT 1 FROM trajectory t WHERE t.id = OLD.trajectory_id AND t.closed_at IS NOT NULL)
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'trajectory_event is append-only (anonymisation may only rewrite payload and set anonymised_at, once, on a closed trajectory)';
  END IF;
  RAISE EXCEPTION 'trajectory_event is append-only (% refused)', TG_OP;
END $$`;

/**
 * Issue 5 item 5, client rights: anonymisation of closed trajectories after the retention period
 * (`CLIENT_RETENTION_MONTHS`). Hand-written: the trigger function is beyond what TypeORM generates; the
 * columns and the run table carry the names the entities declare, so a later `migration:generate` finds
 * nothing to change.
 *
 * - `client.anonymised_at`: when the client's identity and free text were removed (null: not anonymised).
 * - `trajectory_event.anonymised_at`: when the event's payload was rewritten; the append-only trigger allows
 *   that one UPDATE under the conditions above.
 * - `client_anonymisation_run`: one row per run of the worker's job (when, the retention period and cutoff it
 *   used, how many clients it anonymised, how many failed).
 */
export class ClientRights1795700000000 implements MigrationInterface {
  name = 'ClientRights1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "client" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trajectory_event" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "client_anonymisation_run" ("id" BIGSERIAL NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "retention_months" integer NOT NULL, "cutoff" TIMESTAMP WITH TIME ZONE NOT NULL, "clients" integer NOT NULL DEFAULT '0', "failures" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_client_anonymisation_run" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(APPEND_ONLY_WITH_ANONYMISATION);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(APPEND_ONLY_ORIGINAL);
    await queryRunner.query(`DROP TABLE "client_anonymisation_run"`);
    // The trigger refuses every UPDATE again, but dropping a column is DDL: it passes.
    await queryRunner.query(`ALTER TABLE "trajectory_event" DROP COLUMN "anonymised_at"`);
    await queryRunner.query(`ALTER TABLE "client" DROP COLUMN "anonymised_at"`);
  }
}
