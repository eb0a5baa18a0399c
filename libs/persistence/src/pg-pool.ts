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

/** A query function over one connection: the shape both a pg client and a TypeORM EntityManager can offer. */
export type SqlQuery = <R extends QueryResultRow = QueryResultRow>(
  text: string,
  values?: unknown[],
  /** Makes it a named prepared statement where the connection supports it (hot paths). */
  name?: string,
) => Promise<R[]>;

/** Runs `work` in one transaction on one pooled connection: COMMIT if it resolves, ROLLBACK if it throws. */
export async function inPgTransaction<T>(
  dataSource: DataSource,
  work: (query: SqlQuery) => Promise<T>,
): Promise<T> {
  const client = await pgPoolOf(dataSource).connect();
  const query: SqlQuery = async (text, values, name) => (await client.query({ text, values, name })).rows;
  try {
    await client.query('BEGIN');
    const result = await work(query);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
