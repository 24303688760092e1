import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { WebhookPayload } from './schema.ts';
import { signatureHeader, verifySignature } from './signature.ts';

/** A local receiver on 127.0.0.1: records every request and answers the next queued status (200 by default). */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const answers: number[] = [];

let t: TestApp;
const cookies: Record<string, string> = {};
let siteId: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await createTestApp();
  for (const email of ['employer@amiens.demo', 'advisor@amiens.demo', 'candidate@amiens.demo', 'employer@besancon.demo', 'counselor@amiens.demo']) cookies[email] = await t.login(email);
  siteId = (await get('/api/territories/amiens/sites', 'advisor@amiens.demo')).json().items[0].id;
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answers.length = 0;
});

const get = (url: string, email: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[email] } });
const post = (url: string, email: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[email] }, payload });

async function subscribe(email: string, path: string, events: string[], code = 'amiens') {
  const res = await post(`/api/territories/${code}/webhooks`, email, { name: `test ${path}`, url: `${receiverUrl}${path}`, events });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
}

async function applyToNewOffer() {
  const offer = await post('/api/territories/amiens/offers', 'employer@amiens.demo', {
    title: 'Offre webhook',
    siteId,
    occupationCode: 'D1408',
    contract: 'cdd',
    workTime: 'part_time',
    seats: 2,
    startDate: '2027-02-01',
  });
  expect(offer.statusCode, offer.body).toBe(201);
  const app = await post(`/api/offers/${offer.json().id}/applications`, 'candidate@amiens.demo', {});
  expect(app.statusCode, app.body).toBe(201);
  return { offerId: offer.json().id as string, applicationId: app.json().id as string };
}

describe('webhook signatures', () => {
  it('verify the exact body and a recent timestamp only', () => {
    const body = '{"a":1}';
    const header = signatureHeader('whsec_test', body, 1_700_000_000);
    expect(verifySignature('whsec_test', body, header, 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_test', '{"a":2}', header, 1_700_000_100)).toBe(false);
    expect(verifySignature('other', body, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_test', body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature('whsec_test', body, header.replace('t=1700000000', 't=1700000050'), 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_test', body, undefined, 1_700_000_100)).toBe(false);
  });
});

describe('webhook subscriptions and deliveries', () => {
  it('validates subscriptions and keeps them to their owner', async () => {
    const bad = await post('/api/territories/amiens/webhooks', 'employer@amiens.demo', { name: '', url: 'ftp://example.org', events: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['events', 'name', 'url']);
    expect((await post('/api/territories/amiens/webhooks', 'candidate@amiens.demo', { name: 'x', url: receiverUrl, events: ['checkin.due'] })).statusCode).toBe(403);
    expect((await post('/api/territories/amiens/webhooks', 'employer@besancon.demo', { name: 'x', url: receiverUrl, events: ['checkin.due'] })).statusCode).toBe(403);
    const mine = await subscribe('employer@amiens.demo', '/owned', ['checkin.due']);
    expect(mine.secret).toMatch(/^whsec_/);
    const listed = (await get('/api/territories/amiens/webhooks', 'employer@amiens.demo')).json().items;
    expect(listed.find((s: { id: string }) => s.id === mine.id)).not.toHaveProperty('secret');
    expect((await get(`/api/webhooks/${mine.id}/deliveries`, 'employer@besancon.demo')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${mine.id}`, headers: { cookie: cookies['employer@besancon.demo'] } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${mine.id}`, headers: { cookie: cookies['employer@amiens.demo'] } })).statusCode).toBe(204);
  });

  it('delivers application.created signed with HMAC-SHA256, to the employer and the territory partners only', async () => {
    const employer = await subscribe('employer@amiens.demo', '/employer', ['application.created', 'application.status_changed']);
    const partner = await subscribe('advisor@amiens.demo', '/partner', ['application.created']);
    const elsewhere = await subscribe('employer@besancon.demo', '/besancon', ['application.created'], 'besancon');
    const { applicationId, offerId } = await applyToNewOffer();
    expect(received).toEqual([]); // nothing leaves before the job runs
    const report = await t.app.jobs.drain();
    expect(report.failed).toBe(0);
    expect(received.map((r) => r.path).sort()).toEqual(['/employer', '/partner']);
    for (const r of received) {
      const secret = r.path === '/employer' ? employer.secret : partner.secret;
      expect(verifySignature(secret, r.body, r.headers['guichet-signature'] as string, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature(elsewhere.secret, r.body, r.headers['guichet-signature'] as string, Math.floor(Date.now() / 1000))).toBe(false);
      expect(r.headers['guichet-event']).toBe('application.created');
      expect(r.headers['content-type']).toBe('application/json');
      const payload = WebhookPayload.parse(JSON.parse(r.body));
      expect(payload).toMatchObject({ event: 'application.created', territory: 'amiens', data: { applicationId, offerId, status: 'applied' } });
      expect(payload.id).toBe(r.headers['guichet-delivery']);
      expect(r.body).not.toMatch(/Camille|Démo/); // references, never names
    }
    const log = (await get(`/api/webhooks/${employer.id}/deliveries`, 'employer@amiens.demo')).json().items;
    expect(log[0]).toMatchObject({ event: 'application.created', status: 'delivered', attempts: [{ attempt: 1, statusCode: 200, error: null }] });
    for (const id of [employer.id, partner.id, elsewhere.id]) {
      await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: { cookie: cookies[id === elsewhere.id ? 'employer@besancon.demo' : id === partner.id ? 'advisor@amiens.demo' : 'employer@amiens.demo'] } });
    }
  });

  it('retries a failing receiver with exponential backoff and logs every attempt', async () => {
    const sub = await subscribe('employer@amiens.demo', '/flaky', ['application.created']);
    answers.push(500, 503);
    await applyToNewOffer();
    const first = await t.app.jobs.drain();
    expect(first.failed).toBe(1);
    expect(received).toHaveLength(1);
    // the retry waits for its backoff: a plain drain does not run it…
    expect((await t.app.jobs.drain()).completed + (await t.app.jobs.drain()).failed).toBe(0);
    const [retry] = (await t.database.db.selectFrom('pgboss.job' as any).select(['start_after' as any, 'state' as any]).where('name' as any, '=', 'webhooks.deliver').where('state' as any, '=', 'retry').execute()) as { start_after: Date }[];
    const waitS = (retry.start_after.getTime() - Date.now()) / 1000;
    expect(waitS).toBeGreaterThan(20); // first retry: 30–60 s after the failure
    expect(waitS).toBeLessThanOrEqual(61);
    // …running it now (as if the time had come) fails once more, then succeeds
    const rest = await t.app.jobs.drain({ includeDelayed: true });
    expect(rest).toMatchObject({ completed: 1, failed: 1 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['guichet-delivery'])).size).toBe(1); // same delivery id on every retry
    for (const r of received) expect(verifySignature(sub.secret, r.body, r.headers['guichet-signature'] as string, Math.floor(Date.now() / 1000))).toBe(true);
    const [delivery] = (await get(`/api/webhooks/${sub.id}/deliveries`, 'employer@amiens.demo')).json().items;
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((a: { attempt: number; statusCode: number; error: string | null }) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 503, 'HTTP 503'],
      [3, 200, null],
    ]);
    await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${sub.id}`, headers: { cookie: cookies['employer@amiens.demo'] } });
  });

  it('gives up after the last attempt and marks the delivery failed', async () => {
    const sub = await subscribe('employer@amiens.demo', '/down', ['application.created']);
    answers.push(...Array(10).fill(500));
    await applyToNewOffer();
    const report = await t.app.jobs.drain({ includeDelayed: true });
    expect(report).toMatchObject({ completed: 0, failed: 7 }); // 1 + 6 retries
    const [delivery] = (await get(`/api/webhooks/${sub.id}/deliveries`, 'employer@amiens.demo')).json().items;
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(7);
    await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${sub.id}`, headers: { cookie: cookies['employer@amiens.demo'] } });
  });

  it('sends status changes, hires and due check-ins', async () => {
    const sub = await subscribe('employer@amiens.demo', '/all', ['application.status_changed', 'placement.hired', 'checkin.due']);
    const { applicationId } = await applyToNewOffer();
    await post(`/api/applications/${applicationId}/status`, 'employer@amiens.demo', { status: 'offer' });
    const hired = await post(`/api/applications/${applicationId}/status`, 'employer@amiens.demo', { status: 'hired', startedOn: '2025-01-06' });
    expect(hired.statusCode, hired.body).toBe(200);
    await t.app.jobs.drain();
    // the 1- and 3-month check-ins of a job started in January 2025 are due: the morning job announces them
    await t.app.jobs.send('placements.notify-due-checkins', {});
    await t.app.jobs.drain();
    // deliveries are independent jobs: they may arrive in any order, createdAt orders them
    const events = received.map((r) => JSON.parse(r.body) as { event: string; createdAt: string; data: Record<string, unknown> }).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(events.filter((e) => e.event === 'application.status_changed').map((e) => e.data.toStatus)).toEqual(['offer', 'hired']);
    expect(events.filter((e) => e.event === 'placement.hired')).toHaveLength(1);
    const placementId = events.find((e) => e.event === 'placement.hired')!.data.placementId;
    // (the demo's own follow-up history has due check-ins too: only this hire's are looked at)
    const due = events.filter((e) => e.event === 'checkin.due' && e.data.placementId === placementId).map((e) => e.data.months);
    expect(due.sort()).toEqual([1, 12, 3, 6].sort()); // started 2025-01-06: all four are due by now
    // announced once only
    received.length = 0;
    await t.app.jobs.send('placements.notify-due-checkins', {});
    await t.app.jobs.drain();
    expect(received).toEqual([]);
    await t.database.db.updateTable('placements').set({ ended_on: '2025-02-01', end_reason: 'other' }).where('application_id', '=', applicationId).execute();
    await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${sub.id}`, headers: { cookie: cookies['employer@amiens.demo'] } });
  });

  it('documents events, payloads and the signature scheme in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['WebhookPayload', 'WebhookApplicationCreated', 'WebhookPlacementHired', 'WebhookCheckinDue']));
    expect(doc.paths['/api/territories/{code}/webhooks'].post.description).toMatch(/HMAC-SHA256/);
    const catalogue = (await get('/api/webhooks/events', 'employer@amiens.demo')).json();
    expect(catalogue.events.map((e: { name: string }) => e.name)).toEqual(['application.created', 'application.status_changed', 'placement.hired', 'checkin.due']);
  });
});
