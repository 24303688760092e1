import { KeyedMinHeap } from './keyed-min-heap.ts';
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
 *    min-heap of bids), in two rounds: a coarse one where every bid adds ε ≈ max score / 24, then
 *    one where a bid raises the price just enough to make the bidder indifferent to its second
 *    choice, plus 1 only on an exact tie, so most bidders end exactly "tight". It is only a warm
 *    start: it may stop early and nothing below relies on its quality for correctness. It leaves
 *    2.4 % of the candidates to route at 100k × 5k and 0.3 % at 1M × 20k.
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
  options: {
    /** Auction budget in bids per candidate (default: 200 per candidate plus one per arc); 0 skips the auction. */
    maxBidsPerCandidate?: number;
    /** Coarse ε round before the exact-tie round (default on when scores reach ~200). */
    scaling?: boolean;
    /** Starting offer prices (e.g. from a previous round); any values give the same optimum. */
    initialPrices?: ArrayLike<number>;
  } = {},
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
  for (let j = 0; j < M; j++) {
    if (inst.offerCapacity[j] < 1) price[j] = Infinity;
    else if (options.initialPrices) price[j] = Math.max(0, Math.round(options.initialPrices[j]));
  }
  /** CSR position of the arc a candidate holds; −1: its unassigned arc, −2: not routed. */
  const held = new Int32Array(N).fill(-2);
  // The auction is only a warm start: cap its work (tests set 0 to exercise pure shortest paths).
  let maxBids = options.maxBidsPerCandidate === undefined ? 200 * N + inst.arcStart[N] : options.maxBidsPerCandidate * N;
  // ε-scaling, one coarse round: bids raise prices by at least ε = F, which stops the long price
  // wars of the +1 rule (7.4M → 2.5M bids at 1M × 20k); the exact-tie round then restarts from
  // those prices lowered by 2F, so that few offers are priced above what fills them.
  const F = options.scaling === false || options.initialPrices ? 0 : coarseStep(inst);
  if (F > 0) {
    const coarse = runAuction(inst, seats, price, held, maxBids, F);
    stats.bids += coarse.bids;
    maxBids -= coarse.bids;
    for (let j = 0; j < M; j++) {
      if (price[j] === Infinity) continue;
      price[j] = seats.count[j] >= inst.offerCapacity[j] ? Math.max(0, price[j] - 2 * F) : 0;
      seats.count[j] = 0;
    }
    held.fill(-2);
  }
  const auction = runAuction(inst, seats, price, held, Math.max(0, maxBids), 0);
  stats.bids += auction.bids;
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

/** Coarse ε for the first auction round: about 1/24 of the best score, a power of two, 0 if below 8. */
function coarseStep(inst: BipartiteInstance): number {
  const { arcCost } = inst;
  const K = inst.arcStart[inst.candidateCount];
  let best = 0;
  for (let p = 0; p < K; p++) if (-arcCost[p] > best) best = -arcCost[p];
  let F = 1;
  while (F * 2 <= best / 24) F *= 2;
  return F >= 8 ? F : 0;
}

function runAuction(
  inst: BipartiteInstance,
  seats: Seats,
  price: Float64Array,
  held: Int32Array,
  maxBids: number,
  eps: number,
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
    // Indifference price plus ε; with ε = 0, +1 on a tie only, so that every bid raises the price.
    const b = -arcCost[bestP] - second + (eps > 0 ? eps : best === second ? 1 : 0);
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
 * For each offer, its applicants (candidate and arc cost) sorted by decreasing score. Entries are
 * scattered by offer in CSR order carrying their cost, then each offer's segment is sorted on its
 * own (counting sort when the score range is small, as for 0..1000 fit scores): every pass reads
 * contiguous memory, which matters at 31M arcs.
 */
function buildReverseLists(inst: BipartiteInstance, indegree: Int32Array): { start: Int32Array; cand: Int32Array; cost: IntArray } {
  const N = inst.candidateCount;
  const M = inst.offerCount;
  const { arcStart, arcHead, arcCost } = inst;
  const base = inst.offerBase;
  const K = arcStart[N];
  const start = new Int32Array(M + 1);
  let longest = 0;
  for (let j = 0; j < M; j++) {
    start[j + 1] = start[j] + indegree[j];
    if (indegree[j] > longest) longest = indegree[j];
  }
  const cand = new Int32Array(K);
  const cost: IntArray = arcCost instanceof Int32Array ? new Int32Array(K) : new Float64Array(K);
  const fill = start.slice(0, M);
  for (let i = 0; i < N; i++) {
    for (let p = arcStart[i]; p < arcStart[i + 1]; p++) {
      const r = fill[arcHead[p] - base]++;
      cand[r] = i;
      cost[r] = arcCost[p];
    }
  }
  const scratchCand = new Int32Array(longest);
  const scratchCost = arcCost instanceof Int32Array ? new Int32Array(longest) : new Float64Array(longest);
  let counts = new Int32Array(0);
  for (let j = 0; j < M; j++) {
    const s = start[j];
    const e = start[j + 1];
    const len = e - s;
    if (len < 2) continue;
    if (len <= 32) {
      for (let x = s + 1; x < e; x++) {
        const c = cost[x];
        const h = cand[x];
        let y = x - 1;
        while (y >= s && cost[y] > c) {
          cost[y + 1] = cost[y];
          cand[y + 1] = cand[y];
          y--;
        }
        cost[y + 1] = c;
        cand[y + 1] = h;
      }
      continue;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let x = s; x < e; x++) {
      const c = cost[x];
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
    const range = hi - lo + 1;
    if (range <= 4 * len + 1024) {
      if (counts.length < range + 1) counts = new Int32Array(range + 1);
      else counts.fill(0, 0, range + 1);
      for (let x = s; x < e; x++) counts[cost[x] - lo + 1]++;
      for (let b = 0; b < range; b++) counts[b + 1] += counts[b];
      for (let x = s; x < e; x++) {
        const t = counts[cost[x] - lo]++;
        scratchCand[t] = cand[x];
        scratchCost[t] = cost[x];
      }
    } else {
      const order = Array.from({ length: len }, (_, x) => s + x);
      order.sort((x, y) => cost[x] - cost[y] || x - y);
      for (let t = 0; t < len; t++) {
        scratchCand[t] = cand[order[t]];
        scratchCost[t] = cost[order[t]];
      }
    }
    cand.set(scratchCand.subarray(0, len), s);
    cost.set(scratchCost.subarray(0, len), s);
  }
  return { start, cand, cost };
}

const INF = Infinity;

/**
 * Arcs out of the sink, for searches that pass through it: from the sink one may go back up an
 * offer's seat arc (if it carries flow), or to an unassigned candidate and on to one of its offers.
 * For offer j the best of these costs w_j = price_j + min(0 if seat flow > 0, −best unassigned
 * score); a search reaching the sink at distance d reaches j at d + φT + w_j. Offers are kept in an
 * indexed min-heap on w and enumerated lazily in increasing order, so passing through the sink
 * costs O(log M) per offer actually reached instead of a sweep over all offers.
 */
class SinkExits {
  private readonly revStart: Int32Array;
  private readonly revCand: Int32Array;
  private readonly revCost: IntArray;
  /** Scan frontier of each list: every unassigned candidate before it is in `returned`. */
  private readonly frontier: Int32Array;
  /** Per offer, min-heap (by arc cost) of the arcs of candidates unassigned again, maybe behind the frontier. */
  private readonly returned: (number[] | null)[];
  /** Best unassigned applicant of each offer: candidate (−1 none), its arc (CSR position) and cost. */
  readonly bestCand: Int32Array;
  readonly bestArc: Int32Array;
  private readonly bestCost: Float64Array;
  readonly w: Float64Array;
  private readonly heap: Int32Array;
  private readonly where: Int32Array;
  private auxKey = new Float64Array(64);
  private auxIdx = new Int32Array(64);
  private auxSize = 0;

  constructor(
    private readonly inst: BipartiteInstance,
    indegree: Int32Array,
    private readonly held: Int32Array,
    private readonly price: Float64Array,
    private readonly flowT: Float64Array,
  ) {
    const M = inst.offerCount;
    const r = buildReverseLists(inst, indegree);
    this.revStart = r.start;
    this.revCand = r.cand;
    this.revCost = r.cost;
    this.frontier = r.start.slice(0, M);
    this.returned = new Array<number[] | null>(M).fill(null);
    this.bestCand = new Int32Array(M).fill(-1);
    this.bestArc = new Int32Array(M).fill(-1);
    this.bestCost = new Float64Array(M).fill(INF);
    this.w = new Float64Array(M);
    this.heap = new Int32Array(M);
    this.where = new Int32Array(M);
    for (let j = 0; j < M; j++) {
      this.heap[j] = j;
      this.where[j] = j;
      this.findBest(j);
      this.w[j] = this.weight(j);
    }
    for (let x = (M >> 1) - 1; x >= 0; x--) this.siftDown(x);
  }

  private findBest(j: number): void {
    const { held, revCand, revCost } = this;
    const { arcStart, arcHead, arcCost } = this.inst;
    const base = this.inst.offerBase;
    let cand = -1;
    let arc = -1;
    let cost = INF;
    const heap = this.returned[j];
    if (heap !== null) {
      while (heap.length > 0 && held[candidateOfArc(arcStart, heap[0])] !== -1) popMinBy(heap, arcCost);
      if (heap.length > 0) {
        arc = heap[0];
        cand = candidateOfArc(arcStart, arc);
        cost = arcCost[arc];
      } else this.returned[j] = null;
    }
    let r = this.frontier[j];
    const e = this.revStart[j + 1];
    while (r < e && held[revCand[r]] !== -1) r++;
    this.frontier[j] = r;
    if (r < e && revCost[r] < cost) {
      cand = revCand[r];
      cost = revCost[r];
      // The candidate's arc to j with that cost (parallel arcs: any of the cheapest).
      for (let p = arcStart[cand]; p < arcStart[cand + 1]; p++) {
        if (arcHead[p] - base === j && arcCost[p] === cost) {
          arc = p;
          break;
        }
      }
    }
    this.bestCand[j] = cand;
    this.bestArc[j] = arc;
    this.bestCost[j] = cost;
  }

  private weight(j: number): number {
    const seat = this.flowT[j] > 0 ? 0 : INF;
    const pull = this.bestCost[j];
    return this.price[j] + (pull < seat ? pull : seat);
  }

  /** Whether the best way out of the sink into j pulls in its best unassigned applicant. */
  pulls(j: number): boolean {
    return this.bestCand[j] >= 0 && this.w[j] === this.price[j] + this.bestCost[j];
  }

  /** Price, seat flow or best candidate of j changed. */
  update(j: number): void {
    const nw = this.weight(j);
    const old = this.w[j];
    if (nw === old) return;
    this.w[j] = nw;
    if (nw < old) this.siftUp(this.where[j]);
    else this.siftDown(this.where[j]);
  }

  /** Candidate h became unassigned. */
  unassigned(h: number): void {
    const { arcStart, arcHead, arcCost } = this.inst;
    const base = this.inst.offerBase;
    for (let p = arcStart[h]; p < arcStart[h + 1]; p++) {
      const j = arcHead[p] - base;
      const c = arcCost[p];
      const f = this.frontier[j];
      // Entries before the frontier cost at most revCost[f]: a costlier arc is still ahead of it.
      if (f >= this.revStart[j + 1] || c <= this.revCost[f]) {
        let heap = this.returned[j];
        if (heap === null) heap = this.returned[j] = [];
        pushMinBy(heap, p, arcCost);
      }
      if (c < this.bestCost[j]) {
        this.bestCand[j] = h;
        this.bestArc[j] = p;
        this.bestCost[j] = c;
        this.update(j);
      }
    }
  }

  /** Candidate h, unassigned until now, took a seat. */
  assigned(h: number): void {
    const { arcStart, arcHead } = this.inst;
    const base = this.inst.offerBase;
    for (let p = arcStart[h]; p < arcStart[h + 1]; p++) {
      const j = arcHead[p] - base;
      if (this.bestCand[j] === h) {
        this.findBest(j);
        this.update(j);
      }
    }
  }

  // Lazy enumeration of offers by increasing w: a small heap over positions of the main heap.
  startEnumeration(): void {
    this.auxSize = 0;
    if (this.heap.length > 0) this.auxPush(0);
  }

  nextWeight(): number {
    return this.auxSize > 0 ? this.auxKey[0] : INF;
  }

  nextOffer(): number {
    const x = this.auxIdx[0];
    const key = this.auxKey[--this.auxSize];
    const idx = this.auxIdx[this.auxSize];
    let c = 0;
    for (;;) {
      let l = 2 * c + 1;
      if (l >= this.auxSize) break;
      if (l + 1 < this.auxSize && this.auxKey[l + 1] < this.auxKey[l]) l++;
      if (this.auxKey[l] >= key) break;
      this.auxKey[c] = this.auxKey[l];
      this.auxIdx[c] = this.auxIdx[l];
      c = l;
    }
    this.auxKey[c] = key;
    this.auxIdx[c] = idx;
    const n = this.heap.length;
    if (2 * x + 1 < n) this.auxPush(2 * x + 1);
    if (2 * x + 2 < n) this.auxPush(2 * x + 2);
    return this.heap[x];
  }

  private auxPush(x: number): void {
    const key = this.w[this.heap[x]];
    if (this.auxSize === this.auxKey.length) {
      const nk = new Float64Array(this.auxSize * 2);
      nk.set(this.auxKey);
      this.auxKey = nk;
      const ni = new Int32Array(this.auxSize * 2);
      ni.set(this.auxIdx);
      this.auxIdx = ni;
    }
    let c = this.auxSize++;
    while (c > 0) {
      const par = (c - 1) >> 1;
      if (this.auxKey[par] <= key) break;
      this.auxKey[c] = this.auxKey[par];
      this.auxIdx[c] = this.auxIdx[par];
      c = par;
    }
    this.auxKey[c] = key;
    this.auxIdx[c] = x;
  }

  private siftUp(x: number): void {
    const { heap, where, w } = this;
    const j = heap[x];
    const key = w[j];
    while (x > 0) {
      const par = (x - 1) >> 1;
      if (w[heap[par]] <= key) break;
      heap[x] = heap[par];
      where[heap[x]] = x;
      x = par;
    }
    heap[x] = j;
    where[j] = x;
  }

  private siftDown(x: number): void {
    const { heap, where, w } = this;
    const n = heap.length;
    const j = heap[x];
    const key = w[j];
    for (;;) {
      let l = 2 * x + 1;
      if (l >= n) break;
      if (l + 1 < n && w[heap[l + 1]] < w[heap[l]]) l++;
      if (w[heap[l]] >= key) break;
      heap[x] = heap[l];
      where[heap[x]] = x;
      x = l;
    }
    heap[x] = j;
    where[j] = x;
  }
}


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
  /** Offers and the sink by tentative distance. */
  private readonly heap = new KeyedMinHeap();
  /**
   * Settled candidates whose arcs are not scanned yet, keyed by a lower bound of what their arcs
   * can reach: dist + V + exitLow. Most holders of a popular offer have a far worse second choice,
   * so deferring them until the bound is reached skips most arc scans (355M → a few M at 1M × 20k).
   */
  private readonly cand = new KeyedMinHeap();
  /** Lower bound of min(cost + price) over a candidate's arcs other than its own (prices only rise); −∞ unknown. */
  private readonly exitLow: Float64Array;
  private distT = INF;
  /** The sink was reached from candidate predTNode by its unassigned arc (kind 0) or from offer predTNode by its seat arc (kind 1). */
  private predTKind = 0;
  private predTNode = -1;
  private sinkSettled = false;
  private target = SOURCE;
  private targetDist = INF;

  /** Exits of the sink, built the first time a search passes through it. */
  private exits: SinkExits | null = null;
  /** d + φT of the sink when it was settled in the current search. */
  private sinkBase = INF;

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
    this.exitLow = new Float64Array(this.N).fill(-INF);
  }

  /** Keeps the auction's tight assignments, commits priced offers, returns candidates to route. */
  start(): Int32Array {
    const { M, price, count, cap } = this;
    const auctionHeld = this.held.slice();
    const auctionCount = count.slice();
    let excess = this.initialState(false);
    if (this.sinkDeficit < 0) {
      // Committed free seats outnumber the candidates left for them (the sink would receive more
      // than its demand): release the offers the auction did not fill, and start again.
      this.held.set(auctionHeld);
      for (let j = 0; j < M; j++) if (auctionCount[j] < cap[j] && price[j] !== Infinity) price[j] = 0;
      excess = this.initialState(true);
    }
    return excess;
  }

  private initialState(released: boolean): Int32Array {
    const { N, M, arcStart, arcHead, arcCost, base, price, held, count, flowT, V, cap } = this;
    for (let j = 0; j < M; j++) {
      count[j] = 0;
      flowT[j] = 0;
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
    if (deficit < 0 && released) throw new Error('bipartite: sink over-committed (internal error)');
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

  /** Offer k got tentative distance nd through (cand, arc); cand −1 = from the sink. */
  private reach(k: number, nd: number, cand: number, arc: number): void {
    const dist = this.dist;
    if (nd >= dist[k]) return;
    if (dist[k] === INF) this.touched[this.touchedCount++] = k;
    dist[k] = nd;
    this.predCand[k] = cand;
    this.predArc[k] = arc;
    this.heap.push(nd, k);
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

  /** Candidate h is settled at distance dh: take its unassigned arc now, defer its other arcs. */
  private settleCandidate(h: number, dh: number, fromOffer: number): void {
    if (this.settledCandCount === this.settledCands.length) {
      const grown = new Int32Array(this.settledCands.length * 2);
      grown.set(this.settledCands);
      this.settledCands = grown;
    }
    this.settledCands[this.settledCandCount++] = h;
    this.candDist[h] = dh;
    this.candFrom[h] = fromOffer;
    const Vh = this.V[h];
    // Its unassigned arc (r = V − φT), unless it is already there.
    if (this.held[h] !== -1) this.reachSink(dh + Vh - this.phiT, 0, h);
    this.cand.push(dh + Vh + this.exitLow[h], h);
  }

  /** Relaxes the arcs of settled candidate h and refreshes its exit bound. */
  private scanCandidate(h: number): void {
    const { arcStart, arcHead, arcCost, base, price, dist } = this;
    const dh = this.candDist[h];
    const Vh = this.V[h];
    const hp = this.held[h];
    const own = hp >= 0 ? arcHead[hp] - base : -1;
    const e = arcStart[h + 1];
    let low = INF;
    for (let p = arcStart[h]; p < e; p++) {
      const k = arcHead[p] - base;
      if (k === own) continue;
      const c = arcCost[p] + price[k];
      if (c < low) low = c;
      const nd = dh + c + Vh;
      if (nd < dist[k]) this.reach(k, nd, h, p);
    }
    this.exitLow[h] = low;
    this.stats.arcScans += e - arcStart[h];
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

  /** The sink has no demand left and is the closest node: pass through it (lazily). */
  private settleSink(): void {
    this.sinkSettled = true;
    this.stats.sinkSettles++;
    if (this.exits === null) this.exits = new SinkExits(this.inst, this.seats.indegree, this.held, this.price, this.flowT);
    this.sinkBase = this.distT + this.phiT;
    this.exits.startEnumeration();
  }

  /** Next offer out of the sink, by the better of its two ways (seat arc back up, or pulling a candidate in). */
  private expandSink(exits: SinkExits): void {
    const j = exits.nextOffer();
    if (this.isSettled[j]) return;
    const nd = this.sinkBase + exits.w[j];
    if (exits.pulls(j)) this.reach(j, nd, exits.bestCand[j], exits.bestArc[j]);
    else this.reach(j, nd, -1, -1);
  }

  /** Routes the unit of candidate src along a shortest path and updates the potentials. */
  route(src: number): void {
    this.heap.clear();
    this.cand.clear();
    this.touchedCount = 0;
    this.settledOfferCount = 0;
    this.settledCandCount = 0;
    this.distT = INF;
    this.sinkSettled = false;
    this.target = SOURCE;
    this.targetDist = INF;
    this.settleCandidate(src, 0, SOURCE);
    for (;;) {
      const hk = this.heap.size > 0 ? this.heap.topKey() : INF;
      const ck = this.cand.size > 0 ? this.cand.topKey() : INF;
      const sinkNext = !this.sinkSettled && this.sinkDeficit === 0 ? this.distT : INF;
      const exits = this.exits;
      const ek = this.sinkSettled && exits !== null ? this.sinkBase + exits.nextWeight() : INF;
      const next = Math.min(hk, ck, sinkNext, ek);
      if (this.targetDist <= next) break;
      if (next === INF) throw new Error('bipartite: no augmenting path (internal error)');
      if (ck === next) this.scanCandidate(this.cand.pop());
      else if (sinkNext === next) this.settleSink();
      else if (ek === next) this.expandSink(exits!);
      else {
        const k = this.heap.pop();
        if (!this.isSettled[k]) this.settleOffer(k);
      }
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
          if (flowT[via] === 1) this.exits?.update(via);
          node = via;
        } else {
          node = candFrom[via];
          if (held[via] >= 0) this.removeHolder(arcHead[held[via]] - base, via);
          held[via] = -1;
          this.exitLow[via] = -INF;
          this.exits?.unassigned(via);
        }
        continue;
      }
      const k = node;
      const h = predCand[k];
      if (h === -1) {
        // Came down from the sink through k's seat arc backwards.
        flowT[k]--;
        if (flowT[k] === 0) this.exits?.update(k);
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
        held[h] = predArc[k];
        this.exits?.assigned(h);
      } else {
        node = SOURCE;
      }
      held[h] = predArc[k];
      this.exitLow[h] = -INF; // its own arc changed: the bound excluded another arc
      this.addHolder(k, h);
    }
  }

  /** Every node settled closer than the target distance D moves by D − dist. */
  private updatePotentials(): void {
    const D = this.targetDist;
    const { dist, price, V, candDist, settledOffers, settledCands, touched, isSettled } = this;
    for (let q = 0; q < this.settledOfferCount; q++) {
      const k = settledOffers[q];
      if (dist[k] < D) {
        price[k] += D - dist[k];
        this.exits?.update(k);
      }
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

/** Candidate owning CSR position p (binary search on the CSR starts). */
function candidateOfArc(arcStart: Int32Array, p: number): number {
  let lo = 0;
  let hi = arcStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (arcStart[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function pushMinBy(heap: number[], v: number, key: IntArray): void {
  let c = heap.length;
  heap.push(v);
  const k = key[v];
  while (c > 0) {
    const par = (c - 1) >> 1;
    if (key[heap[par]] <= k) break;
    heap[c] = heap[par];
    c = par;
  }
  heap[c] = v;
}

function popMinBy(heap: number[], key: IntArray): void {
  const last = heap.pop()!;
  const size = heap.length;
  if (size === 0) return;
  const k = key[last];
  let c = 0;
  for (;;) {
    let l = 2 * c + 1;
    if (l >= size) break;
    if (l + 1 < size && key[heap[l + 1]] < key[heap[l]]) l++;
    if (key[heap[l]] >= k) break;
    heap[c] = heap[l];
    c = l;
  }
  heap[c] = last;
}
