import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StableInstance } from './stable.ts';
import { StableInputError, findBlockingPairs, prepareStable, rankByScore, stableInstanceFromLists, stableMatching } from './stable.ts';
import { formatHr, matchingFnv1a, parseHr } from './stable-hr.ts';

type Offers = { capacity: number; ranking: number[] }[];

function solve(candidates: number[][], offers: Offers): number[] {
  return Array.from(stableMatching(stableInstanceFromLists(candidates, offers)).offerOfCandidate);
}

/** Naive stability check on plain arrays, independent of both the solver and findBlockingPairs. */
function isStable(candidates: number[][], offers: Offers, match: number[]): boolean {
  const pos = (i: number, j: number) => candidates[i].indexOf(j);
  const rank = (j: number, i: number) => offers[j].ranking.indexOf(i);
  for (let j = 0; j < offers.length; j++) {
    const held = match.flatMap((o, i) => (o === j ? [i] : []));
    if (held.length > offers[j].capacity) return false;
    if (held.some((i) => pos(i, j) < 0 || rank(j, i) < 0)) return false;
  }
  for (let i = 0; i < candidates.length; i++) {
    for (const j of candidates[i]) {
      if (match[i] === j) break; // only offers i prefers to its own place
      if (rank(j, i) < 0) continue;
      const held = match.flatMap((o, k) => (o === j ? [k] : []));
      if (held.length < offers[j].capacity) return false;
      if (held.some((k) => rank(j, k) > rank(j, i))) return false;
    }
  }
  return true;
}

/** Every stable matching, by enumerating all assignments (each candidate: one of its offers or none). */
function allStableMatchings(candidates: number[][], offers: Offers): number[][] {
  const out: number[][] = [];
  const match = new Array<number>(candidates.length).fill(-1);
  const rec = (i: number) => {
    if (i === candidates.length) {
      if (isStable(candidates, offers, match)) out.push(match.slice());
      return;
    }
    for (const j of [-1, ...candidates[i]]) {
      match[i] = j;
      rec(i + 1);
    }
    match[i] = -1;
  };
  rec(0);
  return out;
}

/** Random small instance: strict lists, some offers rank only part of their applicants, some rank non-applicants. */
const smallInstance = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, m }) =>
    fc.record({
      candidates: fc.array(fc.shuffledSubarray([...Array(m).keys()]), { minLength: n, maxLength: n }),
      offers: fc.array(
        fc.record({ capacity: fc.integer({ min: 0, max: 3 }), ranking: fc.shuffledSubarray([...Array(n).keys()]) }),
        { minLength: m, maxLength: m },
      ),
    }),
  );

describe('stableMatching', () => {
  it('solves the textbook one-to-one example candidate-optimally', () => {
    // Candidates 0,1,2 and offers 0,1,2 with a cycle of preferences: the candidate-optimal matching gives
    // every candidate its first choice, the offer-optimal one would give every offer its first choice.
    const candidates = [[0, 1, 2], [1, 2, 0], [2, 0, 1]];
    const offers = [
      { capacity: 1, ranking: [1, 2, 0] },
      { capacity: 1, ranking: [2, 0, 1] },
      { capacity: 1, ranking: [0, 1, 2] },
    ];
    expect(solve(candidates, offers)).toEqual([0, 1, 2]);
  });

  it('respects capacities and evicts the worst held candidate', () => {
    // Offer 0 has 2 seats and ranks 2 > 0 > 1; all three want it first; 1 falls back to offer 1.
    const candidates = [[0, 1], [0, 1], [0]];
    const offers = [
      { capacity: 2, ranking: [2, 0, 1] },
      { capacity: 1, ranking: [0, 1] },
    ];
    expect(solve(candidates, offers)).toEqual([0, 1, 0]);
  });

  it('treats a candidate missing from a ranking as unacceptable', () => {
    // Offer 0 has a free seat but does not rank candidate 1.
    expect(solve([[0], [0]], [{ capacity: 5, ranking: [0] }])).toEqual([0, -1]);
  });

  it('handles zero capacity, empty lists and offers nobody applies to', () => {
    const candidates = [[], [0, 1], [1]];
    const offers = [
      { capacity: 0, ranking: [1] },
      { capacity: 1, ranking: [2, 1] },
      { capacity: 3, ranking: [0, 1, 2] },
    ];
    expect(solve(candidates, offers)).toEqual([-1, -1, 1]);
  });

  it('accepts a capacity far above the applicants without allocating it', () => {
    const inst = stableInstanceFromLists([[0], [0]], [{ capacity: 2_000_000_000, ranking: [1, 0] }]);
    expect(prepareStable(inst).heapStart[1]).toBe(2);
    expect(Array.from(stableMatching(inst).offerOfCandidate)).toEqual([0, 0]);
  });

  it('counts proposals, including refused ones', () => {
    const r = stableMatching(stableInstanceFromLists([[0, 1], [0]], [{ capacity: 1, ranking: [1] }, { capacity: 1, ranking: [0] }]));
    expect(Array.from(r.offerOfCandidate)).toEqual([1, 0]);
    expect(r.proposals).toBe(3);
    expect(r.matchedCount).toBe(2);
  });

  it('rejects an offer listed twice by a candidate', () => {
    const inst = stableInstanceFromLists([[0], [1, 0, 1]], [{ capacity: 1, ranking: [] }, { capacity: 1, ranking: [] }]);
    const err = (() => { try { stableMatching(inst); } catch (e) { return e; } })() as StableInputError;
    expect(err).toBeInstanceOf(StableInputError);
    expect(err).toMatchObject({ kind: 'duplicate-offer', entity: 'candidate', index: 1, position: 2 });
  });

  it('rejects a candidate ranked twice by an offer (a tie)', () => {
    const inst = stableInstanceFromLists([[0], [0]], [{ capacity: 1, ranking: [1, 0, 1] }]);
    expect(() => stableMatching(inst)).toThrow(/ranked twice.*strict/);
    try {
      stableMatching(inst);
    } catch (e) {
      expect(e).toMatchObject({ kind: 'duplicate-candidate', entity: 'offer', index: 0, position: 2 });
    }
    // A duplicate among candidates who did not apply is still a tie in the ranking.
    expect(() => stableMatching(stableInstanceFromLists([[], []], [{ capacity: 1, ranking: [0, 1, 0] }]))).toThrow(/ranks 0 and 2/);
  });

  it('rejects ids out of range, negative capacities and malformed arrays', () => {
    expect(() => stableMatching(stableInstanceFromLists([[3]], [{ capacity: 1, ranking: [0] }]))).toThrow(StableInputError);
    expect(() => stableMatching(stableInstanceFromLists([[0]], [{ capacity: 1, ranking: [0, 7] }]))).toThrow(/out of range/);
    expect(() => stableMatching(stableInstanceFromLists([[0]], [{ capacity: -1, ranking: [0] }]))).toThrow(/negative/);
    const inst = stableInstanceFromLists([[0]], [{ capacity: 1, ranking: [0] }]);
    expect(() => stableMatching({ ...inst, candidateStart: new Int32Array([0, 2]) })).toThrow(/candidateStart/);
  });

  it('is stable and candidate-optimal on random small instances (brute force over all stable matchings)', () => {
    fc.assert(
      fc.property(smallInstance, ({ candidates, offers }) => {
        const match = solve(candidates, offers);
        expect(isStable(candidates, offers, match)).toBe(true);
        const all = allStableMatchings(candidates, offers);
        expect(all).toContainEqual(match);
        // Candidate-optimal: every candidate weakly prefers its DA place to its place in any stable matching.
        const pref = (i: number, j: number) => (j < 0 ? candidates[i].length : candidates[i].indexOf(j));
        for (const other of all) for (let i = 0; i < candidates.length; i++) expect(pref(i, match[i])).toBeLessThanOrEqual(pref(i, other[i]));
        // Rural hospitals theorem: the same candidates are matched in every stable matching.
        for (const other of all) expect(other.map((j) => j >= 0)).toEqual(match.map((j) => j >= 0));
      }),
      { numRuns: 400, seed: 20240501 },
    );
  });
});

describe('findBlockingPairs', () => {
  const candidates = [[0, 1], [0, 1], [0]];
  const offers = [
    { capacity: 2, ranking: [2, 0, 1] },
    { capacity: 1, ranking: [0, 1] },
  ];
  const inst = stableInstanceFromLists(candidates, offers);

  it('finds nothing in the solver output', () => {
    expect(findBlockingPairs(inst, stableMatching(inst).offerOfCandidate)).toEqual([]);
  });

  it('reports blocking pairs, unacceptable pairs and overfull offers', () => {
    // Offer 0 holds one candidate for two seats: candidate 2 (unmatched) and candidate 1 (at its second
    // choice) both block with it.
    expect(findBlockingPairs(inst, Int32Array.from([0, 1, -1]))).toEqual([
      { kind: 'blocking-pair', candidate: 2, offer: 0 },
      { kind: 'blocking-pair', candidate: 1, offer: 0 },
    ]);
    // Candidate 2 placed at offer 1, which it did not list and which does not rank it.
    expect(findBlockingPairs(inst, Int32Array.from([0, 0, 1]))).toContainEqual({ kind: 'unacceptable', candidate: 2, offer: 1 });
    expect(findBlockingPairs(inst, Int32Array.from([0, 0, 0]))).toContainEqual({ kind: 'over-capacity', offer: 0, assigned: 3, capacity: 2 });
    // A free seat at offer 1 that candidate 1 prefers to being unmatched.
    expect(findBlockingPairs(inst, Int32Array.from([0, -1, 0]))).toEqual([{ kind: 'blocking-pair', candidate: 1, offer: 1 }]);
    expect(findBlockingPairs(inst, Int32Array.from([-1, -1, -1]), 2)).toHaveLength(2);
  });

  it('agrees with the naive check on random assignments', () => {
    fc.assert(
      fc.property(smallInstance, fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 6, maxLength: 6 }), ({ candidates, offers }, raw) => {
        const match = candidates.map((_, i) => (raw[i] < offers.length ? raw[i] : -1));
        const inst = stableInstanceFromLists(candidates, offers);
        expect(findBlockingPairs(inst, Int32Array.from(match)).length === 0).toBe(isStable(candidates, offers, match));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('rankByScore', () => {
  it('ranks by score, then lottery, then candidate index', () => {
    const candidates = [4, 1, 2, 3];
    expect(Array.from(rankByScore(candidates, [500, 700, 500, 500]))).toEqual([1, 2, 3, 4]);
    const lottery = [0, 0, 9, 1, 5]; // indexed by candidate
    expect(Array.from(rankByScore(candidates, [500, 700, 500, 500], lottery))).toEqual([1, 3, 4, 2]);
  });
});

describe('stable-hr', () => {
  const text = ['c tiny', 'p hr 3 2', 'q 1 1', 'q 2 1', 'r 1 1 2', 'r 2 1', 'r 3 2 1', 'h 1 2 1 3', 'h 2 1 3', ''].join('\n');

  it('parses the gen_hr format into 0-based CSR arrays and round-trips', () => {
    const inst = parseHr(new TextEncoder().encode(text));
    expect(inst.candidateCount).toBe(3);
    expect(Array.from(inst.candidateStart)).toEqual([0, 2, 3, 5]);
    expect(Array.from(inst.candidateOffers)).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(inst.offerCapacity)).toEqual([1, 1]);
    expect(Array.from(inst.offerCandidates)).toEqual([1, 0, 2, 0, 2]);
    expect(formatHr(inst)).toBe(text.split('\n').slice(1).join('\n'));
    expect(Array.from(stableMatching(inst).offerOfCandidate)).toEqual([1, 0, -1]);
  });

  it('accepts rows out of order, CRLF, missing rows and no final newline', () => {
    const inst = parseHr(new TextEncoder().encode('p hr 3 1\r\nq 1 2\r\nr 3 1\r\nr 1 1\r\nh 1 3 1'));
    expect(Array.from(inst.candidateStart)).toEqual([0, 1, 1, 2]);
    expect(Array.from(inst.candidateOffers)).toEqual([0, 0]);
    expect(Array.from(inst.offerCandidates)).toEqual([2, 0]);
  });

  it('reports malformed lines with their number', () => {
    expect(() => parseHr(new TextEncoder().encode('p hr 1 1\nq 1 x\n'))).toThrow(/line 2/);
    expect(() => parseHr(new TextEncoder().encode('r 1 1\n'))).toThrow(/before the "p hr/);
    expect(() => parseHr(new TextEncoder().encode('p hr 1 1\nr 2 1\n'))).toThrow(/candidate 2 out of range/);
  });

  it('hashes a matching like da_ref (FNV-1a 64 over 1-based offers)', () => {
    // Reference values computed with BigInt, the straightforward 64-bit definition.
    const ref = (m: Int32Array) => {
      let h = 1469598103934665603n; // da_ref's offset basis
      for (const j of m) h = ((h ^ BigInt(j + 1)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    const samples = [new Int32Array(0), Int32Array.from([-1]), Int32Array.from([0, 4, -1, 19999, 123456]), Int32Array.from({ length: 1000 }, (_, i) => (i * 7919) % 20000 - 1)];
    for (const s of samples) expect(matchingFnv1a(s)).toBe(ref(s));
  });
});

describe('scale', () => {
  it('solves a 200k-application random instance and verifies it', () => {
    // Deterministic LCG instance: 20k candidates × 1k offers × 10 choices.
    let seed = 12345;
    const rnd = (k: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % k;
    };
    const n = 20_000, m = 1_000;
    const lists: number[][] = [];
    const applicants: number[][] = Array.from({ length: m }, () => []);
    for (let i = 0; i < n; i++) {
      const l = new Set<number>();
      while (l.size < 10) l.add(rnd(m));
      lists.push([...l]);
      for (const j of l) applicants[j].push(i);
    }
    const offers = applicants.map((a) => ({ capacity: 1 + rnd(20), ranking: a.slice().sort((x, y) => ((x * 2654435761) >>> 0) - ((y * 2654435761) >>> 0)) }));
    const inst: StableInstance = stableInstanceFromLists(lists, offers);
    const r = stableMatching(inst);
    expect(findBlockingPairs(inst, r.offerOfCandidate)).toEqual([]);
    expect(r.matchedCount).toBeGreaterThan(0);
  });
});
