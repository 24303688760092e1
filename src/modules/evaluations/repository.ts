import { sql, type Kysely } from 'kysely';
import type { CefrLevel, DB, Pillar } from '../../db/schema.ts';

export type SkillPillar = Exclude<Pillar, 'language'>;
export type ResultSource = DB['evaluation_results']['source'];

export interface PillarScore {
  /** 0–100 */
  score: number;
  source: ResultSource;
  assessedAt: Date;
}

export interface LanguageScore extends PillarScore {
  /** ISO 639-1 */
  code: string;
  cefrLevel: CefrLevel | null;
}

/** A candidate's latest evaluation results: one per skill pillar, one per language. */
export interface LatestScores {
  /** telephone, information_search, it_tools: absent when never evaluated. */
  pillars: Partial<Record<SkillPillar, PillarScore>>;
  /** One entry per language evaluated, by language code. */
  languages: LanguageScore[];
}

/**
 * The latest score per pillar (and per language for the language pillar) of each candidate, whatever
 * its source (online test, assessor, training). Every id asked for is in the map, with empty scores
 * when the candidate has none. Used by the offers and matching modules: keep the shape stable.
 * Takes a db or a transaction.
 */
export async function findLatestScores(db: Kysely<DB>, candidateIds: readonly string[]): Promise<Map<string, LatestScores>> {
  const out = new Map<string, LatestScores>();
  for (const id of candidateIds) out.set(id, { pillars: {}, languages: [] });
  if (candidateIds.length === 0) return out;
  // DISTINCT ON keeps the first row of each (candidate, pillar, language) group in assessed_at order;
  // id breaks ties between results entered at the same instant.
  const rows = await sql<{
    candidate_id: string;
    pillar: Pillar;
    language_code: string | null;
    score: number;
    cefr_level: CefrLevel | null;
    source: ResultSource;
    assessed_at: Date;
  }>`
    SELECT DISTINCT ON (candidate_id, pillar, language_code)
      candidate_id, pillar, language_code, score, cefr_level, source, assessed_at
    FROM evaluation_results
    WHERE candidate_id = ANY(${[...new Set(candidateIds)]}::uuid[])
    ORDER BY candidate_id, pillar, language_code, assessed_at DESC, id DESC
  `.execute(db);
  for (const r of rows.rows) {
    const entry = out.get(r.candidate_id)!;
    const base = { score: r.score, source: r.source, assessedAt: r.assessed_at };
    if (r.pillar === 'language') entry.languages.push({ code: r.language_code!, cefrLevel: r.cefr_level, ...base });
    else entry.pillars[r.pillar] = base;
  }
  for (const entry of out.values()) entry.languages.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}
