/**
 * The reporting API's answers (libs/reporting/src/report.types.ts), as the web app reads them. Counts are whole
 * numbers, durations days with one decimal, amounts euro cents; labels are Dutch. Every row names its `figure`,
 * the id GET /api/reports/drilldown answers for.
 */
export type ReportSection =
  'inflow' | 'outflow' | 'caseload' | 'stageDurations' | 'relapses' | 'deadlines' | 'spending' | 'recovery';

export interface ReportTeam {
  id: string;
  name: string;
  municipality: { id: string; name: string; code: string };
}

export interface DurationStats {
  count: number;
  medianDays: number | null;
  q1Days: number | null;
  q3Days: number | null;
  meanDays: number | null;
}

export interface InflowCounts {
  signals: number;
  included: number;
  notIncluded: number;
  undecided: number;
}

export interface InflowRow extends InflowCounts {
  source: string;
  label: string;
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
  figure: string;
}

export interface CaseloadRow {
  stage: string;
  label: string;
  count: number;
  figure: string;
}

export interface StageDurationRow extends DurationStats {
  stage: string;
  label: string;
  ongoing: { count: number; medianDays: number | null };
  figure: string;
}

export interface DeadlineRow {
  kind: string;
  label: string;
  onTime: number;
  late: number;
  total: number;
  overdueOpen: number;
  figure: string;
}

export interface SpendingRow {
  category: string;
  label: string;
  clients: number;
  spends: number;
  amountCents: number;
  figure: string;
}

export interface RecoveryRow {
  instrument: string;
  label: string;
  clients: number;
  meanFirst: number | null;
  meanLast: number | null;
  meanChange: number | null;
  medianChange: number | null;
  improved: number;
  unchanged: number;
  worsened: number;
  atOrAboveThreshold: number | null;
  threshold: number | null;
  figure: string;
}

export interface FlowReport {
  generatedAt: string;
  period: { from: string; to: string };
  scope: { kind: 'region' | 'municipality' | 'team'; teams: ReportTeam[] };
  drilldown: boolean;
  withheld: ReportSection[];
  unavailable: ReportSection[];
  inflow: { rows: InflowRow[]; total: InflowCounts; figure: string } | null;
  outflow: { rows: OutflowRow[]; total: number; stillUsing: StillUsingCounts; figure: string } | null;
  caseload: { date: string; rows: CaseloadRow[]; total: number; figure: string } | null;
  stageDurations: {
    rows: StageDurationRow[];
    signalToAdmission: DurationStats & { figure: string };
  } | null;
  relapses: {
    relapsed: number;
    treatmentAborted: number;
    total: number;
    clients: number;
    figure: string;
  } | null;
  deadlines: {
    rows: DeadlineRow[];
    total: { onTime: number; late: number; total: number; overdueOpen: number };
    figure: string;
  } | null;
  spending: {
    rows: SpendingRow[];
    total: { clients: number; spends: number; amountCents: number };
    figure: string;
  } | null;
  recovery: { rows: RecoveryRow[] } | null;
}

export interface DrilldownResult {
  figure: string;
  period: { from: string; to: string };
  caseloadDate: string;
  count: number;
  truncated: boolean;
  items: { clientId: string; trajectoryId: string; teamId: string }[];
}

/** GET /clients, for the names behind a drilldown (the drilldown itself answers ids only). */
export interface ClientName {
  id: string;
  displayName: string;
  /** The stage the client's trajectory is in now ("Wachtlijst", "Afgesloten"). */
  stageLabel: string;
}
