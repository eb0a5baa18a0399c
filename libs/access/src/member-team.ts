import {
  DomainErrorCode,
  DomainException,
  NotFoundException,
  ValidationFailedException,
} from '@koers/errors';
import type { Actor } from './actor';

/**
 * The casusoverleg a request is about, for a user who creates something in one (a signal, a meeting): the
 * `teamId` asked for, which must be one they take part in (404 otherwise, as for any team out of reach), or their
 * only one. A user in several must say which (400); a user in none has nowhere to put it (403).
 */
export function memberTeam(actor: Actor, teamId: string | undefined): string {
  if (teamId) {
    const own = actor.memberTeamIds.find((id) => id === teamId.toLowerCase());
    if (!own) throw new NotFoundException('Team');
    return own;
  }
  if (actor.memberTeamIds.length === 1) return actor.memberTeamIds[0];
  if (actor.memberTeamIds.length === 0) {
    throw new DomainException(DomainErrorCode.Forbidden, 'You are not a member of any casusoverleg');
  }
  throw new ValidationFailedException([
    {
      code: 'team_required',
      field: 'teamId',
      message: 'teamId is required: you take part in more than one casusoverleg',
    },
  ]);
}
