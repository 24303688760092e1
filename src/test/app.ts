import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { buildApp, type AppOptions } from '../http/app.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo-data.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Logs in and returns the Cookie header value to send with later requests. */
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the engine under test, with the demo data loaded (or not). */
export async function createTestApp(options: Partial<AppOptions> & { demo?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ content: options.demo === false ? 'migrated' : 'demo' });
  const app = await buildApp({ database, ...options });
  return {
    app,
    database,
    async login(email, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = [res.headers['set-cookie']].flat()[0];
      return String(cookie).split(';')[0];
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
