import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../core/geo/haversine.ts';
import { CEFR_LEVELS } from '../../core/matching/score.ts';
import type { Database } from '../../db/database.ts';
import type { LanguageLevel } from '../../db/schema.ts';
import { createTestDatabase } from '../../test/database.ts';
import { createPositioningRepository, type CandidateRow } from './repository.ts';

/**
 * The SQL pre-filter of a positioning run (offerPairs) against a reference computed here pair by pair:
 * it must keep every pair within the radius whose languages are within the margin (the exact scoring
 * and the training pathway could use it) and drop every pair clearly beyond either.
 */
let database: Database;
let candidates: CandidateRow[];
/** Best declared or evaluated level index (1..6) per candidate and language. */
const levels = new Map<string, Map<string, number>>();

beforeAll(async () => {
  database = await createTestDatabase({ content: 'demo' });
  const { db } = database;
  const territory = await db.selectFrom('territories').select('id').where('code', '=', 'amiens').executeTakeFirstOrThrow();
  const repo = createPositioningRepository(db);
  candidates = [];
  for (let after: string | null = null; ; ) {
    const batch = await repo.candidateBatch(territory.id, after, 1000);
    if (batch.length === 0) break;
    candidates.push(...batch);
    after = batch[batch.length - 1].id;
  }
  const evaluated = await db
    .selectFrom('evaluation_results')
    .select(['candidate_id', 'language_code', 'cefr_level'])
    .where('pillar', '=', 'language')
    .where('cefr_level', 'is not', null)
    .execute();
  const raise = (id: string, code: string, level: string) => {
    const m = levels.get(id) ?? new Map<string, number>();
    m.set(code, Math.max(m.get(code) ?? 0, CEFR_LEVELS.indexOf(level as (typeof CEFR_LEVELS)[number]) + 1));
    levels.set(id, m);
  };
  for (const c of candidates) for (const l of c.languages) raise(c.id, l.code, l.level);
  for (const e of evaluated) if (e.language_code && e.cefr_level) raise(e.candidate_id, e.language_code, e.cefr_level);
});
afterAll(async () => {
  await database?.close();
});

/** Offers around Amiens (49.894 N, 2.296 E) with requirements from none to demanding, some sharing a place. */
function offers(): { id: string; lat: number; lon: number; languages: LanguageLevel[] }[] {
  const places = [
    [49.894, 2.296],
    [49.894, 2.296],
    [49.93, 2.35],
    [49.82, 2.2],
    [50.1, 2.0],
    [49.6, 2.6],
    [49.95, 2.1],
    [49.894, 2.5],
  ];
  const requirements: LanguageLevel[][] = [
    [],
    [{ code: 'fr', level: 'B2' }],
    [{ code: 'fr', level: 'C1' }, { code: 'en', level: 'B1' }],
    [{ code: 'en', level: 'B2' }],
    [{ code: 'de', level: 'A2' }],
    [{ code: 'fr', level: 'C2' }, { code: 'en', level: 'C1' }],
  ];
  const out = [];
  for (const [k, [lat, lon]] of places.entries()) {
    for (let r = 0; r < 3; r++) out.push({ id: randomUUID(), lat, lon, languages: requirements[(k + r * 2) % requirements.length] });
  }
  return out;
}

describe('positioning pre-filter (offerPairs)', () => {
  for (const margin of [0, 1]) {
    it(`keeps every pair within the radius and the languages (margin ${margin} level), and drops the pairs clearly beyond`, async () => {
      const targets = offers();
      const repo = createPositioningRepository(database.db);
      const pairs = new Map<string, number[]>();
      for (let i = 0; i < candidates.length; i += 700) {
        const part = await repo.offerPairs(
          candidates.slice(i, i + 700).map((c) => c.id),
          targets,
          margin,
        );
        for (const [id, list] of part) pairs.set(id, list);
      }
      let kept = 0;
      let dropped = 0;
      for (const c of candidates) {
        const got = pairs.get(c.id) ?? [];
        expect(got).toEqual([...got].sort((a, b) => a - b));
        for (const [j, o] of targets.entries()) {
          const d = c.lat === null || c.lon === null ? Infinity : haversineKm({ latDeg: c.lat, lonDeg: c.lon }, { latDeg: o.lat, lonDeg: o.lon });
          const languagesOk = o.languages.every((l) => (levels.get(c.id)?.get(l.code) ?? 0) >= CEFR_LEVELS.indexOf(l.level) + 1 - margin);
          const inSql = got.includes(j);
          if (d <= c.mobility_km && languagesOk) {
            expect(inSql, `candidate ${c.id} → offer ${j}: ${d.toFixed(3)} km ≤ ${c.mobility_km}, languages ok`).toBe(true);
            kept++;
          } else if (d > c.mobility_km * 1.002 + 0.02 || !languagesOk) {
            expect(inSql, `candidate ${c.id} → offer ${j}: ${d.toFixed(3)} km vs ${c.mobility_km}, languages ${languagesOk ? 'ok' : 'missing'}`).toBe(false);
            dropped++;
          }
        }
      }
      // both sides are exercised on the demo population
      expect(kept).toBeGreaterThan(1000);
      expect(dropped).toBeGreaterThan(1000);
    });
  }

  it('returns nothing for no candidates or no offers', async () => {
    const repo = createPositioningRepository(database.db);
    expect((await repo.offerPairs([], offers(), 1)).size).toBe(0);
    expect((await repo.offerPairs([candidates[0].id], [], 1)).size).toBe(0);
  });
});
