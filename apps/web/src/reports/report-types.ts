/**
 * The reporting API's answers, as the API itself declares them (libs/reporting/src/report.types.ts: plain types, no
 * imports, so the browser build can share them and the two cannot drift apart).
 */
export type {
  ReportSection,
  ReportTeam,
  DurationStats,
  InflowCounts,
  InflowRow,
  StillUsingCounts,
  OutflowRow,
  CaseloadRow,
  StageDurationRow,
  DeadlineRow,
  SpendingRow,
  RecoveryRow,
  FlowReport,
  DrilldownResult,
} from '@koers/libs/reporting/src/report.types';

/** A client named in a drilldown list (from GET /api/clients, which the reader may see). */
export interface ClientName {
  id: string;
  displayName: string;
  /** The stage the client's trajectory is in now ("Wachtlijst", "Afgesloten"). */
  stageLabel: string;
}
