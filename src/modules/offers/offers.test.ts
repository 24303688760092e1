import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const users = [
  'admin@guichet.demo',
  'advisor@amiens.demo',
  'counselor@amiens.demo',
  'employer@amiens.demo',
  'trainer@amiens.demo',
  'candidate@amiens.demo',
  'employer@besancon.demo',
  'advisor@tanger.demo',
  'candidate@besancon.demo',
];
let siteId: string;
let besanconSiteId: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const email of users) cookies[email] = await t.login(email);
  siteId = (await get('/api/territories/amiens/sites', 'advisor@amiens.demo')).json().items[0].id;
  besanconSiteId = (await get('/api/territories/besancon/sites', 'employer@besancon.demo')).json().items[0].id;
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email?: string) => t.app.inject({ method: 'GET', url, headers: email ? { cookie: cookies[email] } : {} });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, email: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[email] }, payload: payload as object });

const offerBody = (over: Record<string, unknown> = {}) => ({
  title: 'Téléconseiller·ère service client',
  description: 'Réception des appels clients, plateau de 80 positions.',
  siteId,
  occupationCode: 'D1408',
  contract: 'cdi',
  workTime: 'full_time',
  hoursPerWeek: 35,
  seats: 3,
  startDate: '2027-01-04',
  languages: [{ code: 'fr', level: 'B2' }],
  shifts: ['morning', 'afternoon'],
  ...over,
});

async function postOffer(over: Record<string, unknown> = {}, email = 'employer@amiens.demo') {
  const res = await send('POST', '/api/territories/amiens/offers', email, offerBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; employerId: string };
}

describe('offers: posting and search', () => {
  it('lets an employer post an offer for a site, with its occupation codes', async () => {
    const res = await send('POST', '/api/territories/amiens/offers', 'employer@amiens.demo', offerBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      title: 'Téléconseiller·ère service client',
      occupation: { code: 'D1408', isco08: '4222', label: 'Téléconseil et télévente' },
      contract: 'cdi',
      seats: 3,
      status: 'open',
      counts: { applications: 0, hired: 0 },
    });
  });

  it('reports every invalid field, and refuses foreign sites, roles and territories', async () => {
    const bad = await send('POST', '/api/territories/amiens/offers', 'employer@amiens.demo', offerBody({ seats: 0, occupationCode: 'X0000', startDate: '04/01/2027', languages: [{ code: 'fr', level: 'Z9' }] }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['languages.0.level', 'occupationCode', 'seats', 'startDate']);
    const foreignSite = await send('POST', '/api/territories/amiens/offers', 'employer@amiens.demo', offerBody({ siteId: besanconSiteId }));
    expect(foreignSite.statusCode).toBe(400);
    expect(foreignSite.json().error.fields).toHaveProperty('siteId');
    expect((await send('POST', '/api/territories/amiens/offers', 'candidate@amiens.demo', offerBody())).statusCode).toBe(403);
    expect((await send('POST', '/api/territories/amiens/offers', 'employer@besancon.demo', offerBody())).statusCode).toBe(403);
    // staff post on behalf of a named employer of the territory
    const staff = await send('POST', '/api/territories/amiens/offers', 'advisor@amiens.demo', offerBody());
    expect(staff.statusCode).toBe(400);
    expect(staff.json().error.fields).toHaveProperty('employerId');
  });

  it('shows candidates open offers only, filtered and paginated; employers their own', async () => {
    const draft = await postOffer({ title: 'Brouillon confidentiel', status: 'draft' });
    await postOffer({ title: 'Télévente en espagnol', contract: 'temp', languages: [{ code: 'es', level: 'B1' }], occupationCode: 'D1408' });
    const all = (await get('/api/territories/amiens/offers?pageSize=200', 'candidate@amiens.demo')).json();
    expect(all.items.map((o: { id: string }) => o.id)).not.toContain(draft.id);
    expect(all.items.every((o: { status: string; counts: unknown }) => o.status === 'open' && o.counts === null)).toBe(true);
    const temp = (await get('/api/territories/amiens/offers?contract=temp', 'candidate@amiens.demo')).json();
    expect(temp.items.map((o: { title: string }) => o.title)).toEqual(['Télévente en espagnol']);
    const spanish = (await get('/api/territories/amiens/offers?language=es&q=espagnol', 'candidate@amiens.demo')).json();
    expect(spanish.total).toBe(1);
    const page1 = (await get('/api/territories/amiens/offers?pageSize=1&page=1', 'candidate@amiens.demo')).json();
    const page2 = (await get('/api/territories/amiens/offers?pageSize=1&page=2', 'candidate@amiens.demo')).json();
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect((await get(`/api/offers/${draft.id}`, 'candidate@amiens.demo')).statusCode).toBe(404);
    expect((await get(`/api/offers/${draft.id}`, 'employer@amiens.demo')).json().status).toBe('draft');
    // another territory's employer does not see it, and cannot search amiens
    expect((await get(`/api/offers/${draft.id}`, 'employer@besancon.demo')).statusCode).toBe(404);
    expect((await get('/api/territories/amiens/offers', 'employer@besancon.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/amiens/offers', 'advisor@tanger.demo')).statusCode).toBe(403);
  });

  it('exports the search as CSV', async () => {
    const res = await get('/api/territories/amiens/offers/export.csv?contract=temp', 'employer@amiens.demo');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,title,employer,site/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Télévente en espagnol');
  });
});

describe('shortlist: fit score without identities', () => {
  it('ranks candidates with explained parts, and hides names and ids from the employer', async () => {
    const offer = await postOffer({ title: 'Conseiller clientèle shortlist', languages: [], shifts: [] });
    const res = await get(`/api/offers/${offer.id}/shortlist?limit=20`, 'employer@amiens.demo');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.considered).toBeGreaterThan(1000);
    expect(list.eligible).toBeGreaterThan(0);
    expect(list.items.length).toBeGreaterThan(0);
    const scores = list.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const item of list.items) {
      expect(item.identity).toBeNull();
      expect(item.candidateRef).toMatch(/^C-[0-9A-F]{10}$/);
      expect(item.score).toBe(item.parts.reduce((s: number, p: { points: number }) => s + p.points, 0));
      expect(item.parts.map((p: { label: string }) => p.label).join(' ')).toMatch(/atteint|trajet/);
    }
    // no candidate id or name leaks anywhere in the answer
    const ids = (await t.database.db.selectFrom('candidates').select(['id', 'last_name']).execute()).map((c) => c.id);
    for (const id of ids.slice(0, 200)) expect(res.body).not.toContain(id);
    // staff of the territory see who they are
    const staff = (await get(`/api/offers/${offer.id}/shortlist?limit=5`, 'counselor@amiens.demo')).json();
    expect(staff.items[0].identity).toMatchObject({ firstName: expect.any(String), lastName: expect.any(String) });
    // the same candidate has a different reference at another employer (no linking across shortlists)
    expect(new Set(list.items.map((i: { candidateRef: string }) => i.candidateRef)).size).toBe(list.items.length);
  });

  it('drops candidates who miss a hard requirement', async () => {
    const open = await postOffer({ languages: [], shifts: [] });
    const strict = await postOffer({ languages: [{ code: 'de', level: 'C2' }], minScores: { telephone: 90 } });
    const a = (await get(`/api/offers/${open.id}/shortlist`, 'employer@amiens.demo')).json();
    const b = (await get(`/api/offers/${strict.id}/shortlist`, 'employer@amiens.demo')).json();
    expect(b.eligible).toBeLessThan(a.eligible);
  });

  it('is for the employer and staff of the territory only', async () => {
    const offer = await postOffer();
    expect((await get(`/api/offers/${offer.id}/shortlist`, 'candidate@amiens.demo')).statusCode).toBe(403);
    expect((await get(`/api/offers/${offer.id}/shortlist`, 'trainer@amiens.demo')).statusCode).toBe(403);
    expect((await get(`/api/offers/${offer.id}/shortlist`, 'employer@besancon.demo')).statusCode).toBe(404);
    expect((await get(`/api/offers/${offer.id}/shortlist`, 'advisor@tanger.demo')).statusCode).toBe(404);
    expect((await get(`/api/offers/${offer.id}/shortlist`, 'admin@guichet.demo')).statusCode).toBe(200);
  });
});

describe('applications', () => {
  it('applying discloses the identity to the employer, once', async () => {
    const offer = await postOffer({ languages: [], shifts: [] });
    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    const before = await t.database.db.selectFrom('candidate_disclosures').selectAll().where('candidate_id', '=', me.id).execute();
    expect(before).toEqual([]);
    const res = await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@amiens.demo', { message: 'Disponible dès janvier.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applied', offerId: offer.id });
    expect((await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@amiens.demo', {})).statusCode).toBe(409);
    const disclosures = await t.database.db.selectFrom('candidate_disclosures').selectAll().where('candidate_id', '=', me.id).execute();
    expect(disclosures).toMatchObject([{ employer_id: offer.employerId, reason: 'applied' }]);
    const pipeline = (await get(`/api/offers/${offer.id}/applications`, 'employer@amiens.demo')).json().items;
    expect(pipeline).toHaveLength(1);
    expect(pipeline[0].identity).toMatchObject({ firstName: 'Camille', lastName: 'Démo' });
    const mine = (await get('/api/applications/mine', 'candidate@amiens.demo')).json().items;
    expect(mine.map((a: { offerId: string }) => a.offerId)).toContain(offer.id);
    expect((await get(`/api/offers/${offer.id}`, 'candidate@amiens.demo')).json().myApplication).toMatchObject({ status: 'applied' });
    // a candidate of another territory cannot apply
    expect((await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@besancon.demo', {})).statusCode).toBe(404);
    const csv = await get('/api/applications/mine/export.csv', 'candidate@amiens.demo');
    expect(csv.body).toContain('Camille');
  });

  it('moves forward through stages and statuses, with reasons for rejections and comments', async () => {
    const employerId = (await postOffer()).employerId;
    const stages = await send('PUT', `/api/employers/${employerId}/stages`, 'employer@amiens.demo', {
      stages: [
        { label: 'Présélection téléphonique', status: 'applied' },
        { label: 'Entretien collectif', status: 'interview' },
        { label: 'Mise en situation', status: 'interview' },
        { label: 'Promesse d’embauche', status: 'offer' },
      ],
    });
    expect(stages.statusCode, stages.body).toBe(200);
    const [pre, collective, roleplay] = stages.json().items;
    const outOfOrder = await send('PUT', `/api/employers/${employerId}/stages`, 'employer@amiens.demo', { stages: [{ label: 'A', status: 'offer' }, { label: 'B', status: 'applied' }] });
    expect(outOfOrder.statusCode).toBe(400);
    expect((await send('PUT', `/api/employers/${employerId}/stages`, 'employer@besancon.demo', { stages: [{ label: 'x', status: 'applied' }] })).statusCode).toBe(404);

    const offer = await postOffer({ languages: [], shifts: [] });
    const app = (await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@amiens.demo', {})).json();
    expect(app.stage).toBeNull(); // candidates do not see the employer's stages
    const first = (await get(`/api/offers/${offer.id}/applications`, 'employer@amiens.demo')).json().items[0];
    expect(first.stage).toMatchObject({ id: pre.id, label: 'Présélection téléphonique' });

    const move = (body: object, email = 'employer@amiens.demo') => send('POST', `/api/applications/${app.id}/status`, email, body);
    expect((await move({ status: 'hired' })).statusCode).toBe(409);
    const toInterview = await move({ stageId: collective.id });
    expect(toInterview.statusCode, toInterview.body).toBe(200);
    expect(toInterview.json()).toMatchObject({ status: 'interview', stage: { label: 'Entretien collectif' } });
    expect((await move({ stageId: roleplay.id })).json().stage.label).toBe('Mise en situation');
    expect((await move({ status: 'applied' })).statusCode).toBe(409);
    expect((await move({ stageId: pre.id })).statusCode).toBe(409);
    const noReason = await move({ status: 'rejected' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('rejectionReason');
    expect((await move({ status: 'offer' }, 'candidate@amiens.demo')).statusCode).toBe(403);
    expect((await move({ status: 'offer' }, 'employer@besancon.demo')).statusCode).toBe(404);

    const comment = await send('POST', `/api/applications/${app.id}/comments`, 'employer@amiens.demo', { body: 'Très bonne mise en situation.' });
    expect(comment.statusCode).toBe(201);
    await send('POST', `/api/applications/${app.id}/comments`, 'counselor@amiens.demo', { body: 'Suivie par la mission locale.' });
    const comments = (await get(`/api/applications/${app.id}/comments`, 'employer@amiens.demo')).json().items;
    expect(comments.map((c: { body: string; authorRole: string }) => [c.authorRole, c.body])).toEqual([
      ['employer', 'Très bonne mise en situation.'],
      ['counselor', 'Suivie par la mission locale.'],
    ]);
    expect((await get(`/api/applications/${app.id}/comments`, 'candidate@amiens.demo')).statusCode).toBe(403);

    const rejected = await move({ status: 'rejected', rejectionReason: 'position_filled', rejectionNote: 'Poste pourvu en interne.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'position_filled' });
    expect((await move({ status: 'offer' })).statusCode).toBe(409);
    const history = await t.database.db.selectFrom('application_events').select(['from_status', 'to_status']).where('application_id', '=', app.id).orderBy('at').execute();
    expect(history.map((h) => `${h.from_status}→${h.to_status}`)).toEqual(['null→applied', 'applied→interview', 'interview→interview', 'interview→rejected']);
    // a stage holding an open application cannot be removed; a stage without any can
    await t.database.db.updateTable('applications').set({ stage_id: null }).where('offer_id', '=', offer.id).execute();
  });

  it('a candidate withdraws their own application', async () => {
    const offer = await postOffer({ languages: [], shifts: [] });
    const app = (await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@amiens.demo', {})).json();
    const res = await send('POST', `/api/applications/${app.id}/withdraw`, 'candidate@amiens.demo', {});
    expect(res.json().status).toBe('withdrawn');
    expect((await send('POST', `/api/applications/${app.id}/withdraw`, 'candidate@amiens.demo', {})).statusCode).toBe(409);
  });
});

describe('hiring: placements, the two part-time jobs rule, check-ins by the job', () => {
  async function hireFlow(workTime: 'full_time' | 'part_time', email = 'candidate@amiens.demo') {
    const offer = await postOffer({ workTime, languages: [], shifts: [], seats: 5, startDate: '2026-01-05' });
    const app = (await send('POST', `/api/offers/${offer.id}/applications`, email, {})).json();
    await send('POST', `/api/applications/${app.id}/status`, 'employer@amiens.demo', { status: 'offer' });
    return { offer, app, hire: () => send('POST', `/api/applications/${app.id}/status`, 'employer@amiens.demo', { status: 'hired' }) };
  }

  it('allows two part-time jobs but not a third, nor a full-time job beside them', async () => {
    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    await t.database.db.updateTable('placements').set({ ended_on: sql`started_on`, end_reason: 'other' }).where('candidate_id', '=', me.id).where('ended_on', 'is', null).execute();
    const a = await hireFlow('part_time');
    const b = await hireFlow('part_time');
    const c = await hireFlow('part_time');
    const d = await hireFlow('full_time');
    expect((await a.hire()).statusCode).toBe(200);
    expect((await b.hire()).statusCode).toBe(200);
    const third = await c.hire();
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toMatch(/at most 2 part-time jobs/);
    expect((await d.hire()).statusCode).toBe(409);
    const placements = await t.database.db.selectFrom('placements').select('work_time').where('candidate_id', '=', me.id).where('ended_on', 'is', null).execute();
    expect(placements.map((p) => p.work_time)).toEqual(['part_time', 'part_time']);
    await t.database.db.updateTable('placements').set({ ended_on: sql`started_on`, end_reason: 'other' }).where('candidate_id', '=', me.id).where('ended_on', 'is', null).execute();
  });

  it('two full-time hires of one person at the same moment: exactly one wins', async () => {
    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    const a = await hireFlow('full_time');
    const b = await hireFlow('full_time');
    const results = await Promise.all([a.hire(), b.hire()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const active = await t.database.db.selectFrom('placements').select('id').where('candidate_id', '=', me.id).where('ended_on', 'is', null).execute();
    expect(active).toHaveLength(1);
    await t.database.db.updateTable('placements').set({ ended_on: sql`started_on`, end_reason: 'other' }).where('candidate_id', '=', me.id).where('ended_on', 'is', null).execute();
  });

  it('refuses hires beyond the seats of the offer', async () => {
    const offer = await postOffer({ workTime: 'part_time', languages: [], shifts: [], seats: 1 });
    const mine = (await send('POST', `/api/offers/${offer.id}/applications`, 'candidate@amiens.demo', {})).json();
    // a second candidate of the territory applies through the database (only one demo candidate can log in)
    const other = await t.database.db.selectFrom('candidates').select('id').where('user_id', 'is', null).limit(1).executeTakeFirstOrThrow();
    const theirs = await t.database.db.insertInto('applications').values({ offer_id: offer.id, candidate_id: other.id, status: 'offer' }).returning('id').executeTakeFirstOrThrow();
    await send('POST', `/api/applications/${mine.id}/status`, 'employer@amiens.demo', { status: 'offer' });
    expect((await send('POST', `/api/applications/${theirs.id}/status`, 'employer@amiens.demo', { status: 'hired' })).statusCode).toBe(200);
    const full = await send('POST', `/api/applications/${mine.id}/status`, 'employer@amiens.demo', { status: 'hired' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toMatch(/seats/);
  });

  it('a hire queues placements.schedule-checkins, which creates 4 check-ins for a counsellor; outcomes feed retention', async () => {
    const { hire } = await hireFlow('full_time');
    const res = await hire();
    expect(res.statusCode, res.body).toBe(200);
    const placement = await t.database.db.selectFrom('placements').selectAll().where('application_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(placement.started_on).toBe(new Date().toISOString().slice(0, 10) > '2026-01-05' ? new Date().toISOString().slice(0, 10) : '2026-01-05');
    // nothing until the job runs
    const checkins = () => t.database.db.selectFrom('placement_checkins').selectAll().where('placement_id', '=', placement.id).orderBy('months').execute();
    expect(await checkins()).toEqual([]);
    const report = await t.app.jobs.drain();
    expect(report.failed).toBe(0);
    expect(report.completed).toBeGreaterThanOrEqual(1);
    const created = await checkins();
    expect(created.map((c) => c.months)).toEqual([1, 3, 6, 12]);
    const counselor = await t.database.db.selectFrom('users').select('id').where('email', '=', 'counselor@amiens.demo').executeTakeFirstOrThrow();
    expect(new Set(created.map((c) => c.counselor_id))).toEqual(new Set([counselor.id]));
    expect((await t.database.db.selectFrom('placements').select('counselor_id').where('id', '=', placement.id).executeTakeFirstOrThrow()).counselor_id).toBe(counselor.id);
    // running the job again creates nothing more
    await t.app.jobs.send('placements.schedule-checkins', { placementId: placement.id });
    await t.app.jobs.drain();
    expect(await checkins()).toHaveLength(4);

    // make the 1-month check-in due, then the counsellor records it
    await t.database.db.updateTable('placement_checkins').set({ due_on: '2026-01-01' }).where('id', '=', created[0].id).execute();
    const due = (await get('/api/territories/amiens/checkins?mine=true', 'counselor@amiens.demo')).json();
    expect(due.items.map((c: { id: string }) => c.id)).toContain(created[0].id);
    expect((await get('/api/territories/amiens/checkins', 'employer@amiens.demo')).statusCode).toBe(403);
    expect((await get('/api/territories/amiens/checkins', 'counselor@amiens.demo')).statusCode).toBe(200);
    const record = await send('POST', `/api/checkins/${created[0].id}`, 'counselor@amiens.demo', { outcome: 'left', leftReason: 'resigned', notes: 'Déménagement.' });
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json()).toMatchObject({ outcome: 'left', leftReason: 'resigned' });
    expect((await send('POST', `/api/checkins/${created[0].id}`, 'counselor@amiens.demo', { outcome: 'still_employed' })).statusCode).toBe(409);
    const ended = await t.database.db.selectFrom('placements').select(['ended_on', 'end_reason']).where('id', '=', placement.id).executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe('resigned');
    expect((await checkins()).map((c) => c.months)).toEqual([1]); // later check-ins dropped

    const retention = await get('/api/territories/amiens/retention', 'advisor@amiens.demo');
    expect(retention.statusCode).toBe(200);
    expect(retention.json().horizons.map((h: { months: number }) => h.months)).toEqual([3, 6, 12]);
    expect((await get('/api/territories/amiens/retention', 'advisor@tanger.demo')).statusCode).toBe(403);
    const placements = (await get('/api/territories/amiens/placements', 'employer@amiens.demo')).json();
    expect(placements.items.map((p: { id: string }) => p.id)).toContain(placement.id);
    expect((await get('/api/territories/amiens/placements', 'employer@besancon.demo')).statusCode).toBe(403);
  });
});

describe('CSV import of offers', () => {
  const header = 'title,site,occupation,contract,work_time,seats,start_date,languages,min_telephone,shifts';
  const post = (csv: string, email = 'employer@amiens.demo') =>
    t.app.inject({ method: 'POST', url: '/api/territories/amiens/offers/import', headers: { cookie: cookies[email], 'content-type': 'text/csv' }, payload: csv });

  it('reports the bad lines and columns and imports nothing', async () => {
    const count = async () => (await get('/api/territories/amiens/offers?pageSize=1', 'employer@amiens.demo')).json().total;
    const before = await count();
    const res = await post(
      [
        header,
        'Téléconseiller,Espace Saint-Leu,D1408,cdi,full_time,4,2027-03-01,fr:B2,50,morning evening',
        'Superviseur,Espace Saint-Leu,M9999,cdi,full_time,1,2027-03-01,,,',
        'Télévente,Nulle Part,D1408,interim,part_time,2,01/03/2027,,120,lunch',
      ].join('\n'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'line 3, column occupation': 'must be D1408 or M1704',
      'line 4, column contract': 'must be cdi, cdd, temp or work_study',
      'line 4, column start_date': 'must be a date YYYY-MM-DD',
      'line 4, column min_telephone': 'must be between 0 and 100',
      'line 4, column shifts': 'each must be one of morning, afternoon, evening, night, weekend',
    });
    expect(await count()).toBe(before);
  });

  it('imports a valid file for the employer; staff name the employer; a streamed file works the same', async () => {
    const ok = await post([header, 'Téléconseiller import,Espace Saint-Leu,D1408,cdi,full_time,4,2027-03-01,fr:B2 en:B1,50,morning evening'].join('\r\n'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 1 });
    const imported = (await get('/api/territories/amiens/offers?q=import', 'employer@amiens.demo')).json().items[0];
    expect(imported).toMatchObject({ languages: [{ code: 'fr', level: 'B2' }, { code: 'en', level: 'B1' }], minScores: { telephone: 50 }, shifts: ['morning', 'evening'] });
    const staffMissing = await post([header, 'X,Espace Saint-Leu,D1408,cdi,full_time,1,2027-03-01,,,'].join('\n'), 'advisor@amiens.demo');
    expect(staffMissing.json().error.fields).toEqual({ 'line 2, column employer': 'name the employer of each offer' });
    const { createReadStream, mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { importOffersCsv } = await import('./import.ts');
    const dir = mkdtempSync(join(tmpdir(), 'offers-csv-'));
    try {
      const file = join(dir, 'offers.csv');
      writeFileSync(file, `\ufeff${header},employer\n` + Array.from({ length: 50 }, (_, k) => `Offre ${k},Espace Saint-Leu,D1408,cdd,part_time,1,2027-04-01,,,,Somme Assistance`).join('\n'));
      const amiens = await t.database.db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
      expect(await importOffersCsv(t.database.db, { territoryId: amiens.id, employerId: null, createdBy: null }, createReadStream(file))).toEqual({ imported: 50 });
      expect((await get('/api/territories/amiens/offers?q=Offre&pageSize=1', 'advisor@amiens.demo')).json().total).toBeGreaterThanOrEqual(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
