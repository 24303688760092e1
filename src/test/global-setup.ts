import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../modules/demo/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a snapshot file; PostgreSQL: name of a template database. Migrated and demo-seeded. */
    demoTemplate: string;
  }
}

/**
 * Builds the migrated, demo-seeded database once per run, so each test file starts from a copy
 * (a PGlite snapshot or a PostgreSQL template database) instead of seeding again.
 */
export default async function setup(project: TestProject) {
  const engine = project.config.env?.GUICHET_TEST_ENGINE ?? 'pglite';
  if (engine === 'pglite') {
    const database = await openDatabase({ poolSize: 2 });
    await migrate(database.db);
    await seedDemo(database.db);
    const blob = await database.snapshot!();
    await database.close();
    const file = join(tmpdir(), `guichet-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    project.provide('demoTemplate', file);
    return () => rmSync(file, { force: true });
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the postgres test project needs DATABASE_URL');
  const name = `guichet_template_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrate(database.db);
  await seedDemo(database.db);
  await database.close();
  project.provide('demoTemplate', name);
  return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
