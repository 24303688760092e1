/**
 * Special functions needed by Erlang A, written here (no dependency) and checked against
 * high-precision references in special-functions.test.ts.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0: shift x up to ≥ 15 with Γ(x+1) = x·Γ(x), then the Stirling series
 * (Abramowitz & Stegun 6.1.41) truncated after the x⁻¹³ term, whose size at x = 15 is ~3e−18.
 * Absolute error ≈ 1 ulp of the result, i.e. relative error ~1e−16 for large x.
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - Math.log(product);
}

/**
 * Digamma ψ(x) for x > 0: shift up to ≥ 15 with ψ(x) = ψ(x+1) − 1/x, then the asymptotic series
 * (A&S 6.3.18). Used for harmonic sums Σ_{m=1..K} 1/(c+m) = ψ(c+K+1) − ψ(c+1).
 */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma needs x > 0, got ${x}`);
  let shift = 0;
  while (x < 15) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv2 * (-1 / 12 + inv2 * (1 / 120 + inv2 * (-1 / 252 + inv2 * (1 / 240 + inv2 * (-1 / 132 + (inv2 * 691) / 32760)))));
  return Math.log(x) - 0.5 * inv + series + shift;
}

/**
 * The continued fraction of the regularised incomplete beta function (A&S 26.5.8),
 *   I_x(a, b) = [x^a (1−x)^b / (a·B(a, b))] · 1/(1 + d₁/(1 + d₂/(1 + …))),
 *   d_{2m+1} = −(a+m)(a+b+m)·x / ((a+2m)(a+2m+1)),  d_{2m} = m(b−m)·x / ((a+2m−1)(a+2m)),
 * evaluated by the modified Lentz method. It converges quickly when x < (a+1)/(a+b+2), in
 * O(√max(a, b)) iterations near that boundary. Returns the fraction only; the caller supplies the
 * prefactor (Erlang A already has it in log form).
 */
export function incompleteBetaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    // ε = 2.2e−16: demanding |δ − 1| < ε/2 could loop for ever on δ = 1 + ε.
    if (Math.abs(delta - 1) < 4e-16) return h;
  }
  return h;
}

/**
 * Upper tail of the negative binomial law: P(X ≥ k) for X counting successes (probability p) before
 * the r-th failure, r > 0 real, k ≥ 1 integer. Equal to I_p(k, r) (A&S 26.5.24 / 26.5.26).
 * `logPmfAtK` is ln P(X = k) = ln[Γ(k+r)/(Γ(k+1)Γ(r)) · p^k (1−p)^r], which is also the continued
 * fraction's prefactor x^a(1−x)^b/(a·B(a,b)) with x = p, a = k, b = r; the symmetric form
 * I_p(k, r) = 1 − I_{1−p}(r, k) has prefactor P(X = k)·k/r.
 */
export function negativeBinomialUpperTail(
  k: number,
  r: number,
  p: number,
  logPmfAtK: number,
  /** 1 − p when the caller has it more accurately than 1 − p (e.g. from exp(−x) with p = −expm1(−x)). */
  oneMinusP = 1 - p,
): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (p < (k + 1) / (k + r + 2)) {
    return Math.min(1, Math.exp(logPmfAtK) * incompleteBetaFraction(k, r, p));
  }
  const lower = Math.exp(logPmfAtK + Math.log(k / r)) * incompleteBetaFraction(r, k, oneMinusP);
  return Math.max(0, 1 - lower);
}
