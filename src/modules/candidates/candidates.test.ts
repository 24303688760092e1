import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const email of ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo']) {
    cookies[email] = await t.login(email);
  }
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[email] } });

describe('GET /api/territories/:code/candidates', () => {
  it('pages through the territory, in a stable name order without overlap', async () => {
    const first = (await get('/api/territories/amiens/candidates?page=1&pageSize=100', 'advisor@amiens.demo')).json();
    const second = (await get('/api/territories/amiens/candidates?page=2&pageSize=100', 'advisor@amiens.demo')).json();
    expect(first.items).toHaveLength(100);
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThan(100);
    const ids = new Set([...first.items, ...second.items].map((c: { id: string }) => c.id));
    expect(ids.size).toBe(200);
    // capitalised ASCII names sort the same under any collation
    const names = [...first.items, ...second.items].map((c: { lastName: string }) => c.lastName);
    expect(new Set(names).size).toBeGreaterThan(1);
    expect(names.every((n, i) => i === 0 || names[i - 1] <= n)).toBe(true);
    const last = (await get(`/api/territories/amiens/candidates?page=${Math.ceil(first.total / 100) + 1}&pageSize=100`, 'advisor@amiens.demo')).json();
    expect(last.items).toEqual([]);
  });

  it('searches by name prefix, words in any order, and escapes LIKE wildcards', async () => {
    const all = (await get('/api/territories/amiens/candidates?pageSize=200&q=dém', 'advisor@amiens.demo')).json();
    expect(all.items.map((c: { lastName: string }) => c.lastName)).toContain('Démo');
    expect(all.items.every((c: { firstName: string; lastName: string }) => /^dém/i.test(c.firstName) || /^dém/i.test(c.lastName))).toBe(true);
    const both = (await get('/api/territories/amiens/candidates?q=D%C3%A9mo%20Camille', 'advisor@amiens.demo')).json();
    expect(both.total).toBe(1);
    expect((await get('/api/territories/amiens/candidates?q=%25', 'advisor@amiens.demo')).json().total).toBe(0);
  });

  it('validates the query', async () => {
    const res = await get('/api/territories/amiens/candidates?page=0&pageSize=1000', 'advisor@amiens.demo');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['page', 'pageSize']);
  });

  it('is for agency staff of the territory only', async () => {
    expect((await get('/api/territories/amiens/candidates', 'admin@guichet.demo')).statusCode).toBe(200);
    expect((await get('/api/territories/besancon/candidates', 'counselor@besancon.demo')).statusCode).toBe(200);
    expect((await get('/api/territories/amiens/candidates', 'counselor@besancon.demo')).statusCode).toBe(403);
    for (const email of ['employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo']) {
      expect((await get('/api/territories/amiens/candidates', email)).statusCode).toBe(403);
    }
  });
});

describe('GET /api/candidates/me', () => {
  it("returns the candidate's own profile and nobody else's", async () => {
    const res = await get('/api/candidates/me', 'candidate@amiens.demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ firstName: 'Camille', lastName: 'Démo', email: 'candidate@amiens.demo' });
    expect((await get('/api/candidates/me', 'advisor@amiens.demo')).statusCode).toBe(403);
  });
});
