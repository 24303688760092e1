import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createWebhookRepository } from './repository.ts';
import type { CreateWebhookBody, CreatedWebhookSubscription, WebhookDelivery, WebhookSubscription } from './schema.ts';
import { newWebhookSecret } from './signature.ts';

type SubscriptionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createWebhookRepository>['findSubscription']>>>;

function toSubscription(row: SubscriptionRow): z.infer<typeof WebhookSubscription> {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    employerId: row.employer_id,
    isActive: row.is_active,
    createdAt: row.created_at.toISOString(),
  };
}

export function createWebhookService({ db }: { db: Kysely<DB> }) {
  const repo = createWebhookRepository(db);

  /** Employers manage their own subscriptions; staff (admin, advisor) every one of their territory. */
  async function ownedSubscription(auth: AuthContext, id: string): Promise<SubscriptionRow> {
    const row = await repo.findSubscription(id);
    if (!row) throw new NotFoundError('webhook subscription', id);
    if (auth.role === 'employer' ? row.employer_id !== auth.employerId : auth.role !== 'admin' && row.territory_id !== auth.territoryId) {
      throw new NotFoundError('webhook subscription', id);
    }
    return row;
  }

  return {
    async list(auth: AuthContext, code: string) {
      const t = await resolveTerritory(db, auth, code);
      return (await repo.listSubscriptions(t.id, auth.role === 'employer' ? auth.employerId : null)).map(toSubscription);
    },

    async create(auth: AuthContext, code: string, body: z.infer<typeof CreateWebhookBody>): Promise<z.infer<typeof CreatedWebhookSubscription>> {
      const t = await resolveTerritory(db, auth, code);
      let employerId: string | null;
      if (auth.role === 'employer') {
        if (body.employerId && body.employerId !== auth.employerId) throw new ForbiddenError('Employers subscribe for their own company only.');
        employerId = auth.employerId;
      } else {
        employerId = body.employerId ?? null;
        if (employerId) {
          const e = await db.selectFrom('employers').select('territory_id').where('id', '=', employerId).executeTakeFirst();
          if (!e || e.territory_id !== t.id) throw new ValidationError({ employerId: 'no employer with this id in the territory' });
        }
      }
      const row = await repo.insertSubscription({
        territory_id: t.id,
        employer_id: employerId,
        name: body.name,
        url: body.url,
        secret: newWebhookSecret(),
        events: body.events,
        created_by: auth.userId,
      });
      return { ...toSubscription(row), secret: row.secret };
    },

    async deactivate(auth: AuthContext, id: string) {
      await ownedSubscription(auth, id);
      await repo.deactivate(id);
    },

    async deliveries(auth: AuthContext, id: string, limit: number): Promise<z.infer<typeof WebhookDelivery>[]> {
      await ownedSubscription(auth, id);
      return (await repo.deliveries(id, limit)).map((d) => ({
        id: d.id,
        event: d.event,
        status: d.status,
        attempts: d.attemptRows.map((a) => ({
          attempt: a.attempt,
          at: a.attempted_at.toISOString(),
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })),
        createdAt: d.created_at.toISOString(),
        deliveredAt: d.delivered_at ? new Date(d.delivered_at).toISOString() : null,
        payload: d.payload,
      }));
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
