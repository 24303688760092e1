import { sql, type Kysely } from 'kysely';
import type { DB, WebhookEvent } from '../../db/schema.ts';

export function createWebhookRepository(db: Kysely<DB>) {
  return {
    insertSubscription(row: { territory_id: string; employer_id: string | null; name: string; url: string; secret: string; events: WebhookEvent[]; created_by: string }) {
      return db.insertInto('webhook_subscriptions').values(row).returningAll().executeTakeFirstOrThrow();
    },

    listSubscriptions(territoryId: string, employerId: string | null) {
      let q = db.selectFrom('webhook_subscriptions').selectAll().where('territory_id', '=', territoryId);
      if (employerId) q = q.where('employer_id', '=', employerId);
      return q.orderBy('created_at', 'desc').orderBy('id').execute();
    },

    findSubscription(id: string) {
      return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    deactivate(id: string) {
      return db.updateTable('webhook_subscriptions').set({ is_active: false }).where('id', '=', id).execute();
    },

    /** Active subscriptions that want this event: the territory's partners and the employer concerned. */
    subscribersOf(territoryId: string, event: WebhookEvent, employerId: string | null) {
      return db
        .selectFrom('webhook_subscriptions')
        .select(['id'])
        .where('territory_id', '=', territoryId)
        .where('is_active', '=', true)
        .where(sql<boolean>`${event} = ANY(events)`)
        .where((eb) => (employerId ? eb.or([eb('employer_id', 'is', null), eb('employer_id', '=', employerId)]) : eb('employer_id', 'is', null)))
        .execute();
    },

    insertDelivery(row: { id: string; subscription_id: string; event: WebhookEvent; payload: string }) {
      return db.insertInto('webhook_deliveries').values(row).execute();
    },

    findDelivery(id: string) {
      return db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
        .select(['d.id', 'd.event', 'd.payload', 'd.status', 'd.attempts', 's.url', 's.secret', 's.is_active'])
        .where('d.id', '=', id)
        .executeTakeFirst();
    },

    async recordAttempt(deliveryId: string, a: { attempt: number; statusCode: number | null; error: string | null; durationMs: number; outcome: 'delivered' | 'pending' | 'failed' }) {
      await db
        .insertInto('webhook_attempts')
        .values({ delivery_id: deliveryId, attempt: a.attempt, status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })
        .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
        .execute();
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: a.outcome,
          attempts: sql`greatest(attempts, ${a.attempt})`,
          last_attempt_at: new Date(),
          ...(a.outcome === 'delivered' ? { delivered_at: new Date() } : {}),
        })
        .where('id', '=', deliveryId)
        .execute();
    },

    async deliveries(subscriptionId: string, limit: number) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      const attempts = rows.length
        ? await db
            .selectFrom('webhook_attempts')
            .selectAll()
            .where(
              'delivery_id',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('attempt')
            .execute()
        : [];
      return rows.map((r) => ({ ...r, attemptRows: attempts.filter((a) => a.delivery_id === r.id) }));
    },
  };
}
