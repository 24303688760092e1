import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
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

/** Item bank, attempts and results: the only SQL of evaluations. Takes a db or a transaction. */
export function createEvaluationRepository(db: Kysely<DB>) {
  return {
    listItems(territoryId: string, filter: { pillar?: Pillar; languageCode?: string; includeInactive?: boolean }) {
      let q = db.selectFrom('evaluation_items').selectAll().where('territory_id', '=', territoryId);
      if (filter.pillar) q = q.where('pillar', '=', filter.pillar);
      if (filter.languageCode) q = q.where('language_code', '=', filter.languageCode);
      if (!filter.includeInactive) q = q.where('is_active', '=', true);
      return q.orderBy('pillar').orderBy('language_code').orderBy('kind').orderBy('created_at').orderBy('id').execute();
    },

    findItem(id: string) {
      return db.selectFrom('evaluation_items').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertItem(values: Insertable<DB['evaluation_items']>) {
      return (await db.insertInto('evaluation_items').values(values).returning('id').executeTakeFirstOrThrow()).id;
    },

    async updateItem(id: string, values: Updateable<DB['evaluation_items']>) {
      await db.updateTable('evaluation_items').set(values).where('id', '=', id).execute();
    },

    /** The tests a territory's bank can make: one per pillar, and per language for the language pillar. */
    testsOf(territoryId: string) {
      return db
        .selectFrom('evaluation_items')
        .select(['pillar', 'language_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('territory_id', '=', territoryId)
        .where('is_active', '=', true)
        .groupBy(['pillar', 'language_code'])
        .orderBy('pillar')
        .orderBy('language_code')
        .execute();
    },

    async insertAttempt(values: Insertable<DB['evaluation_attempts']>) {
      return db.insertInto('evaluation_attempts').values(values).returningAll().executeTakeFirstOrThrow();
    },

    findAttempt(id: string, options: { lock?: boolean } = {}) {
      let q = db.selectFrom('evaluation_attempts').selectAll().where('id', '=', id);
      if (options.lock) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    attemptsOf(candidateId: string) {
      return db.selectFrom('evaluation_attempts').selectAll().where('candidate_id', '=', candidateId).orderBy('started_at', 'desc').execute();
    },

    async updateAttempt(id: string, values: Updateable<DB['evaluation_attempts']>) {
      await db.updateTable('evaluation_attempts').set(values).where('id', '=', id).execute();
    },

    async insertResult(values: Insertable<DB['evaluation_results']>) {
      return (await db.insertInto('evaluation_results').values(values).returning('id').executeTakeFirstOrThrow()).id;
    },

    async insertAssessment(values: Insertable<DB['evaluation_assessments']>) {
      await db.insertInto('evaluation_assessments').values(values).execute();
    },

    resultsOf(candidateId: string) {
      return db
        .selectFrom('evaluation_results')
        .leftJoin('evaluation_assessments', 'evaluation_assessments.result_id', 'evaluation_results.id')
        .leftJoin('users', 'users.id', 'evaluation_results.assessed_by')
        .selectAll('evaluation_results')
        .select(['evaluation_assessments.rubric', 'evaluation_assessments.ratings', 'evaluation_assessments.comment', 'users.display_name as assessor_name'])
        .where('evaluation_results.candidate_id', '=', candidateId)
        .orderBy('evaluation_results.assessed_at', 'desc')
        .orderBy('evaluation_results.id')
        .execute();
    },
  };
}
export type EvaluationRepository = ReturnType<typeof createEvaluationRepository>;
