import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typingMeasures } from '../../core/evaluation/scoring.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { registration } from '../candidates/test-helpers.ts';
import { findLatestScores } from './repository.ts';

// A clock the tests move forward: the server times the attempts.
let nowMs = Date.UTC(2025, 2, 10, 9, 0, 0);
const clock = { now: () => new Date(nowMs) };
const advance = (ms: number) => {
  nowMs += ms;
};

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ exposeTokens: true, clock });
  for (const email of ['admin@guichet.demo', 'advisor@amiens.demo', 'counselor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo', 'candidate@amiens.demo']) {
    cookies[email] = await t.login(email);
  }
});
afterAll(async () => {
  await t?.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A fresh verified candidate of Amiens and their session. */
async function newCandidate() {
  const body = registration();
  const token = (await t.app.inject({ method: 'POST', url: '/api/candidates/register', payload: body })).json().verificationToken;
  await t.app.inject({ method: 'POST', url: '/api/candidates/verify', payload: { token } });
  const cookie = await t.login(body.email, body.password);
  const id = (await call('GET', '/api/candidates/me', cookie)).json().id as string;
  return { cookie, id, email: body.email, password: body.password };
}

/** The right answers of an attempt's items, read from the bank as the tests' oracle. */
async function rightAnswers(items: { id: string; kind: string; prompt: string }[], typingMs = 50_000) {
  const bank = await t.database.db.selectFrom('evaluation_items').selectAll().where('id', 'in', items.map((i) => i.id)).execute();
  return items.map((i) => {
    const b = bank.find((x) => x.id === i.id)!;
    if (b.kind === 'multiple_choice') return { itemId: i.id, choice: b.correct_choice };
    if (b.kind === 'search_task') return { itemId: i.id, text: b.accepted_answers[0] };
    const m = typingMeasures(b.prompt, b.prompt, typingMs);
    return { itemId: i.id, typing: { typedText: b.prompt, elapsedMs: typingMs, wpm: m.netWpm, accuracy: m.accuracy } };
  });
}

describe('findLatestScores', () => {
  it('returns the latest score per pillar and per language, and an empty entry for the unevaluated', async () => {
    const db = t.database.db;
    const territory = await db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
    const fresh = async () => (await db.insertInto('candidates').values({ territory_id: territory.id, first_name: 'Test', last_name: 'Scores' }).returning('id').executeTakeFirstOrThrow()).id;
    const [a, b, none] = [await fresh(), await fresh(), await fresh()];
    const assessor = await db.selectFrom('users').select('id').where('email', '=', 'counselor@amiens.demo').executeTakeFirstOrThrow();
    await db
      .insertInto('evaluation_results')
      .values([
        { candidate_id: a, pillar: 'telephone', score: 40, source: 'assessor', assessed_by: assessor.id, assessed_at: '2024-01-01T10:00:00Z' },
        { candidate_id: a, pillar: 'telephone', score: 75, source: 'assessor', assessed_by: assessor.id, assessed_at: '2024-03-01T10:00:00Z' },
        { candidate_id: a, pillar: 'telephone', score: 60, source: 'training', assessed_at: '2024-02-01T10:00:00Z' },
        { candidate_id: a, pillar: 'language', language_code: 'en', score: 55, cefr_level: 'B1', source: 'training', assessed_at: '2024-02-01T10:00:00Z' },
        { candidate_id: a, pillar: 'language', language_code: 'en', score: 70, cefr_level: 'B2', source: 'training', assessed_at: '2024-04-01T10:00:00Z' },
        { candidate_id: a, pillar: 'language', language_code: 'de', score: 20, cefr_level: 'A2', source: 'training', assessed_at: '2024-04-01T10:00:00Z' },
        { candidate_id: b, pillar: 'it_tools', score: 90, source: 'training', assessed_at: '2024-04-01T10:00:00Z' },
      ])
      .execute();
    const scores = await findLatestScores(db, [a, b, none, a]);
    expect([...scores.keys()].sort()).toEqual([a, b, none].sort());
    const sa = scores.get(a)!;
    expect(sa.pillars.telephone).toMatchObject({ score: 75, source: 'assessor' });
    expect(sa.pillars.it_tools).toBeUndefined();
    expect(sa.languages.map((l) => [l.code, l.score, l.cefrLevel])).toEqual([
      ['de', 20, 'A2'],
      ['en', 70, 'B2'],
    ]);
    expect(sa.pillars.telephone!.assessedAt).toBeInstanceOf(Date);
    expect(scores.get(b)!.pillars).toEqual({ it_tools: expect.objectContaining({ score: 90 }) });
    expect(scores.get(none)).toEqual({ pillars: {}, languages: [] });
    expect((await findLatestScores(db, [])).size).toBe(0);
    // the schema refuses what it cannot mean
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'telephone', score: 101, source: 'training' }).execute()).rejects.toThrow();
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'language', score: 50, source: 'training' }).execute()).rejects.toThrow();
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'telephone', score: 50, source: 'online_test' }).execute()).rejects.toThrow();
  });

  it('has demo results for part of the synthetic population', async () => {
    const db = t.database.db;
    const n = await db.selectFrom('evaluation_results').select((eb) => eb.fn.count<number>('candidate_id').distinct().as('n')).executeTakeFirstOrThrow();
    const all = await db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n) / Number(all.n)).toBeGreaterThan(0.2);
    expect(Number(n.n) / Number(all.n)).toBeLessThan(0.4);
  });
});

describe('online tests', () => {
  it('lists the tests, draws questions without their answers, and resumes an attempt in progress', async () => {
    const c = await newCandidate();
    const tests = (await call('GET', '/api/evaluations/tests', c.cookie)).json().items;
    expect(tests.map((x: { pillar: string; languageCode: string }) => `${x.pillar}:${x.languageCode}`).sort()).toEqual(['information_search:fr', 'it_tools:fr', 'language:en', 'telephone:fr']);
    expect(tests[0]).toMatchObject({ attemptsLeftToday: 3, lastScore: null, inProgressAttemptId: null });

    const started = await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'it_tools' });
    expect(started.statusCode).toBe(201);
    const attempt = started.json();
    expect(attempt.items).toHaveLength(8);
    expect(attempt.items.at(-1).kind).toBe('typing');
    expect(attempt.items.filter((i: { kind: string }) => i.kind === 'typing')).toHaveLength(1);
    expect(JSON.stringify(attempt)).not.toMatch(/correct|accepted/i);
    expect(new Date(attempt.deadline).getTime() - new Date(attempt.startedAt).getTime()).toBe(900_000);

    const again = await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'it_tools' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(attempt.id);
    expect((await call('GET', `/api/evaluations/attempts/${attempt.id}`, c.cookie)).json().id).toBe(attempt.id);
    const other = await newCandidate();
    expect((await call('GET', `/api/evaluations/attempts/${attempt.id}`, other.cookie)).statusCode).toBe(404);
    expect((await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'language' })).json().error.fields).toHaveProperty('languageCode');
    expect((await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'language', languageCode: 'zz' })).statusCode).toBe(404);
  });

  it('scores on the server: all right is 100, the result is recorded, and a client score is refused', async () => {
    const c = await newCandidate();
    const attempt = (await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'it_tools' })).json();
    advance(60_000);
    const answers = await rightAnswers(attempt.items);
    expect((await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers, score: 100 })).statusCode).toBe(400);
    const res = await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 100, pillar: 'it_tools', cefrLevel: null, durationSeconds: 60 });
    expect(res.json().typing.netWpm).toBeGreaterThan(40);
    expect((await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers })).statusCode).toBe(409);

    const mine = (await call('GET', '/api/evaluations/me', c.cookie)).json();
    expect(mine.latest.pillars.it_tools).toMatchObject({ score: 100, source: 'online_test' });
    expect(mine.attempts[0]).toMatchObject({ id: attempt.id, status: 'scored', score: 100, durationSeconds: 60 });
    expect((await findLatestScores(t.database.db, [c.id])).get(c.id)!.pillars.it_tools!.score).toBe(100);
    const tests = (await call('GET', '/api/evaluations/tests', c.cookie)).json().items;
    expect(tests.find((x: { pillar: string }) => x.pillar === 'it_tools')).toMatchObject({ lastScore: 100, attemptsLeftToday: 2 });
  });

  it('gives partial scores, a CEFR level for languages, and 0 for unanswered questions', async () => {
    const c = await newCandidate();
    const attempt = (await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'language', languageCode: 'en' })).json();
    advance(30_000);
    const right = await rightAnswers(attempt.items);
    // half right, the rest wrong or missing
    const answers = right.map((a, k) => (k % 2 === 0 ? a : { itemId: a.itemId, choice: ((a.choice ?? 0) + 1) % 4 })).slice(0, right.length - 1);
    const res = (await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers })).json();
    expect(res.score).toBe(Math.round((100 * Math.ceil((right.length - 1) / 2)) / right.length));
    expect(res.cefrLevel).toBe('B1');
    expect(res.items.filter((i: { points: number }) => i.points === 1)).toHaveLength(Math.ceil((right.length - 1) / 2));
    const mine = (await call('GET', '/api/evaluations/me', c.cookie)).json();
    expect(mine.latest.languages).toMatchObject([{ code: 'en', score: res.score, cefrLevel: 'B1' }]);
  });

  it('refuses typing figures that the text and the clock do not support', async () => {
    const c = await newCandidate();
    const attempt = (await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'it_tools' })).json();
    advance(20_000);
    const answers = await rightAnswers(attempt.items, 50_000); // 50 s measured in 20 s of server time
    const k = answers.findIndex((a) => a.typing);
    const res = await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[`answers.${k}.typing`]).toMatch(/longer than the time/);
    // 20 characters in 10 s is 24 wpm, far from the ~50 wpm claimed
    const inflated = answers.map((a) => (a.typing ? { ...a, typing: { ...a.typing, typedText: a.typing.typedText.slice(0, 20), elapsedMs: 10_000 } } : a));
    expect((await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers: inflated })).json().error.fields[`answers.${k}.typing`]).toMatch(/wpm does not match/);
    const stranger = answers.map((a, i) => (i === 0 ? { ...a, itemId: '00000000-0000-4000-8000-000000000000' } : a));
    expect((await call('POST', `/api/evaluations/attempts/${attempt.id}/submit`, c.cookie, { answers: stranger })).json().error.fields).toHaveProperty('answers.0.itemId');
  });

  it('is for candidates only', async () => {
    for (const email of ['advisor@amiens.demo', 'employer@amiens.demo']) {
      expect((await call('GET', '/api/evaluations/tests', cookies[email])).statusCode).toBe(403);
      expect((await call('POST', '/api/evaluations/attempts', cookies[email], { pillar: 'it_tools' })).statusCode).toBe(403);
    }
  });
});

describe('telephone role-play scored by a counsellor', () => {
  it('records the rubric and its score in the candidate history, for the territory staff only', async () => {
    const c = await newCandidate();
    const rubric = (await call('GET', '/api/evaluations/rubrics', cookies['counselor@amiens.demo'])).json().items[0];
    const ratings = Object.fromEntries(rubric.criteria.map((k: string, i: number) => [k, i % 2 === 0 ? 4 : 2]));
    const url = `/api/candidates/${c.id}/evaluations/role-play`;
    const res = await call('POST', url, cookies['counselor@amiens.demo'], { ratings, comment: 'Bonne écoute' });
    expect(res.statusCode).toBe(201);
    expect(res.json().latest.pillars.telephone).toMatchObject({ score: 75, source: 'assessor' });
    expect(res.json().results[0]).toMatchObject({ source: 'assessor', ratings, comment: 'Bonne écoute', rubric: 'telephone_role_play_v1', assessedBy: expect.any(String) });

    const { greeting: _g, ...missing } = ratings;
    const bad = await call('POST', url, cookies['counselor@amiens.demo'], { ratings: { ...missing, closing: 5 } });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['ratings.closing', 'ratings.greeting']);
    expect((await call('POST', url, cookies['counselor@besancon.demo'], { ratings })).statusCode).toBe(404);
    expect((await call('POST', url, cookies['employer@amiens.demo'], { ratings })).statusCode).toBe(403);
    expect((await call('POST', url, c.cookie, { ratings })).statusCode).toBe(403);

    expect((await call('GET', `/api/candidates/${c.id}/evaluations`, cookies['advisor@amiens.demo'])).json().results).toHaveLength(1);
    expect((await call('GET', `/api/candidates/${c.id}/evaluations`, cookies['counselor@besancon.demo'])).statusCode).toBe(404);
    // the candidate sees it too
    expect((await call('GET', '/api/evaluations/me', c.cookie)).json().latest.pillars.telephone.score).toBe(75);
  });
});

describe('item bank', () => {
  it('is edited by advisors of the territory, checked item by item', async () => {
    const advisor = cookies['advisor@amiens.demo'];
    const item = { kind: 'multiple_choice', pillar: 'telephone', languageCode: 'fr', prompt: 'Combien de sonneries au plus avant de décrocher ?', choices: ['1', '3', '10'], correctChoice: 1 };
    const created = await call('POST', '/api/territories/amiens/evaluation-items', advisor, item);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...item, isActive: true });
    expect((await call('POST', '/api/territories/amiens/evaluation-items', advisor, { ...item, correctChoice: 3 })).json().error.fields).toHaveProperty('correctChoice');
    expect((await call('POST', '/api/territories/amiens/evaluation-items', advisor, { kind: 'typing', pillar: 'telephone', languageCode: 'fr', prompt: 'x'.repeat(100) })).json().error.fields).toHaveProperty('pillar');
    expect((await call('POST', '/api/territories/amiens/evaluation-items', advisor, { kind: 'search_task', pillar: 'information_search', languageCode: 'fr', prompt: 'Quand ?', resource: 'Lundi', acceptedAnswers: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/territories/amiens/evaluation-items', cookies['counselor@amiens.demo'], item)).statusCode).toBe(403);
    expect((await call('POST', '/api/territories/besancon/evaluation-items', advisor, item)).statusCode).toBe(403);

    const id = created.json().id;
    expect((await call('PATCH', `/api/evaluation-items/${id}`, advisor, { choices: ['1'] })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/evaluation-items/${id}`, advisor, { correctChoice: 5 })).json().error.fields).toHaveProperty('correctChoice');
    const retired = await call('PATCH', `/api/evaluation-items/${id}`, advisor, { isActive: false, prompt: 'Combien de sonneries ?' });
    expect(retired.json()).toMatchObject({ isActive: false, prompt: 'Combien de sonneries ?' });
    const listed = (await call('GET', '/api/territories/amiens/evaluation-items?pillar=telephone', cookies['counselor@amiens.demo'])).json().items;
    expect(listed.map((i: { id: string }) => i.id)).not.toContain(id);
    const all = (await call('GET', '/api/territories/amiens/evaluation-items?pillar=telephone&includeInactive=true', advisor)).json().items;
    expect(all.map((i: { id: string }) => i.id)).toContain(id);
    expect(all[0]).toHaveProperty('correctChoice');
    expect((await call('PATCH', `/api/evaluation-items/${id}`, cookies['admin@guichet.demo'], { isActive: true })).statusCode).toBe(200);
    const besanconAdvisor = await t.login('advisor@besancon.demo');
    expect((await call('PATCH', `/api/evaluation-items/${id}`, besanconAdvisor, { isActive: false })).statusCode).toBe(404);
    expect((await call('GET', '/api/territories/amiens/evaluation-items', cookies['candidate@amiens.demo'])).statusCode).toBe(403);
  });
});

// Last: moves the clock a day forward, past every session opened above.
describe('time limits', () => {
  it('expires an attempt answered after its deadline, and limits attempts to three a day', async () => {
    const c = await newCandidate();
    const first = (await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'telephone' })).json();
    advance(600_000 + 31_000);
    const late = await call('POST', `/api/evaluations/attempts/${first.id}/submit`, c.cookie, { answers: [] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('time_up');
    expect((await call('GET', '/api/evaluations/me', c.cookie)).json().attempts[0]).toMatchObject({ status: 'expired', score: null });
    for (let i = 0; i < 2; i++) {
      const a = (await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'telephone' })).json();
      await call('POST', `/api/evaluations/attempts/${a.id}/submit`, c.cookie, { answers: [] });
    }
    const fourth = await call('POST', '/api/evaluations/attempts', c.cookie, { pillar: 'telephone' });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('too_many_attempts');
    // a day later (sessions last 12 hours: log in again)
    advance(86_400_000);
    const cookie = await t.login(c.email, c.password);
    expect((await call('POST', '/api/evaluations/attempts', cookie, { pillar: 'telephone' })).statusCode).toBe(201);
  });

});
