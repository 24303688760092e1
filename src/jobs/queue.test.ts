import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { createJobQueue, defineJob, type JobQueue } from './queue.ts';

let database: Database;
let jobs: JobQueue;
const seen: { payload: unknown; attempt: number }[] = [];
let failuresLeft = 0;

const echo = defineJob({
  name: 'test.echo',
  payload: z.object({ n: z.number().int() }),
  handler: async (payload, context) => {
    seen.push({ payload, attempt: context.attempt });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('receiver down');
    }
  },
  options: { retryLimit: 2, retryDelaySeconds: 5 },
});
const chain = defineJob({
  name: 'test.chain',
  payload: z.object({ n: z.number().int() }),
  handler: async (payload, context) => {
    await context.jobs.send('test.echo', { n: payload.n * 10 });
  },
});

beforeAll(async () => {
  database = await createTestDatabase({ content: 'migrated' });
  jobs = createJobQueue({ database });
  jobs.register([echo, chain]);
  await jobs.start();
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

const jobRows = (name: string) =>
  sql<{ state: string; retry_count: number; start_after: Date; created_on: Date }>`SELECT state, retry_count, start_after, created_on FROM pgboss.job WHERE name = ${name} ORDER BY created_on`
    .execute(database.db)
    .then((r) => r.rows);

describe('job queue (pg-boss in the application database)', () => {
  it('validates payloads on send and refuses unknown jobs', async () => {
    await expect(jobs.send('test.echo', { n: 'one' })).rejects.toThrow(/invalid payload for job "test.echo"/);
    await expect(jobs.send('test.nothing', {})).rejects.toThrow(/unknown job/);
    expect(() => defineJob({ name: 'NoDot', payload: z.object({}), handler: async () => {} })).toThrow(/domain\.verb/);
  });

  it('drain runs due jobs through their handler, including jobs sent by jobs', async () => {
    seen.length = 0;
    await jobs.send('test.chain', { n: 4 });
    const report = await jobs.drain();
    expect(report).toEqual({ completed: 2, failed: 0, errors: [] });
    expect(seen).toEqual([{ payload: { n: 40 }, attempt: 1 }]);
    expect((await jobs.drain()).completed).toBe(0);
  });

  it('retries a failing job with exponential backoff, then gives up after retryLimit', async () => {
    seen.length = 0;
    failuresLeft = 10;
    await jobs.send('test.echo', { n: 1 });
    const first = await jobs.drain();
    expect(first).toMatchObject({ completed: 0, failed: 1, errors: ['test.echo: receiver down'] });
    // the retry waits: a plain drain does not run it
    expect((await jobs.drain()).failed).toBe(0);
    const [retry] = (await jobRows('test.echo')).filter((j) => j.state === 'retry');
    // first retry: between 1× and 2× the 5 s base delay (pg-boss backoff with jitter)
    const delaySeconds = (retry.start_after.getTime() - Date.now()) / 1000;
    expect(delaySeconds).toBeGreaterThan(2);
    expect(delaySeconds).toBeLessThanOrEqual(10.5);
    const rest = await jobs.drain({ includeDelayed: true });
    expect(rest.failed).toBe(2);
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect((await jobRows('test.echo')).at(-1)?.state).toBe('failed');
    failuresLeft = 0;
  });

  it('a job sent inside a transaction exists only if the transaction commits', async () => {
    seen.length = 0;
    await database.db
      .transaction()
      .execute(async (tx) => {
        await jobs.send('test.echo', { n: 7 }, { tx });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect((await jobs.drain()).completed).toBe(0);
    await database.db.transaction().execute(async (tx) => {
      await jobs.send('test.echo', { n: 8 }, { tx });
    });
    expect((await jobs.drain()).completed).toBe(1);
    expect(seen).toEqual([{ payload: { n: 8 }, attempt: 1 }]);
  });

  it('with workers, pg-boss polls and runs the same handlers', async () => {
    const worker = createJobQueue({ database, workers: true, pollingIntervalSeconds: 0.5 });
    const done: number[] = [];
    worker.register([defineJob({ name: 'test.worker', payload: z.object({ n: z.number() }), handler: async (p) => void done.push(p.n) })]);
    await worker.start();
    try {
      await worker.send('test.worker', { n: 3 });
      const deadline = Date.now() + 15_000;
      while (done.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(done).toEqual([3]);
    } finally {
      await worker.stop();
    }
  });
});
