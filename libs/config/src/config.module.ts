import { DynamicModule, Module } from '@nestjs/common';
import { loadConfig, KoersConfig } from './config';

export const KOERS_CONFIG = Symbol('KOERS_CONFIG');

@Module({})
export class ConfigModule {
  /** Validates the environment once; `env` lets tests and the seed pass their own. */
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: KOERS_CONFIG, useFactory: (): KoersConfig => loadConfig(env) }],
      exports: [KOERS_CONFIG],
    };
  }
}
