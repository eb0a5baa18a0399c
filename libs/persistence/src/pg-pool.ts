import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The `pg` pool behind TypeORM's PostgreSQL driver. Hot paths (the per-request session lookup, the
 * per-event read and write) use it for named prepared statements, which TypeORM's `query()` cannot
 * express: PostgreSQL then plans each statement once per connection. One accessor, so the reliance on
 * the driver's pool is in one place and fails loudly if TypeORM ever changes it.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.query !== 'function') {
    throw new Error(
      'TypeORM PostgreSQL driver has no pg pool (driver.master); is the DataSource initialised?',
    );
  }
  return pool;
}

/** Runs a named prepared statement on the DataSource's pool. */
export async function preparedQuery<R extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const result = await pgPoolOf(dataSource).query<R>({ name, text, values });
  return result.rows;
}
