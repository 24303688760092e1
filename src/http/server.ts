import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { buildApp } from './app.ts';

export const defaultWebDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  seeded: boolean;
  stop(): Promise<void>;
}

/** Opens the database, migrates, optionally seeds the demo, and listens. */
export async function startServer(config: Config, options: { seedDemo?: boolean; webDir?: string } = {}): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const seeded = options.seedDemo ? (await seedDemo(database.db)).seeded : false;
    const app = await buildApp({
      database,
      webDir: options.webDir ?? defaultWebDir,
      secureCookies: config.secureCookies,
      sessionHours: config.sessionHours,
      exposeTokens: config.exposeTokens,
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
      jobWorkers: true,
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    let stopping: Promise<void> | undefined;
    return {
      app,
      database,
      url: `http://${shownHost}:${port}`,
      seeded,
      stop: () => (stopping ??= (async () => {
        await app.close(); // finishes in-flight requests
        await database.close();
      })()),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
