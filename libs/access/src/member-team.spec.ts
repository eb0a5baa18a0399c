import { DomainErrorCode, DomainException } from '@koers/errors';
import { actorFrom } from './actor';
import { memberTeam } from './member-team';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const actor = (memberTeamIds: string[], partyKind = 'municipality', role: 'chair' | 'member' = 'chair') =>
  actorFrom({
    sessionId: 's',
    userId: 'u',
    username: 'u',
    displayName: 'U',
    partyId: 'p',
    partyKind,
    role,
    memberTeamIds,
  });
const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as DomainException).code;
  }
};

describe('memberTeam (where a signal or a meeting goes)', () => {
  it('takes the team asked for when the user takes part in it (any case), or their only team', () => {
    expect(memberTeam(actor([A, B]), B.toUpperCase())).toBe(B);
    expect(memberTeam(actor([A]), undefined)).toBe(A);
    // A chain partner takes part without full scope: its member teams still count (it may bring a signal in).
    expect(memberTeam(actor([A], 'housing_corporation', 'member'), undefined)).toBe(A);
  });

  it('answers 404 for a team out of reach, 400 when it must be named, 403 without any team', () => {
    expect(codeOf(() => memberTeam(actor([A]), B))).toBe(DomainErrorCode.NotFound);
    expect(codeOf(() => memberTeam(actor([A, B]), undefined))).toBe(DomainErrorCode.ValidationFailed);
    expect(codeOf(() => memberTeam(actor([]), undefined))).toBe(DomainErrorCode.Forbidden);
  });
});
