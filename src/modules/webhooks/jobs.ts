import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { defineJob } from '../../jobs/queue.ts';
import { createWebhookRepository } from './repository.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';

/** An answer slower than this counts as a failure (and is retried). */
export const DELIVERY_TIMEOUT_MS = 10_000;

export function webhookJobs({ db, fetchImpl = fetch }: { db: Kysely<DB>; fetchImpl?: typeof fetch }) {
  const repo = createWebhookRepository(db);
  return [
    defineJob({
      name: 'webhooks.deliver',
      payload: z.object({ deliveryId: z.uuid() }),
      // 1 + 6 attempts over about half an hour: 30 s base, doubled each time, with jitter
      options: { retryLimit: 6, retryDelaySeconds: 30, expireInSeconds: 60 },
      handler: async ({ deliveryId }, { attempt, maxAttempts }) => {
        const d = await repo.findDelivery(deliveryId);
        if (!d || d.status === 'delivered') return;
        if (!d.is_active) {
          await repo.recordAttempt(deliveryId, { attempt, statusCode: null, error: 'subscription deactivated', durationMs: 0, outcome: 'failed' });
          return;
        }
        // the stored JSON text is sent as is: the signature covers these exact bytes
        const body = JSON.stringify(d.payload);
        const started = performance.now();
        let statusCode: number | null = null;
        let error: string | null = null;
        try {
          const res = await fetchImpl(d.url, {
            method: 'POST',
            redirect: 'manual',
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'guichet-webhooks/1',
              [EVENT_HEADER]: d.event,
              [DELIVERY_HEADER]: d.id,
              [SIGNATURE_HEADER]: signatureHeader(d.secret, body, Math.floor(Date.now() / 1000)),
            },
            body,
          });
          statusCode = res.status;
          await res.body?.cancel();
          if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
        } catch (err) {
          error = err instanceof Error ? (err.name === 'TimeoutError' ? `no answer within ${DELIVERY_TIMEOUT_MS} ms` : err.message) : String(err);
        }
        const durationMs = Math.round(performance.now() - started);
        const outcome = error === null ? 'delivered' : attempt >= maxAttempts ? 'failed' : 'pending';
        await repo.recordAttempt(deliveryId, { attempt, statusCode, error, durationMs, outcome });
        if (error !== null) throw new Error(`webhook delivery ${deliveryId} attempt ${attempt}: ${error}`);
      },
    }),
  ];
}
