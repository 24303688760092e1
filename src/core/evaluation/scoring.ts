/**
 * Scoring of the online tests and of the assessor's rubric, server side. Pure: no clock, the elapsed
 * times are given. Scores are integers 0–100; each item is worth the same.
 */
import { levenshtein } from '../identity/name-similarity.ts';

export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';

export interface ScoringItem {
  id: string;
  kind: 'multiple_choice' | 'search_task' | 'typing';
  /** typing: the text to copy. */
  prompt: string;
  correctChoice: number | null;
  acceptedAnswers: readonly string[];
}

export interface ItemAnswer {
  itemId: string;
  /** multiple_choice: index of the choice picked. */
  choice?: number | null;
  /** search_task: the answer typed. */
  text?: string | null;
  /** typing: what was typed and the figures measured in the page. */
  typing?: { typedText: string; elapsedMs: number; wpm: number; accuracy: number } | null;
}

/** Search-task answers compare without case, accents, spaces or a trailing full stop; "12,50" = "12.50". */
export function normaliseAnswer(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/,/g, '.')
    .replace(/\s+/g, '')
    .replace(/[.!]+$/, '');
}

/**
 * Typing figures from the text typed against the text to copy: gross words per minute (5 characters
 * a word, the usual convention), accuracy (1 − edit distance to the same length of the reference ÷
 * characters typed) and net wpm = gross × accuracy.
 */
export function typingMeasures(reference: string, typed: string, elapsedMs: number) {
  const minutes = elapsedMs / 60_000;
  const grossWpm = minutes > 0 ? typed.length / 5 / minutes : 0;
  const target = reference.slice(0, typed.length);
  const accuracy = typed.length === 0 ? 0 : Math.max(0, 1 - levenshtein(typed, target) / typed.length);
  return { grossWpm, accuracy, netWpm: grossWpm * accuracy };
}

/** Above this, typing speed is not humanly plausible for copying a text (records sit near 200). */
export const MAX_PLAUSIBLE_WPM = 150;
/** Shortest typing measure accepted, in ms: below it the figures mean nothing. */
export const MIN_TYPING_MS = 5_000;
/** Net words per minute that earn the full typing points (a usual call-centre hiring threshold). */
export const FULL_POINTS_NET_WPM = 40;

/**
 * Checks the figures the page measured against what the server can recompute and observe: the time
 * cannot exceed the server's own elapsed time since the test started (plus a 2 s allowance for
 * latency), and speed and accuracy must agree with the text typed. Returns the problems found.
 */
export function checkTypingPlausibility(input: {
  reference: string;
  typedText: string;
  elapsedMs: number;
  wpm: number;
  accuracy: number;
  serverElapsedMs: number;
}): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(input.elapsedMs) || input.elapsedMs < MIN_TYPING_MS) problems.push(`elapsedMs must be at least ${MIN_TYPING_MS}`);
  if (input.elapsedMs > input.serverElapsedMs + 2_000) problems.push('elapsedMs is longer than the time since the test started');
  if (!(input.wpm >= 0 && input.wpm <= MAX_PLAUSIBLE_WPM)) problems.push(`wpm must be between 0 and ${MAX_PLAUSIBLE_WPM}`);
  if (!(input.accuracy >= 0 && input.accuracy <= 1)) problems.push('accuracy must be between 0 and 1');
  if (input.typedText.length > input.reference.length + 20) problems.push('typedText is longer than the text to copy');
  if (problems.length > 0) return problems;
  const measured = typingMeasures(input.reference, input.typedText, input.elapsedMs);
  if (measured.grossWpm > MAX_PLAUSIBLE_WPM) problems.push(`the text typed in that time makes more than ${MAX_PLAUSIBLE_WPM} wpm`);
  if (Math.abs(measured.netWpm - input.wpm) > Math.max(3, 0.1 * measured.netWpm)) problems.push('wpm does not match the text typed in that time');
  if (Math.abs(measured.accuracy - input.accuracy) > 0.05) problems.push('accuracy does not match the text typed');
  return problems;
}

/** Points (0–1) of a typing item: net wpm over FULL_POINTS_NET_WPM, capped at 1. */
export function typingPoints(netWpm: number): number {
  return Math.max(0, Math.min(1, netWpm / FULL_POINTS_NET_WPM));
}

export interface ScoredAttempt {
  /** 0–100 */
  score: number;
  items: { itemId: string; points: number }[];
  typing: { netWpm: number; accuracy: number } | null;
}

/**
 * Scores a test: each item earns 0–1 points (multiple choice and search task all or nothing; typing
 * in proportion to net speed), the score is the mean × 100, rounded. Unanswered items earn 0. The
 * typing figures are the server's recomputation from the text typed and the bounded time
 * (`checkTypingPlausibility` first).
 */
export function scoreAttempt(items: readonly ScoringItem[], answers: readonly ItemAnswer[]): ScoredAttempt {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  let typing: ScoredAttempt['typing'] = null;
  const scored = items.map((item) => {
    const answer = byItem.get(item.id);
    let points = 0;
    if (item.kind === 'multiple_choice') {
      points = answer?.choice != null && answer.choice === item.correctChoice ? 1 : 0;
    } else if (item.kind === 'search_task') {
      const given = answer?.text ? normaliseAnswer(answer.text) : '';
      points = given !== '' && item.acceptedAnswers.some((accepted) => normaliseAnswer(accepted) === given) ? 1 : 0;
    } else if (answer?.typing) {
      const measured = typingMeasures(item.prompt, answer.typing.typedText, answer.typing.elapsedMs);
      typing = { netWpm: measured.netWpm, accuracy: measured.accuracy };
      points = typingPoints(measured.netWpm);
    }
    return { itemId: item.id, points };
  });
  const total = scored.reduce((sum, s) => sum + s.points, 0);
  return { score: items.length === 0 ? 0 : Math.round((100 * total) / items.length), items: scored, typing };
}

/**
 * CEFR level shown for a language score (a modelling choice, not an official equivalence): 15 → A1,
 * 30 → A2, 45 → B1, 60 → B2, 75 → C1, 90 → C2; below 15, no level.
 */
export function cefrFromScore(score: number): CefrLevel | null {
  const thresholds: [number, CefrLevel][] = [
    [90, 'C2'],
    [75, 'C1'],
    [60, 'B2'],
    [45, 'B1'],
    [30, 'A2'],
    [15, 'A1'],
  ];
  for (const [min, level] of thresholds) if (score >= min) return level;
  return null;
}

/** An assessor's grid: criteria, each rated on the same levels 0..maxLevel. */
export interface Rubric {
  id: string;
  criteria: readonly string[];
  /** Highest level of each criterion; levels run 0..maxLevel. */
  maxLevel: number;
}

/**
 * The telephone role-play grid (a simulated inbound call played by the counsellor): greeting,
 * discovering the need, reformulating, the answer given, voice and courtesy, closing the call.
 * Levels: 0 not observed, 1 insufficient, 2 acceptable, 3 good, 4 excellent.
 */
export const telephoneRolePlayRubric: Rubric = {
  id: 'telephone_role_play_v1',
  criteria: ['greeting', 'need_discovery', 'reformulation', 'solution', 'voice_courtesy', 'closing'],
  maxLevel: 4,
};

/** Score 0–100 of a complete rating: the sum of levels over the maximum. Throws on a missing or out-of-range rating. */
export function scoreRubric(rubric: Rubric, ratings: Readonly<Record<string, number>>): number {
  const problems = rubricProblems(rubric, ratings);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const sum = rubric.criteria.reduce((s, c) => s + ratings[c], 0);
  return Math.round((100 * sum) / (rubric.criteria.length * rubric.maxLevel));
}

/** What is wrong with a rating, by criterion (empty when it is complete and in range). */
export function rubricProblems(rubric: Rubric, ratings: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const c of rubric.criteria) {
    const v = ratings[c];
    if (v === undefined) problems.push(`${c}: missing`);
    else if (!Number.isInteger(v) || v < 0 || v > rubric.maxLevel) problems.push(`${c}: must be an integer from 0 to ${rubric.maxLevel}`);
  }
  for (const key of Object.keys(ratings)) if (!rubric.criteria.includes(key)) problems.push(`${key}: not a criterion of ${rubric.id}`);
  return problems;
}
