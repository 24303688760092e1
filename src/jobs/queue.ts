import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../db/database.ts';

/**
 * Background jobs: a small wrapper over pg-boss 10 that stores jobs in the application's own
 * database (schema `pgboss`), so a job sent inside a transaction exists exactly when the
 * transaction commits.
 *
 * Each module declares its jobs in `jobs.ts` with `defineJob({ name: 'domain.verb', payload, handler })`;
 * `send(name, payload)` validates the payload against the definition before it is stored.
 *
 * Two ways to run them, through the same `execute` path (payload validation, handler, complete/fail
 * with pg-boss's retry and exponential backoff):
 * - `workers: true` (the server): pg-boss polls each queue and runs the cron schedules;
 * - `workers: false` (tests, the CLI): nothing polls; `drain()` fetches the due jobs and runs them now.
 *   Tests drain instead of polling because a poll interval (≥ 0.5 s in pg-boss) would make every
 *   test wait and race against it; draining is deterministic and still exercises the real queue tables.
 */

export interface JobContext {
  /** pg-boss job id. */
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Total runs allowed: 1 + retryLimit. */
  maxAttempts: number;
  /** The queue, to chain further jobs. */
  jobs: JobQueue;
}

export interface JobOptions {
  /** Retries after a failed run (default 3). */
  retryLimit?: number;
  /** Base delay of the first retry in seconds; doubled at each retry with jitter (pg-boss retryBackoff). */
  retryDelaySeconds?: number;
  /** A run taking longer than this is failed (and retried). */
  expireInSeconds?: number;
  /** With workers: a cron schedule (pg-boss, 5 fields, UTC) that sends `{}`-like default payloads. */
  cron?: { expression: string; payload: unknown };
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** `domain.verb`, e.g. `placements.schedule-checkins`. */
  name: string;
  payload: S;
  handler: (payload: z.output<S>, context: JobContext) => Promise<void>;
  options?: JobOptions;
}

/** Declares a job with its payload type inferred from the zod schema. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new Error(`job name "${definition.name}" must be "domain.verb" (lowercase, dashes)`);
  }
  return definition;
}

export interface SendOptions {
  /** Send inside this transaction: the job exists only if it commits (and PGlite does not deadlock). */
  tx?: Kysely<any> | Transaction<any>;
  /** Run no earlier than this date. */
  startAfter?: Date;
  /** At most one queued job with this key at a time (pg-boss singletonKey). */
  singletonKey?: string;
}

export interface DrainOptions {
  /** Also run jobs whose start time (a delayed send or a retry's backoff) is still in the future. */
  includeDelayed?: boolean;
  /** Safety stop against jobs that keep sending jobs. */
  maxJobs?: number;
}

export interface DrainReport {
  completed: number;
  failed: number;
  /** `name: message` of each failed run, for test assertions and logs. */
  errors: string[];
}

export interface JobLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface JobQueueOptions {
  /** The application's database: PostgreSQL gets a small pool of its own; the embedded engine shares the app's single connection. */
  database: Pick<Database, 'engine' | 'pool' | 'connectionString'>;
  /** Poll queues and run cron schedules (the server); false: only `drain()` runs jobs. */
  workers?: boolean;
  /** pg-boss's own pool on PostgreSQL. */
  poolSize?: number;
  pollingIntervalSeconds?: number;
  logger?: JobLogger;
}

export interface JobQueue {
  register(definitions: readonly JobDefinition<any>[]): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates the payload against the job's schema and stores the job; returns its id. */
  send(name: string, payload: unknown, options?: SendOptions): Promise<string>;
  /** Runs every due job now, until the queues are empty (tests and one-off commands). */
  drain(options?: DrainOptions): Promise<DrainReport>;
  /** Registered job names. */
  names(): string[];
}

const DEFAULTS = { retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 15 * 60 };

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const definitions = new Map<string, JobDefinition<any>>();
  const logger = options.logger;
  const { database } = options;
  const boss = new PgBoss({
    // PGlite: through the app's one connection, so pg-boss's queries never interleave with the app's
    // on the single backend (src/db/database.ts explains why); PostgreSQL: a pool of its own.
    ...(database.engine === 'pglite'
      ? { db: { executeSql: (text: string, values: unknown[]) => database.pool.query(text, values) } }
      : { connectionString: database.connectionString, max: options.poolSize ?? 3 }),
    application_name: 'guichet-jobs',
    // Maintenance (expiry, archiving) and cron only where workers run.
    supervise: options.workers ?? false,
    schedule: options.workers ?? false,
  });
  boss.on('error', (err) => logger?.error({ err }, 'job queue error'));
  let started = false;
  let stopping: Promise<void> | undefined;

  const queue: JobQueue = {
    register(list) {
      if (started) throw new Error('register jobs before start()');
      for (const d of list) {
        if (definitions.has(d.name)) throw new Error(`job "${d.name}" is defined twice`);
        definitions.set(d.name, d);
      }
    },

    async start() {
      if (started) return;
      await boss.start();
      for (const d of definitions.values()) {
        const o = { ...DEFAULTS, ...d.options };
        // Queues carry the retry policy, so every send gets it without repeating it.
        const policy = { name: d.name, retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, retryBackoff: true, expireInSeconds: o.expireInSeconds };
        if (await boss.getQueue(d.name)) await boss.updateQueue(d.name, policy);
        else await boss.createQueue(d.name, policy);
      }
      started = true;
      if (!options.workers) return;
      for (const d of definitions.values()) {
        await boss.work(d.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
          await execute(job);
        });
        if (d.options?.cron) await boss.schedule(d.name, d.options.cron.expression, d.payload.parse(d.options.cron.payload) as object);
      }
    },

    stop() {
      return (stopping ??= started ? boss.stop({ graceful: true, wait: true, timeout: 10_000 }) : Promise.resolve());
    },

    async send(name, payload, sendOptions = {}) {
      const d = definitions.get(name);
      if (!d) throw new Error(`unknown job "${name}" (registered: ${[...definitions.keys()].join(', ') || 'none'})`);
      if (!started) throw new Error(`job queue not started: cannot send "${name}"`);
      const parsed = d.payload.safeParse(payload);
      if (!parsed.success) throw new Error(`invalid payload for job "${name}": ${z.prettifyError(parsed.error)}`);
      const tx = sendOptions.tx;
      const id = await boss.send(name, parsed.data as object, {
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(tx
          ? {
              db: {
                executeSql: async (text: string, values: unknown[]) => ({ rows: (await tx.executeQuery(CompiledQuery.raw(text, values))).rows as any[] }),
              },
            }
          : {}),
      });
      if (!id) throw new Error(`job "${name}" was not stored (a singleton with the same key is already queued)`);
      return id;
    },

    async drain(drainOptions = {}) {
      const report: DrainReport = { completed: 0, failed: 0, errors: [] };
      const max = drainOptions.maxJobs ?? 1000;
      for (;;) {
        let ran = 0;
        for (const name of definitions.keys()) {
          const jobs = await boss.fetch<unknown>(name, { includeMetadata: true, batchSize: 20, ignoreStartAfter: drainOptions.includeDelayed ?? false });
          for (const job of jobs) {
            ran += 1;
            try {
              await execute(job);
              await boss.complete(name, job.id);
              report.completed += 1;
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              await boss.fail(name, job.id, { message });
              report.failed += 1;
              report.errors.push(`${name}: ${message}`);
            }
            if (report.completed + report.failed >= max) throw new Error(`drain stopped after ${max} jobs: a job keeps sending jobs?`);
          }
        }
        if (ran === 0) return report;
      }
    },

    names: () => [...definitions.keys()],
  };

  async function execute(job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const d = definitions.get(job.name);
    if (!d) throw new Error(`no handler for job "${job.name}"`);
    const payload = d.payload.parse(job.data);
    try {
      await d.handler(payload, { id: job.id, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1, jobs: queue });
    } catch (err) {
      logger?.warn({ err, job: job.name, id: job.id, attempt: job.retryCount + 1 }, 'job failed');
      throw err;
    }
  }

  return queue;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The background-job queue (src/jobs): `app.jobs.send(…)`, and `app.jobs.drain()` in tests. */
    jobs: JobQueue;
  }
}
