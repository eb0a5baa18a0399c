import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { ForbiddenException, UnauthenticatedException } from '@koers/errors';

/** The privacy officer (functionaris gegevensbescherming) reads the access log, and no client data. */
export function isPrivacyOfficer(actor: Pick<Actor, 'role'>): boolean {
  return (actor.role as string) === 'privacy_officer';
}

export function assertPrivacyOfficer(actor: Pick<Actor, 'role'>): void {
  if (!isPrivacyOfficer(actor)) throw new ForbiddenException('Only the privacy officer reads the access log');
}

/**
 * The logged-in actor (as `CurrentActor` of @koers/access). Defined here so that this library takes no values
 * from @koers/access when it loads: access's own controllers can then import @ClientData without an import cycle.
 */
export const AuditActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new UnauthenticatedException();
  return actor;
});
