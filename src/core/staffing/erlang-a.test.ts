import { describe, expect, it } from 'vitest';
import { evaluateErlangA, evaluateErlangAFromB } from './erlang-a.ts';
import { erlangB } from './erlang-b.ts';
import { evaluateErlangC } from './erlang-c.ts';
import { referenceErlangA, relativeError } from './precise-reference.test-support.ts';
import type { ErlangAOptions } from './erlang-a.ts';

const option = (agents: number, trafficErlangs: number, ahtSeconds: number, patienceSeconds: number, targetAnswerSeconds: number): ErlangAOptions => ({
  agents,
  trafficErlangs,
  ahtSeconds,
  patienceSeconds,
  targetAnswerSeconds,
});

function expectClose(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(typeof actual).toBe('number');
  expect(relativeError(actual as number, expected)).toBeLessThan(tolerance);
}

describe('Erlang A against the 400-bit birth–death reference', () => {
  // Small cases: the wait law of a queued caller by hypo-exponential partial fractions, independent of
  // the negative-binomial / incomplete-beta identity the engine uses.
  it.each([
    [12, 10, 180, 120, 20],
    [8, 10, 180, 60, 30], // understaffed: 28 % abandon
    [1, 0.5, 100, 50, 10],
    [3, 6, 120, 30, 15], // n < A: stable with abandonment
  ])('n = %d, A = %d, AHT %d s, patience %d s, t = %d s (hypo-exponential waits)', (n, a, h, p, t) => {
    const options = option(n, a, h, p, t);
    const e = evaluateErlangA(options);
    const r = referenceErlangA(options, 'hypoexponential');
    expectClose(e.serviceLevel, r.serviceLevel, 1e-12);
    expectClose(e.abandonRate, r.abandonRate, 1e-12);
    expectClose(e.asaSeconds, r.asaSeconds, 1e-12);
    expectClose(e.meanWaitAllSeconds, r.meanWaitAllSeconds, 1e-12);
    expectClose(e.probabilityOfWaiting, r.probabilityOfWaiting, 1e-12);
  });

  // Large cases up to 50,000 Erlangs (d_0 = e^{−5556} there) and tiny traffic.
  it.each([
    [2, 1e-6, 100, 60, 10],
    [107, 100, 180, 90, 20],
    [10_100, 10_000, 180, 300, 20],
    [50_200, 50_000, 180, 120, 20],
    [49_000, 50_000, 180, 120, 20], // n < A
    [50_050, 50_000, 180, 600, 0], // t = 0: SL = P(no wait)
  ])('n = %d, A = %d, AHT %d s, patience %d s, t = %d s (summed negative-binomial reference)', (n, a, h, p, t) => {
    const options = option(n, a, h, p, t);
    const e = evaluateErlangA(options);
    const r = referenceErlangA(options, 'negative-binomial');
    expectClose(e.serviceLevel, r.serviceLevel, 1e-9);
    expectClose(e.abandonRate, r.abandonRate, 1e-9);
    expectClose(e.asaSeconds, r.asaSeconds, 1e-9);
    expectClose(e.meanWaitAllSeconds, r.meanWaitAllSeconds, 1e-9);
    expectClose(e.probabilityOfWaiting, r.probabilityOfWaiting, 1e-9);
  });

  it('deep overload (n ≪ A): SL ≈ 0 to the reference’s absolute accuracy, abandonment exact', () => {
    const options = option(3, 400, 100, 1000, 30);
    const e = evaluateErlangA(options);
    const r = referenceErlangA(options, 'negative-binomial');
    expect(Math.abs(e.serviceLevel - r.serviceLevel)).toBeLessThan(1e-100);
    expectClose(e.abandonRate, r.abandonRate, 1e-9);
    expectClose(e.asaSeconds, r.asaSeconds, 1e-9);
  });
});

describe('Erlang A against a simulation', () => {
  /**
   * FCFS M/M/n+M by the "earliest free agent" recursion: a caller takes the agent that frees first;
   * if that is later than arrival + patience the caller abandons and the agent stays free.
   * Deterministic xorshift generator.
   */
  function simulate(n: number, a: number, h: number, p: number, t: number, calls: number) {
    let state = 0x9e3779b9;
    const uniform = () => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return (state + 0.5) / 4294967296;
    };
    const exponential = (mean: number) => -Math.log(uniform()) * mean;
    const free = new Array<number>(n).fill(0);
    let clock = 0;
    let within = 0;
    let abandoned = 0;
    let answered = 0;
    let waitAnswered = 0;
    for (let i = 0; i < calls; i++) {
      clock += exponential(h / a);
      let k = 0;
      for (let j = 1; j < n; j++) if (free[j] < free[k]) k = j;
      const wait = Math.max(0, free[k] - clock);
      if (wait > exponential(p)) {
        abandoned += 1;
        continue;
      }
      answered += 1;
      waitAnswered += wait;
      if (wait <= t) within += 1;
      free[k] = clock + wait + exponential(h);
    }
    return { serviceLevel: within / calls, abandonRate: abandoned / calls, asaSeconds: waitAnswered / answered };
  }

  it.each([
    [12, 10, 180, 120, 20],
    [5, 2.66, 57, 402.6, 57],
    [3, 6, 120, 30, 15],
  ])('n = %d, A = %d, AHT %d s, patience %d s, t = %d s', (n, a, h, p, t) => {
    const e = evaluateErlangA(option(n, a, h, p, t));
    const s = simulate(n, a, h, p, t, 400_000);
    // Standard errors at 400k calls are ~1e−3 for these shares (autocorrelated): 5e−3 is ample.
    expect(Math.abs(e.serviceLevel - s.serviceLevel)).toBeLessThan(5e-3);
    expect(Math.abs((e.abandonRate as number) - s.abandonRate)).toBeLessThan(5e-3);
    expect(Math.abs((e.asaSeconds as number) - s.asaSeconds) / s.asaSeconds).toBeLessThan(0.03);
  });
});

describe('Erlang A limits and edge cases', () => {
  it('very long patience tends to Erlang C', () => {
    for (const [n, a] of [
      [14, 10],
      [110, 100],
    ]) {
      const c = evaluateErlangC({ agents: n, trafficErlangs: a, ahtSeconds: 180, targetAnswerSeconds: 20 });
      const e = evaluateErlangA(option(n, a, 180, 1e8, 20));
      expect(Math.abs(e.serviceLevel - c.serviceLevel)).toBeLessThan(1e-5);
      expectClose(e.asaSeconds, c.asaSeconds as number, 1e-4);
      expect(e.abandonRate as number).toBeLessThan(1e-6);
    }
  });

  it('very short patience tends to Erlang B (blocked calls leave at once)', () => {
    const e = evaluateErlangA(option(12, 10, 180, 1e-6, 20));
    const b = erlangB({ agents: 12, trafficErlangs: 10 });
    expectClose(e.abandonRate, b, 1e-6);
    expectClose(e.serviceLevel, 1 - b, 1e-6);
  });

  it('no agents: nobody is answered, everyone abandons after waiting their patience', () => {
    const e = evaluateErlangA(option(0, 30, 180, 90, 20));
    expect(e.serviceLevel).toBe(0);
    expect(e.asaSeconds).toBeNull();
    expectClose(e.abandonRate, 1, 1e-12);
    expectClose(e.meanWaitAllSeconds, 90, 1e-12);
    expect(e.occupancy).toBe(0);
    expect(e.isUnstable).toBe(false);
  });

  it('no traffic: SL 1, no waits', () => {
    expect(evaluateErlangA(option(3, 0, 180, 90, 20))).toMatchObject({ serviceLevel: 1, asaSeconds: 0, abandonRate: 0, occupancy: 0 });
  });

  it('flow balance: answered share + abandon rate = 1, and the wait of all = abandon rate × patience', () => {
    for (const [n, a, p] of [
      [5, 10, 60],
      [12, 10, 120],
      [1000, 1000, 300],
    ]) {
      const e = evaluateErlangA(option(n, a, 180, p, 20));
      const answered = (e.occupancy * n) / a; // carried traffic / offered traffic
      expect(Math.abs(answered + (e.abandonRate as number) - 1)).toBeLessThan(1e-12);
      expectClose(e.meanWaitAllSeconds, (e.abandonRate as number) * p, 1e-12);
    }
  });

  it('is stable for every n from 0 to beyond A at 50,000 Erlangs', () => {
    for (const n of [0, 1, 1000, 25_000, 45_000, 49_990, 50_000, 50_100, 51_000, 60_000]) {
      const e = evaluateErlangA(option(n, 50_000, 180, 120, 20));
      for (const value of [e.serviceLevel, e.abandonRate, e.meanWaitAllSeconds, e.probabilityOfWaiting, e.occupancy]) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value as number).toBeGreaterThanOrEqual(0);
      }
      expect(e.serviceLevel).toBeLessThanOrEqual(1);
      expect(e.abandonRate as number).toBeLessThanOrEqual(1);
    }
  });

  it('jumping over a long queue rise gives the same answer as stepping through it', () => {
    for (const [n, a, h, p, t] of [
      [3, 400, 100, 1000, 30],
      [100, 5000, 100, 1000, 30],
      [30_000, 50_000, 180, 3600, 20],
      [49_900, 50_000, 60, 86_400, 3000],
    ]) {
      const options = option(n, a, h, p, t);
      const b = erlangB(options);
      const jumped = evaluateErlangAFromB(options, b, 0);
      const stepped = evaluateErlangAFromB(options, b, Infinity);
      for (const key of ['serviceLevel', 'abandonRate', 'asaSeconds', 'meanWaitAllSeconds', 'probabilityOfWaiting'] as const) {
        const x = jumped[key] as number;
        const y = stepped[key] as number;
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.abs(y) + 1e-300);
      }
    }
  });

  it('answers within the answer time never exceed answers', () => {
    for (const t of [0, 5, 60, 600, 1e6]) {
      const e = evaluateErlangA(option(9, 10, 180, 60, t));
      expect(e.serviceLevel).toBeLessThanOrEqual(1 - (e.abandonRate as number) + 1e-15);
    }
  });
});
