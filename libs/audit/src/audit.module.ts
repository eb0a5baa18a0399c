import {
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
  RequestMethod,
} from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AuditLogRepository } from './audit-log.repository';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';
import { requestIdMiddleware } from './request-id.middleware';
import { RouteTable } from './route-table';

/**
 * The access log (issue 5 item 4): the request id of every request, the global AuditInterceptor that writes one
 * row for each request to a @ClientData route, and the privacy officer's endpoints. Import it in the API only.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [
    AuditLogRepository,
    AuditService,
    RouteTable,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditService, RouteTable],
})
export class AuditModule implements NestModule, OnApplicationBootstrap {
  constructor(private readonly routeTable: RouteTable) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestIdMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }

  /** A route under a client-data path without a marker would go unlogged: say so loudly (a test fails on it). */
  onApplicationBootstrap(): void {
    const unmarked = this.routeTable.unmarked();
    if (unmarked.length > 0) {
      new Logger('AuditModule').error(
        `routes not in the access log (no @ClientData or @NoClientData under a client-data path, or @ClientData with @Res()): ${unmarked
          .map((r) => `${r.method} ${r.path}`)
          .join(', ')}`,
      );
    }
  }
}
