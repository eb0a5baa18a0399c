import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { OUTBOX_HANDLERS, OutboxHandler, OutboxRelayService } from './outbox-relay.service';

export interface OutboxModuleOptions {
  /** The modules that provide (and export) the handlers. */
  imports?: ModuleMetadata['imports'];
  /** One handler per topic; they live with the context they serve, so this lib depends on none of them. */
  handlers: Type<OutboxHandler>[];
}

@Module({})
export class OutboxModule {
  static register(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: OUTBOX_HANDLERS,
          inject: options.handlers,
          useFactory: (...handlers: OutboxHandler[]) => handlers,
        },
        {
          provide: OutboxRelayService,
          inject: [getDataSourceToken(), Clock, OUTBOX_HANDLERS],
          useFactory: (dataSource: DataSource, clock: Clock, handlers: OutboxHandler[]) =>
            new OutboxRelayService(dataSource, clock, handlers),
        },
      ],
      exports: [OutboxRelayService],
    };
  }
}
