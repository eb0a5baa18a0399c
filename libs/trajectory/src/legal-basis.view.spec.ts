import { type BasisHistoryEntry, legalBasisView } from './legal-basis.view';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9));
const by = { userId: 'u-care', userDisplayName: 'Vera', partyKind: 'addiction_care' };
const entry = (seq: number, type: string, payload: Record<string, unknown>): BasisHistoryEntry => ({
  seq,
  type,
  payload,
  occurredAt: at(seq),
  ...by,
});

describe('legalBasisView', () => {
  const history = [
    entry(1, 'SIGNAL_REGISTERED', { source: 'police', description: 'Overlast' }),
    entry(3, 'CONSENT_GIVEN', { scope: '  Delen binnen het casusoverleg ' }),
    entry(6, 'CONSENT_WITHDRAWN', { reason: 'Wil geen hulp meer' }),
    entry(8, 'COVENANT_INVOKED', { legalBasis: 'safety_covenant', justification: 'Gevaar voor de buren' }),
  ];

  it('lists every basis with who recorded it and when, the current one last', () => {
    const view = legalBasisView('safety_covenant', history, true);
    expect(view).toMatchObject({
      kind: 'safety_covenant',
      label: 'Veiligheidshuisconvenant',
      allows: ['identity', 'trajectory', 'justice', 'housing'],
      since: at(8).toISOString(),
    });
    expect(
      view.history?.map((r) => [r.seq, r.event, r.kind, r.scope ?? r.justification ?? r.reason]),
    ).toEqual([
      [3, 'CONSENT_GIVEN', 'consent', 'Delen binnen het casusoverleg'],
      [6, 'CONSENT_WITHDRAWN', 'none', 'Wil geen hulp meer'],
      [8, 'COVENANT_INVOKED', 'safety_covenant', 'Gevaar voor de buren'],
    ]);
    expect(view.current).toEqual({
      seq: 8,
      event: 'COVENANT_INVOKED',
      kind: 'safety_covenant',
      label: 'Veiligheidshuisconvenant',
      scope: null,
      justification: 'Gevaar voor de buren',
      reason: null,
      recordedAt: at(8).toISOString(),
      recordedBy: { userId: 'u-care', displayName: 'Vera', party: 'addiction_care' },
    });
  });

  it('reads a withdrawal that continues under a covenant, and a refusal', () => {
    const view = legalBasisView(
      'care_covenant',
      [
        entry(3, 'CONSENT_GIVEN', { scope: 'Alles' }),
        entry(5, 'CONSENT_WITHDRAWN', {
          reason: 'Boos op de begeleider',
          continueUnder: { legalBasis: 'care_covenant', justification: 'Acuut gevaar' },
        }),
      ],
      true,
    );
    expect(view.current).toMatchObject({
      kind: 'care_covenant',
      justification: 'Acuut gevaar',
      reason: 'Boos op de begeleider',
    });
    const refused = legalBasisView('none', [entry(3, 'CONSENT_REFUSED', {})], true);
    expect(refused.current).toMatchObject({ event: 'CONSENT_REFUSED', kind: 'none', reason: null });
  });

  it('shows readers without the trajectory category only the kind, what it allows and since when', () => {
    const view = legalBasisView('consent', history.slice(0, 2), false);
    expect(view).toEqual({
      kind: 'consent',
      label: 'Toestemming van de cliënt',
      allows: ['identity', 'trajectory', 'health', 'justice', 'housing', 'finances', 'budget'],
      since: at(3).toISOString(),
    });
  });

  it('is pending without a record, and treats an unknown kind as none', () => {
    expect(legalBasisView('pending', [history[0]], true)).toMatchObject({
      kind: 'pending',
      since: null,
      current: null,
      history: [],
    });
    expect(legalBasisView('whatever', [], true)).toMatchObject({
      kind: 'none',
      allows: ['identity', 'trajectory'],
    });
  });
});
