import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  cefrFromScore,
  checkTypingPlausibility,
  rubricProblems,
  scoreAttempt,
  scoreRubric,
  telephoneRolePlayRubric,
  type ScoringItem,
} from '../../core/evaluation/scoring.ts';
import type { DB, Pillar } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { systemClock, type Clock } from '../auth/service.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createEvaluationRepository, findLatestScores } from './repository.ts';
import { ItemInput, type Attempt, type AttemptScore, type Item, type ItemPatch, type ResultHistory, type SubmitBody, type TestSummary } from './schema.ts';

/** Items drawn for one test. */
export const TEST_SIZE = 8;
/** Tests started per test and candidate in 24 hours: retaking is allowed, trawling the bank is not. */
export const ATTEMPTS_PER_DAY = 3;
/** Answers are accepted this long after the deadline (network latency, a slow phone). */
const GRACE_MS = 30_000;
const TIME_LIMIT_SECONDS: Record<Pillar, number> = { telephone: 600, information_search: 1200, it_tools: 900, language: 900 };

/** What an attempt keeps of each item drawn: enough to score it later, whatever happens to the bank. */
interface ItemSnapshot extends ScoringItem {
  resource: string;
  choices: string[];
  languageCode: string;
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof createEvaluationRepository>['listItems']>>[number];
type AttemptRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createEvaluationRepository>['findAttempt']>>>;

function toItem(r: ItemRow): z.infer<typeof Item> {
  return {
    id: r.id,
    pillar: r.pillar,
    kind: r.kind,
    languageCode: r.language_code,
    prompt: r.prompt,
    resource: r.resource,
    choices: r.choices,
    correctChoice: r.correct_choice,
    acceptedAnswers: r.accepted_answers,
    isActive: r.is_active,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A uniform random sample of `n` items (Fisher–Yates on a copy). */
function sample<T>(items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

export function createEvaluationService({ db, clock = systemClock }: { db: Kysely<DB>; clock?: Clock }) {
  const repo = createEvaluationRepository(db);

  /** The candidate record of the logged-in candidate (live). */
  async function ownCandidate(auth: AuthContext) {
    const c = await db.selectFrom('candidates').select(['id', 'territory_id', 'anonymised_at', 'merged_into_id']).where('user_id', '=', auth.userId).executeTakeFirst();
    if (!c) throw new NotFoundError('candidate profile');
    return c;
  }

  /** A candidate the staff member may act on (admins anywhere, others in their territory; else 404). */
  async function staffCandidate(auth: AuthContext, id: string) {
    const c = await db.selectFrom('candidates').select(['id', 'territory_id', 'anonymised_at', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
    if (!c || (auth.role !== 'admin' && c.territory_id !== auth.territoryId)) throw new NotFoundError('candidate', id);
    return c;
  }

  async function staffItem(auth: AuthContext, id: string) {
    const item = await repo.findItem(id);
    if (!item || (auth.role !== 'admin' && item.territory_id !== auth.territoryId)) throw new NotFoundError('evaluation item', id);
    return item;
  }

  const deadlineOf = (a: AttemptRow) => new Date(a.started_at.getTime() + a.time_limit_seconds * 1000);

  function toAttempt(a: AttemptRow): z.infer<typeof Attempt> {
    return {
      id: a.id,
      pillar: a.pillar,
      languageCode: a.language_code,
      status: a.status,
      startedAt: a.started_at.toISOString(),
      deadline: deadlineOf(a).toISOString(),
      timeLimitSeconds: a.time_limit_seconds,
      // never the right answers
      items: (a.items as ItemSnapshot[]).map((i) => ({ id: i.id, kind: i.kind, prompt: i.prompt, resource: i.resource, choices: i.choices })),
    };
  }

  /** Expires an attempt past its deadline and grace; returns whether it is still open. */
  async function stillOpen(a: AttemptRow, now: Date, r = repo): Promise<boolean> {
    if (a.status !== 'in_progress') return false;
    if (now.getTime() <= deadlineOf(a).getTime() + GRACE_MS) return true;
    await r.updateAttempt(a.id, { status: 'expired', finished_at: now, duration_seconds: Math.round((now.getTime() - a.started_at.getTime()) / 1000) });
    return false;
  }

  /** Item language of a non-language test: French when the bank has it, else its first language. */
  function testKey(pillar: Pillar, attemptLanguage: string | null, itemLanguage: string) {
    return pillar === 'language' ? `${pillar}:${attemptLanguage}` : `${pillar}:${itemLanguage}`;
  }

  return {
    // ---- item bank ----
    async listItems(auth: AuthContext, code: string, query: { pillar?: Pillar; languageCode?: string; includeInactive: boolean }) {
      const t = await resolveTerritory(db, auth, code);
      return { items: (await repo.listItems(t.id, query)).map(toItem) };
    },

    async createItem(auth: AuthContext, code: string, input: ItemInput) {
      const t = await resolveTerritory(db, auth, code);
      const id = await repo.insertItem({
        territory_id: t.id,
        pillar: input.pillar,
        kind: input.kind,
        language_code: input.languageCode,
        prompt: input.prompt,
        resource: input.kind === 'search_task' ? input.resource : '',
        choices: JSON.stringify(input.kind === 'multiple_choice' ? input.choices : []),
        correct_choice: input.kind === 'multiple_choice' ? input.correctChoice : null,
        accepted_answers: input.kind === 'search_task' ? input.acceptedAnswers : [],
        created_by: auth.userId,
      });
      return toItem((await repo.findItem(id))!);
    },

    /** Changes an item; the result must still be a valid item of its kind. */
    async updateItem(auth: AuthContext, id: string, patch: z.infer<typeof ItemPatch>) {
      const item = await staffItem(auth, id);
      const merged = {
        kind: item.kind,
        pillar: patch.pillar ?? item.pillar,
        languageCode: patch.languageCode ?? item.language_code,
        prompt: patch.prompt ?? item.prompt,
        ...(item.kind === 'multiple_choice' ? { choices: patch.choices ?? item.choices, correctChoice: patch.correctChoice ?? item.correct_choice } : {}),
        ...(item.kind === 'search_task' ? { resource: patch.resource ?? item.resource, acceptedAnswers: patch.acceptedAnswers ?? item.accepted_answers } : {}),
      };
      const checked = ItemInput.safeParse(merged);
      if (!checked.success) {
        throw new ValidationError(Object.fromEntries(checked.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
      }
      const v = checked.data;
      await repo.updateItem(id, {
        pillar: v.pillar,
        language_code: v.languageCode,
        prompt: v.prompt,
        resource: v.kind === 'search_task' ? v.resource : '',
        choices: JSON.stringify(v.kind === 'multiple_choice' ? v.choices : []),
        correct_choice: v.kind === 'multiple_choice' ? v.correctChoice : null,
        accepted_answers: v.kind === 'search_task' ? v.acceptedAnswers : [],
        ...(patch.isActive !== undefined ? { is_active: patch.isActive } : {}),
        updated_at: clock.now(),
      });
      return toItem((await repo.findItem(id))!);
    },

    // ---- tests taken by the candidate ----
    /** The tests the candidate's territory offers, with their last score and what is left today. */
    async tests(auth: AuthContext): Promise<z.infer<typeof TestSummary>[]> {
      const c = await ownCandidate(auth);
      const now = clock.now();
      const [bank, attempts] = await Promise.all([repo.testsOf(c.territory_id), repo.attemptsOf(c.id)]);
      const byTest = new Map<string, AttemptRow[]>();
      for (const a of attempts) {
        const lang = a.pillar === 'language' ? a.language_code : ((a.items as ItemSnapshot[])[0]?.languageCode ?? '');
        const key = testKey(a.pillar, a.language_code, lang ?? '');
        (byTest.get(key) ?? byTest.set(key, []).get(key)!).push(a);
      }
      return bank.map((b) => {
        const list = byTest.get(testKey(b.pillar, b.language_code, b.language_code)) ?? [];
        const lastScored = list.find((a) => a.status === 'scored');
        const open = list.find((a) => a.status === 'in_progress' && now.getTime() <= deadlineOf(a).getTime() + GRACE_MS);
        const today = list.filter((a) => now.getTime() - a.started_at.getTime() < 86_400_000).length;
        return {
          pillar: b.pillar,
          languageCode: b.language_code,
          itemCount: Math.min(Number(b.n), TEST_SIZE),
          timeLimitSeconds: TIME_LIMIT_SECONDS[b.pillar],
          attemptsLeftToday: Math.max(0, ATTEMPTS_PER_DAY - today),
          lastScore: lastScored?.score ?? null,
          lastTakenAt: lastScored?.finished_at?.toISOString() ?? null,
          inProgressAttemptId: open?.id ?? null,
        };
      });
    },

    /** Starts (or resumes) a test: items drawn at random from the bank, the clock started by the server. */
    async start(auth: AuthContext, input: { pillar: Pillar; languageCode?: string }) {
      const c = await ownCandidate(auth);
      if (c.anonymised_at || c.merged_into_id) throw new ConflictError('This record was erased or merged.');
      const language = input.languageCode ?? (input.pillar === 'language' ? undefined : 'fr');
      if (!language) throw new ValidationError({ languageCode: 'is required for a language test: the language to test, e.g. "en"' });
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const r = createEvaluationRepository(tx);
        // one start at a time per candidate: the row lock orders concurrent clicks
        await tx.selectFrom('candidates').select('id').where('id', '=', c.id).forUpdate().execute();
        const mine = (await r.attemptsOf(c.id)).filter((a) => testKey(a.pillar, a.language_code, (a.items as ItemSnapshot[])[0]?.languageCode ?? '') === `${input.pillar}:${language}`);
        for (const a of mine) if (await stillOpen(a, now, r)) return { created: false, attempt: toAttempt(a) };
        if (mine.filter((a) => now.getTime() - a.started_at.getTime() < 86_400_000).length >= ATTEMPTS_PER_DAY) {
          throw new AppError(429, 'too_many_attempts', `At most ${ATTEMPTS_PER_DAY} attempts a day at each test: try again tomorrow.`);
        }
        const bank = await r.listItems(c.territory_id, { pillar: input.pillar, languageCode: language });
        if (bank.length === 0) throw new NotFoundError('test', `${input.pillar} (${language})`);
        const typing = bank.filter((i) => i.kind === 'typing');
        const others = bank.filter((i) => i.kind !== 'typing');
        // at most one typing exercise, placed last
        const drawn = [...sample(others, TEST_SIZE - (typing.length ? 1 : 0)), ...sample(typing, 1)];
        const snapshot: ItemSnapshot[] = drawn.map((i) => ({
          id: i.id,
          kind: i.kind,
          prompt: i.prompt,
          resource: i.resource,
          choices: i.choices,
          correctChoice: i.correct_choice,
          acceptedAnswers: i.accepted_answers,
          languageCode: i.language_code,
        }));
        const row = await r.insertAttempt({
          candidate_id: c.id,
          territory_id: c.territory_id,
          pillar: input.pillar,
          language_code: input.pillar === 'language' ? language : null,
          items: JSON.stringify(snapshot),
          time_limit_seconds: TIME_LIMIT_SECONDS[input.pillar],
          started_at: now,
        });
        return { created: true, attempt: toAttempt(row) };
      });
    },

    async getAttempt(auth: AuthContext, id: string) {
      const c = await ownCandidate(auth);
      const a = await repo.findAttempt(id);
      if (!a || a.candidate_id !== c.id) throw new NotFoundError('attempt', id);
      await stillOpen(a, clock.now());
      return toAttempt((await repo.findAttempt(id))!);
    },

    /**
     * Scores the answers on the server. Only the typing figures come from the page, and they are
     * checked against the text typed and the server's own clock (checkTypingPlausibility).
     */
    async submit(auth: AuthContext, id: string, body: z.infer<typeof SubmitBody>): Promise<z.infer<typeof AttemptScore>> {
      const c = await ownCandidate(auth);
      const now = clock.now();
      const outcome = await db.transaction().execute(async (tx) => {
        const r = createEvaluationRepository(tx);
        const a = await r.findAttempt(id, { lock: true });
        if (!a || a.candidate_id !== c.id) throw new NotFoundError('attempt', id);
        if (a.status !== 'in_progress') throw new ConflictError(`This attempt is already ${a.status === 'scored' ? 'scored' : 'closed'}.`);
        if (!(await stillOpen(a, now, r))) return { expired: true as const };
        const items = a.items as ItemSnapshot[];
        const ids = new Set(items.map((i) => i.id));
        const fields: Record<string, string> = {};
        const serverElapsedMs = now.getTime() - a.started_at.getTime();
        body.answers.forEach((answer, k) => {
          if (!ids.has(answer.itemId)) fields[`answers.${k}.itemId`] = 'is not a question of this attempt';
          const item = items.find((i) => i.id === answer.itemId);
          if (item?.kind === 'typing' && answer.typing) {
            const problems = checkTypingPlausibility({ reference: item.prompt, ...answer.typing, serverElapsedMs });
            if (problems.length) fields[`answers.${k}.typing`] = problems.join('; ');
          }
        });
        if (new Set(body.answers.map((x) => x.itemId)).size !== body.answers.length) fields.answers = 'answer each question once';
        if (Object.keys(fields).length) throw new ValidationError(fields);
        const scored = scoreAttempt(items, body.answers);
        const durationSeconds = Math.round(serverElapsedMs / 1000);
        const cefrLevel = a.pillar === 'language' ? cefrFromScore(scored.score) : null;
        await r.updateAttempt(a.id, {
          status: 'scored',
          finished_at: now,
          duration_seconds: durationSeconds,
          answers: JSON.stringify(body.answers),
          item_scores: JSON.stringify(scored.items),
          typing_wpm: scored.typing ? Math.round(scored.typing.netWpm * 10) / 10 : null,
          typing_accuracy: scored.typing ? Math.round(scored.typing.accuracy * 1000) / 1000 : null,
          score: scored.score,
        });
        await r.insertResult({
          candidate_id: c.id,
          pillar: a.pillar,
          language_code: a.language_code,
          score: scored.score,
          cefr_level: cefrLevel,
          source: 'online_test',
          attempt_id: a.id,
          assessed_at: now,
        });
        return {
          expired: false as const,
          result: {
            attemptId: a.id,
            pillar: a.pillar,
            languageCode: a.language_code,
            score: scored.score,
            cefrLevel,
            durationSeconds,
            items: scored.items,
            typing: scored.typing ? { netWpm: Math.round(scored.typing.netWpm * 10) / 10, accuracy: Math.round(scored.typing.accuracy * 1000) / 1000 } : null,
          },
        };
      });
      // the expiry is committed before answering
      if (outcome.expired) throw new AppError(409, 'time_up', 'The time allowed for this test is over: the answers were not scored. Start a new attempt.');
      return outcome.result;
    },

    // ---- results ----
    async myHistory(auth: AuthContext) {
      return history((await ownCandidate(auth)).id);
    },
    async history(auth: AuthContext, candidateId: string) {
      return history((await staffCandidate(auth, candidateId)).id);
    },

    rubrics() {
      return { items: [{ id: telephoneRolePlayRubric.id, pillar: 'telephone' as const, criteria: [...telephoneRolePlayRubric.criteria], maxLevel: telephoneRolePlayRubric.maxLevel }] };
    },

    /** A counsellor scores a telephone role-play with the rubric: one assessor result with its ratings. */
    async assessRolePlay(auth: AuthContext, candidateId: string, input: { ratings: Record<string, number>; comment: string }) {
      const c = await staffCandidate(auth, candidateId);
      if (c.anonymised_at || c.merged_into_id) throw new ConflictError('This record was erased or merged.');
      const problems = rubricProblems(telephoneRolePlayRubric, input.ratings);
      if (problems.length) throw new ValidationError(Object.fromEntries(problems.map((p) => [`ratings.${p.split(':')[0]}`, p.slice(p.indexOf(':') + 2)])));
      const score = scoreRubric(telephoneRolePlayRubric, input.ratings);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const r = createEvaluationRepository(tx);
        const resultId = await r.insertResult({ candidate_id: c.id, pillar: 'telephone', score, source: 'assessor', assessed_by: auth.userId, assessed_at: now });
        await r.insertAssessment({ result_id: resultId, rubric: telephoneRolePlayRubric.id, ratings: JSON.stringify(input.ratings), comment: input.comment });
      });
      return history(c.id);
    },
  };

  async function history(candidateId: string): Promise<z.infer<typeof ResultHistory>> {
    const [results, attempts, latest] = await Promise.all([repo.resultsOf(candidateId), repo.attemptsOf(candidateId), findLatestScores(db, [candidateId])]);
    const l = latest.get(candidateId)!;
    const iso = (d: Date) => d.toISOString();
    return {
      latest: {
        pillars: Object.fromEntries(Object.entries(l.pillars).map(([k, v]) => [k, { score: v.score, source: v.source, assessedAt: iso(v.assessedAt) }])),
        languages: l.languages.map((x) => ({ code: x.code, score: x.score, cefrLevel: x.cefrLevel, source: x.source, assessedAt: iso(x.assessedAt) })),
      },
      results: results.map((r) => ({
        id: r.id,
        pillar: r.pillar,
        languageCode: r.language_code,
        score: r.score,
        cefrLevel: r.cefr_level,
        source: r.source,
        assessedAt: iso(r.assessed_at),
        assessedBy: r.assessor_name,
        rubric: r.rubric,
        ratings: r.ratings,
        comment: r.comment,
      })),
      attempts: attempts.map((a) => ({
        id: a.id,
        pillar: a.pillar,
        languageCode: a.language_code,
        status: a.status,
        score: a.score,
        startedAt: iso(a.started_at),
        durationSeconds: a.duration_seconds,
      })),
    };
  }
}
export type EvaluationService = ReturnType<typeof createEvaluationService>;
