import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const users = ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo', 'employer@amiens.demo', 'trainer@besancon.demo', 'advisor@tanger.demo'];
let candidateIds: string[];
let otherBodyId: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  for (const email of users) cookies[email] = await t.login(email);
  const amiens = await t.database.db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
  candidateIds = (await t.database.db.selectFrom('candidates').select('id').where('territory_id', '=', amiens.id).where('user_id', 'is', null).orderBy('id').limit(8).execute()).map((c) => c.id);
  otherBodyId = (await t.database.db.insertInto('training_bodies').values({ territory_id: amiens.id, name: 'AFPA Amiens' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[email] } });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, email: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[email] }, payload: payload as object });

const sessionBody = (over: Record<string, unknown> = {}) => ({
  title: 'Conseiller relation client à distance',
  description: 'Les trois piliers : entretien téléphonique, recherche d’information, outils.',
  diploma: 'DEUST Métiers de la relation client (formation à distance)',
  mode: 'distance',
  startsOn: day(-3),
  endsOn: day(30),
  hours: 420,
  seats: 2,
  raises: [
    { pillar: 'telephone', points: 15 },
    { pillar: 'language', languageCode: 'en', points: 10 },
  ],
  ...over,
});

async function publish(over: Record<string, unknown> = {}, email = 'trainer@amiens.demo') {
  const res = await send('POST', '/api/territories/amiens/training-sessions', email, sessionBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const enrol = (sessionId: string, candidateId: string, email = 'advisor@amiens.demo') =>
  send('POST', `/api/training-sessions/${sessionId}/enrolments`, email, { candidateId, ignorePrerequisites: true });

describe('training sessions: publishing and visibility', () => {
  it('a trainer publishes a session of their body; fields are checked', async () => {
    const res = await send('POST', '/api/territories/amiens/training-sessions', 'trainer@amiens.demo', sessionBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mode: 'distance', seats: 2, seatsTaken: 0, waitlisted: 0, status: 'published', diploma: expect.stringContaining('DEUST') });
    const bad = await send('POST', '/api/territories/amiens/training-sessions', 'trainer@amiens.demo', sessionBody({ mode: 'on_site', seats: 0, endsOn: day(-10) }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['endsOn', 'seats', 'siteId']);
    const refined = await send('POST', '/api/territories/amiens/training-sessions', 'trainer@amiens.demo', sessionBody({ mode: 'on_site', endsOn: day(-10) }));
    expect(Object.keys(refined.json().error.fields).sort()).toEqual(['endsOn', 'siteId']);
    expect((await send('POST', '/api/territories/amiens/training-sessions', 'candidate@amiens.demo', sessionBody())).statusCode).toBe(403);
    expect((await send('POST', '/api/territories/amiens/training-sessions', 'trainer@besancon.demo', sessionBody())).statusCode).toBe(403);
  });

  it('trainers see only their body’s sessions; staff see all; candidates published ones', async () => {
    const mine = await publish({ title: 'Session du centre' });
    const draft = await publish({ title: 'Brouillon', status: 'draft' });
    const other = await send('POST', '/api/territories/amiens/training-sessions', 'advisor@amiens.demo', sessionBody({ title: 'Session AFPA', trainingBodyId: otherBodyId }));
    expect(other.statusCode, other.body).toBe(201);
    const otherId = other.json().id;
    const titles = async (email: string) => (await get('/api/territories/amiens/training-sessions?pageSize=200', email)).json().items.map((s: { id: string }) => s.id);
    const trainer = await titles('trainer@amiens.demo');
    expect(trainer).toEqual(expect.arrayContaining([mine.id, draft.id]));
    expect(trainer).not.toContain(otherId);
    expect(await titles('advisor@amiens.demo')).toEqual(expect.arrayContaining([mine.id, draft.id, otherId]));
    const candidate = await titles('candidate@amiens.demo');
    expect(candidate).toEqual(expect.arrayContaining([mine.id, otherId]));
    expect(candidate).not.toContain(draft.id);
    expect((await get(`/api/training-sessions/${otherId}`, 'trainer@amiens.demo')).statusCode).toBe(404);
    expect((await get(`/api/training-sessions/${otherId}/enrolments`, 'trainer@amiens.demo')).statusCode).toBe(404);
    expect((await send('PATCH', `/api/training-sessions/${otherId}`, 'trainer@amiens.demo', { seats: 5 })).statusCode).toBe(404);
    // territory isolation
    expect((await get(`/api/training-sessions/${mine.id}`, 'trainer@besancon.demo')).statusCode).toBe(404);
    expect((await get('/api/territories/amiens/training-sessions', 'advisor@tanger.demo')).statusCode).toBe(403);
    expect((await get(`/api/training-sessions/${mine.id}/enrolments`, 'candidate@amiens.demo')).statusCode).toBe(403);
    expect((await get(`/api/training-sessions/${mine.id}/enrolments`, 'employer@amiens.demo')).statusCode).toBe(403);
  });
});

describe('enrolment and the waiting list', () => {
  it('concurrent enrolments fill the seats exactly, the rest wait in order', { timeout: 20_000 }, async () => {
    const s = await publish({ seats: 2 });
    const results = await Promise.all(candidateIds.slice(0, 6).map((id) => enrol(s.id, id)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((x) => x === 'enrolled')).toHaveLength(2);
    expect(statuses.filter((x) => x === 'waitlisted')).toHaveLength(4);
    const list = (await get(`/api/training-sessions/${s.id}/enrolments`, 'trainer@amiens.demo')).json().items;
    expect(list.map((e: { status: string }) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect(list.map((e: { waitlistPosition: number | null }) => e.waitlistPosition)).toEqual([null, null, 1, 2, 3, 4]);
    expect((await get(`/api/training-sessions/${s.id}`, 'trainer@amiens.demo')).json()).toMatchObject({ seatsTaken: 2, waitlisted: 4 });
    expect((await enrol(s.id, candidateIds[0])).statusCode).toBe(409);
  });

  it('a freed seat goes to the first on the waiting list, at once; more seats promote more', async () => {
    const s = await publish({ seats: 2 });
    const enrolments = [];
    for (const id of candidateIds.slice(0, 5)) enrolments.push((await enrol(s.id, id)).json());
    const [first, , next, after] = enrolments;
    const res = await send('POST', `/api/training-enrolments/${first.id}/withdraw`, 'trainer@amiens.demo', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enrolment: { status: 'withdrawn' }, promoted: [next.id] });
    const promoted = (await get(`/api/training-sessions/${s.id}/enrolments`, 'trainer@amiens.demo')).json().items.find((e: { id: string }) => e.id === next.id);
    expect(promoted).toMatchObject({ status: 'enrolled', promoted: true, waitlistPosition: null });
    // a waitlisted person leaving frees no seat
    const last = enrolments[4];
    expect((await send('POST', `/api/training-enrolments/${last.id}/withdraw`, 'advisor@amiens.demo', {})).json().promoted).toEqual([]);
    // one more seat: the next one in line
    const more = await send('PATCH', `/api/training-sessions/${s.id}`, 'trainer@amiens.demo', { seats: 3 });
    expect(more.json()).toMatchObject({ seats: 3, seatsTaken: 3, waitlisted: 0 });
    expect((await get(`/api/training-sessions/${s.id}/enrolments`, 'trainer@amiens.demo')).json().items.find((e: { id: string }) => e.id === after.id).status).toBe('enrolled');
    const fewer = await send('PATCH', `/api/training-sessions/${s.id}`, 'trainer@amiens.demo', { seats: 1 });
    expect(fewer.statusCode).toBe(409);
    // the withdrawn person asks again: back of the queue
    const again = await enrol(s.id, candidateIds[0]);
    expect(again.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('candidates enrol themselves when they meet the prerequisites; trainers by email', async () => {
    const strict = await publish({ minScores: { telephone: 60 }, languages: [{ code: 'de', level: 'C1' }] });
    const refused = await send('POST', `/api/training-sessions/${strict.id}/enrolments`, 'candidate@amiens.demo', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/telephone: not evaluated yet.*de: /);
    // a candidate cannot skip prerequisites, a trainer can
    expect((await send('POST', `/api/training-sessions/${strict.id}/enrolments`, 'candidate@amiens.demo', { ignorePrerequisites: true })).statusCode).toBe(409);
    const byTrainer = await send('POST', `/api/training-sessions/${strict.id}/enrolments`, 'trainer@amiens.demo', { candidateEmail: 'candidate@amiens.demo', ignorePrerequisites: true });
    expect(byTrainer.statusCode, byTrainer.body).toBe(201);
    expect(byTrainer.json()).toMatchObject({ firstName: 'Camille', status: 'enrolled' });
    expect((await send('POST', `/api/training-sessions/${strict.id}/enrolments`, 'trainer@amiens.demo', { candidateEmail: 'nobody@nowhere.example' })).statusCode).toBe(400);

    const open = await publish();
    const self = await send('POST', `/api/training-sessions/${open.id}/enrolments`, 'candidate@amiens.demo', {});
    expect(self.statusCode).toBe(201);
    expect((await get(`/api/training-sessions/${open.id}`, 'candidate@amiens.demo')).json().myEnrolment).toMatchObject({ status: 'enrolled' });
    const mine = (await get('/api/training-enrolments/mine', 'candidate@amiens.demo')).json().items;
    expect(mine.map((e: { sessionId: string }) => e.sessionId)).toEqual(expect.arrayContaining([open.id, strict.id]));
    // the candidate withdraws their own enrolment, not someone else's
    const foreign = (await enrol(open.id, candidateIds[1])).json();
    expect((await send('POST', `/api/training-enrolments/${foreign.id}/withdraw`, 'candidate@amiens.demo', {})).statusCode).toBe(404);
    expect((await send('POST', `/api/training-enrolments/${self.json().id}/withdraw`, 'candidate@amiens.demo', {})).statusCode).toBe(200);
  });
});

describe('attendance, completion, re-evaluation and certificate', () => {
  it('records attendance and completion, writes training results and issues a PDF certificate', async () => {
    const s = await publish({ seats: 3 });
    const camille = (await send('POST', `/api/training-sessions/${s.id}/enrolments`, 'trainer@amiens.demo', { candidateEmail: 'candidate@amiens.demo' })).json();
    const other = (await enrol(s.id, candidateIds[2])).json();
    const yesterday = day(-1);
    const att = await send('PUT', `/api/training-sessions/${s.id}/attendance`, 'trainer@amiens.demo', {
      day: yesterday,
      entries: [
        { enrolmentId: camille.id, present: true },
        { enrolmentId: other.id, present: false },
      ],
    });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json().entries).toEqual(expect.arrayContaining([{ enrolmentId: camille.id, present: true }, { enrolmentId: other.id, present: false }]));
    expect((await send('PUT', `/api/training-sessions/${s.id}/attendance`, 'trainer@amiens.demo', { day: day(-30), entries: [{ enrolmentId: camille.id, present: true }] })).statusCode).toBe(400);
    expect((await send('PUT', `/api/training-sessions/${s.id}/attendance`, 'trainer@amiens.demo', { day: day(5), entries: [{ enrolmentId: camille.id, present: true }] })).statusCode).toBe(400);

    expect((await get(`/api/training-enrolments/${camille.id}/certificate.pdf`, 'candidate@amiens.demo')).statusCode).toBe(409);
    const done = await send('POST', `/api/training-enrolments/${camille.id}/completion`, 'trainer@amiens.demo', {
      completed: true,
      grade: 15.5,
      scores: [
        { pillar: 'telephone', score: 72 },
        { pillar: 'language', languageCode: 'en', score: 64, cefrLevel: 'B2' },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', grade: 15.5, daysPresent: 1, daysRecorded: 1 });
    const results = await t.database.db.selectFrom('evaluation_results').select(['pillar', 'language_code', 'score', 'cefr_level', 'source']).where('candidate_id', '=', camille.candidateId).orderBy('pillar').execute();
    expect(results).toEqual([
      { pillar: 'language', language_code: 'en', score: 64, cefr_level: 'B2', source: 'training' },
      { pillar: 'telephone', language_code: null, score: 72, cefr_level: null, source: 'training' },
    ]);
    expect((await send('POST', `/api/training-enrolments/${camille.id}/completion`, 'trainer@amiens.demo', { completed: true })).statusCode).toBe(409);

    const pdf = await get(`/api/training-enrolments/${camille.id}/certificate.pdf`, 'candidate@amiens.demo');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(1000);
    expect((await get(`/api/training-enrolments/${camille.id}/certificate.pdf`, 'trainer@amiens.demo')).statusCode).toBe(200);
    expect((await get(`/api/training-enrolments/${camille.id}/certificate.pdf`, 'trainer@besancon.demo')).statusCode).toBe(404);
    expect((await get(`/api/training-enrolments/${camille.id}/certificate.pdf`, 'employer@amiens.demo')).statusCode).toBe(403);

    const csv = await get(`/api/training-sessions/${s.id}/enrolments/export.csv`, 'trainer@amiens.demo');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('id,last_name,first_name,email,phone,status,waitlist_position,requested_at,enrolled_at,days_present,days_recorded,grade,completed_at');
    expect(csv.body).toContain('Démo');
  });
});

describe('CSV import of sessions', () => {
  const header = 'title,mode,starts_on,ends_on,seats,diploma,site,languages,raises';
  const post = (csv: string, email = 'trainer@amiens.demo') =>
    t.app.inject({ method: 'POST', url: '/api/territories/amiens/training-sessions/import', headers: { cookie: cookies[email], 'content-type': 'text/csv' }, payload: csv });

  it('reports every bad line and column and imports nothing', async () => {
    const before = (await get('/api/territories/amiens/training-sessions?pageSize=1', 'trainer@amiens.demo')).json().total;
    const res = await post(
      [
        header,
        `Accueil téléphonique,distance,${day(10)},${day(40)},12,,,fr:B1,telephone:10`,
        `Sans places,distance,${day(10)},${day(40)},0,,,,`,
        `Mauvais site,on_site,${day(10)},${day(5)},10,,Nulle Part,,`,
        `Langue,distance,${day(10)},${day(40)},5,,,français,`,
      ].join('\n'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'line 3, column seats': 'must be between 1 and 500',
      'line 4, column ends_on': 'must be on or after starts_on',
      'line 5, column languages': 'languages are written "fr:B2 en:B1" (ISO code:CEFR level)',
    });
    expect((await get('/api/territories/amiens/training-sessions?pageSize=1', 'trainer@amiens.demo')).json().total).toBe(before);
    const unknownSite = await post([header, `Mauvais site,on_site,${day(10)},${day(20)},10,,Nulle Part,,`].join('\n'));
    expect(unknownSite.json().error.fields).toEqual({ 'line 2, column site': 'no site named "Nulle Part" in the territory' });
    const badHeader = await post('titre,mode\nx,distance');
    expect(Object.keys(badHeader.json().error.fields)).toEqual(expect.arrayContaining(['line 1, column title', 'line 1, column titre']));
  });

  it('imports a valid file in one go', async () => {
    const res = await post(
      [header, `Accueil téléphonique,distance,${day(10)},${day(40)},12,,,fr:B1,telephone:10 language/en:5`, `"Bureautique, niveau 2",on_site,${day(20)},${day(25)},8,,Espace Saint-Leu,,it_tools:20`].join('\r\n'),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    const list = (await get('/api/territories/amiens/training-sessions?q=Bureautique', 'trainer@amiens.demo')).json().items;
    expect(list[0]).toMatchObject({ title: 'Bureautique, niveau 2', siteName: 'Espace Saint-Leu', raises: [{ pillar: 'it_tools', languageCode: null, points: 20 }] });
    expect((await post([header, `X,distance,${day(1)},${day(2)},1,,,,`].join('\n'), 'candidate@amiens.demo')).statusCode).toBe(403);
  });
});
