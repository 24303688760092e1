import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  /** The pg pool behind `db`: one code path for both engines (the embedded one is reached through pglite-socket). */
  readonly pool: pg.Pool;
  readonly engine: Engine;
  /** A connection string other pg clients (a job queue, psql) can use to reach the same database. */
  readonly connectionString: string;
  /** Embedded engine only: a tarball of the whole database, reloadable with `loadDataDir`. */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; when absent the embedded engine (PGlite) is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; `undefined` keeps it in memory (tests). */
  dataDir?: string;
  /** Size of the application's pool. */
  poolSize?: number;
  /** Embedded engine only: start from a snapshot taken with `snapshot()` (tests start from a seeded template). */
  loadDataDir?: Blob;
}

// numeric and bigint columns come back as strings by default; counts and sums we use stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// DATE columns stay 'YYYY-MM-DD' strings: a calendar day has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens PostgreSQL (DATABASE_URL) or the embedded PGlite exposed on a loopback socket. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 8;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize });
    return wrap(pool, 'postgres', options.databaseUrl, async () => {});
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true }); // PGlite does not create parents
  const lite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  // The socket multiplexer keeps a transaction's queries on its own connection, so a pool is safe.
  // Room is left for other clients (a job queue) beside the application's pool.
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: poolSize + 8 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const connectionString = `postgres://postgres@${host}:${port}/postgres`;
  // One connection for the embedded engine: PGlite is a single backend, and pglite-socket queues
  // protocol *messages*, not whole queries, so the Parse/Bind/Execute/Sync of two connections can
  // interleave (measured: 6 concurrent transactions beside plain queries failed with 'portal "" does
  // not exist' or hung). PGlite runs one statement at a time anyway, so nothing is lost; other
  // clients (the job queue) go through this pool too (src/jobs/queue.ts).
  const pool = new pg.Pool({ connectionString, max: 1 });
  const database = wrap(pool, 'pglite', connectionString, async () => {
    await server.stop();
    await lite.close();
  });
  return { ...database, snapshot: () => lite.dumpDataDir('none') };
}

function wrap(pool: pg.Pool, engine: Engine, connectionString: string, closeEngine: () => Promise<void>): Database {
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    engine,
    connectionString,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
      await closeEngine();
    },
  };
}
