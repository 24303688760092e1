/**
 * Training pathway (DOMAIN.md §4): a candidate who narrowly misses an offer's thresholds can be routed to
 * a training session whose content closes the gap. Produces candidate → session arcs valued by the fit
 * they open, for the assignment (min-cost flow) to weigh against direct proposals.
 *
 * Only skill gaps are trainable: a pillar score below the minimum by at most `maxPillarGapPoints`, a
 * language below the minimum by at most `maxLanguageGapLevels` CEFR levels (or not spoken at all when the
 * minimum is within that many levels of A1). Distance and shifts are not: no session moves a home. Session
 * seats, dates and places are left to the caller (filter sessions before, or as flow capacities after).
 */
import type { CefrLevel, FitCandidate, FitOffer, FitPart, Pillar } from './score.ts';
import { CEFR_LEVELS, PILLARS, cefrIndex, fitScore, fitValue } from './score.ts';
import { haversineKm } from '../geo/haversine.ts';

/** What a training session teaches and whom it admits. */
export interface TrainingContent {
  /** Points added to pillar scores by the end of the session (capped at 100). */
  pillarGainPoints?: Readonly<Partial<Record<Pillar, number>>>;
  /** CEFR levels gained per language (capped at C2); from no level, 1 reaches A1. */
  languageGainLevels?: Readonly<Partial<Record<string, number>>>;
  /** Entry requirements; a candidate who does not meet them gets no arc to the session. */
  prerequisites?: {
    pillarMinimums?: Readonly<Partial<Record<Pillar, number>>>;
    languages?: Readonly<Partial<Record<string, CefrLevel>>>;
  };
}

export interface PathwayMargins {
  /** Largest pillar gap (minimum − score) still worth training for. */
  maxPillarGapPoints: number;
  /** Largest language gap in CEFR levels still worth training for (no level counts as one below A1). */
  maxLanguageGapLevels: number;
}

/**
 * 15 points ≈ what a few weeks of initial training on one pillar adds; one CEFR level ≈ a
 * 150–200-hour language course, the most a pre-hire session can promise.
 */
export const DEFAULT_PATHWAY_MARGINS: PathwayMargins = { maxPillarGapPoints: 15, maxLanguageGapLevels: 1 };

export interface PathwayArc {
  candidate: number;
  session: number;
  /** The offer the session opens with the best fit (lowest index among equals). */
  offer: number;
  /** The candidate's best fit today over all offers, 0 when no offer is open to them. */
  fitBefore: number;
  /** Fit for `offer` after the session. */
  fitAfter: number;
  /** fitAfter − fitBefore: the arc's value. */
  gain: number;
  /** The blocking parts the session closes (pillar-missing / language-missing before training). */
  closes: FitPart[];
}

/** Level index of a language for a candidate, -1 when not spoken. */
function levelOf(c: FitCandidate, language: string): number {
  const l = c.languages[language];
  return l === undefined ? -1 : cefrIndex(l);
}

/** True when the candidate meets the session's entry requirements. */
export function meetsPrerequisites(candidate: FitCandidate, session: TrainingContent): boolean {
  const pre = session.prerequisites;
  if (!pre) return true;
  for (const pillar of PILLARS) {
    const min = pre.pillarMinimums?.[pillar];
    if (min !== undefined && candidate.pillarScores[pillar] < min) return false;
  }
  for (const [language, min] of Object.entries(pre.languages ?? {})) {
    if (min !== undefined && levelOf(candidate, language) < cefrIndex(min)) return false;
  }
  return true;
}

/** The candidate as they would be after the session (pure: returns a new object). */
export function applyTraining(candidate: FitCandidate, session: TrainingContent): FitCandidate {
  const pillarScores = { ...candidate.pillarScores };
  for (const pillar of PILLARS) {
    const gain = session.pillarGainPoints?.[pillar] ?? 0;
    if (!(gain >= 0)) throw new RangeError(`pillarGainPoints.${pillar} must be ≥ 0, got ${gain}`);
    pillarScores[pillar] = Math.min(100, pillarScores[pillar] + gain);
  }
  const languages: Partial<Record<string, CefrLevel>> = { ...candidate.languages };
  for (const [language, gain] of Object.entries(session.languageGainLevels ?? {})) {
    if (gain === undefined || gain === 0) continue;
    if (!(Number.isInteger(gain) && gain > 0)) throw new RangeError(`languageGainLevels.${language} must be a positive integer, got ${gain}`);
    const to = Math.min(CEFR_LEVELS.length - 1, levelOf(candidate, language) + gain);
    languages[language] = CEFR_LEVELS[to];
  }
  return { ...candidate, pillarScores, languages };
}

/**
 * The blocking parts of a fit result if all of them are trainable within the margins, else null (eligible
 * already, or a gap that is too wide or not a skill).
 */
export function trainableGaps(reasons: readonly FitPart[], margins: PathwayMargins = DEFAULT_PATHWAY_MARGINS): FitPart[] | null {
  if (reasons.length === 0) return null;
  for (const p of reasons) {
    if (p.code === 'pillar-missing') {
      if (p.minimum - p.score > margins.maxPillarGapPoints) return null;
    } else if (p.code === 'language-missing') {
      const have = p.level === null ? -1 : cefrIndex(p.level);
      if (cefrIndex(p.minimum) - have > margins.maxLanguageGapLevels) return null;
    } else {
      return null;
    }
  }
  return [...reasons];
}

/**
 * True when the trained candidate meets every gap of a near miss. Training moves only pillar scores and
 * languages, and every blocking part of a near miss is such a gap, so this is exactly "the trained
 * candidate is eligible" — checked before the full fit is computed.
 */
function closesAll(trained: FitCandidate, gaps: readonly FitPart[]): boolean {
  for (const g of gaps) {
    if (g.code === 'pillar-missing') {
      if (trained.pillarScores[g.pillar] < g.minimum) return false;
    } else if (g.code === 'language-missing') {
      if (levelOf(trained, g.language) < cefrIndex(g.minimum)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * `trainableGaps(fitScore(candidate, offer, options).reasons, margins) !== null` without building the
 * parts: the pair is blocked, and only by pillar and language gaps within the margins (the distance and
 * a shift in common are met). For the hot loop of a positioning run; a randomized test holds them equal.
 */
export function isNearMiss(candidate: FitCandidate, offer: FitOffer, margins: PathwayMargins = DEFAULT_PATHWAY_MARGINS, options: { distanceKm?: number } = {}): boolean {
  let gaps = 0;
  for (const pillar of PILLARS) {
    const gap = offer.pillarMinimums[pillar] - candidate.pillarScores[pillar];
    if (gap > 0) {
      if (gap > margins.maxPillarGapPoints) return false;
      gaps++;
    }
  }
  for (const { language, minimum } of offer.languages) {
    const gap = cefrIndex(minimum) - levelOf(candidate, language);
    if (gap > 0) {
      if (gap > margins.maxLanguageGapLevels) return false;
      gaps++;
    }
  }
  if (gaps === 0) return false;
  const distanceKm = options.distanceKm ?? haversineKm(candidate.home, offer.site);
  if (distanceKm > candidate.mobilityRadiusKm) return false;
  if (offer.shifts.length > 0 && !offer.shifts.some((s) => candidate.shifts.includes(s))) return false;
  return true;
}

export interface PathwayOptions {
  margins?: PathwayMargins;
  /** Arcs whose gain is below this are dropped (default 1: the session must improve the candidate's best option). */
  minGain?: number;
  /** Commute distance in km between candidate i and offer j; haversine by default. */
  distanceKm?: (candidate: number, offer: number) => number;
}

/**
 * Candidate → session arcs: for each candidate, the offers they miss only by trainable gaps within the
 * margins; for each session they may enter whose content closes all the gaps of such an offer, one arc
 * valued by the best fit it opens minus the candidate's best fit today. Sorted by candidate, then session.
 * O(candidates × offers × sessions) fit evaluations at worst; pre-filter offers and sessions by territory.
 */
export function pathwayArcs(
  candidates: readonly FitCandidate[],
  offers: readonly FitOffer[],
  sessions: readonly TrainingContent[],
  options: PathwayOptions = {},
): PathwayArc[] {
  const margins = options.margins ?? DEFAULT_PATHWAY_MARGINS;
  const minGain = options.minGain ?? 1;
  const arcs: PathwayArc[] = [];
  candidates.forEach((candidate, i) => {
    const fitOptions = (j: number) => (options.distanceKm ? { distanceKm: options.distanceKm(i, j) } : {});
    let fitBefore = 0;
    const nearMisses: { offer: number; gaps: FitPart[] }[] = [];
    offers.forEach((offer, j) => {
      // scores alone first; the parts (the gaps to close) only for the near misses
      const value = fitValue(candidate, offer, fitOptions(j));
      if (value >= 0) fitBefore = Math.max(fitBefore, value);
      else if (isNearMiss(candidate, offer, margins, fitOptions(j))) {
        const r = fitScore(candidate, offer, fitOptions(j));
        if (!r.eligible) nearMisses.push({ offer: j, gaps: r.reasons });
      }
    });
    if (nearMisses.length === 0) return;
    sessions.forEach((session, s) => {
      if (!meetsPrerequisites(candidate, session)) return;
      const trained = applyTraining(candidate, session);
      let best: PathwayArc | null = null;
      for (const { offer: j, gaps } of nearMisses) {
        if (!closesAll(trained, gaps)) continue;
        const fitAfter = fitValue(trained, offers[j], fitOptions(j));
        if (fitAfter < 0) continue;
        if (best === null || fitAfter > best.fitAfter) {
          best = { candidate: i, session: s, offer: j, fitBefore, fitAfter, gain: fitAfter - fitBefore, closes: gaps };
        }
      }
      if (best && best.gain >= minGain) arcs.push(best);
    });
  });
  return arcs;
}
