import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { findLatestScores } from '../evaluations/repository.ts';
import { fakePdf, multipart, registration } from './test-helpers.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ exposeTokens: true });
  for (const email of ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo']) cookies[email] = await t.login(email);
});
afterAll(async () => {
  await t?.close();
});

const create = async (body: Record<string, unknown>, code = 'amiens', who = 'counselor@amiens.demo') =>
  t.app.inject({ method: 'POST', url: `/api/territories/${code}/candidates`, payload: { consents: { processing: true }, ...body }, headers: { cookie: cookies[who] } });

async function demoCandidate(code = 'amiens') {
  return t.database.db
    .selectFrom('candidates')
    .innerJoin('territories', 'territories.id', 'candidates.territory_id')
    .selectAll('candidates')
    .where('territories.code', '=', code)
    .where('candidates.user_id', 'is', null)
    .where('candidates.birth_date', 'is not', null)
    .orderBy('candidates.email')
    .limit(1)
    .executeTakeFirstOrThrow();
}

describe('duplicate detection', () => {
  it('flags the same email, the same phone however written, and the same birth date with a close name', async () => {
    const existing = await demoCandidate();
    const byEmail = (await create({ firstName: 'Autre', lastName: 'Personne', email: existing.email!.toUpperCase() })).json();
    expect(byEmail.suspectedDuplicates).toEqual([expect.objectContaining({ otherCandidateId: existing.id, reasons: ['email'] })]);

    const international = `+33 ${existing.phone!.slice(1, 2)} ${existing.phone!.slice(2, 4)} ${existing.phone!.slice(4, 6)} ${existing.phone!.slice(6, 8)} ${existing.phone!.slice(8)}`;
    const byPhone = (await create({ firstName: 'Encore', lastName: 'Quelquun', phone: international })).json();
    expect(byPhone.suspectedDuplicates).toEqual([expect.objectContaining({ otherCandidateId: existing.id, reasons: ['phone'] })]);

    // accents and case folded, one letter off
    const typo = `${existing.last_name.toUpperCase().slice(0, -1)}x`;
    const byName = (await create({ firstName: existing.first_name.normalize('NFD').replace(/\p{M}/gu, ''), lastName: typo, birthDate: existing.birth_date })).json();
    expect(byName.suspectedDuplicates.map((d: { otherCandidateId: string; reasons: string[] }) => [d.otherCandidateId, d.reasons])).toContainEqual([existing.id, ['birth_date_name']]);

    const stranger = (await create({ firstName: 'Zéphyrin', lastName: 'Quatremaire', birthDate: existing.birth_date })).json();
    expect(stranger.suspectedDuplicates).toEqual([]);
  });

  it('flags a self-registration that matches a record the agency already has', async () => {
    const staff = (await create({ firstName: 'Maëlle', lastName: 'Vasseur', email: 'maelle.vasseur@example.org', consents: { processing: true } })).json().candidate;
    await t.app.inject({ method: 'POST', url: '/api/candidates/register', payload: registration({ firstName: 'Maelle', lastName: 'Vasseur', email: 'maelle.vasseur@example.org' }) });
    const pairs = (await t.app.inject({ method: 'GET', url: '/api/territories/amiens/candidate-duplicates?pageSize=200', headers: { cookie: cookies['advisor@amiens.demo'] } })).json();
    const pair = pairs.items.find((p: { a: { id: string }; b: { id: string } }) => p.a.id === staff.id || p.b.id === staff.id);
    expect(pair.reasons).toEqual(['email']);
    expect([pair.a.source, pair.b.source].sort()).toEqual(['self_registration', 'staff']);
  });

  it('lists pairs to the staff of the territory only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/territories/amiens/candidate-duplicates', headers: { cookie: cookies['counselor@besancon.demo'] } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/territories/amiens/candidate-duplicates', headers: { cookie: cookies['employer@amiens.demo'] } })).statusCode).toBe(403);
    const page = (await t.app.inject({ method: 'GET', url: '/api/territories/amiens/candidate-duplicates', headers: { cookie: cookies['admin@guichet.demo'] } })).json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items[0].a).toHaveProperty('firstName');
  });
});

describe('merging duplicates', () => {
  it("keeps one record, moves the other's history to it and anonymises the other", async () => {
    const db = t.database.db;
    const body = registration({ firstName: 'Noémie', lastName: 'Lefort', phone: '06 01 02 03 04', birthDate: '1988-08-08' });
    const token = (await t.app.inject({ method: 'POST', url: '/api/candidates/register', payload: body })).json().verificationToken;
    await t.app.inject({ method: 'POST', url: '/api/candidates/verify', payload: { token } });
    const cookie = await t.login(body.email, body.password);
    const registered = (await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie } })).json();
    const m = multipart('cv.pdf', fakePdf(), 'application/pdf');
    await t.app.inject({ method: 'POST', url: '/api/candidates/me/documents', payload: m.payload, headers: { ...m.headers, cookie } });
    await db.insertInto('evaluation_results').values({ candidate_id: registered.id, pillar: 'it_tools', score: 81, source: 'training', assessed_at: '2024-05-01T00:00:00Z' }).execute();
    const employer = await db.selectFrom('users').select('employer_id').where('email', '=', 'employer@amiens.demo').executeTakeFirstOrThrow();
    await db.insertInto('candidate_disclosures').values({ candidate_id: registered.id, employer_id: employer.employer_id!, reason: 'applied' }).execute();

    // the agency recorded the same person earlier, with a telephone result and the same disclosure
    const created = (await create({ firstName: 'Noemie', lastName: 'LEFORT', phone: '+33 6 01 02 03 04', birthDate: '1988-08-08' })).json();
    const kept = created.candidate.id;
    await db.insertInto('evaluation_results').values({ candidate_id: kept, pillar: 'telephone', score: 70, source: 'training', assessed_at: '2024-04-01T00:00:00Z' }).execute();
    await db.insertInto('candidate_disclosures').values({ candidate_id: kept, employer_id: employer.employer_id!, reason: 'applied' }).execute();
    const dup = created.suspectedDuplicates.find((d: { otherCandidateId: string }) => d.otherCandidateId === registered.id);
    expect(dup.reasons.sort()).toEqual(['birth_date_name', 'phone']);

    const url = `/api/candidate-duplicates/${dup.duplicateId}/merge`;
    expect((await t.app.inject({ method: 'POST', url, payload: { keepId: kept }, headers: { cookie: cookies['counselor@besancon.demo'] } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url, payload: { keepId: (await demoCandidate()).id }, headers: { cookie: cookies['counselor@amiens.demo'] } })).json().error.fields).toHaveProperty('keepId');
    const res = await t.app.inject({ method: 'POST', url, payload: { keepId: kept }, headers: { cookie: cookies['counselor@amiens.demo'] } });
    expect(res.statusCode).toBe(200);
    const merge = res.json();
    expect(merge).toMatchObject({ keptId: kept, mergedId: registered.id });
    expect(merge.moved).toMatchObject({ candidate_consents: 2, candidate_documents: 1, evaluation_results: 1, candidate_disclosures: 0 });
    expect(merge.leftBehind).toEqual({ candidate_disclosures: 1 });

    const scores = (await findLatestScores(db, [kept])).get(kept)!;
    expect(scores.pillars).toMatchObject({ telephone: { score: 70 }, it_tools: { score: 81 } });
    const keptProfile = (await t.app.inject({ method: 'GET', url: `/api/candidates/${kept}`, headers: { cookie: cookies['counselor@amiens.demo'] } })).json();
    expect(keptProfile.documents).toHaveLength(1);
    // the kept record had no account: it takes the registered one's, so the candidate still logs in to it
    expect(keptProfile.account).toBe('active');
    expect(keptProfile.email).toBe(body.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/candidates/me', headers: { cookie } })).json().id).toBe(kept);

    const gone = await db.selectFrom('candidates').selectAll().where('id', '=', registered.id).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ merged_into_id: kept, first_name: '—', email: null, user_id: null });
    const recorded = await db.selectFrom('candidate_merges').selectAll().where('merged_candidate_id', '=', registered.id).executeTakeFirstOrThrow();
    expect(recorded.kept_candidate_id).toBe(kept);
    expect((await t.app.inject({ method: 'POST', url, payload: { keepId: kept }, headers: { cookie: cookies['counselor@amiens.demo'] } })).statusCode).toBe(409);
  });

  it('dismisses a pair of two different people', async () => {
    const a = (await create({ firstName: 'Jean', lastName: 'Homonyme', birthDate: '1970-01-01' })).json();
    const b = (await create({ firstName: 'Jean', lastName: 'Homonyme', birthDate: '1970-01-01' })).json();
    const pair = b.suspectedDuplicates.find((d: { otherCandidateId: string }) => d.otherCandidateId === a.candidate.id);
    const res = await t.app.inject({ method: 'POST', url: `/api/candidate-duplicates/${pair.duplicateId}/dismiss`, payload: {}, headers: { cookie: cookies['advisor@amiens.demo'] } });
    expect(res.json()).toEqual({ status: 'dismissed' });
    const dismissed = (await t.app.inject({ method: 'GET', url: '/api/territories/amiens/candidate-duplicates?status=dismissed&pageSize=200', headers: { cookie: cookies['advisor@amiens.demo'] } })).json();
    expect(dismissed.items.map((p: { id: string }) => p.id)).toContain(pair.duplicateId);
  });
});
