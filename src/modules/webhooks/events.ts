import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { createWebhookRepository } from './repository.ts';
import type { WebhookData } from './schema.ts';

export interface WebhookEventInput<E extends keyof WebhookData> {
  event: E;
  territoryId: string;
  territoryCode: string;
  /** The employer the event is about: its own subscriptions receive it, besides the territory's partners. */
  employerId: string | null;
  data: WebhookData[E];
  at?: Date;
}

/**
 * Records one delivery per interested subscription and queues its `webhooks.deliver` job, in the
 * caller's transaction: the event goes out only if what it reports was committed.
 */
export async function emitWebhookEvent<E extends keyof WebhookData>(tx: Kysely<DB>, jobs: JobQueue, input: WebhookEventInput<E>): Promise<number> {
  const repo = createWebhookRepository(tx);
  const subscribers = await repo.subscribersOf(input.territoryId, input.event, input.employerId);
  for (const s of subscribers) {
    const id = randomUUID();
    const payload = { id, event: input.event, createdAt: (input.at ?? new Date()).toISOString(), territory: input.territoryCode, data: input.data };
    await repo.insertDelivery({ id, subscription_id: s.id, event: input.event, payload: JSON.stringify(payload) });
    await jobs.send('webhooks.deliver', { deliveryId: id }, { tx });
  }
  return subscribers.length;
}
