import type { BipartiteInstance } from './bipartite-shape.ts';
import type { FlowProblem, FlowSolution, IntArray } from './flow-problem.ts';
import { exactTotalCost } from './flow-problem.ts';

/** Counters of one solve, for `--time` and the benchmark. */
export interface BipartiteStats {
  bids: number;
  auctionStoppedEarly: boolean;
  /** Candidates left unrouted after the auction, each then routed by one shortest-path search. */
  excessAfterAuction: number;
  offersSettled: number;
  arcScans: number;
  sinkSettles: number;
}

/**
 * Exact maximum-score assignment of candidates (unit supply) to offers (seats) with an
 * "unassigned" option of score 0, on the shape found by `detectBipartite`.
 *
 * Two stages, because the dual has one price per offer and offers are few (5k against 100k
 * candidates on the target instances):
 *
 * 1. Forward auction on integer prices (Bertsekas; an offer is a group of identical seats kept in a
 *    min-heap of bids). A bid raises the price just enough to make the bidder indifferent to its
 *    second choice, plus 1 only on an exact tie, so most bidders end exactly "tight". It is only a
 *    warm start: it may stop early and nothing below relies on its quality for correctness.
 *    On 100k × 5k it leaves ~0.4 % of candidates to route (~2.3 % with the classic +ε bid).
 * 2. Successive shortest paths with node potentials (exact). Candidates whose seat is not a best
 *    choice at the final prices are un-routed; offers with a positive price keep all their seats
 *    committed (so a free seat never carries a positive price); each un-routed candidate is then
 *    routed by a Dijkstra search whose nodes are offers (a settled offer expands through its
 *    holders' arcs). When the sink has no demand left the search passes through it, to the best
 *    unassigned candidate of each offer (from score-sorted reverse lists) and back up seat arcs.
 *
 * The result carries potentials satisfying complementary slackness on every input arc, which the
 * tests check with `checkOptimality`.
 */
export function solveBipartite(
  problem: FlowProblem,
  inst: BipartiteInstance,
  options: { maxBidsPerCandidate?: number } = {},
): FlowSolution & { stats: BipartiteStats } {
  const N = inst.candidateCount;
  const M = inst.offerCount;
  const stats: BipartiteStats = {
    bids: 0,
    auctionStoppedEarly: false,
    excessAfterAuction: 0,
    offersSettled: 0,
    arcScans: 0,
    sinkSettles: 0,
  };
  const seats = new Seats(inst);
  const price = new Float64Array(M);
  // An offer without seats can take nobody: an infinite price keeps every search away from it
  // (a finite certificate price is computed at the end).
  for (let j = 0; j < M; j++) if (inst.offerCapacity[j] < 1) price[j] = Infinity;
  /** CSR position of the arc a candidate holds; −1: its unassigned arc, −2: not routed. */
  const held = new Int32Array(N).fill(-2);
  const maxBids = (options.maxBidsPerCandidate ?? 200) * N + inst.arcStart[N];
  const auction = runAuction(inst, seats, price, held, maxBids);
  stats.bids = auction.bids;
  stats.auctionStoppedEarly = auction.stoppedEarly;

  const router = new ExactRouter(inst, seats, price, held, stats);
  const excess = router.start();
  stats.excessAfterAuction = excess.length;
  for (let q = 0; q < excess.length; q++) router.route(excess[q]);
  return { ...router.solution(problem), stats };
}

/** Slot areas: offer j owns slots seatStart[j] .. seatStart[j+1]−1, min(capacity, arcs into j) of them. */
class Seats {
  readonly start: Int32Array;
  readonly indegree: Int32Array;
  /** Auction: bid held in a slot (min-heap per offer). */
  readonly bid: Float64Array;
  /** Auction: heap of bidders; exact stage: unordered list of holders. */
  readonly who: Int32Array;
  readonly count: Int32Array;

  constructor(inst: BipartiteInstance) {
    const M = inst.offerCount;
    const K = inst.arcStart[inst.candidateCount];
    const indegree = new Int32Array(M);
    const head = inst.arcHead;
    const base = inst.offerBase;
    for (let p = 0; p < K; p++) indegree[head[p] - base]++;
    const start = new Int32Array(M + 1);
    for (let j = 0; j < M; j++) start[j + 1] = start[j] + Math.min(inst.offerCapacity[j], indegree[j]);
    this.start = start;
    this.indegree = indegree;
    this.bid = new Float64Array(start[M]);
    this.who = new Int32Array(start[M]);
    this.count = new Int32Array(M);
  }
}

function runAuction(
  inst: BipartiteInstance,
  seats: Seats,
  price: Float64Array,
  held: Int32Array,
  maxBids: number,
): { bids: number; stoppedEarly: boolean } {
  const N = inst.candidateCount;
  const { arcStart, arcHead, arcCost, offerCapacity: cap } = inst;
  const base = inst.offerBase;
  const { start: seatStart, bid, who, count } = seats;
  const QL = N + 1;
  const queue = new Int32Array(QL);
  let qh = 0;
  let qt = 0;
  for (let i = 0; i < N; i++) queue[qt++] = i;
  let queued = N;
  let bids = 0;
  while (queued > 0) {
    if (bids >= maxBids) return { bids, stoppedEarly: true };
    const i = queue[qh];
    if (++qh === QL) qh = 0;
    queued--;
    // Best and second-best value among the offers, the unassigned option (value 0) included.
    let best = 0;
    let second = -Infinity;
    let bestP = -1;
    const e = arcStart[i + 1];
    for (let p = arcStart[i]; p < e; p++) {
      const v = -arcCost[p] - price[arcHead[p] - base];
      if (v > best) {
        second = best;
        best = v;
        bestP = p;
      } else if (v > second) second = v;
    }
    if (bestP < 0) {
      held[i] = -1;
      continue;
    }
    bids++;
    const j = arcHead[bestP] - base;
    // Indifference price (+1 on a tie, so that every bid raises the price by at least 1).
    const b = -arcCost[bestP] - second + (best === second ? 1 : 0);
    const s0 = seatStart[j];
    let size = count[j];
    held[i] = bestP;
    if (size < cap[j]) {
      let c = size++;
      count[j] = size;
      while (c > 0) {
        const par = (c - 1) >> 1;
        if (bid[s0 + par] <= b) break;
        bid[s0 + c] = bid[s0 + par];
        who[s0 + c] = who[s0 + par];
        c = par;
      }
      bid[s0 + c] = b;
      who[s0 + c] = i;
      if (size === cap[j]) price[j] = bid[s0];
    } else {
      // Full: the lowest bid is outbid and its holder goes back to the queue.
      const out = who[s0];
      held[out] = -2;
      queue[qt] = out;
      if (++qt === QL) qt = 0;
      queued++;
      let c = 0;
      for (;;) {
        let l = 2 * c + 1;
        if (l >= size) break;
        if (l + 1 < size && bid[s0 + l + 1] < bid[s0 + l]) l++;
        if (bid[s0 + l] >= b) break;
        bid[s0 + c] = bid[s0 + l];
        who[s0 + c] = who[s0 + l];
        c = l;
      }
      bid[s0 + c] = b;
      who[s0 + c] = i;
      price[j] = bid[s0];
    }
  }
  return { bids, stoppedEarly: false };
}

/**
 * Lists of the arcs into each offer sorted by decreasing score (counting sort on the score when
 * its range is small, which it is for 0..1000 fit scores), plus the candidate of each CSR position.
 */
function buildReverseLists(inst: BipartiteInstance, indegree: Int32Array): { start: Int32Array; arc: Int32Array; candOf: Int32Array } {
  const N = inst.candidateCount;
  const M = inst.offerCount;
  const { arcStart, arcHead, arcCost } = inst;
  const base = inst.offerBase;
  const K = arcStart[N];
  const start = new Int32Array(M + 1);
  for (let j = 0; j < M; j++) start[j + 1] = start[j] + indegree[j];
  const candOf = new Int32Array(K);
  for (let i = 0; i < N; i++) candOf.fill(i, arcStart[i], arcStart[i + 1]);
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < K; p++) {
    const c = arcCost[p];
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  // Positions by increasing cost (= decreasing score), then a stable scatter by offer.
  let order: Int32Array;
  if (K > 0 && hi - lo <= 1 << 22) {
    const bucket = new Int32Array(hi - lo + 2);
    for (let p = 0; p < K; p++) bucket[arcCost[p] - lo + 1]++;
    for (let b = 0; b <= hi - lo; b++) bucket[b + 1] += bucket[b];
    order = new Int32Array(K);
    for (let p = 0; p < K; p++) order[bucket[arcCost[p] - lo]++] = p;
  } else {
    order = new Int32Array(K);
    for (let p = 0; p < K; p++) order[p] = p;
    const keys = Float64Array.from(arcCost.subarray(0, K));
    order.sort((a, b) => keys[a] - keys[b] || a - b);
  }
  const fill = start.slice(0, M);
  const arc = new Int32Array(K);
  for (let q = 0; q < K; q++) {
    const p = order[q];
    arc[fill[arcHead[p] - base]++] = p;
  }
  return { start, arc, candOf };
}

const INF = Infinity;
/** `target` / `predecessor` codes besides offer indexes. */
const SINK = -1;
const SOURCE = -2;

/**
 * Exact stage. Potentials: π(candidate i) = V[i], π(offer j) = −price[j], π(sink) = phiT, with
 * reduced cost r(u,v) = cost + π(u) − π(v) ≥ 0 on every residual arc. Unassigned candidates keep
 * the implicit potential min(V, phiT), so that lowering phiT moves all of them at once.
 */
class ExactRouter {
  private readonly N: number;
  private readonly M: number;
  private readonly arcStart: Int32Array;
  private readonly arcHead: Int32Array;
  private readonly arcCost: IntArray;
  private readonly base: number;
  private readonly cap: Float64Array;
  private readonly seatStart: Int32Array;
  private readonly holders: Int32Array;
  private readonly count: Int32Array;
  private readonly seatOf: Int32Array;
  private readonly V: Float64Array;
  private phiT = 0;
  /** Flow on each offer's seat arc (offer → sink); flowT − count = free committed seats. */
  private readonly flowT: Float64Array;
  private sinkDeficit = 0;

  // Search state.
  private readonly dist: Float64Array;
  private readonly isSettled: Uint8Array;
  /** Candidate whose arc reached the offer (−1: reached from the sink) and the CSR position used. */
  private readonly predCand: Int32Array;
  private readonly predArc: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly settledOffers: Int32Array;
  private settledOfferCount = 0;
  private readonly candDist: Float64Array;
  /** Offer a candidate was reached from as a holder, or SOURCE. */
  private readonly candFrom: Int32Array;
  private settledCands: Int32Array;
  private settledCandCount = 0;
  private heapKey = new Float64Array(1024);
  private heapVal = new Int32Array(1024);
  private heapSize = 0;
  private distT = INF;
  /** The sink was reached from candidate predTNode by its unassigned arc (kind 0) or from offer predTNode by its seat arc (kind 1). */
  private predTKind = 0;
  private predTNode = -1;
  private sinkSettled = false;
  private target = SOURCE;
  private targetDist = INF;

  // Reverse lists, built the first time the search passes through the sink.
  private revStart: Int32Array = new Int32Array(0);
  private revArc: Int32Array = new Int32Array(0);
  private candOf: Int32Array = new Int32Array(0);
  private revPtr: Int32Array = new Int32Array(0);
  private hasReverse = false;

  constructor(
    private readonly inst: BipartiteInstance,
    private readonly seats: Seats,
    private readonly price: Float64Array,
    private readonly held: Int32Array,
    private readonly stats: BipartiteStats,
  ) {
    this.N = inst.candidateCount;
    this.M = inst.offerCount;
    this.arcStart = inst.arcStart;
    this.arcHead = inst.arcHead;
    this.arcCost = inst.arcCost;
    this.base = inst.offerBase;
    this.cap = inst.offerCapacity;
    this.seatStart = seats.start;
    this.holders = seats.who; // the auction's heap slots are reused as holder lists
    this.count = seats.count;
    this.seatOf = new Int32Array(this.N);
    this.V = new Float64Array(this.N);
    this.flowT = new Float64Array(this.M);
    this.dist = new Float64Array(this.M).fill(INF);
    this.isSettled = new Uint8Array(this.M);
    this.predCand = new Int32Array(this.M);
    this.predArc = new Int32Array(this.M);
    this.touched = new Int32Array(this.M);
    this.settledOffers = new Int32Array(this.M);
    this.candDist = new Float64Array(this.N);
    this.candFrom = new Int32Array(this.N);
    this.settledCands = new Int32Array(1024);
  }

  /** Keeps the auction's tight assignments, commits priced offers, returns candidates to route. */
  start(): Int32Array {
    const { N, M, arcStart, arcHead, arcCost, base, price, held, count, flowT, V, cap } = this;
    for (let j = 0; j < M; j++) {
      count[j] = 0;
      if (price[j] === Infinity) continue; // no seats
      // A positive price means the offer must end full: its seat arc is saturated now and the
      // free seats show up as a deficit to fill.
      if (price[j] > 0) flowT[j] = cap[j];
    }
    const excess = new Int32Array(N);
    let ne = 0;
    let unassigned = 0;
    for (let i = 0; i < N; i++) {
      let best = 0;
      const e = arcStart[i + 1];
      for (let p = arcStart[i]; p < e; p++) {
        const v = -arcCost[p] - price[arcHead[p] - base];
        if (v > best) best = v;
      }
      V[i] = best;
      const h = held[i];
      if (h === -1 && best === 0) {
        unassigned++;
      } else if (h >= 0 && -arcCost[h] - price[arcHead[h] - base] === best) {
        const j = arcHead[h] - base;
        this.addHolder(j, i);
        if (price[j] === 0) flowT[j]++;
      } else {
        held[i] = -2;
        excess[ne++] = i;
      }
    }
    let deficit = N - unassigned;
    for (let j = 0; j < M; j++) deficit -= flowT[j];
    this.sinkDeficit = deficit;
    return excess.subarray(0, ne);
  }

  private addHolder(j: number, i: number): void {
    const s = this.seatStart[j] + this.count[j]++;
    this.holders[s] = i;
    this.seatOf[i] = s;
  }

  private removeHolder(j: number, i: number): void {
    const s = this.seatOf[i];
    const last = this.seatStart[j] + --this.count[j];
    const h = this.holders[last];
    this.holders[s] = h;
    this.seatOf[h] = s;
  }

  private push(k: number, v: number): void {
    let keys = this.heapKey;
    let vals = this.heapVal;
    if (this.heapSize === keys.length) {
      const nk = new Float64Array(keys.length * 2);
      nk.set(keys);
      const nv = new Int32Array(keys.length * 2);
      nv.set(vals);
      this.heapKey = keys = nk;
      this.heapVal = vals = nv;
    }
    let c = this.heapSize++;
    while (c > 0) {
      const par = (c - 1) >> 1;
      if (keys[par] <= k) break;
      keys[c] = keys[par];
      vals[c] = vals[par];
      c = par;
    }
    keys[c] = k;
    vals[c] = v;
  }

  private pop(): number {
    const keys = this.heapKey;
    const vals = this.heapVal;
    const top = vals[0];
    const size = --this.heapSize;
    const k = keys[size];
    const x = vals[size];
    let c = 0;
    for (;;) {
      let l = 2 * c + 1;
      if (l >= size) break;
      if (l + 1 < size && keys[l + 1] < keys[l]) l++;
      if (keys[l] >= k) break;
      keys[c] = keys[l];
      vals[c] = vals[l];
      c = l;
    }
    keys[c] = k;
    vals[c] = x;
    return top;
  }

  /** Offer k got tentative distance nd through (cand, arc); cand −1 = from the sink. */
  private reach(k: number, nd: number, cand: number, arc: number): void {
    const dist = this.dist;
    if (nd >= dist[k]) return;
    if (dist[k] === INF) this.touched[this.touchedCount++] = k;
    dist[k] = nd;
    this.predCand[k] = cand;
    this.predArc[k] = arc;
    this.push(nd, k);
    if (this.flowT[k] > this.count[k] && nd < this.targetDist) {
      this.targetDist = nd;
      this.target = k;
    }
  }

  private reachSink(nd: number, kind: number, node: number): void {
    if (nd >= this.distT) return;
    this.distT = nd;
    this.predTKind = kind;
    this.predTNode = node;
    if (this.sinkDeficit > 0 && nd < this.targetDist) {
      this.targetDist = nd;
      this.target = SINK;
    }
  }

  /** Candidate h is settled at distance dh: relax its arcs. */
  private settleCandidate(h: number, dh: number, fromOffer: number): void {
    if (this.settledCandCount === this.settledCands.length) {
      const grown = new Int32Array(this.settledCands.length * 2);
      grown.set(this.settledCands);
      this.settledCands = grown;
    }
    this.settledCands[this.settledCandCount++] = h;
    this.candDist[h] = dh;
    this.candFrom[h] = fromOffer;
    const { arcStart, arcHead, arcCost, base, price, dist } = this;
    const Vh = this.V[h];
    const hp = this.held[h];
    const own = hp >= 0 ? arcHead[hp] - base : -1;
    const e = arcStart[h + 1];
    for (let p = arcStart[h]; p < e; p++) {
      const k = arcHead[p] - base;
      if (k === own) continue;
      const nd = dh + arcCost[p] + Vh + price[k];
      if (nd < dist[k]) this.reach(k, nd, h, p);
    }
    this.stats.arcScans += e - arcStart[h];
    // Its unassigned arc (r = V − φT), unless it is already there.
    if (hp !== -1) this.reachSink(dh + Vh - this.phiT, 0, h);
  }

  private settleOffer(k: number): void {
    const dk = this.dist[k];
    this.isSettled[k] = 1;
    this.settledOffers[this.settledOfferCount++] = k;
    this.stats.offersSettled++;
    // A seat not yet committed: r = −price − φT (zero for an offer with free seats).
    if (this.flowT[k] < this.cap[k]) this.reachSink(dk - this.price[k] - this.phiT, 1, k);
    // Holders leave through their seat arc backwards (r = 0): expand their arcs.
    const s0 = this.seatStart[k];
    const holders = this.holders;
    for (let s = s0; s < s0 + this.count[k]; s++) this.settleCandidate(holders[s], dk, k);
  }

  /** The sink has no demand left and is the closest node: pass through it. */
  private settleSink(): void {
    this.sinkSettled = true;
    this.stats.sinkSettles++;
    if (!this.hasReverse) {
      const r = buildReverseLists(this.inst, this.seats.indegree);
      this.revStart = r.start;
      this.revArc = r.arc;
      this.candOf = r.candOf;
      this.revPtr = r.start.slice(0, this.M);
      this.hasReverse = true;
    }
    const { M, revStart, revArc, candOf, revPtr, held, price, flowT, isSettled, arcCost } = this;
    const d = this.distT;
    const phiT = this.phiT;
    for (let j = 0; j < M; j++) {
      if (isSettled[j]) continue;
      // Back up j's seat arc (r = price + φT) …
      if (flowT[j] > 0) this.reach(j, d + price[j] + phiT, -1, -1);
      // … or pull in j's best-scoring unassigned candidate h: r(T,h) + r(h,j) = φT + price − score.
      let r = revPtr[j];
      const e = revStart[j + 1];
      while (r < e && held[candOf[revArc[r]]] !== -1) r++;
      revPtr[j] = r;
      if (r < e) {
        const p = revArc[r];
        this.reach(j, d + phiT + price[j] + arcCost[p], candOf[p], p);
      }
    }
  }

  /** Candidate h became unassigned: lower the cached scan start of every offer it applies to. */
  private noteUnassigned(h: number): void {
    if (!this.hasReverse) return;
    const { arcStart, arcHead, arcCost, base, revStart, revArc, revPtr } = this;
    for (let p = arcStart[h]; p < arcStart[h + 1]; p++) {
      const j = arcHead[p] - base;
      const c = arcCost[p];
      // First position whose cost is ≥ c (lists run by increasing cost).
      let a = revStart[j];
      let b = revPtr[j];
      while (a < b) {
        const mid = (a + b) >> 1;
        if (arcCost[revArc[mid]] < c) a = mid + 1;
        else b = mid;
      }
      revPtr[j] = a;
    }
  }

  /** Routes the unit of candidate src along a shortest path and updates the potentials. */
  route(src: number): void {
    this.heapSize = 0;
    this.touchedCount = 0;
    this.settledOfferCount = 0;
    this.settledCandCount = 0;
    this.distT = INF;
    this.sinkSettled = false;
    this.target = SOURCE;
    this.targetDist = INF;
    this.settleCandidate(src, 0, SOURCE);
    for (;;) {
      const hk = this.heapSize > 0 ? this.heapKey[0] : INF;
      const sinkNext = !this.sinkSettled && this.sinkDeficit === 0 ? this.distT : INF;
      if (this.targetDist <= hk && this.targetDist <= sinkNext) break;
      if (sinkNext <= hk) {
        this.settleSink();
        continue;
      }
      if (this.heapSize === 0) throw new Error('bipartite: no augmenting path (internal error)');
      const k = this.pop();
      if (!this.isSettled[k]) this.settleOffer(k);
    }
    this.augment();
    this.updatePotentials();
  }

  private augment(): void {
    const { held, arcHead, base, predCand, predArc, candFrom, flowT } = this;
    const D = this.targetDist;
    let node = this.target;
    if (node === SINK) this.sinkDeficit--;
    while (node !== SOURCE) {
      if (node === SINK) {
        const via = this.predTNode;
        if (this.predTKind === 1) {
          flowT[via]++;
          node = via;
        } else {
          node = candFrom[via];
          if (held[via] >= 0) this.removeHolder(arcHead[held[via]] - base, via);
          held[via] = -1;
          this.noteUnassigned(via);
        }
        continue;
      }
      const k = node;
      const h = predCand[k];
      if (h === -1) {
        // Came down from the sink through k's seat arc backwards.
        flowT[k]--;
        node = SINK;
        continue;
      }
      if (held[h] >= 0) {
        node = candFrom[h];
        this.removeHolder(arcHead[held[h]] - base, h);
      } else if (held[h] === -1) {
        // An unassigned candidate pulled in through the sink: settle its potential now.
        const vEff = Math.min(this.V[h], this.phiT);
        const dh = this.distT + this.phiT - vEff;
        this.V[h] = dh < D ? vEff - (D - dh) : vEff;
        node = SINK;
      } else {
        node = SOURCE;
      }
      held[h] = predArc[k];
      this.addHolder(k, h);
    }
  }

  /** Every node settled closer than the target distance D moves by D − dist. */
  private updatePotentials(): void {
    const D = this.targetDist;
    const { dist, price, V, candDist, settledOffers, settledCands, touched, isSettled } = this;
    for (let q = 0; q < this.settledOfferCount; q++) {
      const k = settledOffers[q];
      if (dist[k] < D) price[k] += D - dist[k];
    }
    for (let q = 0; q < this.settledCandCount; q++) {
      const h = settledCands[q];
      if (candDist[h] < D) V[h] -= D - candDist[h];
    }
    if (this.sinkSettled && this.distT < D) this.phiT -= D - this.distT;
    for (let q = 0; q < this.touchedCount; q++) {
      const k = touched[q];
      dist[k] = INF;
      isSettled[k] = 0;
    }
  }

  solution(problem: FlowProblem): FlowSolution {
    const { N, M, held, V, price, count, flowT, inst } = this;
    for (let j = 0; j < M; j++) {
      if (flowT[j] !== count[j]) throw new Error('bipartite: an offer kept a deficit (internal error)');
    }
    if (this.sinkDeficit !== 0) throw new Error('bipartite: the sink kept a deficit (internal error)');
    const flow = new Int32Array(problem.arcCount);
    const potential = new Float64Array(problem.nodeCount);
    const arcId = inst.arcId;
    const phiT = this.phiT;
    for (let i = 0; i < N; i++) {
      const h = held[i];
      const node = inst.candidateNode[i];
      if (h >= 0) {
        flow[arcId ? arcId[h] : h] = 1;
        potential[node] = V[i] - phiT;
      } else {
        flow[inst.dummyArc[i]] = 1;
        potential[node] = Math.min(V[i], phiT) - phiT;
      }
    }
    for (let j = 0; j < M; j++) {
      flow[inst.offerArc[j]] = count[j];
      potential[inst.offerNode[j]] = -price[j] - phiT;
    }
    // Offers without seats: any price at least every applicant's gain keeps r(i,j) ≥ 0.
    const { arcStart, arcHead, arcCost, base } = this;
    for (let i = 0; i < N; i++) {
      for (let p = arcStart[i]; p < arcStart[i + 1]; p++) {
        const j = arcHead[p] - base;
        if (price[j] !== Infinity) continue;
        const node = inst.offerNode[j];
        // r = cost + π(i) − π(j) ≥ 0  ⇔  π(j) ≤ cost + π(i).
        const bound = arcCost[p] + potential[inst.candidateNode[i]];
        if (potential[node] === -Infinity || bound < potential[node]) potential[node] = bound;
      }
    }
    for (let j = 0; j < M; j++) if (potential[inst.offerNode[j]] === -Infinity) potential[inst.offerNode[j]] = 0;
    potential[inst.sinkNode] = 0;
    return {
      status: 'optimal',
      flow,
      potential,
      totalCost: exactTotalCost(problem.cost, flow),
      algorithm: 'bipartite-auction-ssp',
    };
  }
}
