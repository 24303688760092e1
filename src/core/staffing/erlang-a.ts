/**
 * Erlang A: the M/M/n+M queue (Palm 1946; Garnett, Mandelbaum & Reiman 2002, "Designing a call center
 * with impatient customers", Manufacturing & Service Operations Management 4(3):208–227).
 * Poisson arrivals λ, exponential handling of mean h seconds (μ = 1/h), n agents, and each waiting
 * caller abandons after an exponential patience of mean P seconds (θ = 1/P).
 *
 * ── Stationary distribution ────────────────────────────────────────────────────────────────────────
 * Birth–death chain on k = callers in the system: up rate λ, down rate min(k, n)·μ + max(k − n, 0)·θ.
 * With A = λ/μ (Erlangs) and r = θ/μ = h/P:
 *   π_k ∝ A^k/k!            for k ≤ n,
 *   π_{n+j} = π_n · Π_{i=1..j} A/(n + i·r)   for j ≥ 0 callers waiting.
 * We never form A^k/k!: Σ_{k≤n} π_k is normalised to 1, which makes π_n = B(n, A) (Erlang B, computed
 * stably elsewhere) and Σ_{k<n} π_k = 1 − B. The queue terms u_j = π_{n+j}/π_n are products of
 * ratios, accumulated with a running exponent (rescaled by 1e±100) so that nothing overflows even
 * when n ≪ A and the queue holds tens of thousands of callers. Z = (1 − B) + B·Σ_j u_j.
 *
 * ── What an arriving caller experiences (PASTA: arrivals see π) ────────────────────────────────────
 * Finding k < n: answered at once (wait 0 ≤ t). Finding n + j (all agents busy, j waiting): the caller
 * joins at position K = j + 1. At position m (FCFS), three exponential clocks compete: one of the n
 * busy agents frees (rate nμ), one of the m − 1 callers ahead abandons ((m − 1)θ) — both move the
 * caller up — and the caller's own patience runs out (θ). So the time spent at position m is
 * Exp(nμ + mθ) whatever happens next (competing exponentials), and the caller moves up with
 * probability (nμ + (m−1)θ)/(nμ + mθ). Multiplying over m = K … 1 telescopes:
 *   P(answered | K) = nμ/(nμ + Kθ) = c/(c + K),  c = nμ/θ = n·P/h,
 * and, given it is answered, the wait is T_K = Σ_{m=1..K} Exp(θ(c + m)) (independent of the outcome).
 * T_K is the K-th smallest of c + K i.i.d. Exp(θ) variables (Rényi's representation of exponential
 * spacings: the gaps between order statistics of N exponentials are Exp(Nθ), Exp((N−1)θ), …), so
 *   P(T_K ≤ t) = P(Bin(c+K, p) ≥ K) = I_p(K, c + 1) = P(NB ≥ K),  p = 1 − e^{−θt},
 * where NB is negative binomial with r = c + 1 "failures" and success probability p; this holds for
 * real c too through the incomplete beta function (A&S 26.5.24). Its pmf obeys
 *   d_0 = (1 − p)^{c+1} = e^{−(nμ+θ)t},  d_{i+1} = d_i · p·(i + c + 1)/(i + 1).
 * The same closed form appears in Zeltyn & Mandelbaum (2005), "Call centers with impatient customers:
 * many-server asymptotics of the M/M/n+G queue", Queueing Systems 51:361–402 (their M/M/n+M case).
 *
 * ── Service level without cancellation ─────────────────────────────────────────────────────────────
 *   Z·SL = (1 − B) + B·Σ_{j≥0} u_j · c/(c+j+1) · P(NB ≥ j+1)
 * Writing w_j = u_j·c/(c+j+1), W_i = Σ_{j<i} w_j and exchanging the sums gives only positive terms:
 *   Σ_j w_j P(NB ≥ j+1) = Σ_{i≥1} d_i · W_i.
 * The loop accumulates d_i·W_i while the queue terms last, d_i carried as a mantissa rescaled by
 * 1e±100 plus an exponent (d_0 = e^{−5556} at n = 50,000, AHT 180 s, t = 20 s), so each term is one
 * multiply-add; beyond the last queue term J, W_i = W (the total) and the rest is W · P(NB ≥ J+2),
 * evaluated by the incomplete-beta continued fraction on whichever side avoids cancellation
 * (special-functions.ts).
 *
 * ── The other measures ─────────────────────────────────────────────────────────────────────────────
 *   P(wait > 0) = B·Σu/Z;   E[Lq] = B·Σ j·u_j / Z;   P(abandon) = E[Lq]/(λ·P) = E[Lq]·r/A (DOMAIN.md);
 *   P(answered) = ((1 − B) + B·Σ w_j)/Z  (= 1 − P(abandon): flow balance λ = served + θ·E[Lq]);
 *   mean wait of all offered calls = E[Lq]/λ = E[Lq]·h/A seconds (Little);
 *   mean wait of answered calls = E[T·1{answered}]/P(answered), with
 *     E[T_K·1{answered} | K] = c/(c+K) · Σ_{m=1..K} 1/(θ(c+m)) = c/(c+K) · P·H_K,  H_K = Σ_{m≤K} 1/(c+m);
 *   occupancy = carried traffic / n = A·P(answered)/n.
 * Erlang A is stable for every n ≥ 0; n = 0 answers nobody (SL 0, everyone abandons, ASA null).
 *
 * Cost: O(queue length until its tail is negligible) per evaluation; when n < A the queue mode
 * j* ≈ (A − n)/r can be huge (long patience), so the loop jumps to 40 standard deviations below the
 * mode, where the skipped terms are below e^{−800} of the total, using ln Γ and ψ for the jump.
 */
import { assertAgents, assertTraffic, erlangB } from './erlang-b.ts';
import { digamma, lnGamma, negativeBinomialUpperTail } from './special-functions.ts';
import type { StaffingEvaluation } from './types.ts';

export interface ErlangAOptions {
  agents: number;
  /** Offered traffic in Erlangs. */
  trafficErlangs: number;
  ahtSeconds: number;
  targetAnswerSeconds: number;
  /** Mean patience of a waiting caller in seconds (> 0). */
  patienceSeconds: number;
}

/** Relative size of a neglected tail: below half an ulp of each sum. */
const TAIL_TOLERANCE = 1e-17;
const RESCALE_ABOVE = 1e100;
const RESCALE_FACTOR = 1e-100;
const LOG_RESCALE = Math.log(1e100);
/** Queue modes further than this from j = 0 are reached by a jump rather than by stepping. */
const DEFAULT_JUMP_ABOVE = 20_000;

/**
 * A positive sum kept as mantissa·e^{logBase}, whose terms arrive as x·e^{exponent} with x ≤ ~1e200:
 * `factor` = e^{exponent − logBase} is refreshed only when the exponent changes (a rescale), so each
 * term costs one multiply-add instead of an exp and a log.
 */
interface ScaledSum {
  mantissa: number;
  logBase: number;
  factor: number;
}

/** Re-express s under the terms' new exponent; normalises the mantissa to 1 first. */
function rebase(s: ScaledSum, exponent: number): void {
  if (s.mantissa > 0) {
    s.logBase += Math.log(s.mantissa);
    s.mantissa = 1;
  } else {
    s.logBase = exponent;
  }
  const gap = exponent - s.logBase;
  if (gap > 460) {
    // New terms dwarf the sum so far: move the base up to them.
    s.mantissa = Math.exp(-gap);
    s.logBase = exponent;
    s.factor = 1;
  } else {
    // Terms far below the sum (gap ≪ 0) get factor → 0: below 1e−17 of it, they do not count.
    s.factor = Math.exp(gap);
  }
}

function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/** Service level, abandonment, waits and occupancy of n agents under Erlang A. */
export function evaluateErlangA(options: ErlangAOptions): StaffingEvaluation {
  assertAgents(options.agents);
  assertTraffic(options.trafficErlangs);
  if (!(options.patienceSeconds > 0)) {
    throw new RangeError(`patienceSeconds must be > 0, got ${options.patienceSeconds}`);
  }
  return evaluateErlangAFromB(options, erlangB(options));
}

/** Same as evaluateErlangA with B = B(n, A) already known (the search carries it). */
export function evaluateErlangAFromB(
  options: ErlangAOptions,
  b: number,
  /** Tests lower this to exercise the jump on small cases. */
  jumpAbove = DEFAULT_JUMP_ABOVE,
): StaffingEvaluation {
  const { agents, trafficErlangs, ahtSeconds, targetAnswerSeconds, patienceSeconds } = options;
  return erlangAEvaluation(agents, trafficErlangs, ahtSeconds, targetAnswerSeconds, patienceSeconds, b, jumpAbove);
}

/** Positional form for hot loops (no options object per candidate). */
export function erlangAEvaluation(
  n: number,
  a: number,
  h: number,
  t: number,
  patienceSeconds: number,
  b: number,
  jumpAbove = DEFAULT_JUMP_ABOVE,
): StaffingEvaluation {
  if (a === 0 || b === 0) {
    // No traffic, or so many agents that B underflowed (< 1e−308): nobody waits.
    return {
      model: 'erlang-a',
      agents: n,
      trafficErlangs: a,
      serviceLevel: 1,
      asaSeconds: 0,
      probabilityOfWaiting: 0,
      occupancy: n > 0 ? a / n : 0,
      isUnstable: false,
      abandonRate: 0,
      meanWaitAllSeconds: 0,
    };
  }
  const r = h / patienceSeconds; // θ/μ
  const c = n / r; // nμ/θ
  const thetaT = t / patienceSeconds;
  const withServiceLevelSum = t > 0 && n > 0;
  const p = -Math.expm1(-thetaT); // P(one patience clock rings within t)

  // Running exponent of the queue sums: true value = stored · e^{logScale}.
  let logScale = 0;
  let u = 1; // u_j = π_{n+j}/π_n, scaled
  let j = 0;
  let harmonic = 0; // H_j = Σ_{m=1..j} 1/(c+m), before adding term j's own 1/(c+j+1)
  // d_j of the negative binomial (see header) as dScaled·e^{logD}, rescaled by 1e±100.
  let dScaled = 1;
  let logD = -thetaT * (c + 1);

  // Jump over a long, negligible rise of the queue distribution (n < A with long patience).
  if (n < a) {
    const mode = Math.ceil((a - n) / r) - 1;
    const start = Math.floor(mode - 40 * Math.sqrt(a / r + 1));
    if (mode > jumpAbove && start > 0) {
      // ln u_start = Σ_{i=1..start} ln(A/(n + i r)) = start·ln(A/r) − ln Γ(c+start+1) + ln Γ(c+1)
      logScale = start * Math.log(a / r) - (lnGamma(c + start + 1) - lnGamma(c + 1));
      if (withServiceLevelSum) {
        logD = lnGamma(start + c + 1) - lnGamma(start + 1) - lnGamma(c + 1) + start * Math.log(p) - thetaT * (c + 1);
      }
      harmonic = digamma(c + start + 1) - digamma(c + 1);
      j = start;
    }
  }

  let sumU = 0; // Σ u_j
  let sumJU = 0; // Σ j·u_j
  let sumW = 0; // W: Σ w_j, w_j = u_j·c/(c+j+1)
  let sumWH = 0; // Σ w_j·H_{j+1}
  // Σ_i d_i·W_i: terms are dScaled·sumW·e^{logD + logScale}; the exponent is folded into s2.
  const s2: ScaledSum = { mantissa: 0, logBase: 0, factor: 1 };
  rebase(s2, logD + logScale);

  for (;;) {
    sumU += u;
    sumJU += j * u;
    if (c > 0) {
      harmonic += 1 / (c + j + 1);
      const w = (u * c) / (c + j + 1);
      sumW += w;
      sumWH += w * harmonic;
      if (withServiceLevelSum) {
        dScaled *= (p * (j + c + 1)) / (j + 1); // now d_{j+1}
        if (dScaled > RESCALE_ABOVE) {
          dScaled *= RESCALE_FACTOR;
          logD += LOG_RESCALE;
          rebase(s2, logD + logScale);
        } else if (dScaled < RESCALE_FACTOR && dScaled > 0) {
          dScaled *= RESCALE_ABOVE;
          logD -= LOG_RESCALE;
          rebase(s2, logD + logScale);
        }
        s2.mantissa += dScaled * sumW * s2.factor; // d_{j+1}·W_{j+1}
        if (s2.mantissa > RESCALE_ABOVE) rebase(s2, logD + logScale);
      }
    }
    const ratio = a / (n + (j + 1) * r); // u_{j+1}/u_j, decreasing in j
    if (ratio < 1) {
      // Past the mode every later ratio is smaller: geometric bounds on each tail.
      const g = ratio / (1 - ratio);
      const tailU = u * g;
      const tailJU = u * (j * g + g / (1 - ratio));
      const tailWH = u * (harmonic * g + g / (1 - ratio));
      if (
        tailU <= TAIL_TOLERANCE * sumU &&
        tailJU <= TAIL_TOLERANCE * sumJU &&
        (c === 0 || (tailU <= TAIL_TOLERANCE * sumW && tailWH <= TAIL_TOLERANCE * sumWH))
      ) {
        break;
      }
    }
    u *= ratio;
    j += 1;
    if (sumU > RESCALE_ABOVE) {
      u *= RESCALE_FACTOR;
      sumU *= RESCALE_FACTOR;
      sumJU *= RESCALE_FACTOR;
      sumW *= RESCALE_FACTOR;
      sumWH *= RESCALE_FACTOR;
      logScale += LOG_RESCALE;
      rebase(s2, logD + logScale);
    }
  }

  // Σ_i d_i·W_i in log form, plus the callers beyond the last queue term:
  // Σ_{i ≥ j+2} d_i·W_i = W·P(NB ≥ j+2).
  let logS2 = s2.mantissa > 0 ? s2.logBase + Math.log(s2.mantissa) : -Infinity;
  if (withServiceLevelSum && sumW > 0 && dScaled > 0) {
    const k = j + 2;
    const logDk = logD + Math.log((dScaled * p * (k - 1 + c + 1)) / k);
    const tail = negativeBinomialUpperTail(k, c + 1, p, logDk, Math.exp(-thetaT));
    if (tail > 0) logS2 = logAddExp(logS2, Math.log(tail) + Math.log(sumW) + logScale);
  }

  // Combine with the k < n part in log form: Z = (1 − B) + B·Σu.
  const logB = Math.log(b);
  const logFree = Math.log1p(-b); // −∞ when n = 0
  const logQueue = logB + Math.log(sumU) + logScale;
  const top = Math.max(logFree, logQueue);
  const free = Math.exp(logFree - top);
  const queue = Math.exp(logQueue - top);
  const z = free + queue;
  // B·X/Z for a queue sum X = x·e^{logScale}: exp(logB + ln x + logScale − top)/z (no closure here:
  // tsx's keepNames makes every closure creation cost microseconds).
  const base = logB + logScale - top;

  const probabilityOfWaiting = queue / z;
  const expectedQueueLength = sumJU > 0 ? Math.exp(base + Math.log(sumJU)) / z : 0;
  const abandonRate = Math.min(1, (expectedQueueLength * r) / a);
  const answered = c > 0 ? (free + Math.exp(base + Math.log(sumW))) / z : free / z;
  const answeredWithin = (free + Math.exp(logB - top + logS2)) / z;
  const waitAnswered = c > 0 ? (Math.exp(base + Math.log(sumWH)) / z) * patienceSeconds : 0;

  return {
    model: 'erlang-a',
    agents: n,
    trafficErlangs: a,
    serviceLevel: Math.min(1, answeredWithin, answered),
    asaSeconds: answered > 0 ? waitAnswered / answered : null,
    probabilityOfWaiting,
    occupancy: n > 0 ? Math.min(1, (a * answered) / n) : 0,
    isUnstable: false,
    abandonRate,
    meanWaitAllSeconds: (expectedQueueLength * h) / a,
  };
}
