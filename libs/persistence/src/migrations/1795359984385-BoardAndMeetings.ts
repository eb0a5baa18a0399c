import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refreshes a trajectory's deadline summary (the board's deadline half). It locks the summary row first and
 * only then reads, each statement with a fresh snapshot (READ COMMITTED), so two transactions changing the
 * same trajectory's deadlines (an event, a fired step) refresh one after the other and the later sees the
 * earlier. Everyone takes this lock last, after the trajectory, deadline and step rows, so no cycle forms.
 */
const REFRESH_DEADLINE_SUMMARY = `
CREATE FUNCTION koers_refresh_deadline_summary(p_trajectory uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_trajectory IS NULL THEN RETURN; END IF;
  INSERT INTO trajectory_deadline_summary (trajectory_id) VALUES (p_trajectory) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM trajectory_deadline_summary WHERE trajectory_id = p_trajectory FOR UPDATE;
  UPDATE trajectory_deadline_summary s
     SET facts = f.facts, next_due_at = f.next_due_at, next_due_kind = f.next_due_kind,
         overdue_since = f.overdue_since, escalated_at = f.escalated_at
    FROM (
      SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', d.kind, 'dueAt', d.due_at, 'step', COALESCE(st.step, 'none'),
                                                   'firedAt', st.fired_at, 'subjectId', d.subject_id)
                                ORDER BY d.due_at, d.kind), '[]'::jsonb) AS facts,
             min(d.due_at) AS next_due_at,
             (array_agg(d.kind ORDER BY d.due_at, d.kind))[1] AS next_due_kind,
             min(d.due_at) FILTER (WHERE st.step IN ('overdue', 'agenda')) AS overdue_since,
             min(st.fired_at) FILTER (WHERE st.step = 'agenda') AS escalated_at
        FROM deadline d
        LEFT JOIN LATERAL (
          SELECT x.step, x.fired_at FROM deadline_step x
           WHERE x.deadline_id = d.id AND x.revision = d.revision AND x.status = 'fired'
           ORDER BY array_position(ARRAY['warning', 'overdue', 'agenda'], x.step) DESC LIMIT 1
        ) st ON true
       WHERE d.trajectory_id = p_trajectory AND d.status = 'pending'
    ) f
   WHERE s.trajectory_id = p_trajectory;
END $$`;

const DEADLINE_SUMMARY_TRIGGERS = `
CREATE FUNCTION koers_deadline_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'deadline' THEN
    PERFORM koers_refresh_deadline_summary(NEW.trajectory_id);
  ELSE
    PERFORM koers_refresh_deadline_summary((SELECT trajectory_id FROM deadline WHERE id = NEW.deadline_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER deadline_summary_refresh AFTER INSERT OR UPDATE ON deadline
  FOR EACH ROW EXECUTE FUNCTION koers_deadline_summary_trigger();
CREATE TRIGGER deadline_step_summary_refresh AFTER UPDATE OF status ON deadline_step
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION koers_deadline_summary_trigger();
CREATE FUNCTION koers_trajectory_summary_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trajectory_deadline_summary (trajectory_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER trajectory_deadline_summary_row AFTER INSERT ON trajectory
  FOR EACH ROW EXECUTE FUNCTION koers_trajectory_summary_row()`;

export class BoardAndMeetings1795359984385 implements MigrationInterface {
  name = 'BoardAndMeetings1795359984385';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL DEFAULT '120', "location" text, "status" text NOT NULL DEFAULT 'planned', "sequence" integer NOT NULL DEFAULT '0', "agenda" jsonb, "attendee_ids" uuid array NOT NULL DEFAULT '{}', "held_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_meeting_duration" CHECK ("duration_minutes" BETWEEN 15 AND 480), CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_12df26df1bac7bca97600cc8c3" ON "meeting"  ("team_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "client_id" uuid NOT NULL, "meeting_id" uuid, "description" text NOT NULL, "owner_party_kind" text, "owner_user_id" uuid, "due_date" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "done_note" text, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_action_owner" CHECK ("owner_party_kind" IS NOT NULL OR "owner_user_id" IS NOT NULL), CONSTRAINT "PK_2d9db9cf5edfbbae74eb56e3a39" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ddd6272264ecea605cf79ac7e4" ON "action"  ("team_id", "status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d69bec50c0bd125750216a3eb5" ON "action"  ("client_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_intake" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "party_id" uuid NOT NULL, "answers" jsonb NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_991e342ee9c6d9ebaff0c594cf2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1b725dc8dbc3f3c97dc83e305c" ON "case_intake"  ("client_id", "party_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "client_id" uuid NOT NULL, "kind" text NOT NULL, "decision_type" text, "text" text NOT NULL, "reasons" text, "event_seq" integer, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5051aa4543b558a51b12e14d59a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6573a5d1f12992acedcf3ea83e" ON "meeting_record"  ("client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_615d2fcc7d22594dce53e04261" ON "meeting_record"  ("meeting_id", "client_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trajectory_deadline_summary" ("trajectory_id" uuid NOT NULL, "facts" jsonb NOT NULL DEFAULT '[]', "next_due_at" TIMESTAMP WITH TIME ZONE, "next_due_kind" text, "overdue_since" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6787076ea13de486bc72db8f4f5" PRIMARY KEY ("trajectory_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "trajectory" ADD "machine_blockers" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "trajectory" ADD "machine_blocker_codes" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "trajectory" ADD "machine_blocked_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trajectory" ADD "blockers_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "deadline" ADD "subject_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "trajectory_open_by_team" ON "trajectory"  ("team_id") WHERE closed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deadline_one_pending_per_subject" ON "deadline"  ("kind", "subject_id") WHERE status = 'pending' AND subject_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_48384a14483868263cb03c3b606" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_a196ffb31eb4fc165b20be0e6ae" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action" ADD CONSTRAINT "FK_4ed4069b100422094385ce42aaf" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action" ADD CONSTRAINT "FK_461021c39ed2925ce3901df0fe1" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action" ADD CONSTRAINT "FK_57fff7423ffc88c4988e1cfe4d4" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action" ADD CONSTRAINT "FK_3b91cac371c83c27dab433c11f1" FOREIGN KEY ("owner_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action" ADD CONSTRAINT "FK_513f1e020ad5ceafb38243fcc99" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_intake" ADD CONSTRAINT "FK_2d485e1b4e1abfe912a7b4ddb77" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_intake" ADD CONSTRAINT "FK_201b260e2cfdd6e63cfea923150" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_intake" ADD CONSTRAINT "FK_347e3909d939f9d998162a037ed" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_record" ADD CONSTRAINT "FK_05a72a556209821f91e6969fb5a" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_record" ADD CONSTRAINT "FK_bd4765838a9bca56d7e628f2628" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_record" ADD CONSTRAINT "FK_29b6a620c359c30bf3995f61957" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_deadline_summary" ADD CONSTRAINT "FK_6787076ea13de486bc72db8f4f5" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // One pending deadline per trajectory and kind now holds only for deadlines without a subject (an
    // action or a meeting has its own); the ON CONFLICT of the deadline writer names this predicate.
    await queryRunner.query(`DROP INDEX "public"."deadline_one_pending_per_kind"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deadline_one_pending_per_kind" ON "deadline" ("trajectory_id", "kind") WHERE status = 'pending' AND subject_id IS NULL`,
    );
    await queryRunner.query(REFRESH_DEADLINE_SUMMARY);
    await queryRunner.query(DEADLINE_SUMMARY_TRIGGERS);
    await queryRunner.query(
      `INSERT INTO trajectory_deadline_summary (trajectory_id) SELECT id FROM trajectory ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`SELECT koers_refresh_deadline_summary(id) FROM trajectory`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER trajectory_deadline_summary_row ON trajectory; DROP TRIGGER deadline_summary_refresh ON deadline; DROP TRIGGER deadline_step_summary_refresh ON deadline_step;
           DROP FUNCTION koers_deadline_summary_trigger(); DROP FUNCTION koers_trajectory_summary_row(); DROP FUNCTION koers_refresh_deadline_summary(uuid)`,
    );
    await queryRunner.query(`DROP INDEX "public"."deadline_one_pending_per_kind"`);
    await queryRunner.query(`DELETE FROM deadline WHERE subject_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deadline_one_pending_per_kind" ON "deadline" ("trajectory_id", "kind") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "trajectory_deadline_summary" DROP CONSTRAINT "FK_6787076ea13de486bc72db8f4f5"`,
    );
    await queryRunner.query(`ALTER TABLE "meeting_record" DROP CONSTRAINT "FK_29b6a620c359c30bf3995f61957"`);
    await queryRunner.query(`ALTER TABLE "meeting_record" DROP CONSTRAINT "FK_bd4765838a9bca56d7e628f2628"`);
    await queryRunner.query(`ALTER TABLE "meeting_record" DROP CONSTRAINT "FK_05a72a556209821f91e6969fb5a"`);
    await queryRunner.query(`ALTER TABLE "case_intake" DROP CONSTRAINT "FK_347e3909d939f9d998162a037ed"`);
    await queryRunner.query(`ALTER TABLE "case_intake" DROP CONSTRAINT "FK_201b260e2cfdd6e63cfea923150"`);
    await queryRunner.query(`ALTER TABLE "case_intake" DROP CONSTRAINT "FK_2d485e1b4e1abfe912a7b4ddb77"`);
    await queryRunner.query(`ALTER TABLE "action" DROP CONSTRAINT "FK_513f1e020ad5ceafb38243fcc99"`);
    await queryRunner.query(`ALTER TABLE "action" DROP CONSTRAINT "FK_3b91cac371c83c27dab433c11f1"`);
    await queryRunner.query(`ALTER TABLE "action" DROP CONSTRAINT "FK_57fff7423ffc88c4988e1cfe4d4"`);
    await queryRunner.query(`ALTER TABLE "action" DROP CONSTRAINT "FK_461021c39ed2925ce3901df0fe1"`);
    await queryRunner.query(`ALTER TABLE "action" DROP CONSTRAINT "FK_4ed4069b100422094385ce42aaf"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_a196ffb31eb4fc165b20be0e6ae"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_48384a14483868263cb03c3b606"`);
    await queryRunner.query(`DROP INDEX "public"."deadline_one_pending_per_subject"`);
    await queryRunner.query(`DROP INDEX "public"."trajectory_open_by_team"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP COLUMN "subject_id"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP COLUMN "blockers_version"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP COLUMN "machine_blocked_since"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP COLUMN "machine_blocker_codes"`);
    await queryRunner.query(`ALTER TABLE "trajectory" DROP COLUMN "machine_blockers"`);
    await queryRunner.query(`DROP TABLE "trajectory_deadline_summary"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_615d2fcc7d22594dce53e04261"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6573a5d1f12992acedcf3ea83e"`);
    await queryRunner.query(`DROP TABLE "meeting_record"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1b725dc8dbc3f3c97dc83e305c"`);
    await queryRunner.query(`DROP TABLE "case_intake"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d69bec50c0bd125750216a3eb5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ddd6272264ecea605cf79ac7e4"`);
    await queryRunner.query(`DROP TABLE "action"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_12df26df1bac7bca97600cc8c3"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
  }
}
