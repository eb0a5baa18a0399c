import { SetMetadata, Type } from '@nestjs/common';
import type { Actor, DataCategory } from '@koers/access';
import type { AuditEvent } from '@koers/persistence';

export const CLIENT_DATA = 'koers:clientData';
export const NO_CLIENT_DATA = 'koers:noClientData';

/** What a route's audit hooks see of the request (and, after success, of the answer). */
export interface AuditContext {
  actor: Actor | undefined;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The handler's answer; undefined when it failed. */
  response: unknown;
  /** A provider of the app (e.g. a service to ask which clients a file named). */
  get<T>(type: Type<T>): T;
}

export interface ClientIdSources<R = unknown> {
  /**
   * Route parameters that name a client. Default: every parameter right after a `clients` segment of the
   * route (`/clients/:id`, `/clients/:clientId/journal`, `/meetings/:id/clients/:clientId/notes`).
   */
  params?: string[];
  /** Query parameters that name a client. */
  query?: string[];
  /** Keys in the request body (at any depth) whose values name clients, e.g. `clientId` of an agenda item. */
  body?: string[];
  /** Every `clientId` in the answer, at any depth (board rows, agenda items, records, deadlines). Default true. */
  responseClientIds?: boolean;
  /** Clients the answer names otherwise, e.g. the `id` of each client in a list. */
  fromResponse?: (response: R) => Iterable<unknown>;
  /** For answers that are files (minutes): which clients they named, asked after the handler succeeded. */
  resolve?: (context: AuditContext) => Promise<Iterable<string>> | Iterable<string>;
}

export interface ClientDataOptions<R = unknown> {
  event: AuditEvent;
  /** The data categories the route can disclose or change (narrowed to what the actor may see). */
  categories: readonly DataCategory[];
  clients?: ClientIdSources<R>;
  /** Narrows `categories` per request (e.g. the category of the journal entries written or returned). */
  categoriesOf?: (context: AuditContext) => Iterable<DataCategory> | undefined;
}

/**
 * Marks a route that reads, searches, exports or writes client data: the AuditInterceptor writes one access-log
 * row for every request to it (also refusals) before the answer is sent, and fails the request if it cannot.
 */
export const ClientData = <R = unknown>(options: ClientDataOptions<R>) => SetMetadata(CLIENT_DATA, options);

/**
 * Marks a route under a client-data path that touches no client data (e.g. a meeting's time and place), saying
 * why. The route-table test fails for any route there with neither marker.
 */
export const NoClientData = (reason: string) => SetMetadata(NO_CLIENT_DATA, reason);
