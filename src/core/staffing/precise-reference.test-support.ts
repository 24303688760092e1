/**
 * Test support only (not imported by the engine): slow, straightforward high-precision references
 * for Erlang B/C/A, computed with a minimal binary floating point on BigInt (value = m·2^e with
 * ~400-bit mantissas and an unbounded exponent), so that π_k = A^k/k! and e^{−5556} are plain values.
 * The formulas are the textbook ones taken literally — state sums from k = 0, no scaling, no
 * swapped sums, no continued fractions — so they check the engine's rearrangements, not restate them.
 */

const PRECISION = 400; // mantissa bits kept after each operation

function bitLength(m: bigint): number {
  if (m < 0n) m = -m;
  if (m === 0n) return 0;
  const hex = m.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** Arbitrary-exponent binary float with a PRECISION-bit mantissa: value = m · 2^e. */
export class Big {
  constructor(
    readonly m: bigint,
    readonly e: number,
  ) {}

  static readonly ZERO = new Big(0n, 0);
  static readonly ONE = new Big(1n, 0);

  /** Exact conversion of a double. */
  static of(x: number): Big {
    if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
    if (x === 0) return Big.ZERO;
    let e = 0;
    while (!Number.isInteger(x)) {
      x *= 2;
      e -= 1;
    }
    return Big.norm(BigInt(x), e);
  }

  static norm(m: bigint, e: number): Big {
    const bits = bitLength(m);
    if (bits > PRECISION) {
      const shift = bits - PRECISION;
      return new Big(m >> BigInt(shift), e + shift);
    }
    return new Big(m, e);
  }

  get isZero(): boolean {
    return this.m === 0n;
  }

  /** log2 of the magnitude, roughly (for alignment decisions). */
  get magnitude(): number {
    return this.isZero ? -Infinity : this.e + bitLength(this.m);
  }

  neg(): Big {
    return new Big(-this.m, this.e);
  }

  add(o: Big): Big {
    if (this.isZero) return o;
    if (o.isZero) return this;
    if (this.magnitude - o.magnitude > PRECISION + 64) return this;
    if (o.magnitude - this.magnitude > PRECISION + 64) return o;
    if (this.e >= o.e) return Big.norm((this.m << BigInt(this.e - o.e)) + o.m, o.e);
    return Big.norm(this.m + (o.m << BigInt(o.e - this.e)), this.e);
  }

  sub(o: Big): Big {
    return this.add(o.neg());
  }

  mul(o: Big): Big {
    return Big.norm(this.m * o.m, this.e + o.e);
  }

  div(o: Big): Big {
    if (o.isZero) throw new RangeError('division by zero');
    if (this.isZero) return this;
    const shift = PRECISION + bitLength(o.m) - bitLength(this.m) + 2;
    return Big.norm((this.m << BigInt(shift)) / o.m, this.e - shift - o.e);
  }

  lt(o: Big): boolean {
    return this.sub(o).m < 0n;
  }

  /** e^x: x / 2^k small enough for a short Taylor series, then k squarings. */
  exp(): Big {
    if (this.isZero) return Big.ONE;
    const k = Math.max(0, Math.ceil(this.magnitude) + 24);
    const y = new Big(this.m, this.e - k);
    let sum = Big.ONE;
    let term = Big.ONE;
    for (let i = 1; i < 200; i++) {
      term = term.mul(y).div(Big.of(i));
      sum = sum.add(term);
      if (term.isZero || term.magnitude < sum.magnitude - PRECISION - 8) break;
    }
    for (let i = 0; i < k; i++) sum = sum.mul(sum);
    return sum;
  }

  toNumber(): number {
    if (this.isZero) return 0;
    const bits = bitLength(this.m);
    const shift = bits - 64;
    const top = Number(shift > 0 ? this.m >> BigInt(shift) : this.m << BigInt(-shift));
    const exponent = this.e + shift;
    // Split the power so that neither factor overflows or underflows prematurely.
    const half = Math.trunc(exponent / 2);
    return top * 2 ** half * 2 ** (exponent - half);
  }
}

const big = (x: number) => Big.of(x);

export interface ReferenceErlangC {
  b: number;
  c: number;
  serviceLevel: number;
  asaSeconds: number;
}

/** Erlang B by the recursion from B(0) = 1, then Erlang C, SL and ASA, all in high precision. */
export function referenceErlangC(options: { agents: number; trafficErlangs: number; ahtSeconds: number; targetAnswerSeconds: number }): ReferenceErlangC {
  const { agents: n } = options;
  const a = big(options.trafficErlangs);
  let b = Big.ONE;
  for (let k = 1; k <= n; k++) {
    const ab = a.mul(b);
    b = ab.div(big(k).add(ab));
  }
  const nBig = big(n);
  const spare = nBig.sub(a);
  const c = nBig.mul(b).div(nBig.sub(a.mul(Big.ONE.sub(b))));
  const decay = spare.mul(big(options.targetAnswerSeconds)).div(big(options.ahtSeconds)).neg().exp();
  return {
    b: b.toNumber(),
    c: c.toNumber(),
    serviceLevel: Big.ONE.sub(c.mul(decay)).toNumber(),
    asaSeconds: c.mul(big(options.ahtSeconds)).div(spare).toNumber(),
  };
}

export interface ReferenceErlangA {
  serviceLevel: number;
  abandonRate: number;
  asaSeconds: number;
  meanWaitAllSeconds: number;
  probabilityOfWaiting: number;
}

/**
 * Erlang A from the birth–death distribution summed from k = 0. P(T_K ≤ t) for the wait of a caller
 * at queue position K is computed either by the hypo-exponential partial fractions
 * 1 − Σ_m Π_{l≠m} r_l/(r_l − r_m)·e^{−r_m t} (rates r_m = θ(c+m); heavy cancellation, fine at 400 bits
 * for K up to ~80) — independent of the negative-binomial identity the engine relies on — or, for large
 * cases, by that identity summed upwards (1 − Σ_{i<K} d_i).
 */
export function referenceErlangA(
  options: { agents: number; trafficErlangs: number; ahtSeconds: number; targetAnswerSeconds: number; patienceSeconds: number },
  waitLaw: 'hypoexponential' | 'negative-binomial',
): ReferenceErlangA {
  const { agents: n } = options;
  const a = big(options.trafficErlangs);
  const h = big(options.ahtSeconds);
  const patience = big(options.patienceSeconds);
  const t = big(options.targetAnswerSeconds);
  const theta = Big.ONE.div(patience);
  const mu = Big.ONE.div(h);
  const r = h.div(patience); // θ/μ
  const c = big(n).div(r); // nμ/θ

  // π_k, k ≤ n, unnormalised: A^k/k!
  let pi = Big.ONE;
  let free = Big.ZERO; // Σ_{k<n} π_k
  for (let k = 1; k <= n; k++) {
    free = free.add(pi);
    pi = pi.mul(a).div(big(k));
  }
  // queue states n + j
  const queue: Big[] = [];
  let total = free;
  for (let j = 0; ; j++) {
    if (j > 0) pi = pi.mul(a).div(big(n).add(big(j).mul(r)));
    queue.push(pi);
    total = total.add(pi);
    const pastMode = big(n).add(big(j + 1).mul(r)).sub(a).m > 0n;
    // 2^−300 of the total; 2^−120 (~1e−36, still far below the 1e−9 checked) for the O(K³) variant
    if (pastMode && pi.magnitude < total.magnitude - (waitLaw === 'hypoexponential' ? 120 : 300)) break;
    if (j > 2_000_000) throw new Error('reference queue too long');
  }

  const p = Big.ONE.sub(theta.mul(t).neg().exp());
  // P(T_K ≤ t) for K = 1 … queue.length
  const answeredWithin: Big[] = [];
  if (waitLaw === 'negative-binomial') {
    let d = theta.mul(t).mul(c.add(Big.ONE)).neg().exp(); // d_0
    let cdf = Big.ZERO;
    for (let k = 1; k <= queue.length; k++) {
      cdf = cdf.add(d); // Σ_{i<k} d_i
      answeredWithin.push(Big.ONE.sub(cdf));
      d = d.mul(p).mul(big(k - 1).add(c).add(Big.ONE)).div(big(k));
    }
  } else {
    const rates = queue.map((_, i) => theta.mul(c.add(big(i + 1)))); // rates[m−1] = r_m
    const decays = rates.map((rate) => rate.mul(t).neg().exp());
    for (let k = 1; k <= queue.length; k++) {
      let tail = Big.ZERO;
      for (let m = 1; m <= k; m++) {
        let coefficient = Big.ONE;
        for (let l = 1; l <= k; l++) {
          if (l !== m) coefficient = coefficient.mul(rates[l - 1]).div(rates[l - 1].sub(rates[m - 1]));
        }
        tail = tail.add(coefficient.mul(decays[m - 1]));
      }
      answeredWithin.push(Big.ONE.sub(tail));
    }
  }

  let served = free;
  let servedWithin = free;
  let queueLength = Big.ZERO;
  let waitServed = Big.ZERO;
  let queued = Big.ZERO;
  let harmonic = Big.ZERO; // Σ_{m≤K} 1/(θ(c+m)), seconds
  queue.forEach((q, j) => {
    const k = j + 1;
    harmonic = harmonic.add(Big.ONE.div(theta.mul(c.add(big(k)))));
    const answered = c.div(c.add(big(k)));
    served = served.add(q.mul(answered));
    servedWithin = servedWithin.add(q.mul(answered).mul(answeredWithin[j]));
    queueLength = queueLength.add(q.mul(big(j)));
    waitServed = waitServed.add(q.mul(answered).mul(harmonic));
    queued = queued.add(q);
  });
  const lambda = a.mul(mu);
  const lq = queueLength.div(total);
  return {
    serviceLevel: servedWithin.div(total).toNumber(),
    abandonRate: lq.div(lambda.mul(patience)).toNumber(),
    asaSeconds: served.isZero ? NaN : waitServed.div(served).toNumber(),
    meanWaitAllSeconds: lq.div(lambda).toNumber(),
    probabilityOfWaiting: queued.div(total).toNumber(),
  };
}

/** |x − y| / |y| (0 when both are 0). */
export function relativeError(x: number, y: number): number {
  if (x === y) return 0;
  return Math.abs(x - y) / Math.abs(y);
}
