import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignRound, RoundInputError, type RoundInput } from './round.ts';

interface Arc {
  i: number;
  j: number;
  v: number;
}

function input(n: number, capacity: number[], arcs: Arc[]): RoundInput {
  return {
    candidateCount: n,
    capacity,
    arcCandidate: Int32Array.from(arcs.map((a) => a.i)),
    arcTarget: Int32Array.from(arcs.map((a) => a.j)),
    arcValue: Int32Array.from(arcs.map((a) => a.v)),
  };
}

/** Best total over every way of giving each candidate one of its arcs or nothing, within the seats. */
function bruteForce(n: number, capacity: number[], arcs: Arc[]): number {
  const byCandidate = Array.from({ length: n }, (_, i) => arcs.filter((a) => a.i === i));
  const left = capacity.slice();
  let best = 0;
  const rec = (i: number, total: number): void => {
    if (i === n) {
      best = Math.max(best, total);
      return;
    }
    rec(i + 1, total);
    for (const a of byCandidate[i]) {
      if (left[a.j] === 0) continue;
      left[a.j] -= 1;
      rec(i + 1, total + a.v);
      left[a.j] += 1;
    }
  };
  rec(0, 0);
  return best;
}

const instance = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      arcs: fc
        .uniqueArray(fc.record({ i: fc.integer({ min: 0, max: n - 1 }), j: fc.integer({ min: 0, max: m - 1 }), v: fc.integer({ min: 1, max: 1000 }) }), {
          selector: (a) => `${a.i}:${a.j}`,
          maxLength: n * m,
        }),
    }),
  );

describe('assignRound', () => {
  it('finds the optimum of brute force on small random rounds, within seats and one target per candidate', () => {
    fc.assert(
      fc.property(instance, ({ n, capacity, arcs }) => {
        const r = assignRound(input(n, capacity, arcs));
        expect(r.totalValue).toBe(bruteForce(n, capacity, arcs));
        const used = capacity.map(() => 0);
        let total = 0;
        let assigned = 0;
        r.arcOf.forEach((a) => {
          if (a < 0) return;
          used[arcs[a].j] += 1;
          total += arcs[a].v;
          assigned += 1;
        });
        used.forEach((u, j) => expect(u).toBeLessThanOrEqual(capacity[j]));
        expect(total).toBe(r.totalValue);
        expect(assigned).toBe(r.assigned);
        r.arcOf.forEach((a, i) => a < 0 || expect(arcs[a].i).toBe(i));
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('prefers the assignment that serves more value over the greedy best pair', () => {
    // greedy would give the one seat of target 0 to candidate 0 (900) and leave candidate 1 with nothing
    const r = assignRound(input(2, [1, 1], [{ i: 0, j: 0, v: 900 }, { i: 0, j: 1, v: 850 }, { i: 1, j: 0, v: 800 }]));
    expect(r.totalValue).toBe(1650);
    expect([...r.arcOf]).toEqual([1, 2]);
  });

  it('leaves everyone unassigned when there are no arcs or no seats', () => {
    expect(assignRound(input(3, [2], [])).assigned).toBe(0);
    const r = assignRound(input(2, [0], [{ i: 0, j: 0, v: 10 }, { i: 1, j: 0, v: 20 }]));
    expect([...r.arcOf]).toEqual([-1, -1]);
    expect(r.totalValue).toBe(0);
  });

  it('refuses malformed input with a message naming the arc', () => {
    expect(() => assignRound(input(1, [1], [{ i: 1, j: 0, v: 5 }]))).toThrow(new RoundInputError('arc 0: candidate 1 outside 0..0'));
    expect(() => assignRound(input(1, [1], [{ i: 0, j: 0, v: 0 }]))).toThrow(/arc 0: value must be ≥ 1/);
    expect(() => assignRound(input(1, [-1], []))).toThrow(/capacity\[0\]/);
  });
});
