/**
 * Stable matching with capacities (hospitals/residents: candidates/offers), candidate-proposing deferred
 * acceptance (Gale & Shapley 1962; Roth & Peranson 1999 without couples).
 *
 * Model
 * - Candidates and offers are dense indices 0..candidateCount-1 and 0..offerCount-1.
 * - A candidate's list holds the offers it accepts, most preferred first; an offer missing from it is
 *   unacceptable to the candidate.
 * - An offer's ranking holds the candidates it accepts, best first; a candidate missing from it is
 *   unacceptable to the offer, so a proposal to it is refused outright. Ranked candidates who never
 *   applied are simply never met.
 * - Lists are strict orders: an offer twice in a candidate's list or a candidate twice in an offer's
 *   ranking is rejected with a StableInputError (a repeated entry is either a tie or a data error, and
 *   deferred acceptance is only defined on strict preferences).
 *
 * Tie-breaking: with strict lists nothing is left to break. The candidate-optimal stable matching is
 * unique and the set of proposals made does not depend on the order in which free candidates propose
 * (Dubins & Freedman 1981), so the result — matching and proposal count — is fully determined by the
 * lists. When rankings are derived from scores that can tie, build them with `rankByScore`, which breaks
 * ties by one lottery shared by all offers ("single tie-breaking"), then by lower candidate index.
 *
 * Layout: everything in flat typed arrays (CSR) so that 1M candidates × 10 choices fit in ~100 MB and
 * the proposal loop touches no JS objects.
 */

/** A stable-matching instance in compressed sparse row form. */
export interface StableInstance {
  candidateCount: number;
  offerCount: number;
  /** Candidate i's offers, most preferred first: candidateOffers[candidateStart[i] .. candidateStart[i + 1]). Length candidateCount + 1. */
  candidateStart: Int32Array;
  candidateOffers: Int32Array;
  /** Seats of each offer (≥ 0). Length offerCount. */
  offerCapacity: Int32Array;
  /** Offer j's acceptable candidates, best first: offerCandidates[offerStart[j] .. offerStart[j + 1]). Length offerCount + 1. */
  offerStart: Int32Array;
  offerCandidates: Int32Array;
}

export type StableInputErrorKind =
  | 'shape'
  | 'offer-out-of-range'
  | 'candidate-out-of-range'
  | 'duplicate-offer'
  | 'duplicate-candidate'
  | 'negative-capacity';

/**
 * Invalid instance. `entity`/`index`/`position` locate the entry so a caller holding string ids can name it:
 * for 'duplicate-offer' and 'offer-out-of-range', entity is 'candidate', index the candidate and position
 * the place in its list; for 'duplicate-candidate' and 'candidate-out-of-range', entity is 'offer', index
 * the offer and position the place in its ranking.
 */
export class StableInputError extends Error {
  constructor(
    message: string,
    readonly kind: StableInputErrorKind,
    readonly entity: 'candidate' | 'offer' | 'instance',
    readonly index: number,
    readonly position: number,
  ) {
    super(message);
    this.name = 'StableInputError';
  }
}

/** An instance checked and indexed for the proposal loop; build once with `prepareStable`. */
export interface PreparedStable {
  instance: StableInstance;
  /**
   * For the application at position p of the candidate lists: offerAndRank[2p] = the offer
   * (candidateOffers[p]) and offerAndRank[2p + 1] = the candidate's rank there (0 = best), -1 when the
   * offer does not rank it (unacceptable). Interleaved so that resuming a candidate's list costs one
   * cache miss instead of two.
   */
  offerAndRank: Int32Array;
  /** Start of each offer's heap in the flat heap array; heap size = min(capacity, acceptable applicants). Length offerCount + 1. */
  heapStart: Int32Array;
}

export interface StableResult {
  /** Offer of each candidate, -1 when unmatched. */
  offerOfCandidate: Int32Array;
  /** Number of proposals made (independent of the proposal order, see the module comment). */
  proposals: number;
  matchedCount: number;
}

function checkShape(inst: StableInstance): void {
  const { candidateCount: n, offerCount: m } = inst;
  const bad = (what: string): never => {
    throw new StableInputError(`invalid instance: ${what}`, 'shape', 'instance', -1, -1);
  };
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0) bad('counts must be non-negative integers');
  if (inst.candidateStart.length !== n + 1) bad('candidateStart must have candidateCount + 1 entries');
  if (inst.offerStart.length !== m + 1) bad('offerStart must have offerCount + 1 entries');
  if (inst.offerCapacity.length !== m) bad('offerCapacity must have offerCount entries');
  for (const [name, start, list] of [
    ['candidateStart', inst.candidateStart, inst.candidateOffers],
    ['offerStart', inst.offerStart, inst.offerCandidates],
  ] as const) {
    if (start[0] !== 0 || start[start.length - 1] !== list.length) bad(`${name} must run from 0 to the list length`);
    for (let k = 1; k < start.length; k++) if (start[k] < start[k - 1]) bad(`${name} must be non-decreasing`);
  }
}

/**
 * Checks the instance (ids in range, no duplicates, capacities ≥ 0) and builds the rank table aligned with
 * the candidate lists. O(candidates + offers + applications + ranking entries) time, whatever the list
 * lengths: each offer's ranking is spread once into a per-candidate scratch table (4 MB per million
 * candidates, cache-resident), read back through the offer's applicants (the transposed candidate lists),
 * then cleared. Looking each ranking entry up in the candidate's list instead was measured 3.5× slower on
 * 10M applications: it turns every entry into a dependent DRAM read, where the transposition only does
 * scattered writes, which the CPU buffers.
 */
export function prepareStable(inst: StableInstance): PreparedStable {
  checkShape(inst);
  const { candidateCount: n, offerCount: m, candidateStart, candidateOffers, offerCapacity, offerStart, offerCandidates } = inst;
  const applications = candidateOffers.length;

  for (let j = 0; j < m; j++) {
    if (offerCapacity[j] < 0) {
      throw new StableInputError(`offer ${j}: capacity ${offerCapacity[j]} is negative`, 'negative-capacity', 'offer', j, -1);
    }
  }

  // Transpose the candidate lists: applicantsAt[appStart[j] ..] = positions p (in candidateOffers) applying to j.
  // lastApplicant[j] = last candidate seen applying to j, to catch an offer listed twice by one candidate.
  const appStart = new Int32Array(m + 1);
  const lastApplicant = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let p = candidateStart[i], end = candidateStart[i + 1]; p < end; p++) {
      const j = candidateOffers[p];
      if (!(j >= 0 && j < m)) {
        throw new StableInputError(`candidate ${i}: offer ${j} at position ${p - candidateStart[i]} is out of range`, 'offer-out-of-range', 'candidate', i, p - candidateStart[i]);
      }
      if (lastApplicant[j] === i) {
        throw new StableInputError(`candidate ${i}: offer ${j} listed twice (position ${p - candidateStart[i]})`, 'duplicate-offer', 'candidate', i, p - candidateStart[i]);
      }
      lastApplicant[j] = i;
      appStart[j + 1]++;
    }
  }
  for (let j = 0; j < m; j++) appStart[j + 1] += appStart[j];
  const fill = appStart.slice(0, m);
  const applicantsAt = new Int32Array(applications);
  const applicantOf = new Int32Array(applications);
  for (let i = 0; i < n; i++) {
    for (let p = candidateStart[i], end = candidateStart[i + 1]; p < end; p++) {
      const q = fill[candidateOffers[p]]++;
      applicantsAt[q] = p;
      applicantOf[q] = i;
    }
  }

  // rankPlusOne[i] holds (rank of i at the current offer) + 1, 0 = not ranked; cleared after each offer.
  const rankPlusOne = new Int32Array(n);
  const offerAndRank = new Int32Array(2 * applications);
  for (let p = 0; p < applications; p++) offerAndRank[2 * p] = candidateOffers[p];
  const heapStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    const rs = offerStart[j], re = offerStart[j + 1];
    for (let r = rs; r < re; r++) {
      const i = offerCandidates[r];
      if (!(i >= 0 && i < n)) {
        throw new StableInputError(`offer ${j}: candidate ${i} at rank ${r - rs} is out of range`, 'candidate-out-of-range', 'offer', j, r - rs);
      }
      if (rankPlusOne[i] !== 0) {
        throw new StableInputError(`offer ${j}: candidate ${i} ranked twice (ranks ${rankPlusOne[i] - 1} and ${r - rs}); rankings must be strict`, 'duplicate-candidate', 'offer', j, r - rs);
      }
      rankPlusOne[i] = r - rs + 1;
    }
    let acceptable = 0;
    for (let q = appStart[j], qe = appStart[j + 1]; q < qe; q++) {
      const rank = rankPlusOne[applicantOf[q]] - 1;
      offerAndRank[2 * applicantsAt[q] + 1] = rank;
      if (rank >= 0) acceptable++;
    }
    for (let r = rs; r < re; r++) rankPlusOne[offerCandidates[r]] = 0;
    // An offer never holds more than its acceptable applicants, so a huge capacity costs no memory.
    heapStart[j + 1] = heapStart[j] + Math.min(offerCapacity[j], acceptable);
  }
  return { instance: inst, offerAndRank, heapStart };
}

/**
 * Candidate-proposing deferred acceptance on a prepared instance: the candidate-optimal stable matching.
 *
 * Each offer keeps its held candidates in a binary max-heap keyed by rank (one flat Int32Array for all
 * offers), so the worst held candidate is read in O(1) and replaced in O(log capacity). Free candidates
 * wait on a stack (LIFO); the order does not change the result.
 */
export function deferredAcceptance(prep: PreparedStable): StableResult {
  const { instance, offerAndRank, heapStart } = prep;
  const { candidateCount: n, offerCount: m, candidateStart } = instance;
  // heap[2k] = rank, heap[2k + 1] = candidate: the pair shares a cache line, so an eviction finds the
  // evicted candidate without a random read into the offer's ranking.
  const heap = new Int32Array(2 * heapStart[m]);
  const heapSize = new Int32Array(m);
  const next = candidateStart.slice(0, n);
  const offerOf = new Int32Array(n).fill(-1);
  const free = new Int32Array(n);
  let top = 0;
  for (let i = n - 1; i >= 0; i--) free[top++] = i;
  let proposals = 0;

  while (top > 0) {
    const i = free[--top];
    const end = candidateStart[i + 1];
    let p = next[i];
    let placed = -1;
    for (; p < end; p++) {
      const rank = offerAndRank[2 * p + 1];
      proposals++;
      if (rank < 0) continue; // the offer does not rank i: refused at once
      const j = offerAndRank[2 * p];
      const base = heapStart[j];
      const cap = heapStart[j + 1] - base;
      const size = heapSize[j];
      const h = 2 * base;
      if (size < cap) {
        // Free seat: sift the new rank up.
        let c = size;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          const pr = heap[h + 2 * parent];
          if (pr >= rank) break;
          heap[h + 2 * c] = pr;
          heap[h + 2 * c + 1] = heap[h + 2 * parent + 1];
          c = parent;
        }
        heap[h + 2 * c] = rank;
        heap[h + 2 * c + 1] = i;
        heapSize[j] = size + 1;
        placed = j;
        break;
      }
      if (cap > 0 && rank < heap[h]) {
        // Full, and i beats the worst held candidate: evict it, sift the new rank down from the root.
        // The evicted candidate's offerOf is rewritten when it is placed again or runs out of offers.
        free[top++] = heap[h + 1];
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= cap) break;
          let big = l;
          let bv = heap[h + 2 * l];
          const r = l + 1;
          if (r < cap) {
            const rv = heap[h + 2 * r];
            if (rv > bv) {
              big = r;
              bv = rv;
            }
          }
          if (bv <= rank) break;
          heap[h + 2 * c] = bv;
          heap[h + 2 * c + 1] = heap[h + 2 * big + 1];
          c = big;
        }
        heap[h + 2 * c] = rank;
        heap[h + 2 * c + 1] = i;
        placed = j;
        break;
      }
    }
    offerOf[i] = placed;
    // Resume after the accepted offer if evicted later; an exhausted list leaves i unmatched.
    next[i] = p < end ? p + 1 : end;
  }
  let matchedCount = 0;
  for (let i = 0; i < n; i++) if (offerOf[i] >= 0) matchedCount++;
  return { offerOfCandidate: offerOf, proposals, matchedCount };
}

/** Checks the instance and returns its candidate-optimal stable matching (prepareStable + deferredAcceptance). */
export function stableMatching(inst: StableInstance): StableResult {
  return deferredAcceptance(prepareStable(inst));
}

export type StableViolation =
  | { kind: 'over-capacity'; offer: number; assigned: number; capacity: number }
  | { kind: 'unacceptable'; candidate: number; offer: number }
  | { kind: 'blocking-pair'; candidate: number; offer: number };

/**
 * Lists what makes `offerOfCandidate` (-1 = unmatched) not a stable matching of `inst`: offers over
 * capacity, candidates placed where they or the offer do not accept, and blocking pairs (a candidate and
 * an offer that accept each other, where the candidate prefers the offer to its place and the offer has a
 * free seat or prefers the candidate to one it holds). Empty means stable.
 *
 * Written independently of the solver (no heaps, no shared rank table) so that tests check one against
 * the other. Stops after `limit` violations.
 */
export function findBlockingPairs(inst: StableInstance, offerOfCandidate: Int32Array, limit = Number.POSITIVE_INFINITY): StableViolation[] {
  checkShape(inst);
  const { candidateCount: n, offerCount: m, candidateStart, candidateOffers, offerCapacity, offerStart, offerCandidates } = inst;
  if (offerOfCandidate.length !== n) throw new RangeError('offerOfCandidate must have candidateCount entries');
  const out: StableViolation[] = [];
  const full = () => out.length >= limit;

  // Position of the candidate's own match in its list (its preference for what it holds); list length if unmatched.
  const heldPosition = new Int32Array(n);
  const assignedCount = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const j = offerOfCandidate[i];
    const s = candidateStart[i], e = candidateStart[i + 1];
    if (j < 0) {
      heldPosition[i] = e - s;
      continue;
    }
    if (j >= m) throw new RangeError(`candidate ${i} is assigned to offer ${j}, out of range`);
    assignedCount[j]++;
    let k = s;
    while (k < e && candidateOffers[k] !== j) k++;
    heldPosition[i] = k - s;
    if (k === e && !full()) out.push({ kind: 'unacceptable', candidate: i, offer: j });
  }
  for (let j = 0; j < m && !full(); j++) {
    if (assignedCount[j] > offerCapacity[j]) out.push({ kind: 'over-capacity', offer: j, assigned: assignedCount[j], capacity: offerCapacity[j] });
  }

  // Per offer: the worst rank it holds, found by walking its ranking; assigned candidates it does not rank are unacceptable.
  for (let j = 0; j < m && !full(); j++) {
    let worstRank = -1;
    let rankedAssigned = 0;
    const rs = offerStart[j], re = offerStart[j + 1];
    for (let r = rs; r < re; r++) {
      if (offerOfCandidate[offerCandidates[r]] === j) {
        worstRank = r - rs;
        rankedAssigned++;
      }
    }
    if (rankedAssigned < assignedCount[j]) {
      for (let i = 0; i < n && !full(); i++) {
        if (offerOfCandidate[i] !== j) continue;
        let r = rs;
        while (r < re && offerCandidates[r] !== i) r++;
        if (r === re) out.push({ kind: 'unacceptable', candidate: i, offer: j });
      }
    }
    const hasSeat = assignedCount[j] < offerCapacity[j];
    // Candidates the offer would take: anyone it ranks when a seat is free, else those above its worst held.
    const limitRank = hasSeat ? re - rs : worstRank;
    for (let r = rs; r < rs + limitRank && !full(); r++) {
      const i = offerCandidates[r];
      if (offerOfCandidate[i] === j) continue;
      const s = candidateStart[i];
      for (let k = s; k < s + heldPosition[i] && k < candidateStart[i + 1]; k++) {
        if (candidateOffers[k] === j) {
          out.push({ kind: 'blocking-pair', candidate: i, offer: j });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * A strict ranking of `candidates` by score, best first. Ties in score are broken by `lottery` (lower
 * number first; one lottery shared by all offers, "single tie-breaking", which wastes fewer seats than a
 * lottery per offer), then by lower candidate index, so the ranking is deterministic.
 */
export function rankByScore(candidates: ArrayLike<number>, scores: ArrayLike<number>, lottery?: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: candidates.length }, (_, k) => k);
  order.sort((a, b) => {
    const ds = scores[b] - scores[a];
    if (ds !== 0) return ds;
    const ca = candidates[a], cb = candidates[b];
    if (lottery) {
      const dl = lottery[ca] - lottery[cb];
      if (dl !== 0) return dl;
    }
    return ca - cb;
  });
  return Int32Array.from(order, (k) => candidates[k]);
}

/**
 * Builds a StableInstance from plain index lists (one array per candidate, one per offer). Handy for tests
 * and for callers that hold small instances as objects.
 */
export function stableInstanceFromLists(candidateLists: readonly (readonly number[])[], offers: readonly { capacity: number; ranking: readonly number[] }[]): StableInstance {
  const candidateStart = new Int32Array(candidateLists.length + 1);
  candidateLists.forEach((l, i) => (candidateStart[i + 1] = candidateStart[i] + l.length));
  const offerStart = new Int32Array(offers.length + 1);
  offers.forEach((o, j) => (offerStart[j + 1] = offerStart[j] + o.ranking.length));
  return {
    candidateCount: candidateLists.length,
    offerCount: offers.length,
    candidateStart,
    candidateOffers: Int32Array.from(candidateLists.flat()),
    offerCapacity: Int32Array.from(offers, (o) => o.capacity),
    offerStart,
    offerCandidates: Int32Array.from(offers.flatMap((o) => o.ranking)),
  };
}
