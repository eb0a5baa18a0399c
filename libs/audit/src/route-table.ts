import { Injectable, RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  METHOD_METADATA,
  PATH_METADATA,
  RESPONSE_PASSTHROUGH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CLIENT_DATA, type ClientDataOptions, NO_CLIENT_DATA } from './client-data.decorator';

/** Paths whose routes all concern clients: each needs @ClientData or an explicit @NoClientData. */
export const CLIENT_DATA_PATHS = [
  '/api/clients',
  '/api/board',
  '/api/meetings',
  '/api/actions',
  '/api/deadlines',
  '/api/notifications',
  '/api/invitations',
  '/api/audit',
  // The budget's routes by spend or arrangement id (by client they are under /api/clients).
  '/api/spends',
  '/api/conditional-arrangements',
  // Aggregates (@NoClientData) beside drill-downs and exports that name clients (@ClientData).
  '/api/reports',
  // The recovery instruments themselves (@NoClientData); the measurements are under /api/clients.
  '/api/recovery',
  // No client data at all, but every route says so (@NoClientData('user administration')).
  '/api/admin',
] as const;

export interface ApiRoute {
  method: string;
  /** The route pattern, global prefix included: `/api/clients/:id`. */
  path: string;
  controller: string;
  handler: string;
  clientData?: ClientDataOptions;
  /** The reason given by @NoClientData. */
  noClientData?: string;
  /**
   * The handler sends the answer itself (`@Res()` without passthrough): interceptors run after it is sent, so such
   * a route cannot carry @ClientData (answer with a value or a StreamableFile instead).
   */
  answersItself: boolean;
}

const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

export const isUnder = (path: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** The API's route table, read from Nest's controller metadata, with each route's audit marking. */
@Injectable()
export class RouteTable {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(globalPrefix = 'api'): ApiRoute[] {
    const routes: ApiRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, metatype));
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler);
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
        const clientData = this.reflector.getAllAndOverride<ClientDataOptions | undefined>(CLIENT_DATA, [
          handler,
          metatype,
        ]);
        const noClientData = this.reflector.getAllAndOverride<string | undefined>(NO_CLIENT_DATA, [
          handler,
          metatype,
        ]);
        const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {};
        const answersItself =
          Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.RESPONSE)) &&
          !Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, metatype, name);
        for (const controllerPath of controllerPaths.length ? controllerPaths : ['']) {
          for (const methodPath of asList(methodPaths)) {
            routes.push({
              method,
              path: joinPath(globalPrefix, controllerPath, methodPath),
              controller: metatype.name,
              handler: name,
              answersItself,
              ...(clientData ? { clientData } : {}),
              ...(noClientData !== undefined ? { noClientData } : {}),
            });
          }
        }
      }
    }
    return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }

  /**
   * Routes whose requests would not be logged: under a client-data path with neither @ClientData nor
   * @NoClientData, or marked @ClientData but answering through `@Res()` (sent before the row is written).
   */
  unmarked(globalPrefix = 'api'): ApiRoute[] {
    return this.routes(globalPrefix).filter(
      (route) =>
        (isUnder(route.path, CLIENT_DATA_PATHS) && !route.clientData && route.noClientData === undefined) ||
        (route.clientData && route.answersItself),
    );
  }
}
