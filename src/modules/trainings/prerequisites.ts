import type { LanguageLevel, Pillar } from '../../db/schema.ts';
import type { LatestScores } from '../evaluations/repository.ts';

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/**
 * What a candidate lacks to enter a session: each pillar score under its minimum, each language under
 * its level (the latest evaluated CEFR level, else the declared one). Empty when they may enrol.
 */
export function missingPrerequisites(
  session: { min_scores: Partial<Record<Pillar, number>>; languages: LanguageLevel[] },
  declared: LanguageLevel[],
  scores: LatestScores | undefined,
): string[] {
  const missing: string[] = [];
  for (const [pillar, minimum] of Object.entries(session.min_scores) as [Exclude<Pillar, 'language'>, number][]) {
    const score = scores?.pillars[pillar]?.score;
    if (score === undefined) missing.push(`${pillar}: not evaluated yet (minimum ${minimum})`);
    else if (score < minimum) missing.push(`${pillar}: ${score} < ${minimum}`);
  }
  for (const need of session.languages) {
    const evaluated = scores?.languages.find((l) => l.code === need.code)?.cefrLevel ?? null;
    const level = evaluated ?? declared.find((l) => l.code === need.code)?.level ?? null;
    if (level === null || CEFR.indexOf(level) < CEFR.indexOf(need.level)) missing.push(`${need.code}: ${level ?? 'no level'} < ${need.level}`);
  }
  return missing;
}
