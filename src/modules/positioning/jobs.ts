import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { defineJob } from '../../jobs/queue.ts';
import type { Clock } from '../auth/service.ts';
import { isoDay } from '../placements/rules.ts';
import { createPositioningRepository } from './repository.ts';
import { executeRun, RunCancelled } from './run.ts';

export const RUN_JOB = 'positioning.run';

export function positioningJobs({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return [
    defineJob({
      name: RUN_JOB,
      payload: z.object({ runId: z.uuid() }),
      // One retry: a killed process leaves the run "running" with nothing stored; pg-boss expires the
      // job and the retry starts the run again from scratch.
      options: { retryLimit: 1, retryDelaySeconds: 5, expireInSeconds: 30 * 60 },
      handler: async ({ runId }, context) => {
        const repo = createPositioningRepository(db);
        try {
          await executeRun(db, runId, { today: isoDay(clock.now()) });
        } catch (err) {
          if (err instanceof RunCancelled) {
            await repo.finishRun(runId, 'cancelled');
            return;
          }
          const message = err instanceof Error ? err.message : String(err);
          if (context.attempt >= context.maxAttempts) await repo.finishRun(runId, 'failed', { error: message });
          else await repo.noteError(runId, message);
          throw err;
        }
      },
    }),
  ];
}
