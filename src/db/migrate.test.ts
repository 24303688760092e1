import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import type { Database } from './database.ts';
import { currentMigration, listMigrations, migrate } from './migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ content: 'empty' });
});
afterAll(async () => {
  await database?.close();
});

describe('migrations', () => {
  it('apply once, in order, and are a no-op the second time', async () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort());
    expect(await migrate(database.db)).toEqual(versions);
    expect(await migrate(database.db)).toEqual([]);
    const last = listMigrations().at(-1)!;
    expect(await currentMigration(database.db)).toBe(`${last.version}_${last.name}`);
  });
});

describe('demo seed', () => {
  it('exists only when asked for, loads once, and twice is a no-op', async () => {
    const users = () => database.db.selectFrom('users').select('email').execute();
    expect(await users()).toEqual([]);
    const first = await seedDemo(database.db);
    expect(first.seeded).toBe(true);
    expect(first.users).toContain('admin@guichet.demo');
    expect(first.users).toContain('candidate@tanger.demo');
    expect((await users()).length).toBe(1 + 3 * 5);
    const second = await seedDemo(database.db);
    expect(second.seeded).toBe(false);
    expect((await users()).length).toBe(1 + 3 * 5);
  });
});

describe('a failing migration', () => {
  it('is rolled back whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-mig-'));
    try {
      writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE mig_probe_a (id int);');
      writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE mig_probe_b (id int); SELECT no_such_function();');
      await sql`CREATE TABLE saved_migrations AS SELECT * FROM schema_migrations`.execute(database.db);
      await sql`DELETE FROM schema_migrations`.execute(database.db);
      await expect(migrate(database.db, dir)).rejects.toThrow(/no_such_function/);
      const tables = await sql<{ n: string }>`SELECT table_name AS n FROM information_schema.tables WHERE table_name LIKE 'mig_probe_%'`.execute(database.db);
      expect(tables.rows.map((r) => r.n)).toEqual(['mig_probe_a']);
      expect(await currentMigration(database.db)).toBe('0001_ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await sql`DROP TABLE IF EXISTS mig_probe_a`.execute(database.db);
      await sql`DELETE FROM schema_migrations`.execute(database.db);
      await sql`INSERT INTO schema_migrations SELECT * FROM saved_migrations`.execute(database.db);
      await sql`DROP TABLE saved_migrations`.execute(database.db);
    }
    expect(await migrate(database.db)).toEqual([]);
  });
});