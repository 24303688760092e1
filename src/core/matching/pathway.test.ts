import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FitCandidate, FitOffer } from './score.ts';
import { CEFR_LEVELS, PILLARS, fitScore } from './score.ts';
import type { TrainingContent } from './pathway.ts';
import { DEFAULT_PATHWAY_MARGINS, applyTraining, isNearMiss, meetsPrerequisites, pathwayArcs, trainableGaps } from './pathway.ts';

const site = { latDeg: 47.2378, lonDeg: 6.0241 }; // Besançon

function candidate(over: Partial<FitCandidate> = {}): FitCandidate {
  return {
    home: site,
    mobilityRadiusKm: 25,
    languages: { fr: 'C2', en: 'A2' },
    pillarScores: { telephoneInterview: 70, informationSearch: 60, itTools: 50 },
    shifts: ['morning', 'afternoon'],
    workingTimes: [],
    contractWishes: [],
    ...over,
  };
}

function offer(over: Partial<FitOffer> = {}): FitOffer {
  return {
    site,
    languages: [{ language: 'fr', minimum: 'B2' }],
    pillarMinimums: { telephoneInterview: 60, informationSearch: 50, itTools: 60 },
    shifts: ['morning'],
    workingTime: 'full-time',
    contract: 'CDI',
    ...over,
  };
}

const itCourse: TrainingContent = { pillarGainPoints: { itTools: 15 } };
const englishCourse: TrainingContent = { languageGainLevels: { en: 1 }, prerequisites: { languages: { en: 'A2' } } };
const telephoneCourse: TrainingContent = { pillarGainPoints: { telephoneInterview: 20 } };

describe('applyTraining', () => {
  it('raises pillars (capped at 100) and languages (capped at C2, from none to A1)', () => {
    const c = applyTraining(candidate({ pillarScores: { telephoneInterview: 95, informationSearch: 60, itTools: 50 }, languages: { fr: 'C2', en: 'B2' } }), {
      pillarGainPoints: { telephoneInterview: 10, itTools: 15 },
      languageGainLevels: { fr: 2, en: 1, es: 1 },
    });
    expect(c.pillarScores).toEqual({ telephoneInterview: 100, informationSearch: 60, itTools: 65 });
    expect(c.languages).toEqual({ fr: 'C2', en: 'C1', es: 'A1' });
  });

  it('leaves the input untouched and rejects negative gains', () => {
    const before = candidate();
    const copy = structuredClone(before);
    applyTraining(before, itCourse);
    expect(before).toEqual(copy);
    expect(() => applyTraining(before, { pillarGainPoints: { itTools: -5 } })).toThrow(RangeError);
    expect(() => applyTraining(before, { languageGainLevels: { en: 0.5 } })).toThrow(RangeError);
  });
});

describe('meetsPrerequisites', () => {
  it('checks pillar minimums and language levels', () => {
    expect(meetsPrerequisites(candidate(), englishCourse)).toBe(true);
    expect(meetsPrerequisites(candidate({ languages: { fr: 'C2' } }), englishCourse)).toBe(false);
    expect(meetsPrerequisites(candidate(), { prerequisites: { pillarMinimums: { telephoneInterview: 71 } } })).toBe(false);
    expect(meetsPrerequisites(candidate(), { prerequisites: { pillarMinimums: { telephoneInterview: 70 } } })).toBe(true);
    expect(meetsPrerequisites(candidate(), {})).toBe(true);
  });
});

describe('trainableGaps', () => {
  const reasons = (c: FitCandidate, o: FitOffer) => {
    const r = fitScore(c, o);
    return r.eligible ? [] : r.reasons;
  };

  it('accepts pillar gaps up to the margin, inclusive', () => {
    expect(trainableGaps(reasons(candidate({ pillarScores: { telephoneInterview: 70, informationSearch: 60, itTools: 45 } }), offer()))).toHaveLength(1);
    expect(trainableGaps(reasons(candidate({ pillarScores: { telephoneInterview: 70, informationSearch: 60, itTools: 44 } }), offer()))).toBeNull();
  });

  it('accepts language gaps up to the margin, counting no level as one below A1', () => {
    const needB1 = offer({ pillarMinimums: { telephoneInterview: 0, informationSearch: 0, itTools: 0 }, languages: [{ language: 'en', minimum: 'B1' }] });
    expect(trainableGaps(reasons(candidate(), needB1))).toHaveLength(1); // A2 → B1: one level
    expect(trainableGaps(reasons(candidate({ languages: { en: 'A1' } }), needB1))).toBeNull(); // two levels
    const needA1 = offer({ pillarMinimums: { telephoneInterview: 0, informationSearch: 0, itTools: 0 }, languages: [{ language: 'es', minimum: 'A1' }] });
    expect(trainableGaps(reasons(candidate(), needA1))).toHaveLength(1);
    expect(trainableGaps(reasons(candidate(), needB1), { ...DEFAULT_PATHWAY_MARGINS, maxLanguageGapLevels: 0 })).toBeNull();
  });

  it('refuses distance and shift gaps, and eligible pairs', () => {
    expect(trainableGaps(reasons(candidate({ shifts: ['night'] }), offer()))).toBeNull();
    expect(trainableGaps(reasons(candidate({ mobilityRadiusKm: 10 }), offer({ site: { latDeg: 47.5, lonDeg: 6.0 } })))).toBeNull();
    expect(trainableGaps([])).toBeNull();
  });
});

describe('pathwayArcs', () => {
  it('routes a near miss to the session that closes the gap, valued by the fit gained', () => {
    // Candidate 0 misses IT tools by 10 (50 < 60). Sessions: IT (+15, closes it), telephone (does not).
    const arcs = pathwayArcs([candidate()], [offer()], [telephoneCourse, itCourse]);
    expect(arcs).toHaveLength(1);
    const after = fitScore(applyTraining(candidate(), itCourse), offer());
    expect(after.eligible).toBe(true);
    expect(arcs[0]).toMatchObject({ candidate: 0, session: 1, offer: 0, fitBefore: 0, fitAfter: after.eligible ? after.score : -1 });
    expect(arcs[0].gain).toBe(arcs[0].fitAfter);
    expect(arcs[0].closes.map((p) => p.code)).toEqual(['pillar-missing']);
  });

  it('needs every gap closed: two gaps, two single-skill sessions, no arc; a combined session, one arc', () => {
    const o = offer({ languages: [{ language: 'fr', minimum: 'B2' }, { language: 'en', minimum: 'B1' }] });
    expect(pathwayArcs([candidate()], [o], [itCourse, englishCourse])).toEqual([]);
    const both: TrainingContent = { pillarGainPoints: { itTools: 10 }, languageGainLevels: { en: 1 } };
    const arcs = pathwayArcs([candidate()], [o], [itCourse, englishCourse, both]);
    expect(arcs.map((a) => a.session)).toEqual([2]);
    expect(arcs[0].closes.map((p) => p.code).sort()).toEqual(['language-missing', 'pillar-missing']);
  });

  it('skips gaps beyond the margins, sessions whose prerequisites fail, and untrainable misses', () => {
    const farBelow = candidate({ pillarScores: { telephoneInterview: 70, informationSearch: 60, itTools: 40 } });
    expect(pathwayArcs([farBelow], [offer()], [{ pillarGainPoints: { itTools: 30 } }])).toEqual([]);
    expect(pathwayArcs([farBelow], [offer()], [{ pillarGainPoints: { itTools: 30 } }], { margins: { maxPillarGapPoints: 20, maxLanguageGapLevels: 1 } })).toHaveLength(1);
    const gated: TrainingContent = { pillarGainPoints: { itTools: 15 }, prerequisites: { pillarMinimums: { informationSearch: 80 } } };
    expect(pathwayArcs([candidate()], [offer()], [gated])).toEqual([]);
    expect(pathwayArcs([candidate({ shifts: ['night'] })], [offer()], [itCourse])).toEqual([]);
  });

  it('values the arc against the best offer already open and drops arcs that do not improve it', () => {
    const open = offer({ pillarMinimums: { telephoneInterview: 60, informationSearch: 50, itTools: 0 }, contract: 'temp' });
    const c = candidate({ contractWishes: ['CDI'] });
    const before = fitScore(c, open);
    expect(before.eligible).toBe(true);
    const arcs = pathwayArcs([c], [open, offer()], [itCourse], { minGain: Number.NEGATIVE_INFINITY });
    expect(arcs).toHaveLength(1);
    expect(arcs[0].offer).toBe(1);
    expect(arcs[0].fitBefore).toBe(before.eligible ? before.score : -1);
    expect(arcs[0].gain).toBe(arcs[0].fitAfter - arcs[0].fitBefore);
    // The CDI the candidate wishes beats the open temp job, so the arc stays with the default minGain…
    expect(arcs[0].gain).toBeGreaterThan(0);
    expect(pathwayArcs([c], [open, offer()], [itCourse])).toHaveLength(1);
    // …but not when the open job already fits better than what training opens.
    expect(pathwayArcs([c], [{ ...open, contract: 'CDI' }, offer()], [itCourse])).toEqual([]);
  });

  it('keeps the offer with the best fit after training, and uses the given distances', () => {
    const near = offer();
    const far = offer({ site: { latDeg: 47.3, lonDeg: 6.0241 } }); // ≈ 7 km
    const arcs = pathwayArcs([candidate()], [far, near], [itCourse]);
    expect(arcs[0].offer).toBe(1);
    const flipped = pathwayArcs([candidate()], [far, near], [itCourse], { distanceKm: (_, j) => (j === 0 ? 0 : 20) });
    expect(flipped[0].offer).toBe(0);
  });

  it('returns arcs sorted by candidate then session', () => {
    const arcs = pathwayArcs([candidate(), candidate({ languages: { fr: 'C2', en: 'A2' } })], [offer()], [itCourse, { pillarGainPoints: { itTools: 20 } }]);
    expect(arcs.map((a) => [a.candidate, a.session])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(arcs[1].fitAfter).toBeGreaterThan(arcs[0].fitAfter); // more IT margin after the longer course
  });

  it('agrees with a naive reference (full fit of every near miss after every session) on random instances', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed >>> 8) % n;
    };
    const level = () => CEFR_LEVELS[rnd(CEFR_LEVELS.length)];
    const pillars = (base: number, spread: number) =>
      Object.fromEntries(PILLARS.map((p) => [p, Math.min(100, base + rnd(spread))])) as FitCandidate['pillarScores'];
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const cs = Array.from({ length: 6 }, () =>
        candidate({ pillarScores: pillars(40, 50), languages: rnd(3) === 0 ? { fr: level() } : { fr: level(), en: level() } }),
      );
      const os = Array.from({ length: 5 }, () =>
        offer({
          pillarMinimums: pillars(45, 40),
          languages: rnd(2) === 0 ? [{ language: 'fr', minimum: level() }] : [{ language: 'fr', minimum: level() }, { language: 'en', minimum: level() }],
        }),
      );
      const ss: TrainingContent[] = Array.from({ length: 4 }, () => ({
        pillarGainPoints: Object.fromEntries(PILLARS.filter(() => rnd(2) === 0).map((p) => [p, 5 + rnd(20)])),
        languageGainLevels: rnd(2) === 0 ? { [rnd(2) === 0 ? 'fr' : 'en']: 1 } : {},
      }));
      // the reference: for each candidate and session, the best eligible fit after training among the offers
      // that were near misses before it, against the best fit today
      const expected = [];
      for (const [i, c] of cs.entries()) {
        const today = os.map((o) => fitScore(c, o));
        const fitBefore = Math.max(0, ...today.map((r) => (r.eligible ? r.score : 0)));
        const near = os.map((_, j) => j).filter((j) => {
          const r = today[j];
          return !r.eligible && trainableGaps(r.reasons) !== null;
        });
        if (near.length === 0) continue;
        for (const [s, session] of ss.entries()) {
          let best: { offer: number; fitAfter: number } | null = null;
          for (const j of near) {
            const r = fitScore(applyTraining(c, session), os[j]);
            if (r.eligible && (best === null || r.score > best.fitAfter)) best = { offer: j, fitAfter: r.score };
          }
          if (best && best.fitAfter - fitBefore >= 1) expected.push({ candidate: i, session: s, offer: best.offer, fitAfter: best.fitAfter, gain: best.fitAfter - fitBefore });
        }
      }
      const got = pathwayArcs(cs, os, ss).map(({ candidate, session, offer, fitAfter, gain }) => ({ candidate, session, offer, fitAfter, gain }));
      expect(got).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(50); // the instances do produce pathway arcs
  });
});

describe('isNearMiss', () => {
  it('equals "blocked only by trainable gaps" read from fitScore, on random pairs and margins', () => {
    const level = fc.constantFrom(...CEFR_LEVELS);
    const score100 = fc.oneof(fc.nat(100), fc.double({ min: 0, max: 100, noNaN: true }));
    const pillars = fc.record({ telephoneInterview: score100, informationSearch: score100, itTools: score100 });
    const shifts = fc.subarray(['morning', 'afternoon', 'evening', 'night', 'saturday', 'sunday'] as const);
    const code = fc.constantFrom('fr', 'en', 'de');
    const near = fc.record({ latDeg: fc.double({ min: 47.1, max: 47.4, noNaN: true }), lonDeg: fc.double({ min: 5.9, max: 6.2, noNaN: true }) });
    const c = fc.record({
      home: near,
      mobilityRadiusKm: fc.nat(30),
      languages: fc.dictionary(code, level, { maxKeys: 3 }),
      pillarScores: pillars,
      shifts,
      workingTimes: fc.constant([]),
      contractWishes: fc.constant([]),
    });
    const o = fc.record({
      site: near,
      languages: fc.uniqueArray(fc.record({ language: code, minimum: level }), { selector: (l) => l.language, maxLength: 2 }),
      pillarMinimums: pillars,
      shifts,
      workingTime: fc.constant('full-time' as const),
      contract: fc.constant('CDI' as const),
    });
    const margins = fc.record({ maxPillarGapPoints: fc.nat(30), maxLanguageGapLevels: fc.nat(3) });
    let nearMisses = 0;
    fc.assert(
      fc.property(c, o, margins, (cand, off, m) => {
        const r = fitScore(cand, off);
        const expected = !r.eligible && trainableGaps(r.reasons, m) !== null;
        if (expected) nearMisses++;
        expect(isNearMiss(cand, off, m)).toBe(expected);
      }),
      { numRuns: 20_000, seed: 20261122 },
    );
    expect(nearMisses).toBeGreaterThan(200); // the true side is exercised
  });
});
