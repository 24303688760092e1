import { describe, expect, it } from 'vitest';
import { erlangC, evaluateErlangC } from './erlang-c.ts';
import { referenceErlangC, relativeError } from './precise-reference.test-support.ts';

describe('Erlang C worked examples', () => {
  it('classic 80/20 example: 10 Erlangs, AHT 180 s, t = 20 s ⇒ 14 agents', () => {
    // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls per
    // 30 min, AHT 3 min (A = 10 E), 80 % in 20 s ⇒ 14 agents; probability of waiting ≈ 17.4 %,
    // service level ≈ 88.8 %, ASA ≈ 7.8 s. 13 agents give ≈ 79.6 % (not enough).
    const base = { trafficErlangs: 10, ahtSeconds: 180, targetAnswerSeconds: 20 };
    const at14 = evaluateErlangC({ ...base, agents: 14 });
    expect(at14.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(at14.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(at14.asaSeconds).toBeCloseTo(7.836, 3);
    expect(at14.occupancy).toBeCloseTo(10 / 14, 15);
    const at13 = evaluateErlangC({ ...base, agents: 13 });
    expect(at13.serviceLevel).toBeCloseTo(0.7956, 4);
    expect(at13.serviceLevel).toBeLessThan(0.8);
  });

  it('step-by-step example: 360 calls per half hour, 4 min, 55 agents, t = 15 s', () => {
    // Set-up of the widely reproduced "Erlang-C formula" step-by-step page (A = 48 E, occupancy
    // 87.3 %). Values below are from our 400-bit reference (independent of the engine).
    const options = { agents: 55, trafficErlangs: 48, ahtSeconds: 240, targetAnswerSeconds: 15 };
    const e = evaluateErlangC(options);
    expect(e.occupancy).toBeCloseTo(0.8727, 4);
    expect(e.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    expect(e.asaSeconds).toBeCloseTo(8.184, 3);
    expect(e.serviceLevel).toBeCloseTo(0.8459, 4);
    const reference = referenceErlangC(options);
    expect(relativeError(e.serviceLevel, reference.serviceLevel)).toBeLessThan(1e-12);
  });
});

describe('Erlang C precision against a 400-bit reference', () => {
  // (A, n, AHT, t): tiny traffic to 50,000 Erlangs, around and above the usual answer.
  const cases: [number, number, number, number][] = [
    [1e-9, 1, 180, 20],
    [1e-6, 4, 180, 20],
    [0.5, 2, 180, 20],
    [10, 11, 180, 20], // barely stable: SL small, C near 1
    [10, 14, 180, 0],
    [99.9, 100, 300, 20],
    [100, 107, 180, 20],
    [1000, 1015, 300, 20],
    [1000, 1090, 300, 60], // SL ≈ 1: 1 − SL tiny
    [10_000, 10_013, 180, 20],
    [50_000, 50_001, 180, 20],
    [50_000, 50_014, 180, 20],
    [50_000, 50_400, 180, 20],
  ];
  it.each(cases)('A = %d, n = %d, AHT %d s, t = %d s: SL, ASA and C within 1e−12', (trafficErlangs, agents, ahtSeconds, targetAnswerSeconds) => {
    const options = { agents, trafficErlangs, ahtSeconds, targetAnswerSeconds };
    const e = evaluateErlangC(options);
    const r = referenceErlangC(options);
    expect(e.isUnstable).toBe(false);
    expect(relativeError(e.serviceLevel, r.serviceLevel)).toBeLessThan(1e-12);
    expect(relativeError(e.asaSeconds as number, r.asaSeconds)).toBeLessThan(1e-12);
    expect(relativeError(e.probabilityOfWaiting, r.c)).toBeLessThan(1e-12);
  });
});

describe('Erlang C edge cases', () => {
  it('reports n ≤ A as unstable: SL 0, ASA null, never negative or infinite', () => {
    for (const [agents, trafficErlangs] of [
      [0, 5],
      [5, 5],
      [4, 5.5],
      [49_999, 50_000],
    ]) {
      const e = evaluateErlangC({ agents, trafficErlangs, ahtSeconds: 180, targetAnswerSeconds: 20 });
      expect(e).toMatchObject({ isUnstable: true, serviceLevel: 0, asaSeconds: null, probabilityOfWaiting: 1 });
      expect(e.occupancy).toBe(agents > 0 ? 1 : 0);
    }
    expect(erlangC({ agents: 3, trafficErlangs: 3 })).toBe(1);
  });

  it('no traffic: SL 1, ASA 0, occupancy 0 whatever the staffing', () => {
    for (const agents of [0, 1, 10]) {
      expect(evaluateErlangC({ agents, trafficErlangs: 0, ahtSeconds: 180, targetAnswerSeconds: 20 })).toMatchObject({
        serviceLevel: 1,
        asaSeconds: 0,
        occupancy: 0,
        isUnstable: false,
      });
    }
  });

  it('stays finite and within [0, 1] from tiny to huge staffing', () => {
    for (const trafficErlangs of [1e-12, 0.01, 3, 777.7, 50_000]) {
      for (const extra of [1, 2, 10, 100, 1000, 10_000]) {
        const agents = Math.floor(trafficErlangs) + extra;
        const e = evaluateErlangC({ agents, trafficErlangs, ahtSeconds: 200, targetAnswerSeconds: 15 });
        expect(e.serviceLevel).toBeGreaterThanOrEqual(0);
        expect(e.serviceLevel).toBeLessThanOrEqual(1);
        expect(Number.isFinite(e.asaSeconds)).toBe(true);
        expect(e.asaSeconds as number).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(e.probabilityOfWaiting)).toBe(true);
      }
    }
  });
});
