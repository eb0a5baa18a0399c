import type { UserRole } from '@koers/persistence';
import { accessOf, withinBasis, type DataCategory } from './need-to-know';

/** A chain partner's invitation to one client: the categories it may see there (within its party's need-to-know). */
export interface ClientInvitationGrant {
  clientId: string;
  scope: DataCategory[];
}

/** Who is acting: always taken from the session token, never from a request body. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  partyId: string;
  partyKind: string;
  role: UserRole;
  /** The teams whose every client this user may see (need-to-know: empty for chain partners, privacy, admin). */
  teamIds: string[];
  /** Every casusoverleg the user takes part in (team pages, deputies). */
  memberTeamIds: string[];
  /** For chain partners: the clients their party is invited to now, each with its scope. */
  invitations: ClientInvitationGrant[];
  /** What the user may see of the clients of `teamIds` (need-to-know matrix). */
  categories: DataCategory[];
  sessionId: string;
}

/** The clients a user may see beyond whole teams: the ones their party is invited to. */
export function invitedClientIds(actor: Actor): string[] {
  return actor.invitations.map((i) => i.clientId);
}

/**
 * What the user may see of one client of team `teamId` (none when the client is out of reach): their party's
 * need-to-know (narrowed by an invitation's scope), within what the client's legal basis allows (`basis`: the
 * trajectory's `legal_basis` column, read with the client's row; see BASIS_CATEGORIES).
 */
export function categoriesFor(actor: Actor, teamId: string, clientId: string, basis: string): DataCategory[] {
  if (actor.teamIds.includes(teamId)) return withinBasis(actor.categories, basis);
  const invitation = actor.invitations.find((i) => i.clientId === clientId);
  return invitation
    ? withinBasis(accessOf(actor.partyKind, actor.role, invitation.scope).categories, basis)
    : [];
}

/** An Actor with its need-to-know worked out from party and role (the session lookup, seeds and tests). */
export function actorFrom(user: {
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  partyId: string;
  partyKind: string;
  role: UserRole;
  memberTeamIds: string[];
  invitations?: ClientInvitationGrant[];
}): Actor {
  const access = accessOf(user.partyKind, user.role);
  return {
    ...user,
    teamIds: access.clients === 'team' && access.categories.length > 0 ? user.memberTeamIds : [],
    invitations: access.clients === 'invited' ? (user.invitations ?? []) : [],
    categories: [...access.categories],
  };
}

/** The clients a user may reach at all: every client of `teamIds`, plus `clientIds` (invitations). */
export interface ClientScope {
  teamIds: string[];
  clientIds: string[];
}

export function scopeOf(actor: Actor): ClientScope {
  return { teamIds: actor.teamIds, clientIds: invitedClientIds(actor) };
}
