import { DEFAULT_DEADLINE_POLICIES } from './deadline-policy';
import { policyFor, scheduleDeadline } from './deadline-schedule';

const iso = (d: Date) => d.toISOString();
const stepsOf = (schedule: ReturnType<typeof scheduleDeadline>) =>
  Object.fromEntries(schedule.steps.map((s) => [s.step, iso(s.fireAt)]));

describe('deadline schedules (domain.md §3 defaults, Europe/Amsterdam)', () => {
  it('consent: 14 days after inclusion, warning a week before, same local time', () => {
    const schedule = scheduleDeadline(policyFor('consent'), new Date('2026-11-02T10:00:00+01:00'));
    expect(iso(schedule.dueAt)).toBe('2026-11-16T09:00:00.000Z');
    expect(stepsOf(schedule)).toEqual({
      warning: '2026-11-09T09:00:00.000Z',
      overdue: '2026-11-16T09:00:00.000Z',
      agenda: '2026-11-16T09:00:00.000Z',
    });
    expect(schedule.steps.find((s) => s.step === 'overdue')!.recipients).toEqual(['owner', 'chair']);
  });

  it('a postal address valid until a date expires at 09:00 that day; the warning comes 7 days before', () => {
    const schedule = scheduleDeadline(policyFor('postal_address_expiry'), '2026-12-31');
    expect(iso(schedule.dueAt)).toBe('2026-12-31T08:00:00.000Z');
    expect(stepsOf(schedule).warning).toBe('2026-12-24T08:00:00.000Z');
  });

  it('a date-time with offset is taken as given', () => {
    const schedule = scheduleDeadline(policyFor('leave_return'), '2026-12-20T18:00:00+01:00');
    expect(iso(schedule.dueAt)).toBe('2026-12-20T17:00:00.000Z');
  });

  it('the three-party evaluation: lease start + 3 months, clamped to the month end; warning 14 days before', () => {
    const schedule = scheduleDeadline(policyFor('three_party_evaluation'), '2026-11-30');
    expect(iso(schedule.dueAt)).toBe('2027-02-28T08:00:00.000Z');
    expect(stepsOf(schedule).warning).toBe('2027-02-14T08:00:00.000Z');
    // 31 January + 1 month, with a casusoverleg that evaluates after one month; and a leap year.
    const monthly = policyFor('three_party_evaluation', { three_party_evaluation: { due: { months: 1 } } });
    expect(iso(scheduleDeadline(monthly, '2027-01-31').dueAt)).toBe('2027-02-28T08:00:00.000Z');
    expect(iso(scheduleDeadline(monthly, '2028-01-31').dueAt)).toBe('2028-02-29T08:00:00.000Z');
  });

  it('keeps the local time across the DST change (waiting list 42 days: February → April)', () => {
    const schedule = scheduleDeadline(policyFor('waiting_duration'), new Date('2026-02-20T10:00:00+01:00'));
    expect(iso(schedule.dueAt)).toBe('2026-04-03T08:00:00.000Z'); // 10:00 CEST
  });

  it('waiting contact: warning at due (7 days), chair at 14 days', () => {
    const schedule = scheduleDeadline(policyFor('waiting_contact'), new Date('2026-11-02T10:00:00+01:00'));
    expect(stepsOf(schedule)).toEqual({
      warning: '2026-11-09T09:00:00.000Z',
      overdue: '2026-11-16T09:00:00.000Z',
      agenda: '2026-11-16T09:00:00.000Z',
    });
  });

  it('applies a casusoverleg override of due and step offsets, keeping the rest', () => {
    const policy = policyFor('consent', { consent: { due: { days: 10 }, steps: { warning: { days: -3 } } } });
    expect(policy.due).toEqual({ days: 10 });
    expect(policy.steps.map((s) => [s.step, s.offset])).toEqual([
      ['warning', { days: -3 }],
      ['overdue', { days: 0 }],
      ['agenda', { days: 0 }],
    ]);
    expect(policyFor('consent', {})).toBe(DEFAULT_DEADLINE_POLICIES.consent);
  });

  it('has a policy for every deadline kind of domain.md §3', () => {
    expect(Object.keys(DEFAULT_DEADLINE_POLICIES).sort()).toEqual(
      [
        'action_due',
        'condition_review',
        'consent',
        'inclusion_decision',
        'leave_return',
        'meeting_cadence',
        'postal_address_expiry',
        'three_party_evaluation',
        'urgent_payment',
        'waiting_contact',
        'waiting_duration',
      ].sort(),
    );
  });
});
