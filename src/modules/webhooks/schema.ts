import { z } from 'zod';

export const webhookEvents = ['application.created', 'application.status_changed', 'placement.hired', 'checkin.due'] as const;
export const WebhookEventName = z.enum(webhookEvents);

export const SIGNATURE_DOC = [
  'Every delivery is an HTTP POST with a JSON body `{ id, event, createdAt, territory, data }` and the headers',
  '`Guichet-Event` (the event name), `Guichet-Delivery` (the delivery id, the same on every retry: use it to',
  'ignore duplicates) and `Guichet-Signature: t=<unix seconds>,v1=<hex>` where',
  '`v1 = HMAC-SHA256(secret, "<t>.<raw request body>")`. Recompute it over the exact bytes received, compare',
  'in constant time and refuse a `t` older than 5 minutes. Answer 2xx within 10 s; any other answer or a',
  'timeout is retried with exponential backoff (about 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, with jitter),',
  'then the delivery is marked failed. Redirects are not followed. Deliveries are independent and may arrive',
  'out of order: order them by `createdAt`. Payloads carry references, never',
  "candidates' names: fetch details through the API with your rights.",
].join(' ');

// ---- payloads (documented as OpenAPI components) -------------------------------------------------

const ApplicationRef = {
  applicationId: z.uuid(),
  offerId: z.uuid(),
  employerId: z.uuid(),
  candidateRef: z.string().describe('pseudonymous candidate reference, stable per employer'),
};

export const ApplicationCreatedData = z.object({ ...ApplicationRef, status: z.literal('applied') }).meta({ id: 'WebhookApplicationCreated' });
export const ApplicationStatusChangedData = z
  .object({
    ...ApplicationRef,
    fromStatus: z.string(),
    toStatus: z.string(),
    stage: z.string().nullable().describe("the employer's stage label, if any"),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: 'WebhookApplicationStatusChanged' });
export const PlacementHiredData = z
  .object({
    placementId: z.uuid(),
    applicationId: z.uuid(),
    offerId: z.uuid(),
    employerId: z.uuid(),
    candidateRef: z.string(),
    startedOn: z.string().describe('YYYY-MM-DD'),
    workTime: z.enum(['full_time', 'part_time']),
    contract: z.enum(['cdi', 'cdd', 'temp', 'work_study']),
  })
  .meta({ id: 'WebhookPlacementHired' });
export const CheckinDueData = z
  .object({
    checkinId: z.uuid(),
    placementId: z.uuid(),
    employerId: z.uuid(),
    months: z.number().int().describe('1, 3, 6 or 12 months after the start'),
    dueOn: z.string().describe('YYYY-MM-DD'),
    counselorId: z.uuid().nullable(),
  })
  .meta({ id: 'WebhookCheckinDue' });

export type WebhookData = {
  'application.created': z.infer<typeof ApplicationCreatedData>;
  'application.status_changed': z.infer<typeof ApplicationStatusChangedData>;
  'placement.hired': z.infer<typeof PlacementHiredData>;
  'checkin.due': z.infer<typeof CheckinDueData>;
};

const envelope = <E extends (typeof webhookEvents)[number], D extends z.ZodType>(event: E, data: D) =>
  z.object({
    id: z.uuid().describe('delivery id (also in the Guichet-Delivery header)'),
    event: z.literal(event),
    createdAt: z.string().describe('ISO 8601, when the event happened'),
    territory: z.string().describe('territory code'),
    data,
  });

export const WebhookPayload = z
  .discriminatedUnion('event', [
    envelope('application.created', ApplicationCreatedData),
    envelope('application.status_changed', ApplicationStatusChangedData),
    envelope('placement.hired', PlacementHiredData),
    envelope('checkin.due', CheckinDueData),
  ])
  .meta({ id: 'WebhookPayload', description: SIGNATURE_DOC });

export const WebhookEventCatalogue = z
  .object({
    signature: z.string(),
    events: z.array(z.object({ name: WebhookEventName, description: z.string() })),
    example: WebhookPayload,
  })
  .meta({ id: 'WebhookEventCatalogue' });

// ---- subscriptions ---------------------------------------------------------------------------------

export const WebhookSubscription = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(WebhookEventName),
    employerId: z.uuid().nullable().describe("null: a partner of the territory (every event); else the employer's own events"),
    isActive: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookSubscription' });

export const CreatedWebhookSubscription = WebhookSubscription.extend({
  secret: z.string().describe('HMAC-SHA256 key, shown only in this answer: store it now'),
}).meta({ id: 'CreatedWebhookSubscription' });

export const CreateWebhookBody = z.object({
  name: z.string().trim().min(1, { error: 'give the subscription a name' }).max(120),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000),
  events: z.array(WebhookEventName).min(1, { error: 'choose at least one event' }).transform((e) => [...new Set(e)]),
  employerId: z.uuid().optional().describe('staff only: subscribe on behalf of an employer; omitted: a partner of the territory'),
});

export const WebhookDelivery = z
  .object({
    id: z.uuid(),
    event: WebhookEventName,
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        at: z.string(),
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
      }),
    ),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.unknown(),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookParams = z.object({ id: z.uuid({ error: 'must be a subscription id (uuid)' }) });
