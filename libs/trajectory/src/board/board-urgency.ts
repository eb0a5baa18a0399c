import {
  DEADLINE_KINDS,
  type Blocker,
  type DeadlineFact,
  type DeadlineKind,
} from '@koers/machines/trajectory';
import { BLOCKER_CATEGORIES, DATA_CATEGORIES, DEADLINE_CATEGORIES, type DataCategory } from '@koers/access';
import type { BoardRowData } from './board.repository';

// Need-to-know on the board's deadline half. Pure: BoardService calls it per row, the spec checks it without a
// database.

/**
 * A board row with its urgency as one reader may see it: the summary's facts count every pending deadline, so a
 * reader who may not see some kinds (the police: no budget, no finances) gets them worked out again from the
 * visible ones. Numbers are epoch milliseconds, as the repository gives them. One object per row (a region has
 * 10,000), flat, so sorting reads its fields directly.
 */
export interface ReaderRow {
  row: BoardRowData;
  /** What the reader may see of this client (categoriesFor). */
  categories: DataCategory[];
  nextDueAt: number | null;
  nextDueKind: string | null;
  overdueSince: number | null;
  escalatedAt: number | null;
  blockedSince: number | null;
  /** The visible facts when some were left out; null when the row's own facts are all visible. */
  facts: DeadlineFact[] | null;
}

/** Read once: a region's board asks it 10,000 times, and an imported binding is a property read each time. */
const ALL_CATEGORIES = DATA_CATEGORIES.length;

/**
 * The text by which a deadline kind shows in the summary's facts: its name as a JSON string, whatever the spacing
 * (the facts' other values are steps, instants and ids, never a kind's name).
 */
const KIND_MARKERS = new Map<DeadlineKind, string>(DEADLINE_KINDS.map((kind) => [kind, `"${kind}"`]));

/**
 * The deadline kinds whose category is not among `categories`, remembered per set of categories: a region's
 * 10,000 rows come in a handful of sets (need-to-know, invitation scope, legal basis).
 */
export function hiddenKindsMemo(): (categories: DataCategory[]) => DeadlineKind[] {
  const memo = new Map<string, DeadlineKind[]>();
  return (categories) => {
    if (categories.length === ALL_CATEGORIES) return [];
    const key = categories.join();
    let hidden = memo.get(key);
    if (hidden === undefined) {
      hidden = DEADLINE_KINDS.filter((kind) => !categories.includes(DEADLINE_CATEGORIES[kind]));
      memo.set(key, hidden);
    }
    return hidden;
  };
}

/**
 * The row as a reader with `categories` may see it (`hiddenKinds`: the deadline kinds of categories not among
 * them, see hiddenKindsMemo).
 * Whoever sees every category keeps the summary's figures as they are (the common case on a region's board: no
 * parsing). For anyone else:
 * - a row with a pending deadline of a hidden kind gets next deadline, overdue and escalated worked out again over
 *   the visible facts, as the summary's trigger does (koers_refresh_deadline_summary);
 * - blocked-since counts the machine's blocking only when the reader sees one of the machine blockers;
 * - who may not see the trajectory gets no escalated, overdue or blocked-since at all.
 * `everyKind` (the agenda): escalated, overdue and blocked-since count every deadline and blocker of the
 * casusoverleg; the next deadline and the facts (for the blockers shown) stay narrowed.
 */
export function readerRow(
  row: BoardRowData,
  categories: DataCategory[],
  hiddenKinds: (categories: DataCategory[]) => readonly DeadlineKind[],
  parse: <T>(json: string) => T,
  everyKind: boolean,
): ReaderRow {
  const urgency: ReaderRow = {
    row,
    categories,
    nextDueAt: row.nextDueAt,
    nextDueKind: row.nextDueKind,
    overdueSince: row.overdueSince,
    escalatedAt: row.escalatedAt,
    blockedSince: earliest(row.machineBlockedSince, row.overdueSince),
    facts: null,
  };
  if (categories.length === ALL_CATEGORIES) return urgency;
  const hidden = hiddenKinds(categories);
  if (hidden.some((kind) => row.facts.includes(KIND_MARKERS.get(kind)!))) {
    const visible = parse<DeadlineFact[]>(row.facts).filter((fact) => !hidden.includes(fact.kind));
    const next = visible[0]; // the facts come soonest first, as next_due_* is chosen
    urgency.nextDueAt = next ? Date.parse(next.dueAt) : null;
    urgency.nextDueKind = next ? next.kind : null;
    urgency.facts = visible;
    if (!everyKind) {
      urgency.overdueSince = null;
      urgency.escalatedAt = null;
      for (const fact of visible) {
        if (fact.step === 'overdue' || fact.step === 'agenda')
          urgency.overdueSince = earliest(urgency.overdueSince, Date.parse(fact.dueAt));
        if (fact.step === 'agenda' && fact.firedAt)
          urgency.escalatedAt = earliest(urgency.escalatedAt, Date.parse(fact.firedAt));
      }
    }
  }
  if (!everyKind) {
    const machineVisible =
      row.machineBlockedSince !== null &&
      parse<Blocker[]>(row.machineBlockers).some((b) => categories.includes(BLOCKER_CATEGORIES[b.code]));
    urgency.blockedSince = earliest(machineVisible ? row.machineBlockedSince : null, urgency.overdueSince);
  }
  if (!categories.includes('trajectory')) {
    urgency.overdueSince = null;
    urgency.escalatedAt = null;
    urgency.blockedSince = null;
  }
  return urgency;
}

const earliest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
