import {
  MAX_DAYS_AHEAD,
  type OverviewSpend,
  approvalRefusal,
  euros,
  futureDateProblems,
  remainingCents,
  repaymentStatusFor,
  spendRequestProblems,
  summarise,
  withholdClients,
} from './budget.rules';

const TODAY = '2026-12-01';

describe('spendRequestProblems', () => {
  it('accepts a plain gift and an urgent spend with a needed-by date from today', () => {
    expect(spendRequestProblems({ kind: 'gift' }, TODAY)).toEqual([]);
    expect(spendRequestProblems({ kind: 'gift', urgent: true, neededBy: TODAY }, TODAY)).toEqual([]);
    expect(
      spendRequestProblems({ kind: 'conditional_gift', conditions: 'Sporten 2 à 3 keer per week.' }, TODAY),
    ).toEqual([]);
  });

  it('wants the conditions of a conditional gift', () => {
    expect(spendRequestProblems({ kind: 'conditional_gift' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'conditions' }),
    ]);
  });

  it('ties urgent and neededBy together', () => {
    expect(spendRequestProblems({ kind: 'loan', urgent: true }, TODAY)).toEqual([
      expect.objectContaining({ field: 'neededBy', message: expect.stringMatching(/required/) }),
    ]);
    expect(spendRequestProblems({ kind: 'loan', neededBy: '2026-12-03' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'neededBy', message: expect.stringMatching(/only for an urgent/) }),
    ]);
    expect(spendRequestProblems({ kind: 'loan', urgent: false, neededBy: '2026-12-03' }, TODAY)).toHaveLength(
      1,
    );
  });

  it('refuses a needed-by date in the past or more than a year ahead', () => {
    expect(spendRequestProblems({ kind: 'gift', urgent: true, neededBy: '2026-11-30' }, TODAY)).toEqual([
      expect.objectContaining({ field: 'neededBy', message: 'neededBy must be today or later' }),
    ]);
    expect(futureDateProblems('reviewDate', '2027-12-03', TODAY)).toEqual([
      expect.objectContaining({ message: 'reviewDate lies more than a year ahead' }),
    ]);
    expect(MAX_DAYS_AHEAD).toBe(366);
    expect(futureDateProblems('reviewDate', '2027-12-02', TODAY)).toEqual([]);
  });
});

describe('repaymentStatusFor', () => {
  it.each([
    [10_000, 0, 'open'],
    [10_000, 1, 'repaying'],
    [10_000, 9_999, 'repaying'],
    [10_000, 10_000, 'repaid'],
  ] as const)('a loan of %i cents with %i repaid is %s', (amount, repaid, status) => {
    expect(repaymentStatusFor(amount, repaid)).toBe(status);
  });
});

describe('approvalRefusal', () => {
  const position = { budgetCents: 100_000, approvedCents: 60_000, repaidCents: 5_000 };

  it('counts repaid loans back into what remains', () => {
    expect(remainingCents(position)).toBe(45_000);
    expect(remainingCents({ budgetCents: null, approvedCents: 0, repaidCents: 0 })).toBe(0);
  });

  it('allows up to what remains, and beyond it only with a reason', () => {
    expect(approvalRefusal(position, 45_000, 2026, undefined)).toBeNull();
    expect(approvalRefusal(position, 45_001, 2026, undefined)).toEqual({
      code: 'over_budget',
      message: expect.stringContaining('€ 450,01'),
    });
    expect(approvalRefusal(position, 45_001, 2026, 'Opname kan niet wachten tot volgend jaar.')).toBeNull();
  });

  it('says so when no budget is set for the year', () => {
    const refusal = approvalRefusal(
      { budgetCents: null, approvedCents: 0, repaidCents: 0 },
      100,
      2027,
      undefined,
    );
    expect(refusal?.code).toBe('over_budget');
    expect(refusal?.message).toMatch(/geen budget vastgesteld voor 2027/);
  });
});

describe('euros', () => {
  it.each([
    [0, '€ 0,00'],
    [5, '€ 0,05'],
    [3600, '€ 36,00'],
    [123_456_78, '€ 123.456,78'],
    [-45_000, '-€ 450,00'],
  ])('%i cents is %s', (cents, text) => expect(euros(cents)).toBe(text));
});

describe('summarise', () => {
  const spend = (overrides: Partial<OverviewSpend>): OverviewSpend => ({
    clientId: 'a',
    category: 'other',
    kind: 'gift',
    status: 'approved',
    amountCents: 1_000,
    repaidCents: 0,
    repaymentStatus: null,
    ...overrides,
  });

  it('adds up budget, approved, repaid, pending and remaining, per category and per client', () => {
    const summary = summarise(100_000, [
      spend({ clientId: 'a', category: 'clinic_deposit', amountCents: 45_000 }),
      spend({ clientId: 'a', category: 'travel', status: 'requested', amountCents: 2_500 }),
      spend({
        clientId: 'b',
        category: 'bills',
        kind: 'loan',
        amountCents: 20_000,
        repaidCents: 5_000,
        repaymentStatus: 'repaying',
      }),
      spend({ clientId: 'c', category: 'sports_subscription', kind: 'conditional_gift', amountCents: 7_200 }),
      spend({
        clientId: 'b',
        category: 'other',
        kind: 'loan',
        amountCents: 3_000,
        repaymentStatus: 'written_off',
      }),
    ]);
    expect(summary).toMatchObject({
      budgetCents: 100_000,
      approvedCents: 75_200,
      repaidCents: 5_000,
      spentCents: 70_200,
      pendingCents: 2_500,
      pendingCount: 1,
      approvedCount: 4,
      openLoanCents: 15_000,
      remainingCents: 29_800,
      remainingAfterPendingCents: 27_300,
      overspent: false,
    });
    expect(summary.byCategory.map((c) => c.category)).toEqual([
      'clinic_deposit',
      'skip_container',
      'sports_subscription',
      'travel',
      'bills',
      'housing_materials',
      'other',
    ]);
    expect(summary.byCategory.find((c) => c.category === 'skip_container')).toMatchObject({
      approvedCents: 0,
      pendingCents: 0,
    });
    expect(summary.byCategory.find((c) => c.category === 'bills')).toMatchObject({
      approvedCents: 20_000,
      repaidCents: 5_000,
      spentCents: 15_000,
    });
    expect(summary.byClient.map((c) => [c.clientId, c.spentCents, c.pendingCents])).toEqual([
      ['a', 45_000, 2_500],
      ['b', 18_000, 0],
      ['c', 7_200, 0],
    ]);
  });

  it('ignores rejected and cancelled spends, and marks an overspent year', () => {
    const summary = summarise(null, [
      spend({ status: 'rejected', amountCents: 9_999 }),
      spend({ status: 'cancelled', amountCents: 9_999 }),
      spend({ clientId: 'z', amountCents: 500 }),
    ]);
    expect(summary).toMatchObject({
      budgetCents: null,
      approvedCents: 500,
      remainingCents: -500,
      overspent: true,
    });
    expect(summary.byClient.map((c) => c.clientId)).toEqual(['z']);
  });
});

describe('withholdClients', () => {
  const amounts = (clientId: string, spentCents: number) => ({
    clientId,
    approvedCents: spentCents,
    repaidCents: 0,
    spentCents,
    pendingCents: 100,
    openLoanCents: 0,
    approvedCount: 1,
    pendingCount: 1,
  });

  it('shows the clients the reader may see and adds up the others without naming them', () => {
    const { shown, withheld } = withholdClients(
      [amounts('a', 500), amounts('b', 300), amounts('c', 200)],
      (id) => id === 'b',
    );
    expect(shown.map((c) => c.clientId)).toEqual(['b']);
    expect(withheld).toEqual({
      clients: 2,
      approvedCents: 700,
      repaidCents: 0,
      spentCents: 700,
      pendingCents: 200,
      openLoanCents: 0,
      approvedCount: 2,
      pendingCount: 2,
    });
    expect(JSON.stringify(withheld)).not.toMatch(/"a"|"c"/);
  });

  it('withholds nothing when every client may be shown', () => {
    expect(withholdClients([amounts('a', 1)], () => true)).toEqual({
      shown: [amounts('a', 1)],
      withheld: null,
    });
  });
});
