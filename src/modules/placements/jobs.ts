import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { defineJob, type JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../auth/service.ts';
import { emitWebhookEvent } from '../webhooks/events.ts';
import { createPlacementRepository } from './repository.ts';
import { addMonths, CHECKIN_MONTHS, isoDay } from './rules.ts';

export function placementJobs({ db, jobs, clock }: { db: Kysely<DB>; jobs: JobQueue; clock: Clock }) {
  return [
    defineJob({
      name: 'placements.schedule-checkins',
      payload: z.object({ placementId: z.uuid() }),
      // Idempotent: a retry or a second run creates no duplicate (UNIQUE placement, months).
      handler: async ({ placementId }) => {
        await db.transaction().execute(async (tx) => {
          const repo = createPlacementRepository(tx);
          const p = await repo.findPlacement(placementId);
          if (!p) return; // removed since: nothing to follow
          let counselorId = p.counselor_id;
          if (!counselorId) {
            counselorId = (await repo.leastLoadedCounselor(p.territory_id))?.id ?? null;
            if (counselorId) await repo.setCounselor(p.id, counselorId);
          }
          // a placement that already ended is followed up to its end only
          const due = CHECKIN_MONTHS.map((months) => ({ placement_id: p.id, months, due_on: addMonths(p.started_on, months), counselor_id: counselorId }));
          await repo.insertCheckins(due.filter((c) => p.ended_on === null || c.due_on <= p.ended_on));
        });
      },
    }),
    defineJob({
      name: 'placements.notify-due-checkins',
      payload: z.object({}),
      // every morning at 06:00 UTC: one checkin.due event per check-in that has come due
      options: { cron: { expression: '0 6 * * *', payload: {} }, retryLimit: 2 },
      handler: async () => {
        const today = isoDay(clock.now());
        for (;;) {
          const due = await createPlacementRepository(db).dueUnnotified(today, 100);
          if (due.length === 0) return;
          for (const c of due) {
            await db.transaction().execute(async (tx) => {
              await emitWebhookEvent(tx, jobs, {
                event: 'checkin.due',
                territoryId: c.territory_id,
                territoryCode: c.territory_code,
                employerId: c.employer_id,
                data: { checkinId: c.id, placementId: c.placement_id, employerId: c.employer_id, months: c.months, dueOn: c.due_on, counselorId: c.counselor_id },
              });
              await createPlacementRepository(tx).markNotified(c.id);
            });
          }
        }
      },
    }),
  ];
}
