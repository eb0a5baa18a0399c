import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundException } from '@koers/errors';
import type { SqlQuery } from '@koers/persistence';
import { type Actor, type ClientScope, categoriesFor, invitedClientIds } from './actor';
import type { DataCategory } from './need-to-know';

/** A client the actor may reach, with its casusoverleg and what the actor may see of it. */
export interface VisibleClient {
  id: string;
  teamId: string;
  /** `team`: the actor takes part in the client's casusoverleg with full scope; `invitation`: an active invitation. */
  via: 'team' | 'invitation';
  /** The kind of legal basis of the client's trajectory (LEGAL_BASIS_KINDS). */
  legalBasis: string;
  /** What the actor may see of this client (need-to-know, narrowed by the invitation's scope and the legal basis). */
  categories: DataCategory[];
}

export interface ClientAccessOptions {
  /**
   * Only the full-scope participants of the client's casusoverleg reach it, not invited chain partners: for what
   * the casusoverleg itself manages (invitations, actions, the handreiking's answers).
   */
  teamOnly?: boolean;
  /** Inside the caller's transaction (or read-only snapshot) rather than on a pooled connection of its own. */
  query?: SqlQuery;
  /** FOR KEY SHARE: the client cannot be deleted, or its team changed, while the caller's transaction writes about it. */
  lock?: boolean;
}

/**
 * The actor's reach as an SQL condition, for the statements that must select the clients themselves in one go:
 * a list, or a hot path that cannot spend a round trip on `visibleClient` first (recording an event). `teamId` and
 * `clientId` are the columns to test; the condition reads `scope.teamIds` at `$first` and `scope.clientIds` at
 * `$first + 1` (pass `reachParameters(scope)` there). The same rule as `visibleClient`: a client of a team the actor
 * takes part in with full scope, or one their party is invited to now. The board keeps a filter of its own (one
 * statement per kind of reach, see board.repository.ts): an OR over 10,000 rows would cost the planner its
 * estimates there.
 */
export function clientInReach(columns: { teamId: string; clientId: string }, first: number): string {
  return `(${columns.teamId} = ANY($${first}::uuid[]) OR ${columns.clientId} = ANY($${first + 1}::uuid[]))`;
}

/** The values for `clientInReach`'s two parameters, in order. */
export function reachParameters(scope: ClientScope): [string[], string[]] {
  return [scope.teamIds, scope.clientIds];
}

/**
 * The one question every client route asks first: is this client within the actor's reach (a client of a team in
 * which the actor takes part with full scope, or one their party is invited to now), and what may they see of it?
 * Out of reach is answered as if the client did not exist (404), so nobody learns which ids are in use elsewhere.
 * The invitations are the actor's, as the session looked them up for this request (active ones only).
 */
@Injectable()
export class ClientAccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The client, or null when it is out of the actor's reach. */
  async visibleClient(
    actor: Actor,
    clientId: string,
    options: ClientAccessOptions = {},
  ): Promise<VisibleClient | null> {
    const query: SqlQuery = options.query ?? ((text, values) => this.dataSource.query(text, values));
    // The legal basis comes with the row (trajectory.legal_basis): what may be seen of the client at all.
    const [client] = await query<{ id: string; team_id: string; legal_basis: string }>(
      `SELECT c.id, c.team_id, t.legal_basis FROM client c JOIN trajectory t ON t.client_id = c.id
        WHERE c.id = $1 AND ${clientInReach({ teamId: 'c.team_id', clientId: 'c.id' }, 2)}${
          options.lock ? ' FOR KEY SHARE OF c' : ''
        }`,
      [
        clientId,
        ...reachParameters({
          teamIds: actor.teamIds,
          clientIds: options.teamOnly ? [] : invitedClientIds(actor),
        }),
      ],
    );
    if (!client) return null;
    return {
      id: client.id,
      teamId: client.team_id,
      via: actor.teamIds.includes(client.team_id) ? 'team' : 'invitation',
      legalBasis: client.legal_basis,
      categories: categoriesFor(actor, client.team_id, client.id, client.legal_basis),
    };
  }

  /** The client, or 404 `Client` when it is out of the actor's reach. */
  async assertClientVisible(
    actor: Actor,
    clientId: string,
    options: ClientAccessOptions = {},
  ): Promise<VisibleClient> {
    const client = await this.visibleClient(actor, clientId, options);
    if (!client) throw new NotFoundException('Client');
    return client;
  }
}
