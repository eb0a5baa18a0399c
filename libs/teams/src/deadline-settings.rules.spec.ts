import {
  applyDeadlineSettingsPatch,
  DATE_GIVEN_KINDS,
  deadlineSettingsProblems,
  deadlineSettingsView,
} from './deadline-settings.rules';

const fields = (patch: unknown) => deadlineSettingsProblems(patch).map((p) => p.field);

describe('deadline settings of a casusoverleg', () => {
  it('accepts overrides of due and step offsets, and null to restore a default', () => {
    expect(
      deadlineSettingsProblems({
        consent: { due: { days: 10 }, steps: { warning: { days: -3 } } },
        three_party_evaluation: { due: { months: 2 } },
        waiting_contact: { steps: { overdue: { days: 10 }, agenda: { days: 10 } } },
        postal_address_expiry: { steps: { warning: { days: -14 } } },
        waiting_duration: null,
      }),
    ).toEqual([]);
  });

  it('knows which kinds fall due on a date they are given', () => {
    expect(DATE_GIVEN_KINDS.sort()).toEqual(
      ['action_due', 'condition_review', 'leave_return', 'postal_address_expiry', 'urgent_payment'].sort(),
    );
  });

  it('refuses unknown kinds, fields and steps, naming the field', () => {
    expect(fields([])).toEqual(['deadlineSettings']);
    expect(fields({ lunch: { due: { days: 3 } } })).toEqual(['deadlineSettings.lunch']);
    expect(fields({ consent: { due: { weeks: 2 } } })).toEqual([
      'deadlineSettings.consent.due.weeks',
      'deadlineSettings.consent.due',
    ]);
    expect(fields({ consent: { reminder: true } })).toEqual([
      'deadlineSettings.consent.reminder',
      'deadlineSettings.consent',
    ]);
    // inclusion_decision has no warning step.
    expect(fields({ inclusion_decision: { steps: { warning: { days: -2 } } } })).toEqual([
      'deadlineSettings.inclusion_decision.steps.warning',
    ]);
    expect(fields({ consent: { steps: { warning: { days: -2, months: 1 } } } })).toEqual([
      'deadlineSettings.consent.steps.warning.months',
    ]);
  });

  it('refuses numbers that are not whole or out of bounds', () => {
    expect(fields({ consent: { due: { days: 1.5 } } })).toEqual(['deadlineSettings.consent.due.days']);
    expect(fields({ consent: { due: { days: '14' } } })).toEqual(['deadlineSettings.consent.due.days']);
    expect(fields({ consent: { due: { days: 400 } } })).toEqual(['deadlineSettings.consent.due.days']);
    expect(fields({ consent: { steps: { warning: { days: -91 } } } })).toEqual([
      'deadlineSettings.consent.steps.warning.days',
    ]);
  });

  it('refuses a ladder that makes no sense', () => {
    expect(fields({ consent: { due: { days: 0 } } })).toEqual(['deadlineSettings.consent.due']);
    expect(fields({ consent: { steps: { warning: { days: 2 } } } })).toEqual([
      'deadlineSettings.consent.steps.warning.days',
    ]);
    // A warning 14 days before a deadline due 14 days after its start would fire at once.
    expect(fields({ consent: { steps: { warning: { days: -14 } } } })).toEqual([
      'deadlineSettings.consent.steps.warning.days',
    ]);
    expect(fields({ consent: { steps: { overdue: { days: -1 } } } })).toEqual([
      'deadlineSettings.consent.steps.overdue.days',
    ]);
    expect(fields({ waiting_contact: { steps: { agenda: { days: 3 } } } })).toEqual([
      'deadlineSettings.waiting_contact.steps.agenda.days',
    ]);
    expect(fields({ leave_return: { due: { days: 2 } } })).toEqual(['deadlineSettings.leave_return.due']);
    expect(fields({ consent: {} })).toEqual(['deadlineSettings.consent']);
  });

  it('replaces given kinds, removes null ones and keeps the rest', () => {
    const current = { consent: { due: { days: 10 } }, waiting_duration: { due: { days: 56 } } };
    expect(
      applyDeadlineSettingsPatch(current, {
        consent: { steps: { warning: { days: -2 } } },
        waiting_duration: null,
      }),
    ).toEqual({
      settings: { consent: { steps: { warning: { days: -2 } } } },
      set: { consent: { steps: { warning: { days: -2 } } } },
      remove: ['waiting_duration'],
    });
  });

  it('shows the effective policy of every kind', () => {
    const view = deadlineSettingsView({ consent: { due: { days: 10 } } });
    expect(view).toHaveLength(11);
    expect(view.find((v) => v.kind === 'consent')).toMatchObject({
      label: 'Toestemming',
      overridden: true,
      dueAdjustable: true,
      due: { days: 10 },
      owners: ['addiction_care'],
    });
    expect(view.find((v) => v.kind === 'leave_return')).toMatchObject({
      overridden: false,
      dueAdjustable: false,
    });
  });
});
