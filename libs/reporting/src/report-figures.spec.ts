import { figureCategory, parseFigure } from './report-figures';

describe('parseFigure', () => {
  it('reads every section of the grammar, with `all` and the defaults', () => {
    expect(parseFigure('inflow.police.included')).toEqual({
      section: 'inflow',
      source: 'police',
      measure: 'included',
    });
    expect(parseFigure('inflow.all')).toEqual({ section: 'inflow', source: null, measure: 'signals' });
    expect(parseFigure('outflow.goal_achieved.no')).toEqual({
      section: 'outflow',
      reason: 'goal_achieved',
      stillUsing: 'no',
    });
    expect(parseFigure('outflow.all')).toEqual({ section: 'outflow', reason: null, stillUsing: null });
    expect(parseFigure('caseload.waiting_list')).toEqual({ section: 'caseload', stage: 'waiting_list' });
    expect(parseFigure('caseload.all')).toEqual({ section: 'caseload', stage: null });
    expect(parseFigure('stage_duration.admission')).toEqual({
      section: 'stage_duration',
      stage: 'admission',
    });
    expect(parseFigure('signal_to_admission')).toEqual({ section: 'signal_to_admission' });
    expect(parseFigure('relapses.treatment_aborted')).toEqual({
      section: 'relapses',
      kind: 'treatment_aborted',
    });
    expect(parseFigure('deadlines.consent.late')).toEqual({
      section: 'deadlines',
      kind: 'consent',
      outcome: 'late',
    });
    expect(parseFigure('deadlines.all')).toEqual({ section: 'deadlines', kind: null, outcome: 'all' });
    expect(parseFigure('spending.clinic_deposit')).toEqual({
      section: 'spending',
      category: 'clinic_deposit',
    });
    expect(parseFigure('spending.all')).toEqual({ section: 'spending', category: null });
    expect(parseFigure('recovery.barc10')).toEqual({ section: 'recovery', instrument: 'barc10' });
  });

  it.each([
    '',
    'inflow',
    'inflow.nobody',
    'inflow.police.maybe',
    'inflow.police.included.extra',
    'outflow.bored',
    'caseload.closed',
    'stage_duration.all',
    'stage_duration',
    'signal_to_admission.all',
    'relapses',
    'deadlines.never.on_time',
    'deadlines.consent.soon',
    'spending',
    'spending.Clinic',
    'recovery.all',
    'recovery.phq9',
    'board.all',
    'INFLOW.police',
    'inflow.police;drop',
    `inflow.${'x'.repeat(90)}`,
  ])('refuses %p', (id) => {
    expect(parseFigure(id)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseFigure(['inflow.all'])).toBeNull();
    expect(parseFigure(undefined)).toBeNull();
  });
});

describe('figureCategory', () => {
  it('is the category the clients behind the figure reveal', () => {
    const category = (id: string) => figureCategory(parseFigure(id)!);
    expect(category('inflow.all')).toBe('trajectory');
    expect(category('outflow.all.yes')).toBe('trajectory');
    expect(category('caseload.all')).toBe('identity');
    expect(category('stage_duration.waiting_list')).toBe('identity');
    expect(category('signal_to_admission')).toBe('identity');
    expect(category('relapses.all')).toBe('health');
    expect(category('recovery.mhqol')).toBe('health');
    expect(category('spending.all')).toBe('budget');
    expect(category('deadlines.postal_address_expiry')).toBe('finances');
    expect(category('deadlines.three_party_evaluation.late')).toBe('housing');
    expect(category('deadlines.all')).toBe('trajectory');
  });
});
