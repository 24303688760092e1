import type { FlowProblem, IntArray } from './flow-problem.ts';

export type CertificateResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks that `flow` is an optimal solution of `problem`, using the node potentials as the dual
 * certificate (linear-programming complementary slackness):
 * 1. lower ≤ flow ≤ capacity on every arc;
 * 2. conservation: outflow − inflow = supply at every node;
 * 3. with reduced cost r = cost + π(from) − π(to): r < 0 ⇒ arc at capacity, r > 0 ⇒ arc at its lower bound.
 * Together these prove optimality without trusting the solver. Arithmetic is exact: sums run in
 * float64 while they stay below 2^53 and in BigInt otherwise.
 */
export function checkOptimality(problem: FlowProblem, flow: IntArray, potential: Float64Array): CertificateResult {
  const { nodeCount: n, arcCount: m, from, to, lower, capacity, cost, supply } = problem;
  if (flow.length < m) return { ok: false, reason: `flow has ${flow.length} entries for ${m} arcs` };
  if (potential.length < n) return { ok: false, reason: `potential has ${potential.length} entries for ${n} nodes` };
  const SAFE = 2 ** 52;
  const balance = new Float64Array(n);
  let bigBalance: bigint[] | null = null;
  for (let a = 0; a < m; a++) {
    const f = flow[a];
    const lo = lower ? lower[a] : 0;
    if (!Number.isInteger(f)) return { ok: false, reason: `arc ${a + 1}: flow ${f} is not an integer` };
    if (f < lo || f > capacity[a]) return { ok: false, reason: `arc ${a + 1}: flow ${f} outside [${lo}, ${capacity[a]}]` };
    const u = from[a];
    const v = to[a];
    balance[u] += f;
    balance[v] -= f;
    if (Math.abs(balance[u]) > SAFE || Math.abs(balance[v]) > SAFE) bigBalance = [];
    const pu = potential[u];
    const pv = potential[v];
    const w = cost[a];
    let sign: number;
    const r = w + pu - pv;
    if (Math.abs(w) + Math.abs(pu) + Math.abs(pv) < SAFE) sign = Math.sign(r);
    else {
      if (!Number.isInteger(pu) || !Number.isInteger(pv)) return { ok: false, reason: 'non-integer potentials' };
      const rb = BigInt(w) + BigInt(pu) - BigInt(pv);
      sign = rb > 0n ? 1 : rb < 0n ? -1 : 0;
    }
    if (sign < 0 && f !== capacity[a]) {
      return { ok: false, reason: `arc ${a + 1} (${u + 1}→${v + 1}): reduced cost ${r} < 0 but flow ${f} below capacity ${capacity[a]}` };
    }
    if (sign > 0 && f !== lo) {
      return { ok: false, reason: `arc ${a + 1} (${u + 1}→${v + 1}): reduced cost ${r} > 0 but flow ${f} above lower bound ${lo}` };
    }
  }
  if (bigBalance) {
    // Exact recount when float sums could have lost digits.
    const b: bigint[] = new Array<bigint>(n).fill(0n);
    for (let a = 0; a < m; a++) {
      const f = BigInt(flow[a]);
      b[from[a]] += f;
      b[to[a]] -= f;
    }
    for (let u = 0; u < n; u++) {
      if (b[u] !== BigInt(supply[u])) return { ok: false, reason: `node ${u + 1}: net outflow ${b[u]} ≠ supply ${supply[u]}` };
    }
  } else {
    for (let u = 0; u < n; u++) {
      if (balance[u] !== supply[u]) return { ok: false, reason: `node ${u + 1}: net outflow ${balance[u]} ≠ supply ${supply[u]}` };
    }
  }
  return { ok: true };
}
