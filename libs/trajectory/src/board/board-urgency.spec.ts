import { type Actor, accessOf, actorFrom, categoriesFor } from '@koers/access';
import type { DeadlineFactStep, DeadlineKind } from '@koers/machines/trajectory';
import type { BoardRowData } from './board.repository';
import { hiddenKindsMemo, readerRow } from './board-urgency';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

interface Fact {
  kind: DeadlineKind;
  dueAt: number;
  step: DeadlineFactStep;
  firedAt?: number;
}

/** The facts as the summary's jsonb prints them: soonest first, `"key": value`. */
function factsText(facts: Fact[]): string {
  const sorted = [...facts].sort((a, b) => a.dueAt - b.dueAt || a.kind.localeCompare(b.kind));
  return `[${sorted
    .map(
      (f) =>
        `{"kind": "${f.kind}", "step": "${f.step}", "dueAt": "${iso(f.dueAt)}", ` +
        `"firedAt": ${f.firedAt === undefined ? 'null' : `"${iso(f.firedAt)}"`}, "subjectId": null}`,
    )
    .join(', ')}]`;
}

/** A board row with the summary's figures worked out over every fact, as the trigger does. */
function row(facts: Fact[], machine: { codes: string[]; since: number | null } = { codes: [], since: null }) {
  const sorted = [...facts].sort((a, b) => a.dueAt - b.dueAt || a.kind.localeCompare(b.kind));
  const overdue = sorted.filter((f) => f.step === 'overdue' || f.step === 'agenda').map((f) => f.dueAt);
  const agenda = sorted.filter((f) => f.step === 'agenda').map((f) => f.firedAt!);
  return {
    clientId: 'client-1',
    displayName: 'Demo',
    trajectoryId: 'trajectory-1',
    teamId: 'team-1',
    teamName: 'Casusoverleg',
    legalBasis: 'consent',
    stage: 'motivation',
    stageEnteredAt: NOW - 30 * DAY,
    daysInStage: 30,
    machineBlockers: JSON.stringify(
      machine.codes.map((code) => ({ code, message: code, liftedBy: 'chair' })),
    ),
    facts: factsText(facts),
    nextDueAt: sorted[0]?.dueAt ?? null,
    nextDueKind: sorted[0]?.kind ?? null,
    overdueSince: overdue.length ? Math.min(...overdue) : null,
    escalatedAt: agenda.length ? Math.min(...agenda) : null,
    machineBlockedSince: machine.since,
  } satisfies BoardRowData;
}

const actorOf = (partyKind: string, role: 'chair' | 'member' = 'member'): Actor =>
  actorFrom({
    sessionId: 's',
    userId: `u-${partyKind}`,
    username: partyKind,
    displayName: partyKind,
    partyId: `p-${partyKind}`,
    partyKind,
    role,
    memberTeamIds: ['team-1'],
  });

function urgencyFor(actor: Actor, data: BoardRowData, everyKind = false) {
  const categories = categoriesFor(actor, data.teamId, data.clientId, data.legalBasis);
  const parse = <T>(json: string): T => JSON.parse(json) as T;
  const {
    row: _row,
    categories: _categories,
    ...urgency
  } = readerRow(data, categories, hiddenKindsMemo(), parse, everyKind);
  return urgency;
}

describe('readerRow (board need-to-know)', () => {
  const chair = actorOf('municipality', 'chair');
  const police = actorOf('police');

  // An urgent payment overdue since yesterday, a budget review escalated, the inclusion decision still to come.
  const budgetOnly = row([
    { kind: 'urgent_payment', dueAt: NOW - DAY, step: 'overdue', firedAt: NOW - DAY },
    { kind: 'condition_review', dueAt: NOW - 2 * DAY, step: 'agenda', firedAt: NOW - 2 * DAY },
    { kind: 'inclusion_decision', dueAt: NOW + 5 * DAY, step: 'none' },
  ]);

  it('keeps the summary as it is for a reader who sees every category', () => {
    expect(urgencyFor(chair, budgetOnly)).toEqual({
      nextDueAt: NOW - 2 * DAY,
      nextDueKind: 'condition_review',
      overdueSince: NOW - 2 * DAY,
      escalatedAt: NOW - 2 * DAY,
      blockedSince: NOW - 2 * DAY,
      facts: null,
    });
  });

  it('leaves budget deadlines out of the police’s next deadline, overdue, escalated and blocked-since', () => {
    const urgency = urgencyFor(police, budgetOnly);
    expect(urgency).toMatchObject({
      nextDueAt: NOW + 5 * DAY,
      nextDueKind: 'inclusion_decision',
      overdueSince: null,
      escalatedAt: null,
      blockedSince: null,
    });
    expect(urgency.facts?.map((f) => f.kind)).toEqual(['inclusion_decision']);
  });

  it('still counts the deadlines the police may see, and the machine blockers it sees', () => {
    const mixed = row(
      [
        { kind: 'urgent_payment', dueAt: NOW - 3 * DAY, step: 'overdue', firedAt: NOW - 3 * DAY },
        { kind: 'consent', dueAt: NOW - DAY, step: 'agenda', firedAt: NOW - DAY },
      ],
      { codes: ['no_housing'], since: NOW - 10 * DAY },
    );
    expect(urgencyFor(police, mixed)).toMatchObject({
      nextDueKind: 'consent',
      overdueSince: NOW - DAY,
      escalatedAt: NOW - DAY,
      blockedSince: NOW - 10 * DAY,
    });
  });

  it('does not date blocked-since from machine blockers the reader may not see', () => {
    const financesOnly = row([], { codes: ['postal_address_expired'], since: NOW - 4 * DAY });
    expect(urgencyFor(police, financesOnly).blockedSince).toBeNull();
    expect(urgencyFor(chair, financesOnly).blockedSince).toBe(NOW - 4 * DAY);
  });

  it('counts every deadline of the casusoverleg for the agenda, with the next deadline still narrowed', () => {
    expect(urgencyFor(police, budgetOnly, true)).toMatchObject({
      nextDueKind: 'inclusion_decision',
      overdueSince: NOW - 2 * DAY,
      escalatedAt: NOW - 2 * DAY,
    });
  });

  it('gives a reader without the trajectory category no urgency flags at all', () => {
    const housing = actorFrom({
      sessionId: 's',
      userId: 'u-housing',
      username: 'housing',
      displayName: 'housing',
      partyId: 'p-housing',
      partyKind: 'housing_corporation',
      role: 'member',
      memberTeamIds: ['team-1'],
      invitations: [
        { clientId: 'client-1', scope: [...accessOf('housing_corporation', 'member').categories] },
      ],
    });
    const evaluation = row([
      { kind: 'three_party_evaluation', dueAt: NOW - DAY, step: 'agenda', firedAt: NOW - DAY },
      { kind: 'consent', dueAt: NOW - 2 * DAY, step: 'agenda', firedAt: NOW - 2 * DAY },
    ]);
    expect(urgencyFor(housing, evaluation)).toMatchObject({
      nextDueKind: 'three_party_evaluation',
      overdueSince: null,
      escalatedAt: null,
      blockedSince: null,
    });
  });

  it('works the hidden kinds out once per set of categories', () => {
    const hidden = hiddenKindsMemo();
    const police1 = categoriesFor(police, 'team-1', 'client-1', 'consent');
    expect(hidden(police1)).toEqual(['postal_address_expiry', 'condition_review', 'urgent_payment']);
    expect(hidden([...police1])).toBe(hidden(police1));
    expect(hidden(categoriesFor(chair, 'team-1', 'client-1', 'consent'))).toEqual([]);
  });
});
