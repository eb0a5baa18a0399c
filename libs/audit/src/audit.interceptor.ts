import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { Observable, catchError, defer, mergeMap, throwError } from 'rxjs';
import { AuditedRequest, AuditService, statusOf } from './audit.service';
import { CLIENT_DATA, type ClientDataOptions } from './client-data.decorator';

/**
 * Registered globally (APP_INTERCEPTOR): for every route marked @ClientData it writes the access-log row after
 * the handler and before the answer is sent, for success and failure alike (a 403 or 404 is a `refused` row).
 * If the row cannot be written the request fails with a generic 500: no answer leaves without its row.
 *
 * Interceptors run after the guards, so the row has an identified user. A request a guard turns away never
 * reaches this: the AuthGuard's 401 (no valid session, no one to name) is not in the access log, and a refusal of
 * client data belongs in the handler or service (as the need-to-know checks are), not in a guard. Route pipes
 * (400) run inside and are logged.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.reflector.getAllAndOverride<ClientDataOptions | undefined>(CLIENT_DATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      // Before the success path: only the handler's own errors (and the pipes') are caught here.
      catchError((error: unknown) =>
        defer(() => this.audit.record(request, options, { status: statusOf(error) })).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
      mergeMap(async (body: unknown) => {
        await this.audit.record(request, options, { status: response.statusCode, response: body });
        return body;
      }),
    );
  }
}
