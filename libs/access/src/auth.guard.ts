import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedException } from '@koers/errors';
import type { Request } from 'express';
import type { Actor } from './actor';
import { AuthService } from './auth.service';

const IS_PUBLIC = 'koers:isPublic';
/** Marks a route that needs no bearer token (login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type RequestWithActor = Request & { actor?: Actor };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/i.exec(header);
    if (!match) throw new UnauthenticatedException();
    const actor = await this.auth.authenticate(match[1]);
    if (!actor) throw new UnauthenticatedException('Your session has expired or was ended; log in again');
    request.actor = actor;
    return true;
  }
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new UnauthenticatedException();
  return actor;
});
