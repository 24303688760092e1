/**
 * One positioning round (DOMAIN.md §4): the assignment of candidates to targets (offers and training
 * sessions) that maximises the total value, each candidate on at most one target, each target within
 * its seats. Builds the candidate → target → sink min-cost flow (the shape `detectBipartite`
 * recognises, so the specialised engine solves it), solves it, and checks the optimality certificate
 * (complementary slackness on every arc) before returning: a round is never stored on trust.
 */
import { checkOptimality } from './certificate.ts';
import type { FlowProblem } from './flow-problem.ts';
import { solveMinCostFlow } from './min-cost-flow.ts';

export interface RoundInput {
  candidateCount: number;
  /** Seats of each target (≥ 0). */
  capacity: ArrayLike<number>;
  /** Arc k links candidate `arcCandidate[k]` to target `arcTarget[k]` with value `arcValue[k]` (integer ≥ 1). */
  arcCandidate: Int32Array;
  arcTarget: Int32Array;
  arcValue: Int32Array;
}

export interface RoundResult {
  /** Chosen arc of each candidate, −1 when left without a proposal. */
  arcOf: Int32Array;
  /** Σ value of the chosen arcs: the optimum. */
  totalValue: number;
  /** Candidates given a target. */
  assigned: number;
  /** Engine that solved it (after certification). */
  algorithm: string;
}

export class RoundInputError extends Error {}

function validate(input: RoundInput): void {
  const { candidateCount: n, capacity, arcCandidate, arcTarget, arcValue } = input;
  if (!(Number.isInteger(n) && n >= 0)) throw new RoundInputError(`candidateCount must be a non-negative integer, got ${n}`);
  const m = capacity.length;
  for (let j = 0; j < m; j++) {
    const c = capacity[j];
    if (!(Number.isInteger(c) && c >= 0)) throw new RoundInputError(`capacity[${j}] must be a non-negative integer, got ${c}`);
  }
  const k = arcCandidate.length;
  if (arcTarget.length !== k || arcValue.length !== k) throw new RoundInputError('arcCandidate, arcTarget and arcValue must have the same length');
  for (let a = 0; a < k; a++) {
    const i = arcCandidate[a];
    const j = arcTarget[a];
    if (i < 0 || i >= n) throw new RoundInputError(`arc ${a}: candidate ${i} outside 0..${n - 1}`);
    if (j < 0 || j >= m) throw new RoundInputError(`arc ${a}: target ${j} outside 0..${m - 1}`);
    if (!(arcValue[a] >= 1)) throw new RoundInputError(`arc ${a}: value must be ≥ 1, got ${arcValue[a]}`);
  }
}

/**
 * Exact maximum-value assignment. Ties between optima are broken by the engine (deterministic for a
 * given input order). Throws `RoundInputError` on malformed input, and `Error` if the certificate
 * fails (a solver bug: nothing should be stored then).
 */
export function assignRound(input: RoundInput): RoundResult {
  validate(input);
  const { candidateCount: n, capacity, arcCandidate, arcTarget, arcValue } = input;
  const m = capacity.length;
  const k = arcCandidate.length;
  const arcOf = new Int32Array(n).fill(-1);
  if (n === 0 || k === 0) return { arcOf, totalValue: 0, assigned: 0, algorithm: 'empty' };

  // Nodes: candidates 0..n−1 (supply 1), targets n..n+m−1, sink n+m (demand n). Arcs: the k candidate
  // arcs in input order, then one "no proposal" arc per candidate, then one seat arc per target.
  const sink = n + m;
  const arcCount = k + n + m;
  const from = new Int32Array(arcCount);
  const to = new Int32Array(arcCount);
  const cap = new Int32Array(arcCount);
  const cost = new Int32Array(arcCount);
  const supply = new Float64Array(n + m + 1);
  for (let i = 0; i < n; i++) supply[i] = 1;
  supply[sink] = -n;
  for (let a = 0; a < k; a++) {
    from[a] = arcCandidate[a];
    to[a] = n + arcTarget[a];
    cap[a] = 1;
    cost[a] = -arcValue[a];
  }
  for (let i = 0; i < n; i++) {
    from[k + i] = i;
    to[k + i] = sink;
    cap[k + i] = 1;
  }
  for (let j = 0; j < m; j++) {
    from[k + n + j] = n + j;
    to[k + n + j] = sink;
    cap[k + n + j] = capacity[j];
  }
  const problem: FlowProblem = { nodeCount: n + m + 1, arcCount, supply, from, to, lower: null, capacity: cap, cost };
  const solution = solveMinCostFlow(problem);
  if (solution.status !== 'optimal') throw new Error('positioning round: the flow problem was reported infeasible (it always has the "no proposal" arcs)');
  const certificate = checkOptimality(problem, solution.flow, solution.potential);
  if (!certificate.ok) throw new Error(`positioning round: optimality certificate failed (${certificate.reason})`);

  let totalValue = 0;
  let assigned = 0;
  for (let a = 0; a < k; a++) {
    if (solution.flow[a] === 0) continue;
    const i = arcCandidate[a];
    if (arcOf[i] >= 0) throw new Error(`positioning round: candidate ${i} received two targets`);
    arcOf[i] = a;
    totalValue += arcValue[a];
    assigned += 1;
  }
  return { arcOf, totalValue, assigned, algorithm: solution.algorithm };
}
