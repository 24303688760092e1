import { describe, expect, it } from 'vitest';
import { erlangB, erlangBAtOrBelowTraffic, erlangBStep } from './erlang-b.ts';
import { Big, relativeError } from './precise-reference.test-support.ts';

/** B(n, A) by the textbook recursion from B(0) = 1 in 400-bit arithmetic. */
function referenceB(agents: number, trafficErlangs: number): number {
  const a = Big.of(trafficErlangs);
  let b = Big.ONE;
  for (let k = 1; k <= agents; k++) {
    const ab = a.mul(b);
    b = ab.div(Big.of(k).add(ab));
  }
  return b.toNumber();
}

describe('erlangB', () => {
  it('has the exact small values', () => {
    expect(erlangB({ agents: 0, trafficErlangs: 3 })).toBe(1);
    expect(erlangB({ agents: 4, trafficErlangs: 0 })).toBe(0);
    expect(erlangB({ agents: 1, trafficErlangs: 0.25 })).toBeCloseTo(0.2, 15); // A/(1+A)
    // B(5, 2) = (2⁵/5!) / Σ_{k≤5} 2^k/k! = (4/15)/(109/15) = 4/109
    expect(relativeError(erlangB({ agents: 5, trafficErlangs: 2 }), 4 / 109)).toBeLessThan(1e-15);
  });

  it('reproduces the published Erlang B table (traffic carried at a grade of service)', () => {
    // Classic Erlang B tables (e.g. ITU-T E.500-era tables reproduced in teletraffic handbooks):
    // 10 trunks at 1 % ⇒ 4.46 E; 20 trunks at 1 % ⇒ 12.03 E; 10 trunks at 2 % ⇒ 5.08 E. The table
    // gives the largest traffic (to 0.01 E) whose blocking stays within the grade of service.
    for (const [agents, grade, erlangs] of [
      [10, 0.01, 4.46],
      [20, 0.01, 12.03],
      [10, 0.02, 5.08],
    ]) {
      expect(erlangB({ agents, trafficErlangs: erlangs })).toBeLessThanOrEqual(grade);
      expect(erlangB({ agents, trafficErlangs: erlangs + 0.01 })).toBeGreaterThan(grade);
    }
  });

  it.each([
    [1, 1e-9],
    [3, 0.3],
    [7, 7.5],
    [12, 7.5],
    [80, 100],
    [100, 100],
    [130, 100],
    [1200, 1234.5],
    [1300, 1234.5],
    [10_000, 10_000],
    [10_250, 10_000],
    [49_000, 50_000],
    [50_000, 50_000],
    [50_400, 50_000],
  ])('B(%d, %d) matches a 400-bit reference to 1e−12', (agents, trafficErlangs) => {
    const value = erlangB({ agents, trafficErlangs });
    expect(Number.isFinite(value)).toBe(true);
    expect(relativeError(value, referenceB(agents, trafficErlangs))).toBeLessThan(1e-12);
  });

  it('series at floor(A) and the forward recursion agree with the recursion from 0 in doubles', () => {
    for (const a of [0.7, 3.2, 25, 333.3]) {
      let fromZero = 1;
      for (let k = 1; k <= Math.floor(a) + 30; k++) {
        fromZero = erlangBStep(fromZero, k, a);
        if (k <= a) expect(relativeError(erlangBAtOrBelowTraffic(k, a), fromZero)).toBeLessThan(1e-13);
        expect(relativeError(erlangB({ agents: k, trafficErlangs: a }), fromZero)).toBeLessThan(1e-13);
      }
    }
  });

  it('rejects invalid agents and traffic', () => {
    expect(() => erlangB({ agents: 1.5, trafficErlangs: 1 })).toThrow(RangeError);
    expect(() => erlangB({ agents: -1, trafficErlangs: 1 })).toThrow(RangeError);
    expect(() => erlangB({ agents: 1, trafficErlangs: Number.NaN })).toThrow(RangeError);
  });
});
