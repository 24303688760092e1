/**
 * Fit score of a candidate for an offer (DOMAIN.md §4): an integer 0–1000, the sum of explained parts.
 * Hard requirements — every pillar score at or above the offer's minimum, every required language at or
 * above its minimum CEFR level, home within the candidate's mobility radius, at least one shift in common —
 * remove the pair: the result is then `{ eligible: false, reasons }`, all failed requirements listed so a
 * counsellor sees everything that stands in the way (and `pathway.ts` can see whether training closes it).
 *
 * Every part carries a machine `code`, its `points` out of `maxPoints`, and the data needed to render a
 * sentence in French or English with `explainPart`.
 */
import type { GeoPoint } from '../geo/haversine.ts';
import { haversineKm } from '../geo/haversine.ts';

/** The three pillars of initial training and evaluation (DOMAIN.md §1). Scores are 0–100. */
export type Pillar = 'telephoneInterview' | 'informationSearch' | 'itTools';
export const PILLARS: readonly Pillar[] = ['telephoneInterview', 'informationSearch', 'itTools'];

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export type Shift = 'morning' | 'afternoon' | 'evening' | 'night' | 'saturday' | 'sunday';
export type ContractType = 'CDI' | 'CDD' | 'temp' | 'work-study';
export type WorkingTime = 'full-time' | 'part-time';

export interface FitCandidate {
  home: GeoPoint;
  /** Farthest the candidate accepts to commute, straight-line km. */
  mobilityRadiusKm: number;
  /** ISO 639-1 code → CEFR level, e.g. { fr: 'C2', en: 'B1' }. */
  languages: Readonly<Partial<Record<string, CefrLevel>>>;
  /** Evaluation scores, 0–100. */
  pillarScores: Readonly<Record<Pillar, number>>;
  /** Shifts the candidate is available for. */
  shifts: readonly Shift[];
  /** Working times the candidate accepts; empty = any. */
  workingTimes: readonly WorkingTime[];
  /** Contracts the candidate wishes; empty = no preference. */
  contractWishes: readonly ContractType[];
}

export interface FitOffer {
  site: GeoPoint;
  /** Required languages with their minimum level; empty = none required. */
  languages: readonly { language: string; minimum: CefrLevel }[];
  /** Minimum evaluation score per pillar, 0–100 (0 = no requirement). */
  pillarMinimums: Readonly<Record<Pillar, number>>;
  /** Shifts to staff; empty = no shift constraint. */
  shifts: readonly Shift[];
  workingTime: WorkingTime;
  contract: ContractType;
}

/**
 * Points of each part; they sum to 1000. Why these weights:
 * - pillars 400: the evaluation is the best predictor of success on the phone; the telephone interview
 *   pillar weighs most (160) because it is the job itself, information search and IT tools 120 each;
 * - languages 200: francophone / hispanophone platforms live on language quality;
 * - distance 200: long commutes drive the high attrition of call centres (and shifts end late);
 * - shifts 100: coverage of the offer's shifts, beyond the one in common that eligibility requires;
 * - contract 60 and working time 40: wishes, soft — a counsellor can discuss them.
 */
export const FIT_WEIGHTS = {
  pillars: { telephoneInterview: 160, informationSearch: 120, itTools: 120 },
  languages: 200,
  distance: 200,
  shifts: 100,
  contract: 60,
  workingTime: 40,
} as const satisfies {
  pillars: Record<Pillar, number>;
  languages: number;
  distance: number;
  shifts: number;
  contract: number;
  workingTime: number;
};

/**
 * Shape of each part's curve (fractions of its points):
 * - pillarMetShare: a pillar exactly at the minimum earns half its points, the rest grows linearly with
 *   the margin up to a score of 100 — meeting the bar is worth something, the margin ranks candidates;
 * - languageShareByLevelsAbove: at the minimum 60 %, one level above 80 %, two or more 100 %;
 * - distanceEdgeShare: at the edge of the radius a quarter of the distance points remain, full points at
 *   home — reachable is reachable, nearer is better.
 */
export const FIT_CURVES = {
  pillarMetShare: 0.5,
  languageShareByLevelsAbove: [0.6, 0.8, 1],
  distanceEdgeShare: 0.25,
} as const;

interface PartBase {
  points: number;
  maxPoints: number;
  /** True for a failed hard requirement: the pair is removed. */
  blocking: boolean;
}

export type FitPart =
  | (PartBase & { code: 'pillar-met' | 'pillar-missing'; pillar: Pillar; score: number; minimum: number })
  | (PartBase & { code: 'language-met' | 'language-missing'; language: string; level: CefrLevel | null; minimum: CefrLevel })
  | (PartBase & { code: 'language-none-required' })
  | (PartBase & { code: 'distance-within' | 'distance-over'; distanceKm: number; radiusKm: number })
  | (PartBase & { code: 'shift-match' | 'shift-none'; matched: Shift[]; offered: Shift[] })
  | (PartBase & { code: 'shift-any' })
  | (PartBase & { code: 'contract-wished' | 'contract-not-wished' | 'contract-any'; contract: ContractType; wishes: ContractType[] })
  | (PartBase & { code: 'working-time-match' | 'working-time-mismatch' | 'working-time-any'; workingTime: WorkingTime; accepted: WorkingTime[] });

export type FitCode = FitPart['code'];

export type FitResult =
  | { eligible: true; score: number; parts: FitPart[] }
  | { eligible: false; reasons: FitPart[]; parts: FitPart[] };

export function cefrIndex(level: CefrLevel): number {
  const k = CEFR_LEVELS.indexOf(level);
  if (k < 0) throw new RangeError(`unknown CEFR level ${JSON.stringify(level)}`);
  return k;
}

function checkScore(what: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0 && v <= 100)) throw new RangeError(`${what} must be within 0–100, got ${v}`);
}

/**
 * The language points split over `count` required languages: integer shares that add up exactly (earlier
 * shares take the remainder). Cached by count: fitScore runs millions of times in a positioning run.
 */
function languageShares(count: number): readonly number[] {
  let split = languageSharesByCount[count];
  if (!split) {
    const total = FIT_WEIGHTS.languages;
    const base = Math.floor(total / count);
    split = languageSharesByCount[count] = Object.freeze(Array.from({ length: count }, (_, k) => base + (k < total - base * count ? 1 : 0)));
  }
  return split;
}
const languageSharesByCount: (readonly number[])[] = [];

// Points of each met part, shared by fitScore (with the parts) and fitValue (the sum alone).
const pillarPoints = (pillar: Pillar, score: number, minimum: number) =>
  Math.round(FIT_WEIGHTS.pillars[pillar] * (FIT_CURVES.pillarMetShare + (1 - FIT_CURVES.pillarMetShare) * (minimum >= 100 ? 1 : (score - minimum) / (100 - minimum))));
const languagePoints = (share: number, levelsAbove: number) =>
  Math.round(share * FIT_CURVES.languageShareByLevelsAbove[Math.min(levelsAbove, FIT_CURVES.languageShareByLevelsAbove.length - 1)]);
const distancePoints = (distanceKm: number, radiusKm: number) =>
  Math.round(FIT_WEIGHTS.distance * (1 - (1 - FIT_CURVES.distanceEdgeShare) * (radiusKm === 0 ? 0 : distanceKm / radiusKm)));
const shiftPoints = (matched: number, offered: number) => Math.round((FIT_WEIGHTS.shifts * matched) / offered);

function checkDistance(distanceKm: number, radiusKm: number): void {
  if (!(radiusKm >= 0)) throw new RangeError(`mobilityRadiusKm must be ≥ 0, got ${radiusKm}`);
  if (!(distanceKm >= 0)) throw new RangeError(`distanceKm must be ≥ 0, got ${distanceKm}`);
}

/**
 * Fit of `candidate` for `offer`. `options.distanceKm` replaces the straight-line distance (e.g. a road
 * distance computed elsewhere); by default it is the haversine distance between home and site.
 */
export function fitScore(candidate: FitCandidate, offer: FitOffer, options: { distanceKm?: number } = {}): FitResult {
  const parts: FitPart[] = [];

  for (const pillar of PILLARS) {
    const score = candidate.pillarScores[pillar];
    const minimum = offer.pillarMinimums[pillar];
    checkScore(`pillarScores.${pillar}`, score);
    checkScore(`pillarMinimums.${pillar}`, minimum);
    const maxPoints = FIT_WEIGHTS.pillars[pillar];
    if (score < minimum) {
      parts.push({ code: 'pillar-missing', pillar, score, minimum, points: 0, maxPoints, blocking: true });
    } else {
      parts.push({ code: 'pillar-met', pillar, score, minimum, points: pillarPoints(pillar, score, minimum), maxPoints, blocking: false });
    }
  }

  if (offer.languages.length === 0) {
    parts.push({ code: 'language-none-required', points: FIT_WEIGHTS.languages, maxPoints: FIT_WEIGHTS.languages, blocking: false });
  } else {
    const split = languageShares(offer.languages.length);
    offer.languages.forEach(({ language, minimum }, k) => {
      const level = candidate.languages[language] ?? null;
      const need = cefrIndex(minimum);
      const have = level === null ? -1 : cefrIndex(level);
      if (have < need) {
        parts.push({ code: 'language-missing', language, level, minimum, points: 0, maxPoints: split[k], blocking: true });
      } else {
        parts.push({ code: 'language-met', language, level, minimum, points: languagePoints(split[k], have - need), maxPoints: split[k], blocking: false });
      }
    });
  }

  const distanceKm = options.distanceKm ?? haversineKm(candidate.home, offer.site);
  const radiusKm = candidate.mobilityRadiusKm;
  checkDistance(distanceKm, radiusKm);
  if (distanceKm > radiusKm) {
    parts.push({ code: 'distance-over', distanceKm, radiusKm, points: 0, maxPoints: FIT_WEIGHTS.distance, blocking: true });
  } else {
    parts.push({ code: 'distance-within', distanceKm, radiusKm, points: distancePoints(distanceKm, radiusKm), maxPoints: FIT_WEIGHTS.distance, blocking: false });
  }

  if (offer.shifts.length === 0) {
    parts.push({ code: 'shift-any', points: FIT_WEIGHTS.shifts, maxPoints: FIT_WEIGHTS.shifts, blocking: false });
  } else {
    const offered = [...offer.shifts];
    const matched = offered.filter((s) => candidate.shifts.includes(s));
    if (matched.length === 0) {
      parts.push({ code: 'shift-none', matched, offered, points: 0, maxPoints: FIT_WEIGHTS.shifts, blocking: true });
    } else {
      parts.push({ code: 'shift-match', matched, offered, points: shiftPoints(matched.length, offered.length), maxPoints: FIT_WEIGHTS.shifts, blocking: false });
    }
  }

  const wishes = [...candidate.contractWishes];
  const contract = offer.contract;
  const contractCode = wishes.length === 0 ? 'contract-any' : wishes.includes(contract) ? 'contract-wished' : 'contract-not-wished';
  parts.push({ code: contractCode, contract, wishes, points: contractCode === 'contract-not-wished' ? 0 : FIT_WEIGHTS.contract, maxPoints: FIT_WEIGHTS.contract, blocking: false });

  const accepted = [...candidate.workingTimes];
  const workingTime = offer.workingTime;
  const timeCode = accepted.length === 0 ? 'working-time-any' : accepted.includes(workingTime) ? 'working-time-match' : 'working-time-mismatch';
  parts.push({ code: timeCode, workingTime, accepted, points: timeCode === 'working-time-mismatch' ? 0 : FIT_WEIGHTS.workingTime, maxPoints: FIT_WEIGHTS.workingTime, blocking: false });

  const reasons = parts.filter((p) => p.blocking);
  if (reasons.length > 0) return { eligible: false, reasons, parts };
  let score = 0;
  for (const p of parts) score += p.points;
  return { eligible: true, score, parts };
}

/**
 * The score alone: `fitScore(candidate, offer, options)`'s score when eligible, −1 when not — the same
 * parts and roundings, without building them. For the hot loop of a positioning run (millions of pairs),
 * where the parts are needed only for the pairs finally proposed; a randomized test holds it equal to
 * fitScore.
 */
export function fitValue(candidate: FitCandidate, offer: FitOffer, options: { distanceKm?: number } = {}): number {
  let score = 0;
  let eligible = true;
  for (const pillar of PILLARS) {
    const value = candidate.pillarScores[pillar];
    const minimum = offer.pillarMinimums[pillar];
    checkScore(`pillarScores.${pillar}`, value);
    checkScore(`pillarMinimums.${pillar}`, minimum);
    if (value < minimum) eligible = false;
    else score += pillarPoints(pillar, value, minimum);
  }
  const required = offer.languages;
  if (required.length === 0) score += FIT_WEIGHTS.languages;
  else {
    const split = languageShares(required.length);
    for (let k = 0; k < required.length; k++) {
      const level = candidate.languages[required[k].language];
      const need = cefrIndex(required[k].minimum);
      const have = level === undefined ? -1 : cefrIndex(level);
      if (have < need) eligible = false;
      else score += languagePoints(split[k], have - need);
    }
  }
  const distanceKm = options.distanceKm ?? haversineKm(candidate.home, offer.site);
  const radiusKm = candidate.mobilityRadiusKm;
  checkDistance(distanceKm, radiusKm);
  if (distanceKm > radiusKm || !eligible) return -1;
  score += distancePoints(distanceKm, radiusKm);
  const offered = offer.shifts;
  if (offered.length === 0) score += FIT_WEIGHTS.shifts;
  else {
    let matched = 0;
    for (const shift of offered) if (candidate.shifts.includes(shift)) matched++;
    if (matched === 0) return -1;
    score += shiftPoints(matched, offered.length);
  }
  const wishes = candidate.contractWishes;
  if (wishes.length === 0 || wishes.includes(offer.contract)) score += FIT_WEIGHTS.contract;
  const accepted = candidate.workingTimes;
  if (accepted.length === 0 || accepted.includes(offer.workingTime)) score += FIT_WEIGHTS.workingTime;
  return score;
}

// ---------------------------------------------------------------------------------------------------
// Sentences

export type Locale = 'fr' | 'en';

const PILLAR_NAMES: Record<Locale, Record<Pillar, string>> = {
  en: { telephoneInterview: 'telephone interview', informationSearch: 'information search', itTools: 'IT tools' },
  fr: { telephoneInterview: 'entretien téléphonique', informationSearch: "recherche d'information", itTools: 'outils informatiques' },
};

const LANGUAGE_NAMES: Record<Locale, Record<string, string>> = {
  en: { fr: 'French', en: 'English', es: 'Spanish', ar: 'Arabic', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', zgh: 'Tamazight' },
  fr: { fr: 'français', en: 'anglais', es: 'espagnol', ar: 'arabe', de: 'allemand', it: 'italien', pt: 'portugais', nl: 'néerlandais', zgh: 'tamazight' },
};

const SHIFT_NAMES: Record<Locale, Record<Shift, string>> = {
  en: { morning: 'morning', afternoon: 'afternoon', evening: 'evening', night: 'night', saturday: 'Saturday', sunday: 'Sunday' },
  fr: { morning: 'matin', afternoon: 'après-midi', evening: 'soir', night: 'nuit', saturday: 'samedi', sunday: 'dimanche' },
};

const CONTRACT_NAMES: Record<Locale, Record<ContractType, string>> = {
  en: { CDI: 'permanent (CDI)', CDD: 'fixed-term (CDD)', temp: 'temporary', 'work-study': 'work-study' },
  fr: { CDI: 'CDI', CDD: 'CDD', temp: 'intérim', 'work-study': 'alternance' },
};

const WORKING_TIME_NAMES: Record<Locale, Record<WorkingTime, string>> = {
  en: { 'full-time': 'full-time', 'part-time': 'part-time' },
  fr: { 'full-time': 'temps plein', 'part-time': 'temps partiel' },
};

/** Language name in the locale; an unknown code is shown in capitals ("TR"). */
export function languageName(code: string, locale: Locale): string {
  return LANGUAGE_NAMES[locale][code] ?? code.toUpperCase();
}

/** km with one decimal, decimal comma in French ("12,3"); whole numbers without decimals. */
function km(v: number, locale: Locale): string {
  const text = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

function list<T extends string>(items: readonly T[], names: Record<T, string>): string {
  return items.map((x) => names[x]).join(', ');
}

/**
 * One sentence for a part, e.g. en "met: French C1 ≥ B2", "missing: IT tools 55 < 60"; fr "atteint :
 * français C1 ≥ B2", "manquant : outils informatiques 55 < 60". Points are left to the caller.
 */
export function explainPart(part: FitPart, locale: Locale): string {
  const fr = locale === 'fr';
  const met = fr ? 'atteint : ' : 'met: ';
  const missing = fr ? 'manquant : ' : 'missing: ';
  switch (part.code) {
    case 'pillar-met':
      if (part.minimum === 0) return `${PILLAR_NAMES[locale][part.pillar]} ${part.score}${fr ? ' (aucun minimum exigé)' : ' (no minimum required)'}`;
      return `${met}${PILLAR_NAMES[locale][part.pillar]} ${part.score} ≥ ${part.minimum}`;
    case 'pillar-missing':
      return `${missing}${PILLAR_NAMES[locale][part.pillar]} ${part.score} < ${part.minimum}`;
    case 'language-met':
      return `${met}${languageName(part.language, locale)} ${part.level} ≥ ${part.minimum}`;
    case 'language-missing':
      return `${missing}${languageName(part.language, locale)} ${part.level ?? (fr ? '(aucun niveau)' : '(no level)')} < ${part.minimum}`;
    case 'language-none-required':
      return fr ? 'aucune langue exigée' : 'no language required';
    case 'distance-within':
      return fr ? `trajet ${km(part.distanceKm, locale)} km ≤ rayon de ${km(part.radiusKm, locale)} km` : `commute ${km(part.distanceKm, locale)} km ≤ ${km(part.radiusKm, locale)} km radius`;
    case 'distance-over':
      return fr ? `trop loin : ${km(part.distanceKm, locale)} km > rayon de ${km(part.radiusKm, locale)} km` : `too far: ${km(part.distanceKm, locale)} km > ${km(part.radiusKm, locale)} km radius`;
    case 'shift-match':
      return fr
        ? `horaires : ${part.matched.length} sur ${part.offered.length} proposés (${list(part.matched, SHIFT_NAMES.fr)})`
        : `shifts: ${part.matched.length} of ${part.offered.length} offered (${list(part.matched, SHIFT_NAMES.en)})`;
    case 'shift-none':
      return fr ? `aucun horaire commun (proposés : ${list(part.offered, SHIFT_NAMES.fr)})` : `no shift in common (offered: ${list(part.offered, SHIFT_NAMES.en)})`;
    case 'shift-any':
      return fr ? "pas de contrainte d'horaire" : 'no shift constraint';
    case 'contract-wished':
      return fr ? `contrat ${CONTRACT_NAMES.fr[part.contract]} souhaité` : `${CONTRACT_NAMES.en[part.contract]} contract wished`;
    case 'contract-not-wished':
      return fr
        ? `contrat ${CONTRACT_NAMES.fr[part.contract]} hors souhaits (${list(part.wishes, CONTRACT_NAMES.fr)})`
        : `${CONTRACT_NAMES.en[part.contract]} contract not among wishes (${list(part.wishes, CONTRACT_NAMES.en)})`;
    case 'contract-any':
      return fr ? 'tout contrat accepté' : 'any contract accepted';
    case 'working-time-match':
      return fr ? `${WORKING_TIME_NAMES.fr[part.workingTime]} accepté` : `${WORKING_TIME_NAMES.en[part.workingTime]} accepted`;
    case 'working-time-mismatch':
      return fr
        ? `${WORKING_TIME_NAMES.fr[part.workingTime]} non souhaité (${list(part.accepted, WORKING_TIME_NAMES.fr)})`
        : `${WORKING_TIME_NAMES.en[part.workingTime]} not wished (${list(part.accepted, WORKING_TIME_NAMES.en)})`;
    case 'working-time-any':
      return fr ? 'tout temps de travail accepté' : 'any working time accepted';
  }
}
