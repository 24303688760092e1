/**
 * Agents needed per interval: the least n whose service level, ASA and occupancy meet the targets,
 * under Erlang C, or Erlang A when a mean patience is given (DOMAIN.md §3).
 *
 * Search (Erlang C): B(floor(A), A) is computed once by the short positive series (erlang-b.ts), then
 * n steps up from floor(A) + 1 carrying B forward by one recursion step per candidate — O(√A)
 * candidates near the answer, O(1) work each, never a restart from B(0).
 * Search (Erlang A): Erlang C's answer n_C is found first (reusing its B values); abandonment usually
 * lowers the need, so the search gallops down from n_C and bisects. Under the "abandoned = not
 * answered" convention, very short patience with a long answer-time target can need *more* agents
 * than Erlang C (a caller who would have been answered at second 30 hangs up at second 2); the search
 * then steps up from n_C instead of hiding it. See erlang-a.test.ts for such a case.
 */
import { erlangB, erlangBAtOrBelowTraffic, erlangBStartAgents, erlangBStep } from './erlang-b.ts';
import { erlangAEvaluation, evaluateErlangA } from './erlang-a.ts';
import { erlangCAsaSeconds, erlangCEvaluation, erlangCServiceLevel, evaluateErlangC } from './erlang-c.ts';
import type { QueueOptions, StaffingEvaluation, StaffingTargets, TrafficOptions } from './types.ts';

/** Offered traffic in Erlangs: calls × AHT / interval length (both in seconds). */
export function trafficErlangs(options: TrafficOptions): number {
  const { callsPerInterval, intervalMinutes, ahtSeconds } = options;
  assertNonNegative('callsPerInterval', callsPerInterval);
  assertPositive('intervalMinutes', intervalMinutes);
  assertPositive('ahtSeconds', ahtSeconds);
  return (callsPerInterval * ahtSeconds) / (intervalMinutes * 60);
}

/** Performance of a fixed number of agents in one interval (Erlang C, or Erlang A with patience). */
export function evaluateStaffing(options: QueueOptions & { agents: number }): StaffingEvaluation {
  assertQueue(options);
  const a = trafficErlangs(options);
  const { agents, ahtSeconds, targetAnswerSeconds, patienceSeconds } = options;
  return patienceSeconds === undefined
    ? evaluateErlangC({ agents, trafficErlangs: a, ahtSeconds, targetAnswerSeconds })
    : evaluateErlangA({ agents, trafficErlangs: a, ahtSeconds, targetAnswerSeconds, patienceSeconds });
}

export interface StaffingRequirement {
  /** Least whole number of agents on the phones meeting every target. */
  agents: number;
  /**
   * The requirement before rounding, in (agents − 1, agents]: each failing target is interpolated
   * linearly between n − 1 and n (service level, 1/ASA, occupancy; Erlang C also never below A).
   * Sums of fractional requirements over queues or intervals do not overstate the need the way sums
   * of rounded ones do.
   */
  fractionalAgents: number;
  trafficErlangs: number;
  /** Performance at `agents`. */
  evaluation: StaffingEvaluation;
}

/** Least agents meeting the targets for one interval. 0 calls ⇒ 0 agents. */
export function requiredAgents(options: QueueOptions & StaffingTargets): StaffingRequirement {
  assertQueue(options);
  assertTargets(options);
  const a = trafficErlangs(options);
  const search = searchErlangC(options, a);
  if (options.patienceSeconds === undefined || a === 0) {
    return {
      agents: search.agents,
      fractionalAgents: fractionalRequirement(options, a, search.previous, search.evaluation),
      trafficErlangs: a,
      evaluation: search.evaluation,
    };
  }
  return searchErlangA(options, a, search);
}

/** requiredAgents for each interval of a forecast (same queue parameters throughout). */
export function requiredAgentsByInterval(
  options: Omit<QueueOptions, 'callsPerInterval'> & StaffingTargets & { calls: readonly number[] },
): StaffingRequirement[] {
  // One options object reused for every interval: an object spread per interval costs more in V8
  // than sizing the interval.
  const { calls, intervalMinutes, ahtSeconds, targetAnswerSeconds, patienceSeconds, serviceLevel, asaSeconds, maxOccupancy } = options;
  const perInterval: QueueOptions & StaffingTargets = { callsPerInterval: 0, intervalMinutes, ahtSeconds, targetAnswerSeconds, serviceLevel };
  if (patienceSeconds !== undefined) perInterval.patienceSeconds = patienceSeconds;
  if (asaSeconds !== undefined) perInterval.asaSeconds = asaSeconds;
  if (maxOccupancy !== undefined) perInterval.maxOccupancy = maxOccupancy;
  return calls.map((callsPerInterval) => {
    perInterval.callsPerInterval = callsPerInterval;
    return requiredAgents(perInterval);
  });
}

/** Performance for each n in [fromAgents, toAgents], carrying Erlang B forward from fromAgents. */
export function sweepStaffing(
  options: QueueOptions & { fromAgents: number; toAgents: number },
): StaffingEvaluation[] {
  assertQueue(options);
  const { fromAgents, toAgents } = options;
  if (!Number.isInteger(fromAgents) || !Number.isInteger(toAgents) || fromAgents < 0 || toAgents < fromAgents) {
    throw new RangeError(`need integers 0 ≤ fromAgents ≤ toAgents, got ${fromAgents}..${toAgents}`);
  }
  const a = trafficErlangs(options);
  const { ahtSeconds: h, targetAnswerSeconds: t, patienceSeconds } = options;
  const out: StaffingEvaluation[] = [];
  let b = erlangB({ agents: fromAgents, trafficErlangs: a });
  for (let n = fromAgents; n <= toAgents; n++) {
    if (n > fromAgents) b = a === 0 ? 0 : erlangBStep(b, n, a);
    out.push(patienceSeconds === undefined ? erlangCEvaluation(n, a, h, t, b) : erlangAEvaluation(n, a, h, t, patienceSeconds, b));
  }
  return out;
}

/**
 * The requirement and the performance of its neighbours, n − radius … n + radius (default 5):
 * what one agent more or less changes in service level, ASA, occupancy (and abandonment).
 */
export function sweepAroundRequirement(
  options: QueueOptions & StaffingTargets & { radius?: number },
): { requirement: StaffingRequirement; sweep: StaffingEvaluation[] } {
  const radius = options.radius ?? 5;
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`radius must be a non-negative integer, got ${radius}`);
  const requirement = requiredAgents(options);
  const sweep = sweepStaffing({
    callsPerInterval: options.callsPerInterval,
    intervalMinutes: options.intervalMinutes,
    ahtSeconds: options.ahtSeconds,
    targetAnswerSeconds: options.targetAnswerSeconds,
    ...(options.patienceSeconds === undefined ? {} : { patienceSeconds: options.patienceSeconds }),
    fromAgents: Math.max(0, requirement.agents - radius),
    toAgents: requirement.agents + radius,
  });
  return { requirement, sweep };
}

/** Does an evaluation meet every target? Erlang C's unstable states never do. */
export function meetsTargets(evaluation: StaffingEvaluation, targets: StaffingTargets): boolean {
  if (evaluation.isUnstable) return false;
  if (!(evaluation.serviceLevel >= targets.serviceLevel)) return false;
  if (targets.asaSeconds !== undefined && (evaluation.asaSeconds === null || evaluation.asaSeconds > targets.asaSeconds)) {
    return false;
  }
  if (targets.maxOccupancy !== undefined && evaluation.occupancy > targets.maxOccupancy) return false;
  return true;
}

// ── Erlang C search ────────────────────────────────────────────────────────────────────────────────

interface ErlangCSearch {
  agents: number;
  evaluation: StaffingEvaluation;
  /** Evaluation at agents − 1 (undefined when agents = 0). */
  previous: StaffingEvaluation | undefined;
  /** B(k, A) for k = bStart … agents, for the Erlang A search to reuse. */
  bValues: number[];
  bStart: number;
}

function searchErlangC(options: QueueOptions & StaffingTargets, a: number): ErlangCSearch {
  const { ahtSeconds: h, targetAnswerSeconds: t, serviceLevel, asaSeconds, maxOccupancy } = options;
  if (a === 0) {
    return { agents: 0, evaluation: erlangCEvaluation(0, 0, h, t, 1), previous: undefined, bValues: [1], bStart: 0 };
  }
  // Only Erlang A reuses the B values; Erlang C alone keeps none (no allocation per candidate).
  const keepB = options.patienceSeconds !== undefined;
  const bStart = erlangBStartAgents(a); // floor(A): the series is cheap here, n > A starts one above
  let n = bStart;
  let b = erlangBAtOrBelowTraffic(bStart, a);
  const bValues = keepB ? [b] : [];
  // An occupancy cap alone rules out n < A/cap: step B up to there without evaluating.
  const occupancyFloor = maxOccupancy === undefined ? 0 : Math.ceil(a / maxOccupancy) - 1;
  while (n < occupancyFloor) {
    n += 1;
    b = erlangBStep(b, n, a);
    if (keepB) bValues.push(b);
  }
  let bPrevious = b;
  for (;;) {
    n += 1;
    bPrevious = b;
    b = erlangBStep(b, n, a);
    if (keepB) bValues.push(b);
    // Same arithmetic as erlangCEvaluation, without building an object per candidate.
    if (
      (maxOccupancy === undefined || a / n <= maxOccupancy) &&
      erlangCServiceLevel(n, a, h, t, b) >= serviceLevel &&
      (asaSeconds === undefined || erlangCAsaSeconds(n, a, h, b) <= asaSeconds)
    ) {
      const evaluation = erlangCEvaluation(n, a, h, t, b);
      const previous = erlangCEvaluation(n - 1, a, h, t, bPrevious);
      return { agents: n, evaluation, previous, bValues, bStart };
    }
  }
}

// ── Erlang A search ────────────────────────────────────────────────────────────────────────────────

function searchErlangA(options: QueueOptions & StaffingTargets, a: number, erlangC: ErlangCSearch): StaffingRequirement {
  const patienceSeconds = options.patienceSeconds as number;
  const { ahtSeconds: h, targetAnswerSeconds: t } = options;
  const { bValues } = erlangC;

  let high = erlangC.agents;
  let highEvaluation = evaluateA(erlangC, high, a, h, t, patienceSeconds);
  if (!meetsTargets(highEvaluation, options)) {
    // Rare: short patience, long answer-time target. Step up, carrying B forward.
    let previous = highEvaluation;
    for (;;) {
      high += 1;
      bValues.push(erlangBStep(bValues[bValues.length - 1], high, a));
      highEvaluation = evaluateA(erlangC, high, a, h, t, patienceSeconds);
      if (meetsTargets(highEvaluation, options)) {
        return finish(options, a, high, highEvaluation, previous);
      }
      previous = highEvaluation;
    }
  }
  // Gallop down from n_C until a level fails, then bisect: meetsTargets is monotone in n.
  let low = -1;
  let lowEvaluation: StaffingEvaluation | undefined;
  for (let step = 1; ; step *= 2) {
    const candidate = high - step;
    if (candidate < 0) break;
    const evaluation = evaluateA(erlangC, candidate, a, h, t, patienceSeconds);
    if (meetsTargets(evaluation, options)) {
      high = candidate;
      highEvaluation = evaluation;
    } else {
      low = candidate;
      lowEvaluation = evaluation;
      break;
    }
  }
  if (low < 0 && high > 0) {
    const evaluation = evaluateA(erlangC, 0, a, h, t, patienceSeconds);
    if (meetsTargets(evaluation, options)) return finish(options, a, 0, evaluation, undefined);
    low = 0;
    lowEvaluation = evaluation;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const evaluation = evaluateA(erlangC, middle, a, h, t, patienceSeconds);
    if (meetsTargets(evaluation, options)) {
      high = middle;
      highEvaluation = evaluation;
    } else {
      low = middle;
      lowEvaluation = evaluation;
    }
  }
  return finish(options, a, high, highEvaluation, high > 0 ? lowEvaluation : undefined);
}

/** Erlang A at n, with B(n) from the Erlang C search (n ≥ floor(A)) or the series (n below). */
function evaluateA(search: ErlangCSearch, n: number, a: number, h: number, t: number, patienceSeconds: number): StaffingEvaluation {
  const b = n >= search.bStart ? search.bValues[n - search.bStart] : erlangBAtOrBelowTraffic(n, a);
  return erlangAEvaluation(n, a, h, t, patienceSeconds, b);
}

function finish(
  options: QueueOptions & StaffingTargets,
  a: number,
  agents: number,
  evaluation: StaffingEvaluation,
  previous: StaffingEvaluation | undefined,
): StaffingRequirement {
  return { agents, fractionalAgents: fractionalRequirement(options, a, previous, evaluation), trafficErlangs: a, evaluation };
}

// ── Fractional requirement ─────────────────────────────────────────────────────────────────────────

function fractionalRequirement(
  targets: StaffingTargets,
  a: number,
  previous: StaffingEvaluation | undefined,
  current: StaffingEvaluation,
): number {
  const n = current.agents;
  if (n === 0 || previous === undefined) return n;
  const lower = n - 1;
  let fractional = lower;
  const slPrevious = previous.isUnstable ? 0 : previous.serviceLevel;
  if (slPrevious < targets.serviceLevel) {
    fractional = Math.max(fractional, between(n, slPrevious, current.serviceLevel, targets.serviceLevel));
  }
  if (targets.asaSeconds !== undefined) {
    const asaPrevious = previous.isUnstable ? null : previous.asaSeconds;
    if (asaPrevious === null || asaPrevious > targets.asaSeconds) {
      // Interpolate the speed of answer 1/ASA (0 when unstable), which is finite on both sides.
      const speedPrevious = asaPrevious === null ? 0 : 1 / asaPrevious;
      const speedCurrent = current.asaSeconds === null || current.asaSeconds === 0 ? Infinity : 1 / current.asaSeconds;
      fractional = Math.max(fractional, between(n, speedPrevious, speedCurrent, 1 / targets.asaSeconds));
    }
  }
  if (targets.maxOccupancy !== undefined && previous.occupancy > targets.maxOccupancy) {
    fractional = Math.max(
      fractional,
      current.model === 'erlang-c'
        ? a / targets.maxOccupancy // exact: A/x = cap
        : lower + Math.min(1, Math.max(0, (previous.occupancy - targets.maxOccupancy) / (previous.occupancy - current.occupancy))),
    );
  }
  // Erlang C needs more than A agents for any finite queue.
  if (current.model === 'erlang-c') fractional = Math.max(fractional, a);
  return Math.min(n, fractional);
}

/** Where a quantity rising from valuePrevious (at n − 1) to valueCurrent (at n) reaches target. */
function between(n: number, valuePrevious: number, valueCurrent: number, target: number): number {
  const span = valueCurrent - valuePrevious;
  if (!(span > 0) || !Number.isFinite(span)) return n;
  return n - 1 + Math.min(1, Math.max(0, (target - valuePrevious) / span));
}

// ── Validation ─────────────────────────────────────────────────────────────────────────────────────

function assertQueue(options: QueueOptions): void {
  assertNonNegative('targetAnswerSeconds', options.targetAnswerSeconds);
  if (options.patienceSeconds !== undefined) assertPositive('patienceSeconds', options.patienceSeconds);
}

function assertTargets(targets: StaffingTargets): void {
  if (!(targets.serviceLevel >= 0 && targets.serviceLevel <= 1)) {
    throw new RangeError(`serviceLevel must be a fraction in [0, 1], got ${targets.serviceLevel}`);
  }
  if (targets.asaSeconds !== undefined) assertPositive('asaSeconds', targets.asaSeconds);
  if (targets.maxOccupancy !== undefined && !(targets.maxOccupancy > 0 && targets.maxOccupancy <= 1)) {
    throw new RangeError(`maxOccupancy must be in (0, 1], got ${targets.maxOccupancy}`);
  }
}

function assertPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function assertNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}
