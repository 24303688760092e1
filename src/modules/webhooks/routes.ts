import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allRoles, requireAuth } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { TerritoryParams } from '../territories/schema.ts';
import {
  CreatedWebhookSubscription,
  CreateWebhookBody,
  SIGNATURE_DOC,
  WebhookDelivery,
  WebhookEventCatalogue,
  WebhookParams,
  WebhookSubscription,
} from './schema.ts';
import type { WebhookService } from './service.ts';

const managers = ['admin', 'advisor', 'employer'] as const;

const eventDescriptions = {
  'application.created': 'a candidate applied to an offer',
  'application.status_changed': 'an application moved (stage, interview, offer, hired, rejected, withdrawn)',
  'placement.hired': 'a hire created a placement (follow-up check-ins are scheduled)',
  'checkin.due': 'a follow-up check-in (1, 3, 6 or 12 months) is due today',
} as const;

export function webhookRoutes(webhooks: WebhookService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/webhooks/events', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook events, payload shape and signature scheme',
        description: SIGNATURE_DOC,
        response: { 200: WebhookEventCatalogue, 401: ErrorBody },
      },
      handler: async () => ({
        signature: SIGNATURE_DOC,
        events: Object.entries(eventDescriptions).map(([name, description]) => ({ name: name as keyof typeof eventDescriptions, description })),
        example: {
          id: '00000000-0000-4000-8000-000000000001',
          event: 'application.created' as const,
          createdAt: '2026-01-15T09:30:00.000Z',
          territory: 'amiens',
          data: {
            applicationId: '00000000-0000-4000-8000-000000000002',
            offerId: '00000000-0000-4000-8000-000000000003',
            employerId: '00000000-0000-4000-8000-000000000004',
            candidateRef: 'C-3F9A21B07C',
            status: 'applied' as const,
          },
        },
      }),
    });

    r.get('/api/territories/:code/webhooks', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['webhooks'],
        summary: "Webhook subscriptions: an employer's own, or all of the territory for staff",
        params: TerritoryParams,
        response: { 200: z.object({ items: z.array(WebhookSubscription) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => ({ items: await webhooks.list(requireAuth(request), request.params.code) }),
    });

    r.post('/api/territories/:code/webhooks', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL to events; the answer carries the signing secret, once',
        description: SIGNATURE_DOC,
        params: TerritoryParams,
        body: CreateWebhookBody,
        response: { 201: CreatedWebhookSubscription, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request, reply) => reply.code(201).send(await webhooks.create(requireAuth(request), request.params.code, request.body)),
    });

    r.delete('/api/webhooks/:id', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['webhooks'],
        summary: 'Stop a subscription (its delivery log is kept)',
        params: WebhookParams,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request, reply) => {
        await webhooks.deactivate(requireAuth(request), request.params.id);
        return reply.code(204).send(null);
      },
    });

    r.get('/api/webhooks/:id/deliveries', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery log of a subscription, newest first, with every attempt',
        params: WebhookParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(WebhookDelivery) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => ({ items: await webhooks.deliveries(requireAuth(request), request.params.id, request.query.limit) }),
    });
  };
}
