import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers });

describe('POST /api/auth/login', () => {
  it('opens a session with an httpOnly SameSite cookie and returns the user', async () => {
    const res = await login({ email: 'Advisor@Amiens.demo', password: 'guichet-demo' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: 'advisor@amiens.demo', role: 'advisor', territoryCode: 'amiens', locale: 'fr' });
    const cookie = String([res.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/^guichet_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // only a hash of the token is stored
    const token = cookie.split(';')[0].split('=')[1];
    const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    for (const payload of [
      { email: 'advisor@amiens.demo', password: 'wrong-password' },
      { email: 'nobody@amiens.demo', password: 'guichet-demo' },
    ]) {
      const res = await login(payload);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('names each invalid field', async () => {
    const res = await login({ email: 'not-an-email', password: '' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'password']);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('refuses a cross-origin login attempt', async () => {
    const res = await login({ email: 'advisor@amiens.demo', password: 'guichet-demo' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
  });
});

describe('session lifecycle', () => {
  it('me answers 401 without a session and the user with one; logout ends the session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await t.login('counselor@besancon.demo');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ role: 'counselor', territoryCode: 'besancon' });

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/guichet_session=;/);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ignores a forged session token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'guichet_session=forged-token' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});

describe('POST /api/auth/password', () => {
  it('checks the current password and the new one, then closes the other sessions', async () => {
    const email = 'trainer@tanger.demo';
    const cookie = await t.login(email);
    const other = await t.login(email);
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/password', payload, headers: { cookie } });

    const wrong = await post({ currentPassword: 'nope', newPassword: 'a-long-new-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');

    const short = await post({ currentPassword: 'guichet-demo', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.newPassword).toMatch(/10/);

    const ok = await post({ currentPassword: 'guichet-demo', newPassword: 'a-long-new-password' });
    expect(ok.statusCode).toBe(204);

    expect((await login({ email, password: 'guichet-demo' })).statusCode).toBe(401);
    expect((await login({ email, password: 'a-long-new-password' })).statusCode).toBe(200);
    // the session that changed the password lives on; the other one is closed
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: other } })).statusCode).toBe(401);

    const hash = await t.database.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('requires a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'y' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('slows down guessing one account and leaves the others alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login({ email: 'employer@besancon.demo', password: `guess-${i}` })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await login({ email: 'employer@besancon.demo', password: 'guichet-demo' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await login({ email: 'employer@tanger.demo', password: 'guichet-demo' })).statusCode).toBe(200);
  });
});
