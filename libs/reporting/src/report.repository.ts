import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@koers/persistence';
import type { Figure } from './report-figures';
import type { ReportTeam } from './report.types';

/** The teams and instants a report covers: [from, to) the period; end and at as ReportPeriod gives them. */
export interface ReportWindow {
  teamIds: string[];
  from: Date;
  to: Date;
  end: Date;
  at: Date;
}

export interface InflowSql {
  source: string;
  signals: number;
  included: number;
  notIncluded: number;
}
export interface OutflowSql {
  reason: string;
  stillUsing: string;
  count: number;
}
export interface QuartilesSql {
  count: number;
  /** percentile_cont(0.25, 0.5, 0.75) of seconds; null without rows. */
  q: (number | null)[] | null;
  mean: number | null;
}
export interface StageSql extends QuartilesSql {
  stage: string;
  ongoing: number;
  ongoingMedian: number | null;
  caseload: number;
}
export interface RelapseSql {
  relapsed: number;
  aborted: number;
  clients: number;
}
export interface DeadlineSql {
  kind: string;
  onTime: number;
  late: number;
  overdueOpen: number;
}
export interface SpendingSql {
  /** null: the total over every category (ROLLUP). */
  category: string | null;
  clients: number;
  spends: number;
  amountCents: string;
}
export interface RecoverySql {
  instrument: string;
  clients: number;
  meanFirst: number | null;
  meanLast: number | null;
  meanChange: number | null;
  medianChange: number | null;
  improved: number;
  unchanged: number;
  worsened: number;
  atOrAbove: number;
}

// Each statement reads one projection table (or deadline, spend, recovery_measurement) of the report's teams;
// they run side by side on the pool. $1 teams, $2 from, $3 to (exclusive), $4 end, $5 at.

const INFLOW = `SELECT source, count(*)::int AS signals,
         count(*) FILTER (WHERE included AND decided_at < $3)::int AS included,
         count(*) FILTER (WHERE NOT included AND decided_at < $3)::int AS "notIncluded"
    FROM report_trajectory_fact
   WHERE team_id = ANY($1::uuid[]) AND signalled_at >= $2 AND signalled_at < $3
   GROUP BY source`;

const OUTFLOW = `SELECT outflow_reason AS reason, still_using AS "stillUsing", count(*)::int AS count
    FROM report_trajectory_fact
   WHERE team_id = ANY($1::uuid[]) AND closed_at >= $2 AND closed_at < $3
   GROUP BY 1, 2`;

/** float8 seconds between two instants (date_part; extract() gives numeric, several times slower to sort). */
const SECONDS = (to: string, from: string) => `date_part('epoch', ${to} - ${from})`;

const SIGNAL_TO_ADMISSION = `SELECT count(*)::int AS count,
         percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY ${SECONDS('admitted_first_at', 'signalled_at')}) AS q,
         avg(${SECONDS('admitted_first_at', 'signalled_at')})::float8 AS mean
    FROM report_trajectory_fact
   WHERE team_id = ANY($1::uuid[]) AND admitted_first_at >= $2 AND admitted_first_at < $3`;

/**
 * Per stage (a lateral join over the stage ids, each an index-only range scan of report_interval_team_stage, so
 * the region's stays are never sorted by stage name): the stays that ended in the period (durations), those
 * still going on at `end` (ongoing, $4) and those open at `at` (caseload, $5). "Open at t" is two index ranges:
 * never left, or left after t.
 */
const OPEN_AT = (t: string, strict: boolean) => `(
      SELECT i.entered_at FROM report_stage_interval i
       WHERE i.team_id = ANY($1::uuid[]) AND i.stage = s.stage AND i.left_at IS NULL
         AND i.entered_at ${strict ? '<' : '<='} ${t}
      UNION ALL
      SELECT i.entered_at FROM report_stage_interval i
       WHERE i.team_id = ANY($1::uuid[]) AND i.stage = s.stage AND i.left_at ${strict ? '>=' : '>'} ${t}
         AND i.entered_at ${strict ? '<' : '<='} ${t})`;
const STAGES = `SELECT s.stage, d.count, d.q, d.mean, o.ongoing, o.median AS "ongoingMedian", c.caseload
    FROM unnest($6::text[]) AS s(stage)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS count,
             percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY ${SECONDS('i.left_at', 'i.entered_at')}) AS q,
             avg(${SECONDS('i.left_at', 'i.entered_at')}) AS mean
        FROM report_stage_interval i
       WHERE i.team_id = ANY($1::uuid[]) AND i.stage = s.stage AND i.left_at >= $2 AND i.left_at < $3
    ) d
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ongoing,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${SECONDS('$4::timestamptz', 'x.entered_at')}) AS median
        FROM ${OPEN_AT('$4', true)} x
    ) o
    CROSS JOIN LATERAL (SELECT count(*)::int AS caseload FROM ${OPEN_AT('$5', false)} y) c`;

/** Relapses in the period: entries into motivation from aftercare (RELAPSED) or admission (TREATMENT_ABORTED). */
const RELAPSES = `SELECT count(*) FILTER (WHERE entered_from = 'aftercare')::int AS relapsed,
         count(*) FILTER (WHERE entered_from = 'admission')::int AS aborted,
         count(DISTINCT trajectory_id)::int AS clients
    FROM report_stage_interval
   WHERE team_id = ANY($1::uuid[]) AND stage = 'motivation' AND entered_from IN ('admission', 'aftercare')
     AND entered_at >= $2 AND entered_at < $3`;

/**
 * Deadlines that ended (done) in the period, on time (done at or before due) or late, as the deadlines API
 * calls them met / met_late; and those open and past due at `end` (with their current due time).
 */
const DEADLINE_ENDED = `status = 'done' AND done_at >= $2 AND done_at < $3`;
const DEADLINE_OVERDUE_OPEN = `due_at < $4 AND created_at < $4 AND (status = 'pending' OR done_at >= $4)`;
/** $5: the deadline kinds the reader may see (need-to-know). */
const DEADLINES = `SELECT kind, sum(on_time)::int AS "onTime", sum(late)::int AS late, sum(open)::int AS "overdueOpen"
    FROM (
      SELECT kind, count(*) FILTER (WHERE done_at <= due_at) AS on_time, count(*) FILTER (WHERE done_at > due_at) AS late,
             0 AS open
        FROM deadline
       WHERE team_id = ANY($1::uuid[]) AND ${DEADLINE_ENDED} AND kind = ANY($5::text[])
       GROUP BY kind
      UNION ALL
      SELECT kind, 0, 0, count(*)
        FROM deadline
       WHERE team_id = ANY($1::uuid[]) AND kind = ANY($5::text[]) AND ${DEADLINE_OVERDUE_OPEN}
       GROUP BY kind
    ) x
   GROUP BY kind`;

/** libs/budget's spends: approved ones, by the day they were approved; the total row from ROLLUP. */
const SPENDING = `SELECT category, count(DISTINCT client_id)::int AS clients, count(*)::int AS spends,
         sum(amount_cents)::text AS "amountCents"
    FROM spend
   WHERE team_id = ANY($1::uuid[]) AND status = 'approved' AND approved_at >= $2 AND approved_at < $3
   GROUP BY ROLLUP (category)`;

/**
 * libs/recovery's measurements: per client and instrument the first and the last scored one in the period. The
 * min and max of [measured, recorded, score] pick them in one hash aggregate (ordered aggregates sort per client).
 */
const RECOVERY = `WITH per_client AS (
    SELECT instrument_id,
           (min(ARRAY[date_part('epoch', measured_at), date_part('epoch', recorded_at), total_score]))[3] AS first,
           (max(ARRAY[date_part('epoch', measured_at), date_part('epoch', recorded_at), total_score]))[3] AS last
      FROM recovery_measurement
     WHERE team_id = ANY($1::uuid[]) AND total_score IS NOT NULL AND measured_at >= $2 AND measured_at < $3
     GROUP BY instrument_id, client_id
    HAVING count(*) >= 2
  )
  SELECT instrument_id AS instrument, count(*)::int AS clients,
         avg(first)::float8 AS "meanFirst", avg(last)::float8 AS "meanLast", avg(last - first)::float8 AS "meanChange",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY last - first) AS "medianChange",
         count(*) FILTER (WHERE last > first)::int AS improved,
         count(*) FILTER (WHERE last = first)::int AS unchanged,
         count(*) FILTER (WHERE last < first)::int AS worsened,
         count(*) FILTER (WHERE last >= $4)::int AS "atOrAbove"
    FROM per_client
   GROUP BY instrument_id`;

/** Items of a drilldown: the trajectories (and their clients) behind a figure. */
export interface DrilldownRow {
  clientId: string;
  trajectoryId: string;
  teamId: string;
}

/** Parameters of the drilldown statements: $1 teams, $2 from, $3 to, $4 end, $5 at, then the figure's own. */
function drilldownSql(
  figure: Figure,
  deadlineKinds: string[],
): { where: string; values: unknown[]; trajectory?: string } {
  switch (figure.section) {
    case 'inflow': {
      const measure = {
        signals: 'true',
        included: 'f.included AND f.decided_at < $3',
        not_included: 'NOT f.included AND f.decided_at < $3',
        undecided: 'f.decided_at IS NULL OR f.decided_at >= $3',
      }[figure.measure];
      return {
        where: `FROM report_trajectory_fact f WHERE f.team_id = ANY($1::uuid[]) AND f.signalled_at >= $2
                  AND f.signalled_at < $3 AND ($6::text IS NULL OR f.source = $6) AND (${measure})`,
        values: [figure.source],
      };
    }
    case 'outflow':
      return {
        where: `FROM report_trajectory_fact f WHERE f.team_id = ANY($1::uuid[]) AND f.closed_at >= $2 AND f.closed_at < $3
                  AND ($6::text IS NULL OR f.outflow_reason = $6) AND ($7::text IS NULL OR f.still_using = $7)`,
        values: [figure.reason, figure.stillUsing],
      };
    case 'signal_to_admission':
      return {
        where: `FROM report_trajectory_fact f WHERE f.team_id = ANY($1::uuid[]) AND f.admitted_first_at >= $2
                  AND f.admitted_first_at < $3`,
        values: [],
      };
    case 'caseload':
      return {
        where: `FROM report_stage_interval f WHERE f.team_id = ANY($1::uuid[]) AND f.entered_at <= $5
                  AND (f.left_at IS NULL OR f.left_at > $5) AND ($6::text IS NULL OR f.stage = $6)`,
        values: [figure.stage],
      };
    case 'stage_duration':
      return {
        where: `FROM report_stage_interval f WHERE f.team_id = ANY($1::uuid[]) AND f.left_at >= $2 AND f.left_at < $3
                  AND f.stage = $6`,
        values: [figure.stage],
      };
    case 'relapses': {
      const from = figure.kind === null ? null : figure.kind === 'relapsed' ? 'aftercare' : 'admission';
      return {
        where: `FROM report_stage_interval f WHERE f.team_id = ANY($1::uuid[]) AND f.stage = 'motivation'
                  AND f.entered_from IN ('admission', 'aftercare') AND ($6::text IS NULL OR f.entered_from = $6)
                  AND f.entered_at >= $2 AND f.entered_at < $3`,
        values: [from],
      };
    }
    case 'deadlines': {
      const outcome = {
        on_time: `${DEADLINE_ENDED} AND done_at <= due_at`,
        late: `${DEADLINE_ENDED} AND done_at > due_at`,
        all: DEADLINE_ENDED,
        overdue_open: DEADLINE_OVERDUE_OPEN,
      }[figure.outcome];
      return {
        where: `FROM deadline f WHERE f.team_id = ANY($1::uuid[]) AND f.trajectory_id IS NOT NULL
                  AND f.kind = ANY($6::text[]) AND (${outcome})`,
        values: [figure.kind ? [figure.kind].filter((k) => deadlineKinds.includes(k)) : deadlineKinds],
      };
    }
    case 'spending':
      return {
        where: `FROM spend s JOIN trajectory f ON f.client_id = s.client_id
                 WHERE s.team_id = ANY($1::uuid[]) AND s.status = 'approved' AND s.approved_at >= $2
                   AND s.approved_at < $3 AND ($6::text IS NULL OR s.category = $6)`,
        values: [figure.category],
        trajectory: 'f.id',
      };
    case 'recovery':
      return {
        where: `FROM (SELECT client_id FROM recovery_measurement
                       WHERE team_id = ANY($1::uuid[]) AND instrument_id = $6 AND total_score IS NOT NULL
                         AND measured_at >= $2 AND measured_at < $3
                       GROUP BY client_id HAVING count(*) >= 2) m
                JOIN trajectory f ON f.client_id = m.client_id`,
        values: [figure.instrument],
        trajectory: 'f.id',
      };
  }
}

/** All SQL of the reports. Reads only: the projection is written by the trigger on trajectory_event. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The given teams with their municipality, by name. */
  async teams(teamIds: string[]): Promise<ReportTeam[]> {
    const rows: { id: string; name: string; mId: string; mName: string; mCode: string }[] =
      await this.dataSource.query(
        `SELECT t.id, t.name, m.id AS "mId", m.name AS "mName", m.code AS "mCode"
           FROM team t JOIN municipality m ON m.id = t.municipality_id
          WHERE t.id = ANY($1::uuid[]) ORDER BY t.name, t.id`,
        [teamIds],
      );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      municipality: { id: r.mId, name: r.mName, code: r.mCode },
    }));
  }

  /** Whether a table of another context is there (spend: libs/budget; recovery_measurement: libs/recovery). */
  async hasTable(name: 'spend' | 'recovery_measurement'): Promise<boolean> {
    const [row]: { present: boolean }[] = await this.dataSource.query(
      `SELECT to_regclass($1) IS NOT NULL AS present`,
      [`public.${name}`],
    );
    return row.present;
  }

  private run<R extends object>(name: string, sql: string, values: unknown[]): Promise<R[]> {
    return preparedQuery<R & Record<string, unknown>>(this.dataSource, name, sql, values);
  }

  private base(w: ReportWindow): unknown[] {
    return [w.teamIds, w.from, w.to];
  }

  inflow(w: ReportWindow): Promise<InflowSql[]> {
    return this.run('koers_report_inflow', INFLOW, this.base(w));
  }

  outflow(w: ReportWindow): Promise<OutflowSql[]> {
    return this.run('koers_report_outflow', OUTFLOW, this.base(w));
  }

  async signalToAdmission(w: ReportWindow): Promise<QuartilesSql> {
    const [row] = await this.run<QuartilesSql>(
      'koers_report_signal_to_admission',
      SIGNAL_TO_ADMISSION,
      this.base(w),
    );
    return row;
  }

  stages(w: ReportWindow, stages: readonly string[]): Promise<StageSql[]> {
    return this.run('koers_report_stages', STAGES, [...this.base(w), w.end, w.at, stages]);
  }

  async relapses(w: ReportWindow): Promise<RelapseSql> {
    const [row] = await this.run<RelapseSql>('koers_report_relapses', RELAPSES, this.base(w));
    return row;
  }

  deadlines(w: ReportWindow, kinds: string[]): Promise<DeadlineSql[]> {
    return this.run('koers_report_deadlines', DEADLINES, [...this.base(w), w.end, kinds]);
  }

  spending(w: ReportWindow): Promise<SpendingSql[]> {
    return this.dataSource.query(SPENDING, this.base(w));
  }

  recovery(w: ReportWindow, threshold: number): Promise<RecoverySql[]> {
    return this.dataSource.query(RECOVERY, [...this.base(w), threshold]);
  }

  /** The trajectories behind a figure (distinct, by client id), at most `limit`, and how many there are. */
  async drilldown(
    w: ReportWindow,
    figure: Figure,
    deadlineKinds: string[],
    limit: number,
  ): Promise<{ count: number; items: DrilldownRow[] }> {
    const { where, values, trajectory = 'f.trajectory_id' } = drilldownSql(figure, deadlineKinds);
    const limitParameter = `$${6 + values.length}`;
    // `parameters` types the window's parameters that this figure's condition does not use.
    const rows: (DrilldownRow & { total: number })[] = await this.dataSource.query(
      `WITH parameters AS (SELECT $1::uuid[], $2::timestamptz, $3::timestamptz, $4::timestamptz, $5::timestamptz),
            behind AS (SELECT DISTINCT ${trajectory} AS trajectory_id ${where})
       SELECT t.client_id AS "clientId", t.id AS "trajectoryId", t.team_id AS "teamId",
              (SELECT count(*) FROM behind)::int AS total
         FROM behind b JOIN trajectory t ON t.id = b.trajectory_id
        ORDER BY t.client_id
        LIMIT ${limitParameter}`,
      [w.teamIds, w.from, w.to, w.end, w.at, ...values, limit],
    );
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map(({ clientId, trajectoryId, teamId }) => ({ clientId, trajectoryId, teamId })),
    };
  }
}
