import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { findLatestScores } from './repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function freshCandidate(territory = 'amiens'): Promise<string> {
  const db = t.database.db;
  const territoryRow = await db.selectFrom('territories').select('id').where('code', '=', territory).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('candidates')
    .values({ territory_id: territoryRow.id, first_name: 'Test', last_name: 'Scores' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('findLatestScores', () => {
  it('returns the latest score per pillar and per language, and an empty entry for the unevaluated', async () => {
    const db = t.database.db;
    const a = await freshCandidate();
    const b = await freshCandidate();
    const none = await freshCandidate();
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
  });

  it('refuses results the schema forbids: a score out of 0..100, a language result without its language', async () => {
    const db = t.database.db;
    const a = await freshCandidate();
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'telephone', score: 101, source: 'training' }).execute()).rejects.toThrow();
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'language', score: 50, source: 'training' }).execute()).rejects.toThrow();
    await expect(db.insertInto('evaluation_results').values({ candidate_id: a, pillar: 'telephone', score: 50, source: 'online_test' }).execute()).rejects.toThrow();
  });
});
