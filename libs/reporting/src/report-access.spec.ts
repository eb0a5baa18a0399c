import { accessOf } from '@koers/access';
import { reportAccessOf } from './report-access';

const actor = (partyKind: string, role = 'member', teamIds = ['team-a']) => {
  const access = accessOf(partyKind, role);
  return {
    teamIds: access.clients === 'team' && access.categories.length > 0 ? teamIds : [],
    categories: [...access.categories],
  };
};

describe('reportAccessOf', () => {
  it('gives the chair, the municipality and addiction care every section and every deadline kind', () => {
    for (const reader of [actor('municipality', 'chair'), actor('municipality'), actor('addiction_care')]) {
      const access = reportAccessOf(reader);
      expect(access.withheld).toEqual([]);
      expect(access.deadlineKinds).toContain('condition_review');
    }
  });

  it('gives the police no health or budget sections, and only the deadlines of its categories', () => {
    const access = reportAccessOf(actor('police'));
    expect(access.withheld).toEqual(['relapses', 'spending', 'recovery']);
    expect(access.sections).toEqual(['inflow', 'outflow', 'caseload', 'stageDurations', 'deadlines']);
    expect(access.deadlineKinds).toContain('three_party_evaluation');
    expect(access.deadlineKinds).not.toContain('postal_address_expiry');
    expect(access.deadlineKinds).not.toContain('urgent_payment');
  });

  it('refuses chain partners, the privacy officer and the admin with 403', () => {
    for (const reader of [
      actor('housing_corporation'),
      actor('peer_expert'),
      actor('municipality', 'privacy_officer'),
      actor('municipality', 'admin'),
    ]) {
      expect(() => reportAccessOf(reader)).toThrow(expect.objectContaining({ code: 'forbidden' }) as Error);
    }
  });
});
