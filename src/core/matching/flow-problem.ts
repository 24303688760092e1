/**
 * A minimum-cost-flow problem held in typed arrays, as read from DIMACS (`p min`, `n`, `a` lines).
 *
 * Nodes are 0-based here (DIMACS ids are 1-based). Arc arrays start as Int32Array and are widened to
 * Float64Array only when a value does not fit, so that the 31M-arc matching instances stay near
 * 4 bytes per field (a Float64 copy of every field would cost an extra 0.6 GB).
 */
export type IntArray = Int32Array | Float64Array;

export interface FlowProblem {
  nodeCount: number;
  arcCount: number;
  /** Supply of each node (positive = source, negative = demand). */
  supply: Float64Array;
  /** Tail and head node of each arc, 0-based. */
  from: Int32Array;
  to: Int32Array;
  /** Lower bounds; `null` when every lower bound is zero (the usual case). */
  lower: IntArray | null;
  capacity: IntArray;
  cost: IntArray;
}

/** Outcome of a solver. `flow` and `potential` are only meaningful when the status is optimal. */
export interface FlowSolution {
  status: 'optimal' | 'infeasible';
  /** Flow on each arc, in input order (already including lower bounds). */
  flow: IntArray;
  /**
   * Node potentials π proving optimality: with reduced cost r = cost + π(from) − π(to), every arc
   * with flow < capacity has r ≥ 0 and every arc with flow > lower bound has r ≤ 0.
   */
  potential: Float64Array;
  /** Exact total cost Σ cost·flow (BigInt: cost × flow sums can pass 2^53). */
  totalCost: bigint;
  /** Which engine produced the result, for `--time` and benchmarks. */
  algorithm: string;
}

/** Largest integer that float64 arithmetic represents exactly; DIMACS values beyond it are refused. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * Exact Σ cost[a]·flow[a]. Sums in float64 while every partial result stays below 2^53 and falls back
 * to BigInt for the rest, so the common case costs one multiply-add per arc.
 */
export function exactTotalCost(cost: IntArray, flow: IntArray, count = cost.length): bigint {
  let big = 0n;
  let acc = 0;
  const LIMIT = 2 ** 52;
  for (let a = 0; a < count; a++) {
    const f = flow[a];
    if (f === 0) continue;
    const p = cost[a] * f;
    if (p > -LIMIT && p < LIMIT) {
      acc += p;
      if (acc >= LIMIT || acc <= -LIMIT) {
        big += BigInt(acc);
        acc = 0;
      }
    } else {
      big += BigInt(cost[a]) * BigInt(f);
    }
  }
  return big + BigInt(acc);
}
