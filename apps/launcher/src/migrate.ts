/**
 * One-shot: apply pending migrations to DATABASE_URL and exit (0 = done, 1 = failed).
 * Used by the `migrate` service in docker-compose.yml before the API and the worker start.
 */
import { runMigrations } from '@koers/persistence';

async function migrate(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (e.g. postgres://user@host:5432/koers)');
  const applied = await runMigrations(databaseUrl);
  console.log(applied.length ? `[migrate] applied: ${applied.join(', ')}` : '[migrate] up to date');
}

migrate().catch((error: unknown) => {
  console.error(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
