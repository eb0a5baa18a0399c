import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KOERS_CONFIG, KoersConfig } from '@koers/config';
import { createDataSourceOptions } from './data-source-options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [KOERS_CONFIG],
      useFactory: (config: KoersConfig) => createDataSourceOptions(config.databaseUrl),
    }),
  ],
})
export class PersistenceModule {}
