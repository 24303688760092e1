import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
let cookies: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  cookies = {};
  for (const email of ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@amiens.demo', 'employer@amiens.demo', 'candidate@amiens.demo', 'advisor@tanger.demo']) {
    cookies[email] = await t.login(email);
  }
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email?: string) => t.app.inject({ method: 'GET', url, headers: email ? { cookie: cookies[email] } : {} });

describe('GET /api/territories', () => {
  it('lists every territory for an admin and only their own for others', async () => {
    const all = await get('/api/territories', 'admin@guichet.demo');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((x: { code: string }) => x.code).sort()).toEqual(['amiens', 'besancon', 'tanger']);
    const own = await get('/api/territories', 'advisor@tanger.demo');
    expect(own.json().items).toEqual([
      { code: 'tanger', name: 'Tanger-Tétouan', country: 'MA', currency: 'MAD', contractHoursPerWeek: 44, languages: ['ar', 'fr', 'es', 'en'], timezone: 'Africa/Casablanca' },
    ]);
  });
});

describe('GET /api/territories/:code/dashboard', () => {
  it('counts what the database holds, with the public figures of Amiens', async () => {
    const res = await get('/api/territories/amiens/dashboard', 'advisor@amiens.demo');
    expect(res.statusCode).toBe(200);
    const { counts } = res.json();
    const db = t.database.db;
    const amiens = await db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
    const candidates = await db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).where('territory_id', '=', amiens.id).executeTakeFirstOrThrow();
    expect(counts.candidates).toBe(Number(candidates.n));
    expect(counts.candidates).toBeGreaterThan(1000);
    expect(counts).toMatchObject({ sites: 5, siteAreaM2: 1600 + 1200 + 1500 + 4000 + 8000, callCentres: 8, jobs: 751, jobsTarget: 1285 });
    expect(counts.communes).toBeGreaterThan(10);
  });

  it('follows new data: a call centre that lifts jobs past a target moves to the next one', async () => {
    const db = t.database.db;
    const amiens = await db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
    const inserted = await db.insertInto('call_centres').values({ territory_id: amiens.id, name: 'Test', activity: 'help_desk', jobs: 600 }).returning('id').executeTakeFirstOrThrow();
    try {
      const { counts } = (await get('/api/territories/amiens/dashboard', 'counselor@amiens.demo')).json();
      expect(counts).toMatchObject({ callCentres: 9, jobs: 1351, jobsTarget: 5000 });
    } finally {
      await db.deleteFrom('call_centres').where('id', '=', inserted.id).execute();
    }
  });

  it('keeps staff to their territory; admins reach all, and an unknown code is 404', async () => {
    expect((await get('/api/territories/tanger/dashboard', 'advisor@amiens.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/amiens/dashboard', 'advisor@tanger.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/tanger/dashboard', 'admin@guichet.demo')).json().counts.jobs).toBe(320 + 210 + 140);
    expect((await get('/api/territories/nowhere/dashboard', 'admin@guichet.demo')).statusCode).toBe(404);
    expect((await get('/api/territories/NOT_A_CODE/dashboard', 'admin@guichet.demo')).json().error.fields).toHaveProperty('code');
    expect((await get('/api/territories/amiens/dashboard', 'candidate@amiens.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/amiens/dashboard')).statusCode).toBe(401);
  });
});

describe('GET /api/territories/:code/sites', () => {
  it('lists the five Amiens sites largest first', async () => {
    const res = await get('/api/territories/amiens/sites', 'employer@amiens.demo');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { areaM2: number }) => s.areaM2)).toEqual([8000, 4000, 1600, 1500, 1200]);
    expect((await get('/api/territories/amiens/sites', 'candidate@amiens.demo')).statusCode).toBe(403);
  });
});
