import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveBipartite } from './bipartite-assignment.ts';
import { detectBipartite } from './bipartite-shape.ts';
import { checkOptimality } from './certificate.ts';
import { parseDimacs } from './dimacs.ts';
import type { FlowProblem, FlowSolution } from './flow-problem.ts';
import { solveMinCostFlow } from './min-cost-flow.ts';
import { solveNetworkSimplex } from './network-simplex.ts';

interface ArcSpec {
  u: number;
  v: number;
  low: number;
  cap: number;
  cost: number;
}
interface Spec {
  n: number;
  supply: number[];
  arcs: ArcSpec[];
}

function toDimacs(spec: Spec): string {
  const lines = [`p min ${spec.n} ${spec.arcs.length}`];
  spec.supply.forEach((s, u) => {
    if (s !== 0) lines.push(`n ${u + 1} ${s}`);
  });
  for (const a of spec.arcs) lines.push(`a ${a.u + 1} ${a.v + 1} ${a.low} ${a.cap} ${a.cost}`);
  return lines.join('\n') + '\n';
}

/** Enumerates every integer flow within the bounds (tiny problems only). */
function bruteForce(spec: Spec): number | 'infeasible' {
  const m = spec.arcs.length;
  const flow = new Array<number>(m).fill(0);
  let best = Infinity;
  const rec = (a: number, cost: number): void => {
    if (a === m) {
      const bal = spec.supply.slice();
      spec.arcs.forEach((arc, e) => {
        bal[arc.u] -= flow[e];
        bal[arc.v] += flow[e];
      });
      if (bal.every((b) => b === 0) && cost < best) best = cost;
      return;
    }
    const arc = spec.arcs[a];
    for (let f = arc.low; f <= arc.cap; f++) {
      flow[a] = f;
      rec(a + 1, cost + f * arc.cost);
    }
  };
  rec(0, 0);
  return best === Infinity ? 'infeasible' : best;
}

/**
 * Independent reference: lower bounds shifted out, negative arcs saturated, then successive
 * shortest paths found by Bellman-Ford from a super source (no potentials, no simplex).
 */
function referenceSolve(spec: Spec): number | 'infeasible' {
  const n = spec.n;
  const S = n;
  const T = n + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adj: number[][] = Array.from({ length: n + 2 }, () => []);
  const addEdge = (u: number, v: number, c: number, w: number): number => {
    adj[u].push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    adj[v].push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
    return to.length - 2;
  };
  const excess = spec.supply.slice();
  let base = 0;
  for (const a of spec.arcs) {
    if (a.cap < a.low) return 'infeasible';
    base += a.low * a.cost;
    excess[a.u] -= a.low;
    excess[a.v] += a.low;
    const c = a.cap - a.low;
    if (a.cost < 0) {
      // Saturate, keep the reverse residual arc (positive cost).
      base += c * a.cost;
      excess[a.u] -= c;
      excess[a.v] += c;
      addEdge(a.v, a.u, c, -a.cost);
    } else addEdge(a.u, a.v, c, a.cost);
  }
  let need = 0;
  for (let u = 0; u < n; u++) {
    if (excess[u] > 0) {
      addEdge(S, u, excess[u], 0);
      need += excess[u];
    } else if (excess[u] < 0) addEdge(u, T, -excess[u], 0);
  }
  if (spec.supply.reduce((x, y) => x + y, 0) !== 0) return 'infeasible';
  let total = base;
  while (need > 0) {
    const dist = new Array<number>(n + 2).fill(Infinity);
    const pred = new Array<number>(n + 2).fill(-1);
    dist[S] = 0;
    for (let it = 0; it < n + 2; it++) {
      let changed = false;
      for (let u = 0; u < n + 2; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of adj[u]) {
          if (cap[e] > 0 && dist[u] + cost[e] < dist[to[e]]) {
            dist[to[e]] = dist[u] + cost[e];
            pred[to[e]] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) return 'infeasible';
    let push = need;
    for (let v = T; v !== S; v = to[pred[v] ^ 1]) push = Math.min(push, cap[pred[v]]);
    for (let v = T; v !== S; v = to[pred[v] ^ 1]) {
      cap[pred[v]] -= push;
      cap[pred[v] ^ 1] += push;
    }
    total += push * dist[T];
    need -= push;
  }
  return total;
}

function expectCertified(problem: FlowProblem, sol: FlowSolution): void {
  expect(sol.status).toBe('optimal');
  const check = checkOptimality(problem, sol.flow, sol.potential);
  expect(check).toEqual({ ok: true });
  let cost = 0n;
  for (let a = 0; a < problem.arcCount; a++) cost += BigInt(problem.cost[a]) * BigInt(sol.flow[a]);
  expect(sol.totalCost).toBe(cost);
}

function outcome(sol: FlowSolution): number | 'infeasible' {
  return sol.status === 'optimal' ? Number(sol.totalCost) : 'infeasible';
}

const tinySpec = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(
      fc.record({
        u: fc.nat(),
        v: fc.nat(),
        low: fc.integer({ min: 0, max: 1 }),
        extra: fc.integer({ min: -1, max: 3 }),
        cost: fc.integer({ min: -5, max: 5 }),
      }),
      { maxLength: 6 },
    ),
    supply: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 5, maxLength: 5 }),
    balance: fc.boolean(),
  })
  .map(({ n, seed, supply, balance }): Spec => {
    const arcs = seed.map((s) => ({
      u: s.u % n,
      v: s.v % n,
      low: s.low,
      // Mostly cap ≥ low; extra = −1 with low = 0 gives cap −1 < low (an infeasible arc) rarely.
      cap: Math.max(s.low + s.extra, s.extra < 0 && s.low === 1 ? 0 : s.low),
      cost: s.cost,
    }));
    const sup = supply.slice(0, n);
    if (balance) sup[n - 1] -= sup.reduce((x, y) => x + y, 0);
    return { n, supply: sup, arcs };
  });

describe('network simplex (general engine)', () => {
  it('matches brute-force enumeration on tiny random problems (transshipment, lower bounds, negative costs, infeasible)', () => {
    fc.assert(
      fc.property(tinySpec, (spec) => {
        const problem = parseDimacs(toDimacs(spec));
        const sol = solveNetworkSimplex(problem);
        const want = bruteForce(spec);
        expect(outcome(sol)).toBe(want);
        if (want !== 'infeasible') expectCertified(problem, sol);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('matches the Bellman-Ford reference on medium random problems', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rnd = lcg(seed);
        const n = 5 + (rnd() % 30);
        const m = n + (rnd() % (4 * n));
        const arcs: ArcSpec[] = [];
        for (let a = 0; a < m; a++) {
          const low = rnd() % 4 === 0 ? rnd() % 3 : 0;
          arcs.push({ u: rnd() % n, v: rnd() % n, low, cap: low + (rnd() % 12), cost: (rnd() % 41) - 15 });
        }
        const supply = new Array<number>(n).fill(0);
        for (let k = 0; k < n; k++) {
          const q = rnd() % 6;
          supply[rnd() % n] += q;
          supply[rnd() % n] -= q;
        }
        const spec = { n, supply, arcs };
        const problem = parseDimacs(toDimacs(spec));
        const sol = solveNetworkSimplex(problem);
        expect(outcome(sol)).toBe(referenceSolve(spec));
        if (sol.status === 'optimal') expectCertified(problem, sol);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('reports unbalanced supplies and capacity below the lower bound as infeasible', () => {
    expect(solveNetworkSimplex(parseDimacs('p min 2 1\nn 1 2\nn 2 -1\na 1 2 0 5 1\n')).status).toBe('infeasible');
    expect(solveNetworkSimplex(parseDimacs('p min 2 1\na 1 2 3 2 1\n')).status).toBe('infeasible');
    expect(solveNetworkSimplex(parseDimacs('p min 2 1\nn 1 4\nn 2 -4\na 1 2 0 3 1\n')).status).toBe('infeasible');
  });

  it('keeps exact totals beyond 2^53 and refuses cost ranges it cannot keep exact', () => {
    const big = 2 ** 40;
    const problem = parseDimacs(`p min 2 1\nn 1 ${big}\nn 2 -${big}\na 1 2 0 ${big} 4096\n`);
    const sol = solveNetworkSimplex(problem);
    expect(sol.totalCost).toBe(BigInt(big) * 4096n);
    expect(() => solveNetworkSimplex(parseDimacs(`p min 2 1\na 1 2 0 1 ${2 ** 52}\n`))).toThrow(RangeError);
  });

  it('solves a negative-cost cycle with no supplies (circulation)', () => {
    const problem = parseDimacs('p min 3 3\na 1 2 0 4 -3\na 2 3 0 2 1\na 3 1 0 9 1\n');
    const sol = solveNetworkSimplex(problem);
    expect(sol.totalCost).toBe(-2n);
    expectCertified(problem, sol);
  });
});

/** Small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 8;
  };
}

/**
 * Candidate → offer instance in the layout of gen_instances.mjs (candidates, offers, sink; arcs
 * grouped by candidate, then seat arcs, then unassigned arcs), optionally shuffled or with extra
 * quirks, as DIMACS text.
 */
function assignmentSpec(
  seed: number,
  N: number,
  M: number,
  opts: { maxScore?: number; shuffle?: boolean; parallel?: boolean; negative?: boolean; maxCap?: number } = {},
): Spec {
  const rnd = lcg(seed);
  const maxScore = opts.maxScore ?? 1000;
  const n = N + M + 1;
  const T = N + M;
  const supply = new Array<number>(n).fill(0);
  const cand: ArcSpec[] = [];
  const seat: ArcSpec[] = [];
  const dummy: ArcSpec[] = [];
  for (let i = 0; i < N; i++) {
    supply[i] = 1;
    const d = 1 + (rnd() % Math.min(M, 6));
    const seen = new Set<number>();
    for (let k = 0; k < d; k++) {
      // Popular offers first (skewed), as in real markets.
      const j = Math.min(rnd() % M, rnd() % M);
      if (seen.has(j) && !opts.parallel) continue;
      seen.add(j);
      let score = rnd() % (maxScore + 1);
      if (opts.negative && rnd() % 5 === 0) score = -score;
      cand.push({ u: i, v: N + j, low: 0, cap: 1 + (rnd() % 2), cost: -score });
    }
    dummy.push({ u: i, v: T, low: 0, cap: 1, cost: 0 });
  }
  supply[T] = -N;
  const maxCap = opts.maxCap ?? 4;
  for (let j = 0; j < M; j++) seat.push({ u: N + j, v: T, low: 0, cap: rnd() % (maxCap + 1), cost: 0 });
  let arcs = [...cand, ...seat, ...dummy];
  if (opts.shuffle) {
    for (let a = arcs.length - 1; a > 0; a--) {
      const b = rnd() % (a + 1);
      [arcs[a], arcs[b]] = [arcs[b], arcs[a]];
    }
    arcs = arcs.slice();
  }
  return { n, supply, arcs };
}

describe('bipartite candidate → offer engine', () => {
  it('recognises the generator layout in place and other orders by copy', () => {
    const inPlace = detectBipartite(parseDimacs(toDimacs(assignmentSpec(1, 30, 5))));
    expect(inPlace?.arcId).toBeNull();
    const shuffled = detectBipartite(parseDimacs(toDimacs(assignmentSpec(1, 30, 5, { shuffle: true }))));
    expect(shuffled).not.toBeNull();
    expect(shuffled?.arcId).not.toBeNull();
  });

  it('declines problems outside the shape', () => {
    // Lower bound, transshipment between offers, a candidate without its unassigned arc.
    expect(detectBipartite(parseDimacs('p min 3 2\nn 1 1\nn 3 -1\na 1 2 1 1 -5\na 2 3 0 1 0\n'))).toBeNull();
    expect(detectBipartite(parseDimacs('p min 4 4\nn 1 1\nn 4 -1\na 1 2 0 1 -5\na 2 3 0 1 0\na 3 4 0 1 0\na 1 4 0 1 0\n'))).toBeNull();
    expect(detectBipartite(parseDimacs('p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 -5\na 2 3 0 1 0\n'))).toBeNull();
    expect(detectBipartite(parseDimacs('p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1 -5\na 2 3 0 1 0\na 1 3 0 1 0\n'))).not.toBeNull();
  });

  it('is optimal and certified on random instances, with and without the auction warm start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(3, 20, 1000),
        fc.boolean(),
        fc.boolean(),
        (seed, N, M, maxScore, shuffle, quirks) => {
          const spec = assignmentSpec(seed, N, M, { maxScore, shuffle, parallel: quirks, negative: quirks });
          const problem = parseDimacs(toDimacs(spec));
          const inst = detectBipartite(problem);
          expect(inst).not.toBeNull();
          const want = solveNetworkSimplex(problem);
          expectCertified(problem, want);
          for (const maxBidsPerCandidate of [0, 1, 200]) {
            for (const scaling of [true, false]) {
              const got = solveBipartite(problem, inst!, { maxBidsPerCandidate, scaling });
              expectCertified(problem, got);
              expect(got.totalCost).toBe(want.totalCost);
            }
          }
        },
      ),
      { numRuns: 250, seed: 11 },
    );
  });

  it('reaches the optimum from any starting prices (over-priced offers, released commitments)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, N, M, prices, budget) => {
          const problem = parseDimacs(toDimacs(assignmentSpec(seed, N, M, { maxScore: 30, maxCap: 5 })));
          const inst = detectBipartite(problem)!;
          const want = solveNetworkSimplex(problem);
          const got = solveBipartite(problem, inst, { initialPrices: prices, maxBidsPerCandidate: budget });
          expectCertified(problem, got);
          expect(got.totalCost).toBe(want.totalCost);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('passes through the sink when it has no demand left (many candidates, scarce seats, many ties)', () => {
    let sinkSettles = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const spec = assignmentSpec(seed, 200, 10, { maxScore: 12, maxCap: 6 });
      const problem = parseDimacs(toDimacs(spec));
      const inst = detectBipartite(problem)!;
      const want = solveNetworkSimplex(problem);
      for (const maxBidsPerCandidate of [0, 200]) {
        const got = solveBipartite(problem, inst, { maxBidsPerCandidate });
        expectCertified(problem, got);
        expect(got.totalCost).toBe(want.totalCost);
        sinkSettles += got.stats.sinkSettles;
      }
    }
    expect(sinkSettles).toBeGreaterThan(0);
  });

  it('agrees with the network simplex on a 3,000 × 150 market and takes the fast path automatically', () => {
    const spec = assignmentSpec(2024, 3000, 150, { maxCap: 12 });
    const problem = parseDimacs(toDimacs(spec));
    const auto = solveMinCostFlow(problem);
    expect(auto.algorithm).toBe('bipartite-auction-ssp');
    expectCertified(problem, auto);
    const general = solveMinCostFlow(problem, { engine: 'network-simplex' });
    expectCertified(problem, general);
    expect(auto.totalCost).toBe(general.totalCost);
  });
});

describe('optimality certificate', () => {
  const problem = parseDimacs('p min 3 3\nn 1 2\nn 3 -2\na 1 2 0 2 1\na 2 3 0 2 1\na 1 3 0 1 3\n');
  const sol = solveNetworkSimplex(problem);

  it('accepts the optimum', () => {
    expect(sol.totalCost).toBe(4n);
    expect(checkOptimality(problem, sol.flow, sol.potential)).toEqual({ ok: true });
  });

  it('rejects a feasible but suboptimal flow, broken conservation and bounds', () => {
    expect(checkOptimality(problem, Float64Array.of(1, 1, 1), sol.potential).ok).toBe(false);
    expect(checkOptimality(problem, Float64Array.of(2, 1, 0), sol.potential).ok).toBe(false);
    expect(checkOptimality(problem, Float64Array.of(3, 3, -1), sol.potential).ok).toBe(false);
  });

  it('rejects wrong potentials even for the optimal flow', () => {
    expect(checkOptimality(problem, sol.flow, Float64Array.of(0, 0, 0)).ok).toBe(false);
  });
});
