import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/**
 * A fresh, empty database on the engine under test (GUICHET_TEST_ENGINE): an in-memory PGlite, or a
 * new database created on the PostgreSQL server of DATABASE_URL and dropped on close. Never a mock.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const engine = process.env.GUICHET_TEST_ENGINE ?? 'pglite';
  let database: Database;
  if (engine === 'pglite') {
    database = await openDatabase({ poolSize: 4 });
  } else if (engine === 'postgres') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('GUICHET_TEST_ENGINE=postgres needs DATABASE_URL (scripts/test.sh starts a throwaway cluster)');
    const name = `guichet_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    database = {
      ...opened,
      async close() {
        await opened.close();
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  } else {
    throw new Error(`unknown GUICHET_TEST_ENGINE "${engine}" (pglite or postgres)`);
  }
  if (options.migrate !== false) await migrate(database.db);
  return database;
}
