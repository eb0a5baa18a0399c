import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting projection (issue 7, libs/reporting): one fact row per trajectory and one row per stay in a
 * stage, kept by a trigger on `trajectory_event` in the transaction (and the statement) that appends the event,
 * so the reports never replay the history. Only events that change the stage touch it (the trigger's WHEN).
 *
 * Outflow reasons as the statechart records them (machines/trajectory): not included → `not_included`, consent
 * refused → `declined`, moved away → `moved`, TRAJECTORY_CLOSED → its `reason` and `stillUsing`. A relapse is an
 * entry into `motivation` from `admission` (TREATMENT_ABORTED) or `aftercare` (RELAPSED); a WITHDRAWN from the
 * waiting list is not one (the machine counts it the same way).
 */
const OUTFLOW_FUNCTIONS = `
CREATE FUNCTION koers_report_outflow_reason(p_type text, p_payload jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_type
           WHEN 'INCLUSION_DECIDED' THEN 'not_included'
           WHEN 'CONSENT_REFUSED' THEN 'declined'
           WHEN 'MOVED_AWAY' THEN 'moved'
           -- Only TRAJECTORY_CLOSED's reason is an outflow id; other payloads' reasons are free text.
           WHEN 'TRAJECTORY_CLOSED' THEN COALESCE(p_payload->>'reason', 'other')
           ELSE 'other'
         END
$$;
CREATE FUNCTION koers_report_still_using(p_type text, p_payload jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_type = 'TRAJECTORY_CLOSED' THEN COALESCE(p_payload->>'stillUsing', 'unknown') ELSE 'unknown' END
$$`;

const PROJECTION_TRIGGER = `
CREATE FUNCTION koers_report_projection() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_team uuid;
BEGIN
  IF NEW.from_stage IS NULL THEN
    -- The signal that opened the trajectory.
    INSERT INTO report_trajectory_fact (trajectory_id, team_id, signalled_at, source)
    SELECT NEW.trajectory_id, t.team_id, NEW.occurred_at, NEW.payload->>'source'
      FROM trajectory t WHERE t.id = NEW.trajectory_id
    ON CONFLICT (trajectory_id) DO NOTHING
    RETURNING team_id INTO v_team;
  ELSE
    UPDATE report_stage_interval SET left_at = NEW.occurred_at
     WHERE trajectory_id = NEW.trajectory_id AND left_at IS NULL;
    UPDATE report_trajectory_fact f SET
           decided_at = CASE WHEN NEW.type = 'INCLUSION_DECIDED' THEN COALESCE(f.decided_at, NEW.occurred_at)
                             ELSE f.decided_at END,
           included = CASE WHEN NEW.type = 'INCLUSION_DECIDED' THEN (NEW.payload->>'included')::boolean
                           ELSE f.included END,
           admitted_first_at = CASE WHEN NEW.to_stage = 'admission' THEN COALESCE(f.admitted_first_at, NEW.occurred_at)
                                    ELSE f.admitted_first_at END,
           relapse_count = f.relapse_count
             + CASE WHEN NEW.to_stage = 'motivation' AND NEW.from_stage IN ('admission', 'aftercare') THEN 1 ELSE 0 END,
           closed_at = CASE WHEN NEW.to_stage = 'closed' THEN NEW.occurred_at ELSE f.closed_at END,
           outflow_reason = CASE WHEN NEW.to_stage = 'closed' THEN koers_report_outflow_reason(NEW.type, NEW.payload)
                                 ELSE f.outflow_reason END,
           still_using = CASE WHEN NEW.to_stage = 'closed' THEN koers_report_still_using(NEW.type, NEW.payload)
                              ELSE f.still_using END
     WHERE f.trajectory_id = NEW.trajectory_id
    RETURNING f.team_id INTO v_team;
  END IF;
  IF v_team IS NOT NULL AND NEW.to_stage <> 'closed' THEN
    INSERT INTO report_stage_interval (trajectory_id, entered_seq, team_id, stage, entered_from, entered_at)
    VALUES (NEW.trajectory_id, NEW.seq, v_team, NEW.to_stage, NEW.from_stage, NEW.occurred_at)
    ON CONFLICT (trajectory_id, entered_seq) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_projection AFTER INSERT ON trajectory_event
  FOR EACH ROW WHEN (NEW.from_stage IS DISTINCT FROM NEW.to_stage) EXECUTE FUNCTION koers_report_projection()`;

/**
 * Recomputes the projection from the history, set-based (the migration's backfill; the benchmark after a bulk
 * load; a repair). NULL: every trajectory. Gives the same rows as the trigger, event by event.
 */
const REBUILD_FUNCTION = `
CREATE FUNCTION koers_report_rebuild(p_trajectories uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_stage_interval WHERE p_trajectories IS NULL OR trajectory_id = ANY(p_trajectories);
  DELETE FROM report_trajectory_fact WHERE p_trajectories IS NULL OR trajectory_id = ANY(p_trajectories);
  INSERT INTO report_trajectory_fact (trajectory_id, team_id, signalled_at, source, decided_at, included,
                                      admitted_first_at, closed_at, outflow_reason, still_using, relapse_count)
  SELECT e.trajectory_id, t.team_id,
         min(e.occurred_at) FILTER (WHERE e.from_stage IS NULL),
         min(e.payload->>'source') FILTER (WHERE e.from_stage IS NULL),
         min(e.occurred_at) FILTER (WHERE e.type = 'INCLUSION_DECIDED'),
         bool_or((e.payload->>'included')::boolean) FILTER (WHERE e.type = 'INCLUSION_DECIDED'),
         min(e.occurred_at) FILTER (WHERE e.to_stage = 'admission'),
         min(e.occurred_at) FILTER (WHERE e.to_stage = 'closed'),
         min(koers_report_outflow_reason(e.type, e.payload)) FILTER (WHERE e.to_stage = 'closed'),
         min(koers_report_still_using(e.type, e.payload)) FILTER (WHERE e.to_stage = 'closed'),
         count(*) FILTER (WHERE e.to_stage = 'motivation' AND e.from_stage IN ('admission', 'aftercare'))
    FROM trajectory_event e
    JOIN trajectory t ON t.id = e.trajectory_id
   WHERE e.from_stage IS DISTINCT FROM e.to_stage
     AND (p_trajectories IS NULL OR e.trajectory_id = ANY(p_trajectories))
   GROUP BY e.trajectory_id, t.team_id
  HAVING count(*) FILTER (WHERE e.from_stage IS NULL) > 0;
  INSERT INTO report_stage_interval (trajectory_id, entered_seq, team_id, stage, entered_from, entered_at, left_at)
  SELECT x.trajectory_id, x.seq, x.team_id, x.to_stage, x.from_stage, x.occurred_at, x.left_at
    FROM (
      SELECT e.trajectory_id, e.seq, f.team_id, e.to_stage, e.from_stage, e.occurred_at,
             lead(e.occurred_at) OVER (PARTITION BY e.trajectory_id ORDER BY e.seq) AS left_at
        FROM trajectory_event e
        JOIN report_trajectory_fact f ON f.trajectory_id = e.trajectory_id
       WHERE e.from_stage IS DISTINCT FROM e.to_stage
         AND (p_trajectories IS NULL OR e.trajectory_id = ANY(p_trajectories))
    ) x
   WHERE x.to_stage <> 'closed';
END $$`;

export class ReportingProjection1796300000000 implements MigrationInterface {
  name = 'ReportingProjection1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_trajectory_fact" ("trajectory_id" uuid NOT NULL, "team_id" uuid NOT NULL, "signalled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text, "decided_at" TIMESTAMP WITH TIME ZONE, "included" boolean, "admitted_first_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "outflow_reason" text, "still_using" text, "relapse_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_report_trajectory_fact" PRIMARY KEY ("trajectory_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "report_fact_team_signalled" ON "report_trajectory_fact" ("team_id", "signalled_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "report_fact_team_closed" ON "report_trajectory_fact" ("team_id", "closed_at") WHERE closed_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "report_fact_team_admitted" ON "report_trajectory_fact" ("team_id", "admitted_first_at") WHERE admitted_first_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_stage_interval" ("trajectory_id" uuid NOT NULL, "entered_seq" integer NOT NULL, "team_id" uuid NOT NULL, "stage" text NOT NULL, "entered_from" text, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_report_stage_interval" PRIMARY KEY ("trajectory_id", "entered_seq"))`,
    );
    // The report reads each stage's stays of its teams by when they ended (durations), are still open (caseload,
    // ongoing) or began (relapses): index-only, per stage, without sorting the region's stays by stage name.
    await queryRunner.query(
      `CREATE INDEX "report_interval_team_stage" ON "report_stage_interval" ("team_id", "stage", "left_at") INCLUDE ("entered_at", "entered_from", "trajectory_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "report_interval_open" ON "report_stage_interval" ("trajectory_id") WHERE left_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_trajectory_fact" ADD CONSTRAINT "FK_report_trajectory_fact_trajectory" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_stage_interval" ADD CONSTRAINT "FK_report_stage_interval_trajectory" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(OUTFLOW_FUNCTIONS);
    await queryRunner.query(PROJECTION_TRIGGER);
    await queryRunner.query(REBUILD_FUNCTION);
    // Backfill: the trigger exists now and locks out concurrent appends until this migration commits.
    await queryRunner.query(`SELECT koers_report_rebuild(NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "report_projection" ON "trajectory_event"`);
    await queryRunner.query(`DROP FUNCTION koers_report_projection()`);
    await queryRunner.query(`DROP FUNCTION koers_report_rebuild(uuid[])`);
    await queryRunner.query(`DROP FUNCTION koers_report_still_using(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION koers_report_outflow_reason(text, jsonb)`);
    await queryRunner.query(`DROP TABLE "report_stage_interval"`);
    await queryRunner.query(`DROP TABLE "report_trajectory_fact"`);
  }
}
