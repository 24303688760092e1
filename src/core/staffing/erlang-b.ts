/**
 * Erlang B (M/M/n/n blocking probability) without factorials.
 *
 * Two stable evaluations are combined (DOMAIN.md §3):
 * - the forward recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1. It is stable going up: the
 *   relative error of B(k−1) is multiplied by k/(k + A·B(k−1)) < 1 at each step.
 * - the positive series 1/B(n, A) = Σ_{j=0..n} n!/((n−j)!·A^j) = Σ_j Π_{i<j} (n−i)/A. For n ≤ A every
 *   ratio (n−i)/A is ≤ 1, so the terms only decrease and the sum can stop after O(√A) terms (they fall
 *   like exp(−j²/2A) near n ≈ A) instead of the n steps the recursion needs from 0.
 * Combining them: B(floor(A)) by the series (≈ 2,000 terms at A = 50,000 Erlangs), then the
 * recursion upwards. That is what lets the staffing search carry B forward from one starting point.
 *
 * A is the offered traffic in Erlangs (λ·AHT); n (agents) is a non-negative integer.
 */

/** Relative size of a neglected tail: below half an ulp of the sum. */
const TAIL_TOLERANCE = 1e-17;

/**
 * 1/B(n, A) for 0 ≤ n ≤ A by the decreasing positive series above (compensated sum).
 * Returns Infinity only if A = 0 < n, which callers exclude.
 */
function inverseErlangBBySeries(agents: number, trafficErlangs: number): number {
  let sum = 1;
  let compensation = 0;
  let term = 1;
  for (let j = 1; j <= agents; j++) {
    const ratio = (agents - j + 1) / trafficErlangs;
    term *= ratio;
    // Neumaier-compensated addition: the terms are positive and decreasing, ~√A of them matter.
    const next = sum + term;
    compensation += sum >= term ? sum - next + term : term - next + sum;
    sum = next;
    // The following ratios are smaller than `ratio`, so the tail is below term·r/(1−r), r = next ratio.
    const nextRatio = (agents - j) / trafficErlangs;
    if (nextRatio < 1 && term * nextRatio < TAIL_TOLERANCE * (1 - nextRatio) * sum) break;
  }
  return sum + compensation;
}

/** One step of the forward recursion: B(k) from B(k−1). */
export function erlangBStep(previousB: number, agents: number, trafficErlangs: number): number {
  const x = trafficErlangs * previousB;
  return x / (agents + x);
}

/**
 * The least k with B(k, A) computed by the series, from which the forward recursion starts:
 * floor(A), or 0 when A < 1.
 */
export function erlangBStartAgents(trafficErlangs: number): number {
  return Math.floor(trafficErlangs);
}

/** B(k, A) for k ≤ A (or k = 0) by the series; exported for the search, which steps up from here. */
export function erlangBAtOrBelowTraffic(agents: number, trafficErlangs: number): number {
  if (agents === 0) return 1;
  if (trafficErlangs === 0) return 0;
  if (agents <= SMALL_AGENTS) {
    // A few recursion steps cost less than the compensated series.
    let b = 1;
    for (let k = 1; k <= agents; k++) b = erlangBStep(b, k, trafficErlangs);
    return b;
  }
  return 1 / inverseErlangBBySeries(agents, trafficErlangs);
}

/** Below this many agents the recursion from B(0) is cheaper than the series. */
const SMALL_AGENTS = 32;

/**
 * Erlang B blocking probability B(n, A): the share of calls lost when n agents serve A Erlangs with
 * no queue. Also the building block of Erlang C and of the Erlang A normalisation.
 * Exact to a few ulps for n up to ~10⁶ and A up to ~10⁶; underflows to 0 only when B < 1e−308.
 */
export function erlangB(options: { agents: number; trafficErlangs: number }): number {
  const { agents, trafficErlangs } = options;
  assertAgents(agents);
  assertTraffic(trafficErlangs);
  if (agents === 0) return 1;
  if (trafficErlangs === 0) return 0;
  const start = Math.min(agents, erlangBStartAgents(trafficErlangs));
  let b = erlangBAtOrBelowTraffic(start, trafficErlangs);
  for (let k = start + 1; k <= agents; k++) b = erlangBStep(b, k, trafficErlangs);
  return b;
}

export function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
  }
}

export function assertTraffic(trafficErlangs: number): void {
  if (!Number.isFinite(trafficErlangs) || trafficErlangs < 0) {
    throw new RangeError(`trafficErlangs must be a finite non-negative number, got ${trafficErlangs}`);
  }
}
