// The generated agenda of a casusoverleg (domain.md §5): pure, so its rules are tested without a database.

export const AGENDA_REASONS = ['escalated', 'overdue', 'blocked', 'follow_up', 'new_case', 'added'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

export const AGENDA_REASON_LABELS = {
  escalated: 'Geëscaleerd naar het casusoverleg',
  overdue: 'Termijn verstreken',
  blocked: 'Loopt vast',
  follow_up: 'Vervolgbespreking signaal',
  new_case: 'Nieuwe casus',
  added: 'Toegevoegd door de voorzitter',
} as const satisfies Record<AgendaReason, string>;

/** Time estimates per item in minutes: a new case is discussed in depth, a blocked one is a check-in. */
export const ITEM_MINUTES = {
  escalated: 15,
  overdue: 15,
  blocked: 10,
  follow_up: 10,
  new_case: 20,
  added: 10,
} as const satisfies Record<AgendaReason, number>;

/** Opening, fixing the agenda, and the round at the end: time no client item can use. */
export const FIXED_MINUTES = 10;

/** The handreiking: at most 2 new cases in a casusoverleg's first meeting, at most 1 in later ones. */
export function newCaseLimit(isFirstMeeting: boolean): number {
  return isFirstMeeting ? 2 : 1;
}

/** An open trajectory as the board sees it, in board order (most urgent first). */
export interface AgendaCandidate {
  clientId: string;
  stage: string;
  escalated: boolean;
  overdue: boolean;
  blockerCodes: string[];
  /** Was on the agenda of a meeting that was held: a signal then is a follow-up, not a new case. */
  discussedBefore: boolean;
}

export interface AgendaEntry {
  clientId: string;
  reason: AgendaReason;
  estimateMinutes: number;
}

export interface DeferredEntry extends AgendaEntry {
  deferredBecause: 'new_case_limit' | 'time_budget';
}

export interface GeneratedAgenda {
  items: AgendaEntry[];
  deferred: DeferredEntry[];
  newCaseLimit: number;
  budgetMinutes: number;
  plannedMinutes: number;
}

/** Why a candidate belongs on the agenda, or null when nothing calls for discussion. */
export function agendaReason(candidate: AgendaCandidate): AgendaReason | null {
  if (candidate.stage === 'signal' && !candidate.discussedBefore) return 'new_case';
  if (candidate.escalated) return 'escalated';
  if (candidate.overdue) return 'overdue';
  if (candidate.blockerCodes.length === 0) return null;
  return candidate.stage === 'signal' ? 'follow_up' : 'blocked';
}

const ORDER: AgendaReason[] = ['escalated', 'overdue', 'blocked', 'follow_up', 'new_case'];

/**
 * Escalated and blocked clients first, then the new signals awaiting a decision, within the meeting's time.
 * New cases are limited (newCaseLimit; escalated signals before the others, then in board order) and their
 * time is reserved first, so a crowded board never crowds out inflow; the other items fill what is left in
 * board order. What does not fit is returned as deferred, with the reason.
 */
export function generateAgenda(
  candidates: AgendaCandidate[],
  options: { isFirstMeeting: boolean; budgetMinutes: number },
): GeneratedAgenda {
  const limit = newCaseLimit(options.isFirstMeeting);
  const entries = candidates.flatMap((candidate) => {
    const reason = agendaReason(candidate);
    return reason
      ? [
          {
            candidate,
            entry: { clientId: candidate.clientId, reason, estimateMinutes: ITEM_MINUTES[reason] },
          },
        ]
      : [];
  });
  const deferred: DeferredEntry[] = [];
  const newCases = entries
    .filter((e) => e.entry.reason === 'new_case')
    .sort((a, b) => Number(b.candidate.escalated) - Number(a.candidate.escalated));
  const chosenNew: AgendaEntry[] = [];
  let remaining = options.budgetMinutes - FIXED_MINUTES;
  for (const { entry } of newCases) {
    if (chosenNew.length >= limit) deferred.push({ ...entry, deferredBecause: 'new_case_limit' });
    else if (entry.estimateMinutes > remaining) deferred.push({ ...entry, deferredBecause: 'time_budget' });
    else {
      chosenNew.push(entry);
      remaining -= entry.estimateMinutes;
    }
  }
  const others: AgendaEntry[] = [];
  for (const reason of ORDER.filter((r) => r !== 'new_case')) {
    for (const { entry } of entries.filter((e) => e.entry.reason === reason)) {
      if (entry.estimateMinutes > remaining) deferred.push({ ...entry, deferredBecause: 'time_budget' });
      else {
        others.push(entry);
        remaining -= entry.estimateMinutes;
      }
    }
  }
  const items = [...others, ...chosenNew];
  return {
    items,
    deferred,
    newCaseLimit: limit,
    budgetMinutes: options.budgetMinutes,
    plannedMinutes: FIXED_MINUTES + items.reduce((sum, item) => sum + item.estimateMinutes, 0),
  };
}
