import {
  AgendaCandidate,
  FIXED_MINUTES,
  agendaReason,
  generateAgenda,
  newCaseLimit,
} from './agenda.generator';

const candidate = (clientId: string, over: Partial<AgendaCandidate> = {}): AgendaCandidate => ({
  clientId,
  stage: 'motivation',
  escalated: false,
  overdue: false,
  blockerCodes: ['no_treatment_agreed'],
  discussedBefore: true,
  ...over,
});
const signal = (clientId: string, over: Partial<AgendaCandidate> = {}) =>
  candidate(clientId, {
    stage: 'signal',
    blockerCodes: ['decision_pending'],
    discussedBefore: false,
    ...over,
  });
const ids = (entries: { clientId: string }[]) => entries.map((e) => e.clientId);

describe('generateAgenda', () => {
  const later = { isFirstMeeting: false, budgetMinutes: 120 };

  it('puts escalated, then overdue, then blocked clients first and new signals last', () => {
    const agenda = generateAgenda(
      [
        signal('s1'),
        candidate('b1'),
        candidate('o1', { overdue: true }),
        candidate('e1', { escalated: true }),
      ],
      later,
    );
    expect(agenda.items.map((i) => [i.clientId, i.reason])).toEqual([
      ['e1', 'escalated'],
      ['o1', 'overdue'],
      ['b1', 'blocked'],
      ['s1', 'new_case'],
    ]);
  });

  it('takes at most 2 new cases in a first meeting and 1 later, escalated signals first', () => {
    const signals = [signal('s1'), signal('s2'), signal('s3', { escalated: true })];
    const first = generateAgenda(signals, { isFirstMeeting: true, budgetMinutes: 120 });
    expect(ids(first.items)).toEqual(['s3', 's1']);
    expect(first.deferred.map((d) => [d.clientId, d.deferredBecause])).toEqual([['s2', 'new_case_limit']]);
    const next = generateAgenda(signals, later);
    expect(ids(next.items)).toEqual(['s3']);
    expect(next.deferred.every((d) => d.deferredBecause === 'new_case_limit')).toBe(true);
    expect([newCaseLimit(true), newCaseLimit(false)]).toEqual([2, 1]);
  });

  it('treats a signal discussed before as a follow-up, not a new case', () => {
    const agenda = generateAgenda([signal('s1', { discussedBefore: true }), signal('s2')], later);
    expect(agenda.items.map((i) => [i.clientId, i.reason])).toEqual([
      ['s1', 'follow_up'],
      ['s2', 'new_case'],
    ]);
  });

  it('stays within the time budget, reserving the new cases first and deferring the rest', () => {
    const many = Array.from({ length: 20 }, (_, i) => candidate(`b${i}`));
    const agenda = generateAgenda([...many, signal('s1')], later);
    expect(agenda.plannedMinutes).toBeLessThanOrEqual(120);
    expect(ids(agenda.items)).toContain('s1');
    expect(agenda.items).toHaveLength(1 + (120 - FIXED_MINUTES - 20) / 10);
    expect(agenda.deferred.every((d) => d.deferredBecause === 'time_budget')).toBe(true);
    expect(agenda.items.length + agenda.deferred.length).toBe(21);
    const short = generateAgenda([...many, signal('s1')], { isFirstMeeting: false, budgetMinutes: 30 });
    expect(ids(short.items)).toEqual(['s1']); // 30 − 10 fixed leaves exactly the new case's 20 minutes
    expect(short.deferred).toHaveLength(20);
  });

  it('leaves out clients with nothing to discuss', () => {
    expect(agendaReason(candidate('x', { blockerCodes: [] }))).toBeNull();
    expect(generateAgenda([candidate('x', { blockerCodes: [] })], later).items).toEqual([]);
  });
});
