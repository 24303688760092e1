import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../test/app.ts';
import { allRoles } from './access.ts';

let t: TestApp;
let webDir: string;
const cookies = {} as Record<Role, string>;
const territoryOf = (role: Role) => (role === 'admin' ? 'amiens' : 'besancon');

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'guichet-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>guichet</title>');
  t = await createTestApp({ webDir });
  for (const role of allRoles) cookies[role] = await t.login(role === 'admin' ? 'admin@guichet.demo' : `${role}@besancon.demo`);
});
afterAll(async () => {
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('authorisation matrix: every /api route against every role', () => {
  it('every route declares its access, and the table covers the API', () => {
    const urls = t.app.accessTable.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/territories/:code/dashboard');
    expect(urls).toContain('POST /api/auth/login');
    expect(t.app.accessTable.length).toBeGreaterThanOrEqual(9);
  });

  it('answers 401 without a session, 403 to roles not listed, and lets listed roles through', async () => {
    const seen: string[] = [];
    for (const route of t.app.accessTable) {
      if ('public' in route.access) continue;
      for (const role of [null, ...allRoles] as (Role | null)[]) {
        const url = route.url.replace(':code', territoryOf(role ?? 'advisor'));
        // an empty JSON object: allowed roles then reach validation (400) or the handler, never 401/403
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: role ? { cookie: cookies[role] } : {},
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const allowed = role !== null && route.access.roles.includes(role);
        const expected = role === null ? 401 : allowed ? 'through' : 403;
        const got = res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'through';
        seen.push(`${route.method} ${route.url} ${role ?? 'anonymous'} → ${got}`);
        expect(got, `${route.method} ${url} as ${role ?? 'anonymous'}: ${res.body}`).toBe(expected);
      }
    }
    expect(seen.length).toBeGreaterThan(30);
  });

  it('lets the public routes through without a session', async () => {
    for (const route of t.app.accessTable.filter((r) => 'public' in r.access && r.method === 'GET')) {
      expect((await t.app.inject({ method: 'GET', url: route.url })).statusCode, route.url).toBe(200);
    }
  });
});

describe('system routes', () => {
  it('health reports the engine under test and the migration version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', engine: process.env.GUICHET_TEST_ENGINE ?? 'pglite', migration: expect.stringMatching(/^\d{4}_\w+$/) });
  });

  it('serves an OpenAPI 3 document describing every route and the error shape', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    for (const route of t.app.accessTable.filter((r) => r.url !== '/api/openapi.json')) {
      expect(documented).toContain(`${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    }
    expect(JSON.stringify(doc.components.schemas.Error)).toContain('fields');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers unknown API routes with a JSON 404 and client routes with the web app', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const page = await t.app.inject({ method: 'GET', url: '/candidates?page=2' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<title>guichet</title>');
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/candidates' })).statusCode).toBe(404);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
