import { DynamicModule, Global, Module } from '@nestjs/common';
import { KOERS_CONFIG, KoersConfig } from '@koers/config';
import { QueueConnection } from './queue-connection';

export interface QueueModuleOptions {
  /** Redis key prefix or PostgreSQL schema; tests use a unique one per run. */
  namespace?: string;
}

/** One QueueConnection per app: on Redis when REDIS_URL is set, else on BullMQ's PostgreSQL backend. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions = {}): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        {
          provide: QueueConnection,
          inject: [KOERS_CONFIG],
          useFactory: (config: KoersConfig) =>
            new QueueConnection({
              redisUrl: config.redisUrl,
              databaseUrl: config.databaseUrl,
              namespace: options.namespace,
            }),
        },
      ],
      exports: [QueueConnection],
    };
  }
}
