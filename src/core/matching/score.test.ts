import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FitCandidate, FitOffer, FitPart, FitResult } from './score.ts';
import { CEFR_LEVELS, FIT_WEIGHTS, PILLARS, explainPart, fitScore, fitValue, languageName } from './score.ts';

const amiens = { latDeg: 49.8941, lonDeg: 2.2958 };

function candidate(over: Partial<FitCandidate> = {}): FitCandidate {
  return {
    home: amiens,
    mobilityRadiusKm: 30,
    languages: { fr: 'C2', en: 'B2' },
    pillarScores: { telephoneInterview: 80, informationSearch: 70, itTools: 60 },
    shifts: ['morning', 'afternoon'],
    workingTimes: ['full-time'],
    contractWishes: ['CDI'],
    ...over,
  };
}

function offer(over: Partial<FitOffer> = {}): FitOffer {
  return {
    site: amiens,
    languages: [{ language: 'fr', minimum: 'B2' }],
    pillarMinimums: { telephoneInterview: 60, informationSearch: 50, itTools: 50 },
    shifts: ['morning', 'afternoon'],
    workingTime: 'full-time',
    contract: 'CDI',
    ...over,
  };
}

const part = (r: FitResult, code: FitPart['code']) => r.parts.filter((p) => p.code === code);
const one = (r: FitResult, code: FitPart['code']) => {
  const found = part(r, code);
  expect(found, code).toHaveLength(1);
  return found[0];
};
const score = (r: FitResult) => {
  if (!r.eligible) throw new Error(`not eligible: ${r.reasons.map((p) => p.code).join(', ')}`);
  return r.score;
};

describe('FIT_WEIGHTS', () => {
  it('sums to 1000', () => {
    const { pillars, ...rest } = FIT_WEIGHTS;
    const total = Object.values(pillars).reduce((a, b) => a + b, 0) + Object.values(rest).reduce((a, b) => a + b, 0);
    expect(total).toBe(1000);
  });
});

describe('fitScore', () => {
  it('gives 1000 for a perfect pair and sums its parts', () => {
    const r = fitScore(candidate({ pillarScores: { telephoneInterview: 100, informationSearch: 100, itTools: 100 }, languages: { fr: 'C2' } }), offer({ languages: [{ language: 'fr', minimum: 'B1' }] }));
    expect(score(r)).toBe(1000);
    expect(r.parts.reduce((s, p) => s + p.points, 0)).toBe(1000);
    expect(r.parts.every((p) => p.points === p.maxPoints)).toBe(true);
  });

  describe('pillars', () => {
    it('earns half the points exactly at the minimum, all at 100, linear between', () => {
      const at = (tel: number, min: number) =>
        part(fitScore(candidate({ pillarScores: { telephoneInterview: tel, informationSearch: 70, itTools: 60 } }), offer({ pillarMinimums: { telephoneInterview: min, informationSearch: 50, itTools: 50 } })), 'pillar-met').find(
          (p) => p.code === 'pillar-met' && p.pillar === 'telephoneInterview',
        );
      expect(at(60, 60)).toMatchObject({ points: 80, maxPoints: 160, score: 60, minimum: 60 });
      expect(at(100, 60)?.points).toBe(160);
      expect(at(80, 60)?.points).toBe(120); // half the margin: 0.5 + 0.5·0.5 = 0.75
      expect(at(100, 100)?.points).toBe(160); // a minimum of 100 met in full
      expect(at(0, 0)?.points).toBe(80); // no requirement, no margin
    });

    it('removes the pair one point below a minimum and lists every missing pillar', () => {
      const r = fitScore(candidate({ pillarScores: { telephoneInterview: 59, informationSearch: 70, itTools: 49 } }), offer());
      expect(r.eligible).toBe(false);
      if (r.eligible) return;
      expect(r.reasons.map((p) => p.code === 'pillar-missing' && p.pillar)).toEqual(['telephoneInterview', 'itTools']);
      expect(r.reasons[0]).toMatchObject({ score: 59, minimum: 60, points: 0, blocking: true });
    });

    it('rejects scores outside 0–100', () => {
      expect(() => fitScore(candidate({ pillarScores: { telephoneInterview: 101, informationSearch: 70, itTools: 60 } }), offer())).toThrow(RangeError);
      expect(() => fitScore(candidate(), offer({ pillarMinimums: { telephoneInterview: -1, informationSearch: 0, itTools: 0 } }))).toThrow(/pillarMinimums/);
      expect(() => fitScore(candidate({ pillarScores: { telephoneInterview: Number.NaN, informationSearch: 70, itTools: 60 } }), offer())).toThrow(RangeError);
    });
  });

  describe('languages', () => {
    it('scores 60 % at the minimum, 80 % one level above, 100 % two or more', () => {
      const at = (level: (typeof CEFR_LEVELS)[number]) => one(fitScore(candidate({ languages: { fr: level } }), offer({ languages: [{ language: 'fr', minimum: 'B1' }] })), 'language-met').points;
      expect(at('B1')).toBe(120);
      expect(at('B2')).toBe(160);
      expect(at('C1')).toBe(200);
      expect(at('C2')).toBe(200);
    });

    it('splits the language points between required languages', () => {
      const r = fitScore(
        candidate({ languages: { fr: 'C2', en: 'C2', es: 'C2' } }),
        offer({ languages: [{ language: 'fr', minimum: 'A1' }, { language: 'en', minimum: 'A1' }, { language: 'es', minimum: 'A1' }] }),
      );
      expect(part(r, 'language-met').map((p) => p.maxPoints)).toEqual([67, 67, 66]);
      expect(part(r, 'language-met').reduce((s, p) => s + p.points, 0)).toBe(200);
    });

    it('removes the pair for a level below the minimum or a language not spoken', () => {
      const below = fitScore(candidate({ languages: { fr: 'C2', en: 'B1' } }), offer({ languages: [{ language: 'en', minimum: 'B2' }] }));
      expect(below.eligible).toBe(false);
      expect(one(below, 'language-missing')).toMatchObject({ language: 'en', level: 'B1', minimum: 'B2', blocking: true });
      const none = fitScore(candidate(), offer({ languages: [{ language: 'es', minimum: 'A2' }] }));
      expect(one(none, 'language-missing')).toMatchObject({ language: 'es', level: null });
    });

    it('gives full points when no language is required', () => {
      expect(one(fitScore(candidate(), offer({ languages: [] })), 'language-none-required').points).toBe(200);
    });

    it('rejects an unknown CEFR level', () => {
      expect(() => fitScore(candidate(), offer({ languages: [{ language: 'fr', minimum: 'B3' as never }] }))).toThrow(/CEFR/);
    });
  });

  describe('distance', () => {
    it('gives full points at home, a quarter at the radius edge, linear between', () => {
      const at = (distanceKm: number) => one(fitScore(candidate(), offer(), { distanceKm }), 'distance-within').points;
      expect(at(0)).toBe(200);
      expect(at(30)).toBe(50);
      expect(at(15)).toBe(125);
    });

    it('removes the pair just beyond the radius', () => {
      const r = fitScore(candidate(), offer(), { distanceKm: 30.01 });
      expect(r.eligible).toBe(false);
      expect(one(r, 'distance-over')).toMatchObject({ distanceKm: 30.01, radiusKm: 30, blocking: true });
    });

    it('uses the haversine distance between home and site by default', () => {
      const paris = { latDeg: 48.8566, lonDeg: 2.3522 }; // ≈ 115.4 km from Amiens
      expect(fitScore(candidate({ mobilityRadiusKm: 100 }), offer({ site: paris })).eligible).toBe(false);
      const p = one(fitScore(candidate({ mobilityRadiusKm: 120 }), offer({ site: paris })), 'distance-within');
      expect(p.code === 'distance-within' && p.distanceKm).toBeCloseTo(115.4, 0);
    });

    it('accepts a zero radius only at distance zero', () => {
      expect(one(fitScore(candidate({ mobilityRadiusKm: 0 }), offer()), 'distance-within').points).toBe(200);
      expect(fitScore(candidate({ mobilityRadiusKm: 0 }), offer(), { distanceKm: 0.1 }).eligible).toBe(false);
      expect(() => fitScore(candidate({ mobilityRadiusKm: -1 }), offer())).toThrow(RangeError);
    });
  });

  describe('shifts', () => {
    it('scores the share of offered shifts covered', () => {
      const r = fitScore(candidate({ shifts: ['morning', 'night'] }), offer({ shifts: ['morning', 'afternoon', 'evening'] }));
      expect(one(r, 'shift-match')).toMatchObject({ matched: ['morning'], offered: ['morning', 'afternoon', 'evening'], points: 33 });
      expect(one(fitScore(candidate(), offer()), 'shift-match').points).toBe(100);
    });

    it('removes the pair with no shift in common, and ignores shifts when the offer sets none', () => {
      const r = fitScore(candidate({ shifts: ['morning'] }), offer({ shifts: ['night', 'sunday'] }));
      expect(r.eligible).toBe(false);
      expect(one(r, 'shift-none').blocking).toBe(true);
      expect(one(fitScore(candidate({ shifts: [] }), offer({ shifts: [] })), 'shift-any').points).toBe(100);
    });
  });

  describe('wishes', () => {
    it('scores the contract type as a soft wish', () => {
      expect(one(fitScore(candidate(), offer()), 'contract-wished').points).toBe(60);
      const r = fitScore(candidate({ contractWishes: ['CDI', 'CDD'] }), offer({ contract: 'temp' }));
      expect(r.eligible).toBe(true);
      expect(one(r, 'contract-not-wished')).toMatchObject({ points: 0, blocking: false, wishes: ['CDI', 'CDD'] });
      expect(one(fitScore(candidate({ contractWishes: [] }), offer({ contract: 'work-study' })), 'contract-any').points).toBe(60);
    });

    it('scores the working time as a soft wish', () => {
      expect(one(fitScore(candidate(), offer()), 'working-time-match').points).toBe(40);
      expect(one(fitScore(candidate({ workingTimes: ['part-time'] }), offer()), 'working-time-mismatch')).toMatchObject({ points: 0, blocking: false });
      expect(one(fitScore(candidate({ workingTimes: [] }), offer({ workingTime: 'part-time' })), 'working-time-any').points).toBe(40);
    });
  });

  it('always returns an integer 0–1000 equal to the sum of its parts, or blocking reasons', () => {
    const level = fc.constantFrom(...CEFR_LEVELS);
    const pillarRecord = fc.record({ telephoneInterview: fc.nat(100), informationSearch: fc.nat(100), itTools: fc.nat(100) });
    fc.assert(
      fc.property(pillarRecord, pillarRecord, level, level, fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), (scores, minimums, have, need, radius, distance) => {
        const r = fitScore(candidate({ pillarScores: scores, languages: { fr: have }, mobilityRadiusKm: radius }), offer({ pillarMinimums: minimums, languages: [{ language: 'fr', minimum: need }] }), { distanceKm: distance });
        const sum = r.parts.reduce((s, p) => s + p.points, 0);
        for (const p of r.parts) expect(Number.isInteger(p.points) && p.points >= 0 && p.points <= p.maxPoints).toBe(true);
        if (r.eligible) {
          expect(r.score).toBe(sum);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1000);
        } else {
          expect(r.reasons.length).toBeGreaterThan(0);
          expect(r.reasons.every((p) => p.blocking && p.points === 0)).toBe(true);
        }
        // Raising every pillar score never lowers the fit.
        const better = fitScore(
          candidate({ pillarScores: { telephoneInterview: Math.min(100, scores.telephoneInterview + 5), informationSearch: Math.min(100, scores.informationSearch + 5), itTools: Math.min(100, scores.itTools + 5) }, languages: { fr: have }, mobilityRadiusKm: radius }),
          offer({ pillarMinimums: minimums, languages: [{ language: 'fr', minimum: need }] }),
          { distanceKm: distance },
        );
        if (r.eligible) expect(better.eligible && better.score >= r.score).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('explainPart', () => {
  const cases: [FitPart, string, string][] = [
    [{ code: 'pillar-met', pillar: 'telephoneInterview', score: 72, minimum: 60, points: 1, maxPoints: 1, blocking: false }, 'met: telephone interview 72 ≥ 60', 'atteint : entretien téléphonique 72 ≥ 60'],
    [{ code: 'pillar-met', pillar: 'itTools', score: 71, minimum: 0, points: 1, maxPoints: 1, blocking: false }, 'IT tools 71 (no minimum required)', 'outils informatiques 71 (aucun minimum exigé)'],
    [{ code: 'pillar-missing', pillar: 'itTools', score: 55, minimum: 60, points: 0, maxPoints: 1, blocking: true }, 'missing: IT tools 55 < 60', 'manquant : outils informatiques 55 < 60'],
    [{ code: 'language-met', language: 'fr', level: 'C1', minimum: 'B2', points: 1, maxPoints: 1, blocking: false }, 'met: French C1 ≥ B2', 'atteint : français C1 ≥ B2'],
    [{ code: 'language-missing', language: 'en', level: 'B1', minimum: 'B2', points: 0, maxPoints: 1, blocking: true }, 'missing: English B1 < B2', 'manquant : anglais B1 < B2'],
    [{ code: 'language-missing', language: 'tr', level: null, minimum: 'A2', points: 0, maxPoints: 1, blocking: true }, 'missing: TR (no level) < A2', 'manquant : TR (aucun niveau) < A2'],
    [{ code: 'language-none-required', points: 200, maxPoints: 200, blocking: false }, 'no language required', 'aucune langue exigée'],
    [{ code: 'distance-within', distanceKm: 12.34, radiusKm: 30, points: 1, maxPoints: 1, blocking: false }, 'commute 12.3 km ≤ 30 km radius', 'trajet 12,3 km ≤ rayon de 30 km'],
    [{ code: 'distance-over', distanceKm: 42, radiusKm: 30, points: 0, maxPoints: 1, blocking: true }, 'too far: 42 km > 30 km radius', 'trop loin : 42 km > rayon de 30 km'],
    [{ code: 'shift-match', matched: ['morning', 'saturday'], offered: ['morning', 'evening', 'saturday'], points: 1, maxPoints: 1, blocking: false }, 'shifts: 2 of 3 offered (morning, Saturday)', 'horaires : 2 sur 3 proposés (matin, samedi)'],
    [{ code: 'shift-none', matched: [], offered: ['night', 'sunday'], points: 0, maxPoints: 1, blocking: true }, 'no shift in common (offered: night, Sunday)', 'aucun horaire commun (proposés : nuit, dimanche)'],
    [{ code: 'shift-any', points: 1, maxPoints: 1, blocking: false }, 'no shift constraint', "pas de contrainte d'horaire"],
    [{ code: 'contract-wished', contract: 'CDI', wishes: ['CDI'], points: 1, maxPoints: 1, blocking: false }, 'permanent (CDI) contract wished', 'contrat CDI souhaité'],
    [{ code: 'contract-not-wished', contract: 'temp', wishes: ['CDI', 'CDD'], points: 0, maxPoints: 1, blocking: false }, 'temporary contract not among wishes (permanent (CDI), fixed-term (CDD))', 'contrat intérim hors souhaits (CDI, CDD)'],
    [{ code: 'contract-any', contract: 'work-study', wishes: [], points: 1, maxPoints: 1, blocking: false }, 'any contract accepted', 'tout contrat accepté'],
    [{ code: 'working-time-match', workingTime: 'full-time', accepted: ['full-time'], points: 1, maxPoints: 1, blocking: false }, 'full-time accepted', 'temps plein accepté'],
    [{ code: 'working-time-mismatch', workingTime: 'full-time', accepted: ['part-time'], points: 0, maxPoints: 1, blocking: false }, 'full-time not wished (part-time)', 'temps plein non souhaité (temps partiel)'],
    [{ code: 'working-time-any', workingTime: 'part-time', accepted: [], points: 1, maxPoints: 1, blocking: false }, 'any working time accepted', 'tout temps de travail accepté'],
  ];

  it.each(cases)('explains %o', (p, en, fr) => {
    expect(explainPart(p, 'en')).toBe(en);
    expect(explainPart(p, 'fr')).toBe(fr);
  });

  it('explains every part fitScore produces', () => {
    const r = fitScore(candidate({ shifts: ['night'] }), offer({ languages: [{ language: 'ar', minimum: 'B2' }] }));
    for (const p of r.parts) for (const locale of ['fr', 'en'] as const) expect(explainPart(p, locale)).toMatch(/\S/);
    expect(languageName('ar', 'fr')).toBe('arabe');
    expect(PILLARS).toHaveLength(3);
  });
});

describe('fitValue', () => {
  it('equals fitScore (its score when eligible, −1 when not) on random pairs, edges included', () => {
    const level = fc.constantFrom(...CEFR_LEVELS);
    const score100 = fc.oneof(fc.nat(100), fc.constantFrom(0, 100), fc.double({ min: 0, max: 100, noNaN: true }));
    const pillars = fc.record({ telephoneInterview: score100, informationSearch: score100, itTools: score100 });
    const shifts = fc.subarray(['morning', 'afternoon', 'evening', 'night', 'saturday', 'sunday'] as const);
    const languages = fc.dictionary(fc.constantFrom('fr', 'en', 'de', 'ar'), level, { maxKeys: 3 });
    const required = fc.uniqueArray(fc.record({ language: fc.constantFrom('fr', 'en', 'de', 'ar'), minimum: level }), { selector: (l) => l.language, maxLength: 3 });
    const near = fc.record({ latDeg: fc.double({ min: 49.5, max: 50.3, noNaN: true }), lonDeg: fc.double({ min: 1.8, max: 2.8, noNaN: true }) });
    const arbitraryCandidate = fc.record({
      home: near,
      mobilityRadiusKm: fc.oneof(fc.constant(0), fc.nat(60), fc.double({ min: 0, max: 60, noNaN: true })),
      languages,
      pillarScores: pillars,
      shifts,
      workingTimes: fc.subarray(['full-time', 'part-time'] as const),
      contractWishes: fc.subarray(['CDI', 'CDD', 'temp', 'work-study'] as const),
    });
    const arbitraryOffer = fc.record({
      site: near,
      languages: required,
      pillarMinimums: pillars,
      shifts,
      workingTime: fc.constantFrom('full-time', 'part-time' as const),
      contract: fc.constantFrom('CDI', 'CDD', 'temp', 'work-study' as const),
    });
    const distance = fc.option(fc.double({ min: 0, max: 80, noNaN: true }), { nil: undefined });
    let eligible = 0;
    fc.assert(
      fc.property(arbitraryCandidate, arbitraryOffer, distance, (c, o, d) => {
        const options = d === undefined ? {} : { distanceKm: d };
        const full = fitScore(c, o, options);
        if (full.eligible) eligible++;
        expect(fitValue(c, o, options)).toBe(full.eligible ? full.score : -1);
      }),
      { numRuns: 20_000, seed: 20261122 },
    );
    expect(eligible).toBeGreaterThan(200); // both outcomes are exercised (≈ 300 eligible of 20,000 with this seed)
  });

  it('rejects out-of-range scores and radii as fitScore does', () => {
    expect(() => fitValue(candidate({ pillarScores: { telephoneInterview: 101, informationSearch: 70, itTools: 60 } }), offer())).toThrow(RangeError);
    expect(() => fitValue(candidate({ mobilityRadiusKm: -1 }), offer())).toThrow(RangeError);
  });
});
