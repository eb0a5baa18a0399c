import {
  addAmsterdamDays,
  addAmsterdamMonths,
  addCalendarDays,
  addCalendarMonths,
  dueInstant,
} from '@koers/clock';
import type { DeadlineKind } from '@koers/machines/trajectory';
import {
  DEFAULT_DEADLINE_POLICIES,
  DeadlinePolicy,
  DeadlineStep,
  Offset,
  Recipient,
} from './deadline-policy';

export interface ScheduledStep {
  step: DeadlineStep;
  fireAt: Date;
  recipients: Recipient[];
}

export interface Schedule {
  dueAt: Date;
  steps: ScheduledStep[];
}

/** Per-casusoverleg overrides (team.deadline_settings): the due offset and step offsets per kind. */
export type DeadlineSettings = Partial<
  Record<DeadlineKind, { due?: Offset; steps?: Partial<Record<DeadlineStep, Offset>> }>
>;

export function policyFor(kind: DeadlineKind, settings: DeadlineSettings = {}): DeadlinePolicy {
  const base = DEFAULT_DEADLINE_POLICIES[kind];
  const override = settings[kind];
  if (!override) return base;
  return {
    ...base,
    due: override.due ?? base.due,
    steps: base.steps.map((s) => ({ ...s, offset: override.steps?.[s.step] ?? s.offset })),
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function shiftInstant(instant: Date, offset: Offset): Date {
  let result = instant;
  if (offset.months) result = addAmsterdamMonths(result, offset.months);
  if (offset.days) result = addAmsterdamDays(result, offset.days);
  return result;
}

/**
 * When a deadline falls due and when each step of its ladder fires. Calendar arithmetic is in
 * Europe/Amsterdam: a date plus an offset stays a date and falls due at 09:00 local time; an instant
 * plus days keeps its local time of day across DST.
 */
export function scheduleDeadline(policy: DeadlinePolicy, base: Date | string): Schedule {
  let dueAt: Date;
  if (typeof base === 'string' && DATE_ONLY.test(base)) {
    let date = base;
    if (policy.due.months) date = addCalendarMonths(date, policy.due.months);
    if (policy.due.days) date = addCalendarDays(date, policy.due.days);
    dueAt = dueInstant(date);
  } else {
    dueAt = shiftInstant(typeof base === 'string' ? dueInstant(base) : base, policy.due);
  }
  const steps = policy.steps.map((s) => ({
    step: s.step,
    fireAt: shiftInstant(dueAt, s.offset),
    recipients: s.recipients,
  }));
  return { dueAt, steps };
}
