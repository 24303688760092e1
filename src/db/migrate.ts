import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Forward-only, numbered SQL files, the same on both engines: `migrations/0001_name.sql`. */
export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/** An arbitrary constant: concurrent starters of the same database wait for each other. */
const MIGRATION_LOCK = 728_110_042;

/**
 * Applies pending migrations, each in its own transaction with its bookkeeping row, so a killed
 * process leaves either the whole migration or none of it. Returns the versions applied.
 */
export async function migrate(db: Kysely<any>, dir = migrationsDir): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    const done = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
      const found = await sql`SELECT 1 FROM schema_migrations WHERE version = ${m.version}`.execute(tx);
      if (found.rows.length > 0) return false;
      await sql.raw(m.sql).execute(tx);
      await sql`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`.execute(tx);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The latest applied migration, e.g. `0001_foundation`, or null on an empty database. */
export async function currentMigration(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('schema_migrations')
    .select(['version', 'name'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? `${row.version}_${row.name}` : null;
}
