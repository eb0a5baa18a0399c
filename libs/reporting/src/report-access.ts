// Who may see which part of the reports. Pure.
//
// Reports are aggregates of the clients of whole casusoverleg teams, so they are for the participants who see
// every client of their team (need-to-know `clients: 'team'`: the chair, the municipality, addiction care, the
// police), about those teams only. A section needs the data category its figures are about, as a client's file
// would: a police officer gets in- and outflow, caseload, stage durations and the deadlines of its categories, but
// no relapses or recovery (health) and no spending (budget). Chain partners (invited per client), the privacy
// officer and the admin get 403: an aggregate over a handful of clients they were never meant to see would still
// tell them something about those clients.

import { DEADLINE_KINDS, type DeadlineKind } from '@koers/machines/trajectory';
import { type Actor, DEADLINE_CATEGORIES, type DataCategory } from '@koers/access';
import { ForbiddenException } from '@koers/errors';
import { REPORT_SECTIONS, type ReportSection } from './report.types';

export const SECTION_CATEGORIES = {
  inflow: 'trajectory',
  outflow: 'trajectory',
  caseload: 'identity',
  stageDurations: 'identity',
  relapses: 'health',
  deadlines: 'trajectory',
  spending: 'budget',
  recovery: 'health',
} as const satisfies Record<ReportSection, DataCategory>;

export interface ReportAccess {
  /** The teams whose clients the reader sees in full: the widest scope a report can have (the region). */
  teamIds: string[];
  sections: ReportSection[];
  withheld: ReportSection[];
  /** Deadline kinds whose category the reader may see. */
  deadlineKinds: DeadlineKind[];
  categories: readonly DataCategory[];
}

export const REPORTS_FORBIDDEN =
  'Reports are for the participants of a casusoverleg who see all its clients (chair, addiction care, police)';

/** The reader's access to reports; throws 403 for those who have none. */
export function reportAccessOf(actor: Pick<Actor, 'teamIds' | 'categories'>): ReportAccess {
  if (actor.teamIds.length === 0) throw new ForbiddenException(REPORTS_FORBIDDEN);
  const may = (category: DataCategory) => actor.categories.includes(category);
  return {
    teamIds: actor.teamIds,
    sections: REPORT_SECTIONS.filter((s) => may(SECTION_CATEGORIES[s])),
    withheld: REPORT_SECTIONS.filter((s) => !may(SECTION_CATEGORIES[s])),
    deadlineKinds: DEADLINE_KINDS.filter((kind) => may(DEADLINE_CATEGORIES[kind])),
    categories: actor.categories,
  };
}
