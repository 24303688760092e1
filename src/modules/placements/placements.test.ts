import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addMonths, isoDay } from './rules.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let besanconId: string;
let offerId: string;
let employerId: string;
let otherEmployerId: string;
let candidates: string[];
const today = isoDay(new Date());

/** A hire that started `monthsAgo` months ago (and possibly ended `endedAfterMonths` months after its start). */
async function placement(k: number, monthsAgo: number, endedAfterMonths?: number, employer = employerId) {
  const db = t.database.db;
  const app = await db.insertInto('applications').values({ offer_id: offerId, candidate_id: candidates[k], status: 'hired' }).returning('id').executeTakeFirstOrThrow();
  const started = addMonths(today, -monthsAgo);
  const p = await db
    .insertInto('placements')
    .values({
      territory_id: besanconId,
      application_id: app.id,
      candidate_id: candidates[k],
      employer_id: employer,
      offer_id: offerId,
      work_time: 'full_time',
      contract: 'cdi',
      started_on: started,
      ...(endedAfterMonths === undefined ? {} : { ended_on: addMonths(started, endedAfterMonths), end_reason: 'resigned' as const }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.app.jobs.send('placements.schedule-checkins', { placementId: p.id });
  return p.id;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const email of ['advisor@besancon.demo', 'counselor@besancon.demo', 'employer@besancon.demo', 'advisor@tanger.demo', 'candidate@besancon.demo']) cookies[email] = await t.login(email);
  const db = t.database.db;
  besanconId = (await db.selectFrom('territories').select('id').where('code', '=', 'besancon').executeTakeFirstOrThrow()).id;
  employerId = (await db.selectFrom('users').select('employer_id').where('email', '=', 'employer@besancon.demo').executeTakeFirstOrThrow()).employer_id!;
  otherEmployerId = (await db.selectFrom('employers').select('id').where('territory_id', '=', besanconId).where('id', '<>', employerId).limit(1).executeTakeFirstOrThrow()).id;
  const site = await db.selectFrom('sites').select('id').where('territory_id', '=', besanconId).limit(1).executeTakeFirstOrThrow();
  offerId = (
    await db
      .insertInto('offers')
      .values({ territory_id: besanconId, employer_id: employerId, site_id: site.id, title: 'Historique', occupation_code: 'D1408', contract: 'cdi', work_time: 'full_time', seats: 50, start_date: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  candidates = (await db.selectFrom('candidates').select('id').where('territory_id', '=', besanconId).where('user_id', 'is', null).orderBy('id').limit(10).execute()).map((c) => c.id);
  // 14 months ago: one stayed, one left after 2 months, one after 8; 4 months ago: one stayed, one left after 1; 1 month ago: one
  await placement(0, 14);
  await placement(1, 14, 2);
  await placement(2, 14, 8);
  await placement(3, 4);
  await placement(4, 4, 1);
  await placement(5, 1, undefined, otherEmployerId);
  expect((await t.app.jobs.drain()).failed).toBe(0);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[email] } });

describe('retention at 3, 6 and 12 months', () => {
  it('counts the placements old enough for each horizon and those still running then', async () => {
    const res = await get('/api/territories/besancon/retention', 'counselor@besancon.demo');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ asOf: today, placements: 6, active: 3 });
    // 3 months: the five placements started 14 and 4 months ago; those that left after 2 and 1 months did not stay
    expect(r.horizons).toEqual([
      { months: 3, eligible: 5, retained: 3, rate: 0.6, checkinsRecorded: 0 },
      { months: 6, eligible: 3, retained: 2, rate: 0.667, checkinsRecorded: 0 },
      { months: 12, eligible: 3, retained: 1, rate: 0.333, checkinsRecorded: 0 },
    ]);
    expect((await get('/api/territories/besancon/retention', 'employer@besancon.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/besancon/retention', 'advisor@tanger.demo')).statusCode).toBe(403);
  });
});

describe('check-ins and placements lists', () => {
  it('lists due check-ins for the counsellor, and records them within the rules', async () => {
    const due = (await get('/api/territories/besancon/checkins?state=due&mine=true&pageSize=200', 'counselor@besancon.demo')).json();
    expect(due.total).toBeGreaterThan(0);
    expect(due.items.every((c: { dueOn: string; doneAt: string | null }) => c.dueOn <= today && c.doneAt === null)).toBe(true);
    const open = (await get('/api/territories/besancon/checkins?state=open&pageSize=200', 'advisor@besancon.demo')).json();
    expect(open.total).toBeGreaterThan(due.total);
    const one = due.items.find((c: { months: number; startedOn: string }) => c.months === 3 && c.startedOn === addMonths(today, -4));
    expect(one).toBeDefined();
    const bad = await t.app.inject({ method: 'POST', url: `/api/checkins/${one.id}`, headers: { cookie: cookies['counselor@besancon.demo'] }, payload: { outcome: 'left', leftReason: 'resigned', leftOn: '2001-01-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('leftOn');
    const noReason = await t.app.inject({ method: 'POST', url: `/api/checkins/${one.id}`, headers: { cookie: cookies['counselor@besancon.demo'] }, payload: { outcome: 'left' } });
    expect(noReason.json().error.fields).toHaveProperty('leftReason');
    expect((await t.app.inject({ method: 'POST', url: `/api/checkins/${one.id}`, headers: { cookie: cookies['advisor@tanger.demo'] }, payload: { outcome: 'still_employed' } })).statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'POST', url: `/api/checkins/${one.id}`, headers: { cookie: cookies['counselor@besancon.demo'] }, payload: { outcome: 'still_employed', notes: 'Tout va bien.' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = (await get('/api/territories/besancon/retention', 'counselor@besancon.demo')).json();
    expect(r.horizons[0].checkinsRecorded).toBe(1);
    const csv = await get('/api/territories/besancon/checkins/export.csv?state=done', 'counselor@besancon.demo');
    expect(csv.body).toContain('Tout va bien.');
  });

  it('shows an employer its own hires only', async () => {
    const mine = (await get('/api/territories/besancon/placements?pageSize=200', 'employer@besancon.demo')).json();
    expect(mine.total).toBe(5);
    expect(mine.items.every((p: { employerId: string }) => p.employerId === employerId)).toBe(true);
    const all = (await get('/api/territories/besancon/placements?pageSize=200', 'advisor@besancon.demo')).json();
    expect(all.total).toBe(6);
    expect((await get('/api/territories/besancon/placements?active=true', 'advisor@besancon.demo')).json().total).toBe(3);
    expect((await get('/api/territories/besancon/placements', 'candidate@besancon.demo')).statusCode).toBe(403);
  });
});
