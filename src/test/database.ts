import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

export interface TestDatabaseOptions {
  /** 'demo' (default): migrated with the demo data; 'migrated': empty tables; 'empty': not even migrated. */
  content?: 'demo' | 'migrated' | 'empty';
}

/**
 * A fresh database of its own on the engine under test (GUICHET_TEST_ENGINE): an in-memory PGlite,
 * or a new database on the PostgreSQL server of DATABASE_URL, dropped on close. Never a mock.
 * The demo content is copied from the template built once per run (src/test/global-setup.ts).
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  const content = options.content ?? 'demo';
  const engine = process.env.GUICHET_TEST_ENGINE ?? 'pglite';
  const template = content === 'demo' ? inject('demoTemplate') : undefined;
  let database: Database;
  if (engine === 'pglite') {
    const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
    database = await openDatabase({ poolSize: 4, loadDataDir });
  } else if (engine === 'postgres') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('GUICHET_TEST_ENGINE=postgres needs DATABASE_URL (scripts/test.sh starts a throwaway cluster)');
    const name = `guichet_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    database = {
      ...opened,
      async close() {
        await opened.close();
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } else {
    throw new Error(`unknown GUICHET_TEST_ENGINE "${engine}" (pglite or postgres)`);
  }
  if (content === 'migrated') await migrate(database.db);
  return database;
}

async function adminQuery(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
