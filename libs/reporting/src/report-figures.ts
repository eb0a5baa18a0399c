// Figure ids: every number of the flow report can be traced to the trajectories behind it
// (GET /api/reports/drilldown?figure=<id>). Pure: parsing and the data category each figure reveals.
//
//   inflow.<source|all>[.signals|.included|.not_included|.undecided]   (default: signals)
//   outflow.<reason|all>[.yes|.no|.unknown|.all]                        (default: all)
//   caseload.<stage|all>
//   stage_duration.<stage>
//   signal_to_admission
//   relapses.<relapsed|treatment_aborted|all>
//   deadlines.<kind|all>[.on_time|.late|.overdue_open|.all]             (all: ended in the period, on time or late)
//   spending.<category|all>
//   recovery.<instrument>

import { DEADLINE_KINDS, type DeadlineKind } from '@koers/machines/trajectory';
import { DEADLINE_CATEGORIES, type DataCategory } from '@koers/access';
import {
  OPEN_STAGES,
  OUTFLOW_REASONS,
  RECOVERY_INSTRUMENTS,
  RELAPSE_KINDS,
  SIGNAL_SOURCES,
  STILL_USING,
} from './report.labels';

export const INFLOW_MEASURES = ['signals', 'included', 'not_included', 'undecided'] as const;
export const DEADLINE_OUTCOMES = ['on_time', 'late', 'overdue_open', 'all'] as const;

export type Figure =
  | { section: 'inflow'; source: string | null; measure: (typeof INFLOW_MEASURES)[number] }
  | { section: 'outflow'; reason: string | null; stillUsing: string | null }
  | { section: 'caseload'; stage: string | null }
  | { section: 'stage_duration'; stage: string }
  | { section: 'signal_to_admission' }
  | { section: 'relapses'; kind: (typeof RELAPSE_KINDS)[number] | null }
  | { section: 'deadlines'; kind: DeadlineKind | null; outcome: (typeof DEADLINE_OUTCOMES)[number] }
  | { section: 'spending'; category: string | null }
  | { section: 'recovery'; instrument: string };

/** A spending category id as libs/budget writes them (its check constraint names them; here only the shape). */
const CATEGORY_ID = /^[a-z][a-z0-9_]{0,39}$/;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** `all` (or nothing) means every value; otherwise one of `values`, or undefined when it is none of them. */
function valueOrAll<T extends string>(values: readonly T[], value: string | undefined): T | null | undefined {
  if (value === undefined || value === 'all') return null;
  return oneOf(values, value);
}

/** The figure an id names, or null when it names none (the API answers 400 then). */
export function parseFigure(id: unknown): Figure | null {
  if (typeof id !== 'string' || id.length > 80 || !/^[a-z0-9_.]+$/.test(id)) return null;
  const [section, first, second, ...rest] = id.split('.');
  if (rest.length > 0) return null;
  switch (section) {
    case 'inflow': {
      const source = valueOrAll(SIGNAL_SOURCES, first);
      const measure = second === undefined ? 'signals' : oneOf(INFLOW_MEASURES, second);
      return first !== undefined && source !== undefined && measure ? { section, source, measure } : null;
    }
    case 'outflow': {
      const reason = valueOrAll(OUTFLOW_REASONS, first);
      const stillUsing = valueOrAll(STILL_USING, second);
      return first !== undefined && reason !== undefined && stillUsing !== undefined
        ? { section, reason, stillUsing }
        : null;
    }
    case 'caseload': {
      const stage = valueOrAll(OPEN_STAGES, first);
      return first !== undefined && second === undefined && stage !== undefined ? { section, stage } : null;
    }
    case 'stage_duration': {
      const stage = oneOf(OPEN_STAGES, first);
      return stage && second === undefined ? { section, stage } : null;
    }
    case 'signal_to_admission':
      return first === undefined ? { section } : null;
    case 'relapses': {
      const kind = valueOrAll(RELAPSE_KINDS, first);
      return first !== undefined && second === undefined && kind !== undefined ? { section, kind } : null;
    }
    case 'deadlines': {
      const kind = valueOrAll(DEADLINE_KINDS, first);
      const outcome = second === undefined ? 'all' : oneOf(DEADLINE_OUTCOMES, second);
      return first !== undefined && kind !== undefined && outcome ? { section, kind, outcome } : null;
    }
    case 'spending': {
      if (first === undefined || second !== undefined || !CATEGORY_ID.test(first)) return null;
      return { section, category: first === 'all' ? null : first };
    }
    case 'recovery': {
      const instrument = oneOf(RECOVERY_INSTRUMENTS, first);
      return instrument && second === undefined ? { section, instrument } : null;
    }
    default:
      return null;
  }
}

/**
 * The data category a figure's trajectories reveal beyond who they are: the reader needs it to see the ids.
 * Stage and time in stage go with identity (need-to-know.ts); relapses and recovery are health; spending budget.
 */
export function figureCategory(figure: Figure): DataCategory {
  switch (figure.section) {
    case 'inflow':
    case 'outflow':
      return 'trajectory';
    case 'caseload':
    case 'stage_duration':
    case 'signal_to_admission':
      return 'identity';
    case 'relapses':
    case 'recovery':
      return 'health';
    case 'deadlines':
      return figure.kind ? DEADLINE_CATEGORIES[figure.kind] : 'trajectory';
    case 'spending':
      return 'budget';
  }
}

/** Every category a drilldown can reveal (the access log's declaration; narrowed per request). */
export const DRILLDOWN_CATEGORIES: readonly DataCategory[] = [
  'identity',
  'trajectory',
  'health',
  'finances',
  'housing',
  'budget',
];
