import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * TypeORM options for Koers. `synchronize` stays off: the schema changes only through committed,
 * reviewed migrations in ./migrations.
 */
export function createDataSourceOptions(
  databaseUrl: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    // TypeORM's own logging prints query parameters, which hold client data: errors surface through our filter instead.
    logging: false,
    extra: { max: 20, application_name: 'koers' },
    ...overrides,
  } as DataSourceOptions;
}

/** Applies every pending migration and closes its connection. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(createDataSourceOptions(databaseUrl, { extra: { max: 1 } }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
