// The JSON the reporting API answers (GET /api/reports/flow). Counts are whole numbers; durations are days with
// one decimal; amounts are euro cents. Every row names the figure ids its numbers answer to in the drilldown
// (GET /api/reports/drilldown?figure=...), see report-figures.ts for the grammar.

/** Sections of the report; `withheld` lists those the reader's party may not see (need-to-know). */
export const REPORT_SECTIONS = [
  'inflow',
  'outflow',
  'caseload',
  'stageDurations',
  'relapses',
  'deadlines',
  'spending',
  'recovery',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface ReportTeam {
  id: string;
  name: string;
  municipality: { id: string; name: string; code: string };
}

/** Median and quartiles (PostgreSQL percentile_cont, i.e. interpolated) and mean, in days; null without data. */
export interface DurationStats {
  count: number;
  medianDays: number | null;
  q1Days: number | null;
  q3Days: number | null;
  meanDays: number | null;
}

export interface InflowCounts {
  signals: number;
  /** Decided before the end of the period: included, or not. */
  included: number;
  notIncluded: number;
  /** No inclusion decision by the end of the period (still open, or closed before one was taken). */
  undecided: number;
}

export interface InflowRow extends InflowCounts {
  source: string;
  label: string;
  /** `inflow.<source>`: add `.signals`, `.included`, `.not_included` or `.undecided` for the drilldown. */
  figure: string;
}

export interface StillUsingCounts {
  yes: number;
  no: number;
  unknown: number;
}

export interface OutflowRow {
  reason: string;
  label: string;
  total: number;
  stillUsing: StillUsingCounts;
  /** `outflow.<reason>`: add `.all`, `.yes`, `.no` or `.unknown`. */
  figure: string;
}

export interface CaseloadRow {
  stage: string;
  label: string;
  count: number;
  /** `caseload.<stage>` */
  figure: string;
}

export interface StageDurationRow extends DurationStats {
  stage: string;
  label: string;
  /** Stays that were still going on at the end of the period (or now, if earlier), and their median age. */
  ongoing: { count: number; medianDays: number | null };
  /** `stage_duration.<stage>`: the stays that ended in the period. */
  figure: string;
}

export interface DeadlineRow {
  kind: string;
  label: string;
  onTime: number;
  late: number;
  total: number;
  /** Still open and past due at the end of the period (or now, if earlier). */
  overdueOpen: number;
  /** `deadlines.<kind>`: add `.on_time`, `.late`, `.overdue_open` or `.all`. */
  figure: string;
}

export interface SpendingRow {
  category: string;
  label: string;
  /** Distinct clients with an approved spend of this category in the period. */
  clients: number;
  spends: number;
  amountCents: number;
  /** `spending.<category>` */
  figure: string;
}

export interface RecoveryRow {
  instrument: string;
  label: string;
  /** Clients with at least two scored measurements of this instrument in the period. */
  clients: number;
  meanFirst: number | null;
  meanLast: number | null;
  meanChange: number | null;
  medianChange: number | null;
  improved: number;
  unchanged: number;
  worsened: number;
  /** BARC-10 only: clients whose last total is at or above the threshold (47); null for other instruments. */
  atOrAboveThreshold: number | null;
  threshold: number | null;
  /** `recovery.<instrument>` */
  figure: string;
}

export interface FlowReport {
  generatedAt: string;
  /** Calendar dates in Amsterdam, both inclusive. */
  period: { from: string; to: string };
  scope: { kind: 'region' | 'municipality' | 'team'; teams: ReportTeam[] };
  /** Whether this reader may ask which trajectories are behind a figure (GET /api/reports/drilldown). */
  drilldown: boolean;
  /** Sections left out because the reader's party may not see their data category (they are null below). */
  withheld: ReportSection[];
  /** Sections whose data is not stored in this installation (null below). */
  unavailable: ReportSection[];
  /** Signals that came in during the period, by source party, with their inclusion decision. */
  inflow: { rows: InflowRow[]; total: InflowCounts; figure: 'inflow.all' } | null;
  /** Trajectories closed in the period, by outflow reason and whether the client still uses. */
  outflow: { rows: OutflowRow[]; total: number; stillUsing: StillUsingCounts; figure: 'outflow.all' } | null;
  /** Open trajectories per stage at the end of `date` (or now, if that is earlier). */
  caseload: { date: string; rows: CaseloadRow[]; total: number; figure: 'caseload.all' } | null;
  /** Stays that ended in the period, per stage; and the time from signal to (first) admission. */
  stageDurations: {
    rows: StageDurationRow[];
    signalToAdmission: DurationStats & { figure: 'signal_to_admission' };
  } | null;
  /** Relapses in the period (entries into motivation from aftercare or admission). */
  relapses: {
    relapsed: number;
    treatmentAborted: number;
    total: number;
    /** Distinct trajectories with at least one. */
    clients: number;
    figure: 'relapses.all';
  } | null;
  /** Deadlines that ended in the period, on time or late (as GET /api/deadlines calls them: met, met_late). */
  deadlines: {
    rows: DeadlineRow[];
    total: { onTime: number; late: number; total: number; overdueOpen: number };
    figure: 'deadlines.all';
  } | null;
  /** Approved spends, by the day they were approved. */
  spending: {
    rows: SpendingRow[];
    total: { clients: number; spends: number; amountCents: number };
    figure: 'spending.all';
  } | null;
  /** Change between the first and the last scored measurement in the period, per instrument. */
  recovery: { rows: RecoveryRow[] } | null;
}

/** GET /api/reports/drilldown: the trajectories behind one figure of the same report. */
export interface DrilldownResult {
  figure: string;
  period: { from: string; to: string };
  caseloadDate: string;
  count: number;
  /** At most DRILLDOWN_LIMIT items; `truncated` when there were more (`count` is the full number). */
  truncated: boolean;
  items: { clientId: string; trajectoryId: string; teamId: string }[];
}
