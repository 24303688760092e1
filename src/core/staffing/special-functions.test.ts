import { describe, expect, it } from 'vitest';
import { Big } from './precise-reference.test-support.ts';
import { digamma, lnGamma, negativeBinomialUpperTail } from './special-functions.ts';

const EULER_GAMMA = 0.5772156649015329;

describe('lnGamma', () => {
  it('matches exact values: Γ(1) = Γ(2) = 1, Γ(1/2) = √π, Γ(n) = (n−1)!', () => {
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(lnGamma(2))).toBeLessThan(1e-14); // ≈ 40·ε: the shifted Stirling sum is ~40
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 15);
    let logFactorial = 0;
    for (let n = 2; n <= 2000; n++) {
      // ln Γ(n+1) = Σ_{k≤n} ln k, summed exactly enough for a 1e−13 relative check
      logFactorial += Math.log(n);
      if (n % 97 === 0 || n < 30) expect(Math.abs(lnGamma(n + 1) - logFactorial) / logFactorial).toBeLessThan(1e-13);
    }
  });

  it('is accurate for large and tiny arguments', () => {
    // ln Γ(x) ~ x ln x − x − ½ ln x + ½ ln 2π + 1/(12x): at 1e6 the next term is below 1e−19
    const x = 1e6;
    expect(lnGamma(x)).toBeCloseTo((x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x), 7);
    // Γ(ε) ≈ 1/ε − γ
    expect(lnGamma(1e-8)).toBeCloseTo(Math.log(1e8 - EULER_GAMMA), 10);
  });
});

describe('digamma', () => {
  it('ψ(1) = −γ and ψ(n+1) = H_n − γ', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    let harmonic = 0;
    for (let n = 1; n <= 500; n++) {
      harmonic += 1 / n;
      expect(digamma(n + 1)).toBeCloseTo(harmonic - EULER_GAMMA, 12);
    }
  });
});

describe('negativeBinomialUpperTail', () => {
  /**
   * P(X ≥ k) = Σ_{i≥k} d_i summed upwards in 400-bit arithmetic from d_0 = (1−p)^r,
   * d_{i+1} = d_i·p(i+r)/(i+1) (no 1 − cdf, whose cancellation would magnify d_0's rounding).
   */
  function reference(k: number, r: number, p: number): number {
    const pBig = Big.of(p);
    let d = Big.of(r).mul(Big.of(Math.log1p(-p))).exp(); // ln(1−p) rounded once: ~1e−16·r·p relative
    let tail = Big.ZERO;
    for (let i = 0; ; i++) {
      if (i >= k) {
        tail = tail.add(d);
        if (i > k + 50 && d.magnitude < tail.magnitude - 80) break;
      }
      d = d.mul(pBig).mul(Big.of(i + r)).div(Big.of(i + 1));
    }
    return tail.toNumber();
  }

  function logPmf(k: number, r: number, p: number): number {
    return lnGamma(k + r) - lnGamma(k + 1) - lnGamma(r) + k * Math.log(p) + r * Math.log1p(-p);
  }

  it.each([
    [1, 1, 0.5],
    [3, 2.5, 0.3],
    [10, 4, 0.2], // far tail: continued fraction on the direct side
    [2, 40, 0.6], // near 1: symmetric side
    [200, 150, 0.55],
    [60, 1001, 0.03],
  ])('P(NB ≥ %d; r = %d, p = %d) matches the summed pmf', (k, r, p) => {
    const expected = reference(k, r, p);
    const actual = negativeBinomialUpperTail(k, r, p, logPmf(k, r, p));
    // Relative accuracy limited by ln Γ (≈1e−14 at these sizes), not by the fraction.
    expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-11);
  });
});
