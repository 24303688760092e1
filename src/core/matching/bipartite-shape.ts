import type { FlowProblem, IntArray } from './flow-problem.ts';

/**
 * A candidate → offer assignment problem recognised inside a DIMACS min-cost-flow problem:
 * candidates (supply 1) → offers (supply 0) → one sink (supply −candidates), where
 * - every candidate has arcs to offers (lower 0, capacity ≥ 1, any cost: score = −cost)
 *   and exactly one "unassigned" arc to the sink (lower 0, capacity ≥ 1, cost 0);
 * - every offer has exactly one arc to the sink (lower 0, cost 0): its seats.
 * This is the layout of /work/shared/peers/gen_instances.mjs and of guichet's own matching rounds.
 */
export interface BipartiteInstance {
  candidateCount: number;
  offerCount: number;
  sinkNode: number;
  candidateNode: Int32Array;
  offerNode: Int32Array;
  /** Candidate arcs in CSR order: arcs of candidate i are positions arcStart[i] .. arcStart[i+1]−1. */
  arcStart: Int32Array;
  /** Offer index of a position is `arcHead[p] − offerBase` (lets the CSR be a view of the input). */
  arcHead: Int32Array;
  offerBase: number;
  /** Cost of a position (score = −cost). */
  arcCost: IntArray;
  /** Input arc index of a position; `null` when positions are the input arcs 0..K−1 themselves. */
  arcId: Int32Array | null;
  /** Input arc index of each candidate's unassigned arc and of each offer's seat arc. */
  dummyArc: Int32Array;
  offerArc: Int32Array;
  offerCapacity: Float64Array;
}

const CANDIDATE = 1;
const OFFER = 2;
const SINK = 3;

/** Recognises the candidate → offer → sink shape in O(nodes + arcs); `null` when it does not apply. */
export function detectBipartite(problem: FlowProblem): BipartiteInstance | null {
  const { nodeCount: n, arcCount: m, supply, from, to, capacity, cost } = problem;
  if (problem.lower) return null; // the reader only allocates lower bounds when one is non-zero
  const role = new Uint8Array(n);
  let sink = -1;
  let N = 0;
  for (let u = 0; u < n; u++) {
    const s = supply[u];
    if (s === 1) {
      role[u] = CANDIDATE;
      N++;
    } else if (s < 0) {
      if (sink >= 0) return null;
      sink = u;
      role[u] = SINK;
    } else if (s !== 0) return null;
  }
  if (sink < 0 || supply[sink] !== -N || N === 0) return null;

  const dummyOf = new Int32Array(n).fill(-1);
  const seatArcOf = new Int32Array(n).fill(-1);
  const degree = new Int32Array(n);
  let K = 0;
  for (let a = 0; a < m; a++) {
    const u = from[a];
    const v = to[a];
    const ru = role[u];
    if (ru === CANDIDATE) {
      if (v === sink) {
        if (cost[a] !== 0 || capacity[a] < 1 || dummyOf[u] >= 0) return null;
        dummyOf[u] = a;
      } else {
        const rv = role[v];
        if (rv === CANDIDATE || rv === SINK || capacity[a] < 1) return null;
        role[v] = OFFER;
        degree[u]++;
        K++;
      }
    } else if (ru === SINK) {
      return null;
    } else {
      if (v !== sink || cost[a] !== 0 || capacity[a] < 0 || seatArcOf[u] >= 0) return null;
      role[u] = OFFER;
      seatArcOf[u] = a;
    }
  }
  // Number candidates and offers in node order.
  const index = new Int32Array(n).fill(-1);
  let M = 0;
  let c = 0;
  const candidateNode = new Int32Array(N);
  for (let u = 0; u < n; u++) {
    if (role[u] === CANDIDATE) {
      if (dummyOf[u] < 0) return null;
      candidateNode[c] = u;
      index[u] = c++;
    } else if (role[u] === OFFER) {
      if (seatArcOf[u] < 0) return null;
      index[u] = M++;
    }
  }
  const offerNode = new Int32Array(M);
  const offerArc = new Int32Array(M);
  const offerCapacity = new Float64Array(M);
  for (let u = 0; u < n; u++) {
    if (role[u] !== OFFER) continue;
    const j = index[u];
    offerNode[j] = u;
    offerArc[j] = seatArcOf[u];
    offerCapacity[j] = capacity[seatArcOf[u]];
  }
  const dummyArc = new Int32Array(N);
  for (let i = 0; i < N; i++) dummyArc[i] = dummyOf[candidateNode[i]];

  const arcStart = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) arcStart[i + 1] = arcStart[i] + degree[candidateNode[i]];

  // Zero-copy when candidates are nodes 0..N−1, offers are the next M nodes and the candidate arcs
  // are the first K input arcs grouped by candidate (the generator's layout): saves 3 arrays of K.
  let inPlace = candidateNode.length === 0 || candidateNode[N - 1] === N - 1;
  if (inPlace) for (let j = 0; j < M; j++) if (offerNode[j] !== N + j) inPlace = false;
  if (inPlace) {
    let prev = 0;
    for (let a = 0; a < K && inPlace; a++) {
      const u = from[a];
      if (u < prev || role[u] !== CANDIDATE || to[a] === sink) inPlace = false;
      prev = u;
    }
  }
  if (inPlace) {
    return {
      candidateCount: N,
      offerCount: M,
      sinkNode: sink,
      candidateNode,
      offerNode,
      arcStart,
      arcHead: to.subarray(0, K),
      offerBase: N,
      arcCost: cost.subarray(0, K),
      arcId: null,
      dummyArc,
      offerArc,
      offerCapacity,
    };
  }
  const arcHead = new Int32Array(K);
  const arcCost: IntArray = cost instanceof Int32Array ? new Int32Array(K) : new Float64Array(K);
  const arcId = new Int32Array(K);
  const fill = arcStart.slice(0, N);
  for (let a = 0; a < m; a++) {
    const u = from[a];
    if (role[u] !== CANDIDATE || to[a] === sink) continue;
    const p = fill[index[u]]++;
    arcHead[p] = index[to[a]];
    arcCost[p] = cost[a];
    arcId[p] = a;
  }
  return {
    candidateCount: N,
    offerCount: M,
    sinkNode: sink,
    candidateNode,
    offerNode,
    arcStart,
    arcHead,
    offerBase: 0,
    arcCost,
    arcId,
    dummyArc,
    offerArc,
    offerCapacity,
  };
}
