import { DEFAULT_DEADLINE_POLICIES, policyFor, type DeadlineSettings, type Offset } from '@koers/deadlines';
import type { DomainErrorDetail } from '@koers/errors';
import { DEADLINE_KIND_LABELS, DEADLINE_KINDS, type DeadlineKind } from '@koers/machines/trajectory';

/** Bounds of a casusoverleg's deadline settings (domain.md §3 defaults lie well inside them). */
export const DUE_MAX_DAYS = 365;
export const DUE_MAX_MONTHS = 12;
export const STEP_MAX_DAYS = 90;

/**
 * Kinds whose due time is a date from the payload (a postal address valid until, a leave until, an
 * action's due date, ...): their default due offset is zero, and only their ladder can be moved.
 */
export const DATE_GIVEN_KINDS: DeadlineKind[] = DEADLINE_KINDS.filter((kind) => {
  const due = DEFAULT_DEADLINE_POLICIES[kind].due;
  return !due.days && !due.months;
});

type Override = NonNullable<DeadlineSettings[DeadlineKind]>;

/** A PATCH of deadline settings: per kind a new override (replacing the old one) or null (back to the default). */
export type DeadlineSettingsPatch = Partial<Record<DeadlineKind, Override | null>>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const problem = (field: string, message: string): DomainErrorDetail => ({
  code: 'invalid_field',
  field,
  message: `${field} ${message}`,
});

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], field: string) {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => problem(`${field}.${key}`, `is not an allowed field (allowed: ${allowed.join(', ')})`));
}

function integerIn(value: unknown, min: number, max: number, field: string): DomainErrorDetail[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return [problem(field, `must be a whole number from ${min} to ${max}`)];
  }
  return [];
}

/** Minimum length in days of an offset (a month counts as 28 days): for "not before the start" checks. */
const minDays = (offset: Offset) => (offset.days ?? 0) + (offset.months ?? 0) * 28;

/**
 * Everything wrong with a PATCH of deadline settings, each naming its field
 * (`deadlineSettings.consent.steps.warning.days`); empty when it may be applied. Besides the shape
 * (known kinds, steps the kind has, whole days within bounds) the resulting ladder must make sense:
 * a warning comes before or at the due time but after the deadline started, overdue at or after it,
 * and the agenda step not before the overdue one.
 */
export function deadlineSettingsProblems(patch: unknown, field = 'deadlineSettings'): DomainErrorDetail[] {
  if (!isPlainObject(patch)) return [problem(field, 'must be an object of deadline kinds')];
  const problems: DomainErrorDetail[] = [];
  for (const [kind, override] of Object.entries(patch)) {
    const at = `${field}.${kind}`;
    if (!(DEADLINE_KINDS as readonly string[]).includes(kind)) {
      problems.push(problem(at, `is not a deadline kind (one of: ${DEADLINE_KINDS.join(', ')})`));
      continue;
    }
    if (override === null) continue;
    problems.push(...overrideProblems(kind as DeadlineKind, override, at));
  }
  return problems;
}

function overrideProblems(kind: DeadlineKind, override: unknown, at: string): DomainErrorDetail[] {
  if (!isPlainObject(override)) return [problem(at, 'must be an object with due and/or steps, or null')];
  const problems = unknownKeys(override, ['due', 'steps'], at);
  if (override.due === undefined && override.steps === undefined) {
    problems.push(problem(at, 'must set due and/or steps (null restores the default)'));
  }
  if (override.due !== undefined) {
    if (DATE_GIVEN_KINDS.includes(kind)) {
      problems.push(problem(`${at}.due`, 'cannot be set: this deadline falls due on the date it is given'));
    } else if (!isPlainObject(override.due)) {
      problems.push(problem(`${at}.due`, 'must be an object with days and/or months'));
    } else {
      const due = override.due;
      problems.push(...unknownKeys(due, ['days', 'months'], `${at}.due`));
      if (due.days === undefined && due.months === undefined) {
        problems.push(problem(`${at}.due`, 'must set days and/or months'));
      }
      if (due.days !== undefined) problems.push(...integerIn(due.days, 0, DUE_MAX_DAYS, `${at}.due.days`));
      if (due.months !== undefined) {
        problems.push(...integerIn(due.months, 0, DUE_MAX_MONTHS, `${at}.due.months`));
      }
    }
  }
  const ownSteps = DEFAULT_DEADLINE_POLICIES[kind].steps.map((s) => s.step);
  if (override.steps !== undefined) {
    if (!isPlainObject(override.steps)) {
      problems.push(problem(`${at}.steps`, `must be an object of steps (${ownSteps.join(', ')})`));
    } else {
      problems.push(...unknownKeys(override.steps, ownSteps, `${at}.steps`));
      for (const step of ownSteps) {
        const offset = override.steps[step];
        if (offset === undefined) continue;
        const stepAt = `${at}.steps.${step}`;
        if (!isPlainObject(offset)) {
          problems.push(problem(stepAt, 'must be an object with days'));
          continue;
        }
        problems.push(...unknownKeys(offset, ['days'], stepAt));
        problems.push(...integerIn(offset.days, -STEP_MAX_DAYS, STEP_MAX_DAYS, `${stepAt}.days`));
      }
    }
  }
  if (problems.length > 0) return problems;
  return ladderProblems(kind, override as Override, at);
}

/** The ladder that results from the override, checked as a whole. */
function ladderProblems(kind: DeadlineKind, override: Override, at: string): DomainErrorDetail[] {
  const policy = policyFor(kind, { [kind]: override });
  const offset = (step: string) => policy.steps.find((s) => s.step === step)?.offset.days;
  const [warning, overdue, agenda] = [offset('warning'), offset('overdue'), offset('agenda')];
  const problems: DomainErrorDetail[] = [];
  const dueDays = minDays(policy.due);
  if (!DATE_GIVEN_KINDS.includes(kind) && dueDays < 1) {
    problems.push(problem(`${at}.due`, 'must be at least one day after the deadline starts'));
  }
  if (warning !== undefined) {
    if (warning > 0)
      problems.push(problem(`${at}.steps.warning.days`, 'must be 0 or less (at or before due)'));
    else if (!DATE_GIVEN_KINDS.includes(kind) && dueDays >= 1 && -warning >= dueDays) {
      problems.push(
        problem(`${at}.steps.warning.days`, 'must fall after the deadline starts (less than its due)'),
      );
    }
  }
  if (overdue !== undefined && overdue < 0) {
    problems.push(problem(`${at}.steps.overdue.days`, 'must be 0 or more (at or after due)'));
  }
  if (overdue !== undefined && agenda !== undefined && agenda < overdue) {
    problems.push(problem(`${at}.steps.agenda.days`, 'must not come before the overdue step'));
  }
  return problems;
}

/** The stored overrides after a (valid) PATCH: given kinds replaced, null ones removed. */
export function applyDeadlineSettingsPatch(
  current: DeadlineSettings,
  patch: DeadlineSettingsPatch,
): { settings: DeadlineSettings; set: DeadlineSettings; remove: DeadlineKind[] } {
  const set: DeadlineSettings = {};
  const remove: DeadlineKind[] = [];
  for (const [kind, override] of Object.entries(patch) as [DeadlineKind, Override | null][]) {
    if (override === null) remove.push(kind);
    else set[kind] = override;
  }
  const settings: DeadlineSettings = { ...current, ...set };
  for (const kind of remove) delete settings[kind];
  return { settings, set, remove };
}

export interface DeadlineSettingView {
  kind: DeadlineKind;
  label: string;
  /** True when this casusoverleg overrides the default of domain.md §3. */
  overridden: boolean;
  /** Whether `due` can be changed (false: it falls due on the date it is given). */
  dueAdjustable: boolean;
  due: Offset;
  owners: string[];
  steps: { step: string; offset: Offset; recipients: string[] }[];
}

/** Every deadline kind with its effective policy for this casusoverleg. */
export function deadlineSettingsView(settings: DeadlineSettings): DeadlineSettingView[] {
  return DEADLINE_KINDS.map((kind) => {
    const policy = policyFor(kind, settings);
    return {
      kind,
      label: DEADLINE_KIND_LABELS[kind],
      overridden: settings[kind] !== undefined,
      dueAdjustable: !DATE_GIVEN_KINDS.includes(kind),
      due: policy.due,
      owners: [...policy.owners],
      steps: policy.steps.map((s) => ({ step: s.step, offset: s.offset, recipients: [...s.recipients] })),
    };
  });
}
