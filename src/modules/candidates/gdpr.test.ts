import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { canEmployerSeeIdentity, discloseToEmployer, employerVisibleCandidates } from './visibility.ts';
import { fakePdf, multipart, registration } from './test-helpers.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ exposeTokens: true });
  for (const email of ['advisor@amiens.demo', 'counselor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo']) cookies[email] = await t.login(email);
});
afterAll(async () => {
  await t?.close();
});

/** A verified candidate with a CV, a test result and an assessor result; returns ids and a session. */
async function candidateWithHistory() {
  const body = registration({ phone: '06 55 44 33 22', birthDate: '1990-02-03', communeCode: '80021' });
  const token = (await t.app.inject({ method: 'POST', url: '/api/candidates/register', payload: body })).json().verificationToken;
  await t.app.inject({ method: 'POST', url: '/api/candidates/verify', payload: { token } });
  const cookie = await t.login(body.email, body.password);
  const me = (await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie } })).json();
  const m = multipart('cv.pdf', fakePdf(), 'application/pdf');
  await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', payload: m.payload, headers: { ...m.headers, cookie } });
  const db = t.database.db;
  const counselor = await db.selectFrom('users').select('id').where('email', '=', 'counselor@amiens.demo').executeTakeFirstOrThrow();
  const result = await db
    .insertInto('evaluation_results')
    .values({ candidate_id: me.id, pillar: 'telephone', score: 68, source: 'assessor', assessed_by: counselor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('evaluation_assessments').values({ result_id: result.id, rubric: 'telephone_role_play_v1', ratings: JSON.stringify({ greeting: 3 }), comment: 'Voix posée, parle de sa fille' }).execute();
  await db.insertInto('evaluation_results').values({ candidate_id: me.id, pillar: 'language', language_code: 'en', score: 62, cefr_level: 'B2', source: 'training' }).execute();
  return { id: me.id as string, email: body.email, password: body.password, cookie };
}

describe('GDPR export', () => {
  it('gives the candidate every piece of their data, including rows of other modules', async () => {
    const c = await candidateWithHistory();
    // a table another module might add later: found through its foreign key, no code change needed
    await sql`CREATE TABLE probe_notes (id serial PRIMARY KEY, candidate_id uuid NOT NULL REFERENCES candidates(id), note text)`.execute(t.database.db);
    await sql`INSERT INTO probe_notes (candidate_id, note) VALUES (${c.id}, 'rappeler lundi')`.execute(t.database.db);
    const employer = await t.database.db.selectFrom('users').select('employer_id').where('email', '=', 'employer@amiens.demo').executeTakeFirstOrThrow();
    await discloseToEmployer(t.database.db, { candidateId: c.id, employerId: employer.employer_id!, reason: 'applied' });

    const res = await t.app.inject({ method: 'GET', url: '/api/candidates/me/export', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const data = res.json();
    expect(data.candidate).toMatchObject({ id: c.id, email: c.email, phone: '06 55 44 33 22', birthDate: '1990-02-03' });
    expect(data.account).toMatchObject({ email: c.email, isActive: true });
    expect(data.candidate.consents.map((x: { purpose: string }) => x.purpose)).toEqual(['processing', 'job_alerts']);
    expect(data.candidate.documents).toMatchObject([{ filename: 'cv.pdf', mimeType: 'application/pdf' }]);
    expect(JSON.stringify(data)).not.toContain('%PDF'); // metadata only, never the bytes
    expect(data.evaluationResults.map((r: { pillar: string; score: number }) => [r.pillar, r.score]).sort()).toEqual([['language', 62], ['telephone', 68]]);
    expect(data.evaluationResults.find((r: { pillar: string }) => r.pillar === 'telephone').comment).toBe('Voix posée, parle de sa fille');
    expect(data.disclosures).toMatchObject([{ reason: 'applied' }]);
    expect(data.other.probe_notes).toMatchObject([{ note: 'rappeler lundi' }]);

    // staff answer an access request received at the agency; other territories cannot
    expect((await t.app.inject({ method: 'GET', url: `/api/candidates/${c.id}/export`, headers: { cookie: cookies['counselor@amiens.demo'] } })).json().candidate.id).toBe(c.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/candidates/${c.id}/export`, headers: { cookie: cookies['counselor@besancon.demo'] } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/candidates/${c.id}/export`, headers: { cookie: cookies['employer@amiens.demo'] } })).statusCode).toBe(403);
    await sql`DROP TABLE probe_notes`.execute(t.database.db);
  });
});

describe('GDPR erasure', () => {
  it('empties personal fields, deletes documents, closes the account, and keeps the statistics', async () => {
    const c = await candidateWithHistory();
    const db = t.database.db;
    const before = await db.selectFrom('candidates').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const dashboard = async () => (await t.app.inject({ method: 'GET', url: '/api/territories/amiens/dashboard', headers: { cookie: cookies['advisor@amiens.demo'] } })).json().counts.candidates;
    const countBefore = await dashboard();
    const resultsBefore = await db.selectFrom('evaluation_results').select(['pillar', 'score', 'assessed_at']).where('candidate_id', '=', c.id).orderBy('pillar').execute();

    expect((await t.app.inject({ method: 'POST', url: '/api/candidates/me/erasure', payload: {}, headers: { cookie: c.cookie } })).json().error.fields).toHaveProperty('confirm');
    const res = await t.app.inject({ method: 'POST', url: '/api/candidates/me/erasure', payload: { confirm: true }, headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'anonymised', documentsDeleted: 1, sessionsClosed: 1 });

    const after = await db.selectFrom('candidates').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ email: null, phone: null, birth_date: null, first_name: '—', last_name: '—' });
    expect(after.anonymised_at).toBeInstanceOf(Date);
    // statistics: territory, commune, languages, dates, scores unchanged
    expect(after).toMatchObject({ territory_id: before.territory_id, commune_code: '80021', created_at: before.created_at, languages: before.languages });
    expect(await db.selectFrom('evaluation_results').select(['pillar', 'score', 'assessed_at']).where('candidate_id', '=', c.id).orderBy('pillar').execute()).toEqual(resultsBefore);
    expect(await dashboard()).toBe(countBefore);
    const assessment = await db.selectFrom('evaluation_assessments').innerJoin('evaluation_results', 'evaluation_results.id', 'evaluation_assessments.result_id').select(['comment', 'ratings']).where('candidate_id', '=', c.id).executeTakeFirstOrThrow();
    expect(assessment).toEqual({ comment: '', ratings: { greeting: 3 } });

    expect(await db.selectFrom('candidate_documents').select('id').where('candidate_id', '=', c.id).execute()).toEqual([]);
    const consents = await db.selectFrom('candidate_consents').select('withdrawn_at').where('candidate_id', '=', c.id).execute();
    expect(consents.length).toBe(2);
    expect(consents.every((x) => x.withdrawn_at !== null)).toBe(true);
    // the session is closed and the account cannot log in again; the email is free again
    expect((await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie: c.cookie } })).statusCode).toBe(401);
    await expect(t.login(c.email, c.password)).rejects.toThrow(/401/);
    expect(await db.selectFrom('users').select('id').where('email', '=', c.email).executeTakeFirst()).toBeUndefined();
    // gone from the working list
    const list = (await t.app.inject({ method: 'GET', url: `/api/territories/amiens/candidates?q=Testeuse`, headers: { cookie: cookies['advisor@amiens.demo'] } })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });

  it('is done by staff of the territory on request, once', async () => {
    const c = await candidateWithHistory();
    const url = `/api/candidates/${c.id}/erasure`;
    expect((await t.app.inject({ method: 'POST', url, payload: { confirm: true }, headers: { cookie: cookies['counselor@besancon.demo'] } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url, payload: { confirm: true }, headers: { cookie: cookies['employer@amiens.demo'] } })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url, payload: { confirm: true }, headers: { cookie: cookies['counselor@amiens.demo'] } });
    expect(res.json()).toMatchObject({ status: 'anonymised', sessionsClosed: 1 });
    expect((await t.app.inject({ method: 'POST', url, payload: { confirm: true }, headers: { cookie: cookies['counselor@amiens.demo'] } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/candidates/${c.id}`, payload: { firstName: 'Back' }, headers: { cookie: cookies['counselor@amiens.demo'] } })).statusCode).toBe(409);
  });
});

describe('employer visibility of identities', () => {
  it('shows an identity only after the candidate applied or accepted, to that employer only, and never after erasure', async () => {
    const db = t.database.db;
    const c = await candidateWithHistory();
    const employers = await db.selectFrom('employers').innerJoin('territories', 'territories.id', 'employers.territory_id').select('employers.id').where('territories.code', '=', 'amiens').orderBy('employers.name').execute();
    const [mine, other] = employers.map((e) => e.id);
    expect(await canEmployerSeeIdentity(db, mine, c.id)).toBe(false);
    await discloseToEmployer(db, { candidateId: c.id, employerId: mine, reason: 'applied' });
    await discloseToEmployer(db, { candidateId: c.id, employerId: mine, reason: 'applied' }); // idempotent
    expect(await canEmployerSeeIdentity(db, mine, c.id)).toBe(true);
    expect(await canEmployerSeeIdentity(db, other, c.id)).toBe(false);
    expect(await employerVisibleCandidates(db, mine, [c.id, other])).toEqual(new Set([c.id]));
    await t.app.inject({ method: 'POST', url: '/api/candidates/me/erasure', payload: { confirm: true }, headers: { cookie: c.cookie } });
    expect(await canEmployerSeeIdentity(db, mine, c.id)).toBe(false);
  });
});
