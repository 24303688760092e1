/**
 * Erlang C (M/M/n, callers wait as long as needed). Formulas of DOMAIN.md §3, arranged so that no
 * step subtracts nearly equal numbers:
 *   C   = n·B / (n − A·(1 − B)) = n·B / ((n − A) + A·B)          probability of waiting
 *   1−C = (n − A)·(1 − B) / ((n − A) + A·B)
 *   SL  = 1 − C·e^{−x} = (1 − C) + C·(1 − e^{−x}),  x = (n − A)·t/h  (both parts ≥ 0, 1 − e^{−x} by expm1)
 *   ASA = C·h / (n − A)  seconds;  occupancy = A/n.
 * With n ≤ A the queue is unstable (it grows without bound): SL 0, ASA null, isUnstable true.
 */
import { assertAgents, assertTraffic, erlangB } from './erlang-b.ts';
import type { StaffingEvaluation } from './types.ts';

export interface ErlangCOptions {
  agents: number;
  /** Offered traffic in Erlangs. */
  trafficErlangs: number;
  ahtSeconds: number;
  targetAnswerSeconds: number;
}

/** Erlang C probability of waiting C(n, A); 1 when n ≤ A (every caller eventually waits). */
export function erlangC(options: { agents: number; trafficErlangs: number }): number {
  const { agents, trafficErlangs } = options;
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs) return 1;
  return erlangCFromB(agents, trafficErlangs, erlangB(options));
}

/** C from B = B(n, A); requires n > A. */
export function erlangCFromB(agents: number, trafficErlangs: number, b: number): number {
  return (agents * b) / (agents - trafficErlangs + trafficErlangs * b);
}

/** Service level, ASA and occupancy of n agents under Erlang C. */
export function evaluateErlangC(options: ErlangCOptions): StaffingEvaluation {
  const { agents, trafficErlangs } = options;
  assertAgents(agents);
  assertTraffic(trafficErlangs);
  if (trafficErlangs === 0 || agents <= trafficErlangs) {
    return evaluateErlangCFromB(options, 1);
  }
  return evaluateErlangCFromB(options, erlangB(options));
}

/**
 * Same as evaluateErlangC with B = B(n, A) already known: the staffing search carries B forward by
 * the recursion instead of recomputing it for each candidate n.
 */
export function evaluateErlangCFromB(options: ErlangCOptions, b: number): StaffingEvaluation {
  return erlangCEvaluation(options.agents, options.trafficErlangs, options.ahtSeconds, options.targetAnswerSeconds, b);
}

/**
 * Positional form for hot loops (the search builds no options object per candidate: object spreads
 * cost microseconds each in V8, more than the maths).
 */
export function erlangCEvaluation(
  agents: number,
  a: number,
  ahtSeconds: number,
  targetAnswerSeconds: number,
  b: number,
): StaffingEvaluation {
  if (a === 0) {
    return {
      model: 'erlang-c',
      agents,
      trafficErlangs: a,
      serviceLevel: 1,
      asaSeconds: 0,
      probabilityOfWaiting: 0,
      occupancy: 0,
      isUnstable: false,
    };
  }
  if (agents <= a) {
    return {
      model: 'erlang-c',
      agents,
      trafficErlangs: a,
      serviceLevel: 0,
      asaSeconds: null,
      probabilityOfWaiting: 1,
      // Every agent is busy all the time once the queue has built up.
      occupancy: agents > 0 ? 1 : 0,
      isUnstable: true,
    };
  }
  const c = erlangCFromB(agents, a, b);
  return {
    model: 'erlang-c',
    agents,
    trafficErlangs: a,
    serviceLevel: erlangCServiceLevel(agents, a, ahtSeconds, targetAnswerSeconds, b),
    asaSeconds: erlangCAsaSeconds(agents, a, ahtSeconds, b),
    probabilityOfWaiting: c,
    occupancy: a / agents,
    isUnstable: false,
  };
}

/** SL for n > A > 0 with B = B(n, A): (1 − C) + C·(1 − e^{−x}), x = (n − A)·t/h; no allocation. */
export function erlangCServiceLevel(agents: number, a: number, ahtSeconds: number, targetAnswerSeconds: number, b: number): number {
  const spare = agents - a;
  const denominator = spare + a * b;
  const c = (agents * b) / denominator;
  const oneMinusC = (spare * (1 - b)) / denominator;
  const x = (spare * targetAnswerSeconds) / ahtSeconds;
  return Math.min(1, oneMinusC + c * -Math.expm1(-x));
}

/** ASA in seconds for n > A > 0 with B = B(n, A): C·h/(n − A). */
export function erlangCAsaSeconds(agents: number, a: number, ahtSeconds: number, b: number): number {
  return (erlangCFromB(agents, a, b) * ahtSeconds) / (agents - a);
}
