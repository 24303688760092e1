import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { fakePdf, multipart, registration } from './test-helpers.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ exposeTokens: true });
  for (const email of ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo']) {
    cookies[email] = await t.login(email);
  }
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email?: string) => t.app.inject({ method: 'GET', url, headers: email ? { cookie: cookies[email] } : {} });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, cookie?: string) =>
  t.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });

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
    expect(res.json()).toMatchObject({ firstName: 'Camille', lastName: 'Démo', email: 'candidate@amiens.demo', territoryCode: 'amiens', account: 'active' });
    expect((await get('/api/candidates/me', 'advisor@amiens.demo')).statusCode).toBe(403);
  });
});

describe('self-registration', () => {
  it('offers the territories and the communes of the one chosen, without a session', async () => {
    const all = (await get('/api/candidates/registration-options')).json();
    expect(all.territories.map((x: { code: string }) => x.code)).toEqual(['amiens', 'besancon', 'tanger']);
    expect(all.communes).toEqual([]);
    const amiens = (await get('/api/candidates/registration-options?territory=amiens')).json();
    expect(amiens.communes.length).toBeGreaterThan(10);
    expect(amiens.communes).toContainEqual({ code: '80021', name: 'Amiens', postcode: expect.any(String) });
    expect((await get('/api/candidates/registration-options?territory=nowhere')).statusCode).toBe(404);
  });

  it('creates an inactive account that logs in only once the email is verified', async () => {
    const body = registration({ phone: '07 11 22 33 44', birthDate: '1995-04-12', communeCode: '80021' });
    const res = await send('POST', '/api/candidates/register', body);
    expect(res.statusCode).toBe(202);
    const { verificationToken } = res.json();
    expect(verificationToken).toMatch(/^[\w-]{40,}$/);
    await expect(t.login(body.email, body.password)).rejects.toThrow(/401/);

    // only the token's hash is stored
    const stored = await t.database.db.selectFrom('candidate_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(verificationToken);

    const verified = await send('POST', '/api/candidates/verify', { token: verificationToken });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ status: 'verified', email: body.email });
    expect((await send('POST', '/api/candidates/verify', { token: verificationToken })).json().error.fields).toHaveProperty('token');

    const cookie = await t.login(body.email, body.password);
    const me = (await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie } })).json();
    expect(me).toMatchObject({ firstName: 'Inès', email: body.email, phone: '07 11 22 33 44', birthDate: '1995-04-12', communeName: 'Amiens', source: 'self_registration', account: 'active' });
    expect(me.consents.map((c: { purpose: string; recordedByStaff: boolean; withdrawnAt: null }) => [c.purpose, c.recordedByStaff, c.withdrawnAt])).toEqual([
      ['processing', false, null],
      ['job_alerts', false, null],
    ]);
    expect(me.consents[0].noticeVersion).toBeTruthy();
  });

  it('requires consent to processing, a long password, a known territory and commune', async () => {
    const res = await send('POST', '/api/candidates/register', registration({ password: 'short', consents: { processing: false } }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['consents.processing', 'password']);
    expect((await send('POST', '/api/candidates/register', registration({ territoryCode: 'nowhere' }))).json().error.fields).toHaveProperty('territoryCode');
    expect((await send('POST', '/api/candidates/register', registration({ communeCode: '99999' }))).json().error.fields).toHaveProperty('communeCode');
    expect((await send('POST', '/api/candidates/register', registration({ email: 'not-an-email' }))).json().error.fields).toHaveProperty('email');
  });

  it('answers the same for an email that already has an account, without creating anything', async () => {
    const before = await t.database.db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await send('POST', '/api/candidates/register', registration({ email: 'candidate@amiens.demo' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_pending' });
    const after = await t.database.db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('does not return the token when tokens are not exposed (production)', async () => {
    const prod = await createTestAppWithoutTokens();
    try {
      const res = await prod.app.inject({ method: 'POST', url: '/api/candidates/register', payload: registration() });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'verification_pending' });
    } finally {
      await prod.close();
    }
  });
});

async function createTestAppWithoutTokens() {
  return createTestApp({ exposeTokens: false });
}

describe('profiles', () => {
  it('lets a candidate edit their own profile and refuses unknown fields', async () => {
    const body = registration();
    const token = (await send('POST', '/api/candidates/register', body)).json().verificationToken;
    await send('POST', '/api/candidates/verify', { token });
    const cookie = await t.login(body.email, body.password);
    const patch = {
      mobilityKm: 35,
      mobilityMinutes: 45,
      educationLevel: 'short_higher',
      experienceMonths: 18,
      experienceDetail: 'Accueil téléphonique en mairie',
      shifts: ['morning', 'evening', 'morning'],
      workTime: 'part_time',
      contractWishes: ['cdi', 'work_study'],
      languages: [{ code: 'fr', level: 'C2' }, { code: 'en', level: 'B1' }],
      communeCode: '80021',
    };
    const res = await send('PATCH', '/api/candidates/me', patch, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...patch, shifts: ['morning', 'evening'], communeName: 'Amiens' });

    const bad = await send('PATCH', '/api/candidates/me', { email: 'new@example.org', mobilityKm: 900, shifts: ['dawn'] }, cookie);
    expect(bad.statusCode).toBe(400);
    // an unknown key (the email is the login: not editable here) is refused, not silently dropped
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['body', 'mobilityKm', 'shifts.0']);
    expect(bad.json().error.fields.body).toMatch(/email/);
    expect((await send('PATCH', '/api/candidates/me', { communeCode: 'XXXX' }, cookie)).json().error.fields).toHaveProperty('communeCode');
    expect((await send('PATCH', '/api/candidates/me', { languages: [{ code: 'fr', level: 'C2' }, { code: 'fr', level: 'B1' }] }, cookie)).statusCode).toBe(400);
  });

  it('gives and withdraws consents, but withdrawing processing goes through erasure', async () => {
    const cookie = cookies['candidate@amiens.demo'];
    const given = await send('POST', '/api/candidates/me/consents', { purpose: 'training_contact', given: true }, cookie);
    expect(given.json().consents.filter((c: { purpose: string; withdrawnAt: string | null }) => c.purpose === 'training_contact' && !c.withdrawnAt)).toHaveLength(1);
    // giving twice records nothing new
    await send('POST', '/api/candidates/me/consents', { purpose: 'training_contact', given: true }, cookie);
    const withdrawn = await send('POST', '/api/candidates/me/consents', { purpose: 'training_contact', given: false }, cookie);
    const rows = withdrawn.json().consents.filter((c: { purpose: string }) => c.purpose === 'training_contact');
    expect(rows).toHaveLength(1);
    expect(rows[0].withdrawnAt).not.toBeNull();
    expect((await send('POST', '/api/candidates/me/consents', { purpose: 'processing', given: false }, cookie)).json().error.fields).toHaveProperty('given');
  });
});

describe('candidates recorded by staff', () => {
  it('creates, reads and edits candidates of the territory only, and invites them to an account', async () => {
    const create = await send(
      'POST',
      '/api/territories/amiens/candidates',
      { firstName: 'Yasmine', lastName: 'Invitée', email: 'Yasmine.Invitee@Example.org', communeCode: '80021', consents: { processing: true } },
      cookies['counselor@amiens.demo'],
    );
    expect(create.statusCode).toBe(201);
    const c = create.json().candidate;
    expect(c).toMatchObject({ email: 'yasmine.invitee@example.org', source: 'staff', account: 'none' });
    expect(c.consents).toMatchObject([{ purpose: 'processing', recordedByStaff: true }]);

    expect((await get(`/api/candidates/${c.id}`, 'advisor@amiens.demo')).statusCode).toBe(200);
    expect((await get(`/api/candidates/${c.id}`, 'admin@guichet.demo')).statusCode).toBe(200);
    expect((await get(`/api/candidates/${c.id}`, 'counselor@besancon.demo')).statusCode).toBe(404);
    for (const email of ['employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo']) expect((await get(`/api/candidates/${c.id}`, email)).statusCode).toBe(403);
    expect((await send('POST', '/api/territories/besancon/candidates', { firstName: 'A', lastName: 'B', consents: { processing: true } }, cookies['counselor@amiens.demo'])).statusCode).toBe(403);
    expect((await send('POST', '/api/territories/amiens/candidates', { firstName: 'A', lastName: 'B', consents: {} }, cookies['counselor@amiens.demo'])).statusCode).toBe(400);

    const edited = await send('PATCH', `/api/candidates/${c.id}`, { email: 'yasmine.b@example.org', phone: '06 98 76 54 32' }, cookies['advisor@amiens.demo']);
    expect(edited.json()).toMatchObject({ email: 'yasmine.b@example.org', phone: '06 98 76 54 32' });
    expect((await send('PATCH', `/api/candidates/${c.id}`, { phone: '12' }, cookies['advisor@amiens.demo'])).json().error.fields).toHaveProperty('phone');

    const invite = await send('POST', `/api/candidates/${c.id}/invite`, {}, cookies['counselor@amiens.demo']);
    expect(invite.statusCode).toBe(202);
    expect((await send('POST', `/api/candidates/${c.id}/invite`, {}, cookies['counselor@amiens.demo'])).statusCode).toBe(409);
    expect((await get(`/api/candidates/${c.id}`, 'advisor@amiens.demo')).json().account).toBe('pending');
    // an invitation sets the password
    const token = invite.json().invitationToken;
    expect((await send('POST', '/api/candidates/verify', { token })).json().error.fields).toHaveProperty('password');
    expect((await send('POST', '/api/candidates/verify', { token, password: 'choisi-par-yasmine' })).statusCode).toBe(200);
    const cookie = await t.login('yasmine.b@example.org', 'choisi-par-yasmine');
    expect((await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie } })).json().id).toBe(c.id);
    // once they have an account, the email is theirs to change
    expect((await send('PATCH', `/api/candidates/${c.id}`, { email: 'other@example.org' }, cookies['advisor@amiens.demo'])).statusCode).toBe(409);
  });
});

describe('documents', () => {
  it('stores a CV of an accepted type and size, and gives it back to its owner and the staff', async () => {
    const cookie = cookies['candidate@amiens.demo'];
    const pdf = fakePdf(3_000);
    const up = await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', ...withCookie(multipart('mon CV.pdf', pdf, 'application/pdf'), cookie) });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ filename: 'mon CV.pdf', mimeType: 'application/pdf', sizeBytes: 3_000, kind: 'cv' });
    const down = await t.app.inject({ method: 'GET', url: `/api/candidates/me/documents/${up.json().id}`, headers: { cookie } });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.rawPayload.equals(pdf)).toBe(true);

    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    const staffDown = await get(`/api/candidates/${me.id}/documents/${up.json().id}`, 'counselor@amiens.demo');
    expect(staffDown.rawPayload.equals(pdf)).toBe(true);
    expect((await get(`/api/candidates/${me.id}/documents/${up.json().id}`, 'counselor@besancon.demo')).statusCode).toBe(404);

    const exe = await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', ...withCookie(multipart('virus.exe', 'MZ...', 'application/octet-stream'), cookie) });
    expect(exe.statusCode).toBe(415);
    const fake = await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', ...withCookie(multipart('cv.pdf', 'not a pdf at all', 'application/pdf'), cookie) });
    expect(fake.statusCode).toBe(415);
    const big = await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', ...withCookie(multipart('big.pdf', fakePdf(5 * 1024 * 1024 + 1), 'application/pdf'), cookie) });
    expect(big.statusCode).toBe(413);
    const notMultipart = await send('POST', '/api/candidates/me/documents', {}, cookie);
    expect(notMultipart.statusCode).toBe(400);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/candidates/me/documents/${up.json().id}`, headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/candidates/me/documents/${up.json().id}`, headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('rate limit', () => {
  it('limits registrations from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await send('POST', '/api/candidates/register', registration())).statusCode);
    expect(codes).toContain(429);
  });
});

function withCookie(m: { payload: Buffer; headers: Record<string, string> }, cookie: string) {
  return { payload: m.payload, headers: { ...m.headers, cookie } };
}
