import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenException, UnauthenticatedException } from '@koers/errors';
import type { UserRole } from '@koers/persistence';
import type { Request } from 'express';
import type { Actor } from '../actor';

const ALLOWED_ROLES = 'koers:allowedRoles';

/**
 * Only these roles may use the routes of a controller or handler (the handler's list wins). Runs after the global
 * AuthGuard, so a request without a valid token is a 401 first, and a logged-in user of another role a 403.
 */
export const AllowRoles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), UseGuards(RoleGuard));

@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const actor = context.switchToHttp().getRequest<Request & { actor?: Actor }>().actor;
    if (!actor) throw new UnauthenticatedException();
    if (!roles?.includes(actor.role)) {
      throw new ForbiddenException(
        roles?.length === 1 && roles[0] === 'admin'
          ? 'Only an admin manages users and teams'
          : `Only ${(roles ?? []).join(' or ')} may do this`,
      );
    }
    return true;
  }
}

/** The request's X-Request-Id (set by the audit library's middleware under this well-known symbol). */
const REQUEST_ID = Symbol.for('koers.requestId');

/** Who acts, and the request id the admin log names. */
export interface AdminRequest {
  actor: Actor;
  requestId: string | null;
}

export const CurrentAdminRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdminRequest => {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; [REQUEST_ID]?: string }>();
    if (!request.actor) throw new UnauthenticatedException();
    return { actor: request.actor, requestId: request[REQUEST_ID] ?? null };
  },
);
