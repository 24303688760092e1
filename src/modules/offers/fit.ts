import { createHash } from 'node:crypto';
import {
  explainPart,
  fitScore,
  type CefrLevel as FitCefr,
  type ContractType as FitContract,
  type FitCandidate,
  type FitOffer,
  type FitResult,
  type Pillar as FitPillar,
  type Shift as FitShift,
  type WorkingTime,
} from '../../core/matching/score.ts';
import type { TrainingContent } from '../../core/matching/pathway.ts';
import type { ContractType, LanguageLevel, Pillar, Shift, WorkTime } from '../../db/schema.ts';
import type { LatestScores } from '../evaluations/repository.ts';

/**
 * Adapts database rows to the pure fit score (src/core/matching/score.ts), whose vocabulary differs:
 * pillars telephone → telephoneInterview…, the 'weekend' shift → Saturday and Sunday, cdi → CDI…
 */

const PILLAR: Record<Exclude<Pillar, 'language'>, FitPillar> = {
  telephone: 'telephoneInterview',
  information_search: 'informationSearch',
  it_tools: 'itTools',
};
const CONTRACT: Record<ContractType, FitContract> = { cdi: 'CDI', cdd: 'CDD', temp: 'temp', work_study: 'work-study' };
const WORK_TIME: Record<'full_time' | 'part_time', WorkingTime> = { full_time: 'full-time', part_time: 'part-time' };
const ALL_SHIFTS: FitShift[] = ['morning', 'afternoon', 'evening', 'night', 'saturday', 'sunday'];

function fitShifts(shifts: readonly Shift[]): FitShift[] {
  return shifts.flatMap((s): FitShift[] => (s === 'weekend' ? ['saturday', 'sunday'] : [s]));
}

export interface CandidateForFit {
  id: string;
  lat: number | null;
  lon: number | null;
  mobility_km: number;
  languages: LanguageLevel[];
  shifts: Shift[];
  work_time: WorkTime | null;
  contract_wishes: ContractType[];
}

export interface OfferForFit {
  lat: number;
  lon: number;
  languages: LanguageLevel[];
  min_scores: Partial<Record<Pillar, number>>;
  shifts: Shift[];
  work_time: 'full_time' | 'part_time';
  contract: ContractType;
}

/**
 * Modelling choices of the adapter:
 * - a pillar never evaluated counts as 0 (an offer with a minimum on it then excludes the candidate);
 * - a language level is the latest evaluated CEFR level when there is one, else the declared one;
 * - a candidate who declared no shift is taken as available for all (the field is recent; most
 *   profiles do not have it yet), and no working time means either.
 */
export function toFitCandidate(c: CandidateForFit, scores: LatestScores | undefined): FitCandidate | null {
  if (c.lat === null || c.lon === null) return null; // no home commune: distance unknown
  const languages: Partial<Record<string, FitCefr>> = {};
  for (const l of c.languages) languages[l.code] = l.level;
  for (const l of scores?.languages ?? []) if (l.cefrLevel) languages[l.code] = l.cefrLevel;
  return {
    home: { latDeg: c.lat, lonDeg: c.lon },
    mobilityRadiusKm: c.mobility_km,
    languages,
    pillarScores: {
      telephoneInterview: scores?.pillars.telephone?.score ?? 0,
      informationSearch: scores?.pillars.information_search?.score ?? 0,
      itTools: scores?.pillars.it_tools?.score ?? 0,
    },
    shifts: c.shifts.length === 0 ? ALL_SHIFTS : fitShifts(c.shifts),
    workingTimes: c.work_time === 'full_time' || c.work_time === 'part_time' ? [WORK_TIME[c.work_time]] : [],
    contractWishes: c.contract_wishes.map((w) => CONTRACT[w]),
  };
}

export function toFitOffer(o: OfferForFit): FitOffer {
  const min = (p: keyof typeof PILLAR) => o.min_scores[p] ?? 0;
  return {
    site: { latDeg: o.lat, lonDeg: o.lon },
    languages: o.languages.map((l) => ({ language: l.code, minimum: l.level })),
    pillarMinimums: { [PILLAR.telephone]: min('telephone'), [PILLAR.information_search]: min('information_search'), [PILLAR.it_tools]: min('it_tools') } as Record<FitPillar, number>,
    shifts: fitShifts(o.shifts),
    workingTime: WORK_TIME[o.work_time],
    contract: CONTRACT[o.contract],
  };
}

export interface SessionForFit {
  min_scores: Partial<Record<Pillar, number>>;
  languages: LanguageLevel[];
  raises: { pillar: Pillar; languageCode: string | null; points: number }[];
}

/**
 * A training session as the pathway sees it (src/core/matching/pathway.ts). Pillar raises are points
 * on the 0–100 score; a language raise is also given in points, read as CEFR levels at 100/6 points
 * per level (the six levels span the scale), at least one.
 */
export function toTrainingContent(s: SessionForFit): TrainingContent {
  const pillarGainPoints: Partial<Record<FitPillar, number>> = {};
  const languageGainLevels: Partial<Record<string, number>> = {};
  for (const r of s.raises) {
    if (r.pillar === 'language') {
      if (r.languageCode) languageGainLevels[r.languageCode] = Math.max(1, Math.round((r.points * 6) / 100));
    } else {
      pillarGainPoints[PILLAR[r.pillar]] = r.points;
    }
  }
  const pillarMinimums: Partial<Record<FitPillar, number>> = {};
  for (const [p, v] of Object.entries(s.min_scores)) if (p !== 'language' && v !== undefined) pillarMinimums[PILLAR[p as keyof typeof PILLAR]] = v;
  const languages: Partial<Record<string, FitCefr>> = {};
  for (const l of s.languages) languages[l.code] = l.level;
  return { pillarGainPoints, languageGainLevels, prerequisites: { pillarMinimums, languages } };
}

export interface ExplainedFit {
  eligible: boolean;
  score: number;
  distanceKm: number;
  parts: { code: string; points: number; maxPoints: number; blocking: boolean; label: string }[];
}

export function explainFit(result: FitResult, locale: 'fr' | 'en'): ExplainedFit {
  const distance = result.parts.find((p) => p.code === 'distance-within' || p.code === 'distance-over');
  return {
    eligible: result.eligible,
    score: result.eligible ? result.score : 0,
    distanceKm: distance && 'distanceKm' in distance ? Math.round(distance.distanceKm * 10) / 10 : 0,
    parts: result.parts.map((p) => ({ code: p.code, points: p.points, maxPoints: p.maxPoints, blocking: p.blocking, label: explainPart(p, locale) })),
  };
}

export function fitOf(candidate: CandidateForFit, scores: LatestScores | undefined, offer: OfferForFit, locale: 'fr' | 'en'): ExplainedFit | null {
  const c = toFitCandidate(candidate, scores);
  return c ? explainFit(fitScore(c, toFitOffer(offer)), locale) : null;
}

/**
 * Pseudonymous reference of a candidate for one employer: stable, different for each employer (so two
 * employers cannot link their shortlists), not reversible without the candidate's random id.
 */
export function candidateRef(employerId: string, candidateId: string): string {
  return `C-${createHash('sha256').update(`${employerId}:${candidateId}`).digest('hex').slice(0, 10).toUpperCase()}`;
}
