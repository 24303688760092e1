import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DimacsError, DimacsReader, parseDimacs, writeDimacsSolution } from './dimacs.ts';
import { exactTotalCost } from './flow-problem.ts';
import type { FlowProblem } from './flow-problem.ts';

const SAMPLE = [
  'c a small transshipment problem',
  'p min 4 5',
  'n 1 4',
  'n 4 -4',
  '',
  'a 1 2 0 4 2',
  'a 1 3 0 2 2',
  '  a 2 3 0 2 1',
  'a 2 4 1 3 3',
  'a 3 4 0 5 -1',
].join('\n');

function errorOf(text: string): DimacsError {
  try {
    parseDimacs(text);
  } catch (e) {
    if (e instanceof DimacsError) return e;
    throw e;
  }
  throw new Error('expected a DimacsError');
}

function plain(p: FlowProblem): unknown {
  return {
    n: p.nodeCount,
    m: p.arcCount,
    supply: Array.from(p.supply),
    from: Array.from(p.from),
    to: Array.from(p.to),
    lower: p.lower ? Array.from(p.lower) : null,
    capacity: Array.from(p.capacity),
    cost: Array.from(p.cost),
  };
}

describe('DIMACS reader', () => {
  it('reads nodes, arcs, comments, blank lines, indentation and a last line without newline', () => {
    const p = parseDimacs(SAMPLE);
    expect(plain(p)).toEqual({
      n: 4,
      m: 5,
      supply: [4, 0, 0, -4],
      from: [0, 0, 1, 1, 2],
      to: [1, 2, 2, 3, 3],
      lower: [0, 0, 0, 1, 0],
      capacity: [4, 2, 2, 3, 5],
      cost: [2, 2, 1, 3, -1],
    });
  });

  it('accepts CRLF line ends and keeps lower bounds absent when all are zero', () => {
    const p = parseDimacs('p min 2 1\r\nn 1 1\r\nn 2 -1\r\na 1 2 0 1 7\r\n');
    expect(p.lower).toBeNull();
    expect(Array.from(p.cost)).toEqual([7]);
  });

  it('widens arrays to float64 when a value does not fit 32 bits, and keeps it exact', () => {
    const p = parseDimacs(`p min 2 2\na 1 2 0 1 5\na 1 2 0 ${2 ** 40} -${2 ** 45}\n`);
    expect(p.capacity).toBeInstanceOf(Float64Array);
    expect(p.cost).toBeInstanceOf(Float64Array);
    expect(Array.from(p.cost)).toEqual([5, -(2 ** 45)]);
  });

  it('gives the same problem whatever the chunk boundaries', () => {
    const bytes = new TextEncoder().encode(SAMPLE + '\n');
    const whole = plain(parseDimacs(bytes));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const reader = new DimacsReader();
        // One reused Buffer, as the CLI does: the reader must copy what it keeps.
        const scratch = Buffer.alloc(bytes.length);
        let prev = 0;
        for (const c of [...points, bytes.length]) {
          scratch.set(bytes.subarray(prev, c));
          reader.push(scratch.subarray(0, c - prev));
          scratch.fill(120);
          prev = c;
        }
        expect(plain(reader.finish())).toEqual(whole);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it.each([
    ['x 1 2\n', 1, 'unknown line type "x"'],
    ['c only comments\n', 1, "missing problem line 'p min NODES ARCS'"],
    ['c\na 1 2 0 1 1\n', 2, 'arc line before the problem line'],
    ['p max 2 1\n', 1, 'problem type "max" is not supported'],
    ['p min 2 1\np min 2 1\n', 2, 'second problem line'],
    ['p min 2 1\na 1 3 0 1 1\n', 2, 'arc head node 3 is out of range 1..2'],
    ['p min 2 1\na 0 2 0 1 1\n', 2, 'arc tail node 0 is out of range 1..2'],
    ['p min 2 1\na 1 2 0 1x 1\n', 2, 'expected an integer capacity, found "1x"'],
    ['p min 2 1\na 1 2 0 1\n', 2, 'expected an integer cost, found "end of line"'],
    ['p min 2 1\na 1 2 0 1 1 9\n', 2, 'unexpected text "9"'],
    ['p min 2 1\na 1 2 0 1 99999999999999999999\n', 2, 'cost 99999999999999999999 is out of range'],
    ['p min 2 1\na 1 2 0 1 1\na 2 1 0 1 1\n', 3, 'more arc lines than the 1 announced'],
    ['p min 2 2\na 1 2 0 1 1\n', 2, 'announces 2 arcs but 1 arc lines were given'],
    ['p min 2 0\nn 1 1\nn 1 2\n', 3, 'node 1 has a second supply line'],
    ['p min 2 0\nn 3 1\n', 2, 'node id 3 is out of range 1..2'],
    ['p min 0 0\n', 1, 'node count must be at least 1'],
  ])('reports %j at line %i', (text, line, reason) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.reason).toContain(reason);
    expect(e.message).toBe(`line ${line}: ${e.reason}`);
  });
});

describe('DIMACS solution writer', () => {
  const problem = parseDimacs('p min 3 4\nn 1 2\nn 3 -2\na 1 2 0 2 1\na 1 2 0 2 5\na 2 3 0 2 1\na 1 3 0 1 9\n');

  it('writes s COST and one f line per arc with flow, in input order (parallel arcs apart)', () => {
    const chunks: Uint8Array[] = [];
    writeDimacsSolution(problem, { status: 'optimal', flow: Int32Array.of(1, 1, 2, 0), totalCost: 10n }, (c) => chunks.push(c));
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text).toBe('s 10\nf 1 2 1\nf 1 2 1\nf 2 3 2\n');
  });

  it('writes big values exactly and splits long output into chunks without breaking lines', () => {
    const chunks: Uint8Array[] = [];
    const flow = Float64Array.of(2 ** 40, 3, 123456789012, 7);
    writeDimacsSolution(problem, { status: 'optimal', flow, totalCost: -(2n ** 70n) }, (c) => chunks.push(c));
    expect(Buffer.concat(chunks).toString('latin1')).toBe(`s ${-(2n ** 70n)}\nf 1 2 ${2 ** 40}\nf 1 2 3\nf 2 3 123456789012\nf 1 3 7\n`);

    const m = 500;
    const lines = [`p min ${m + 1} ${m}`];
    for (let a = 0; a < m; a++) lines.push(`a ${a + 1} ${a + 2} 0 ${a} 1`);
    const chain = parseDimacs(lines.join('\n'));
    const many: Uint8Array[] = [];
    writeDimacsSolution(chain, { status: 'optimal', flow: Float64Array.from({ length: m }, (_, a) => a), totalCost: 1n }, (c) => many.push(c), 256);
    expect(many.length).toBeGreaterThan(10);
    for (const c of many) expect(c[c.length - 1]).toBe(10);
    const text = Buffer.concat(many).toString('latin1').split('\n');
    expect(text[0]).toBe('s 1');
    expect(text[1]).toBe('f 2 3 1');
    expect(text[m - 1]).toBe(`f ${m} ${m + 1} ${m - 1}`);
  });

  it('writes s INFEASIBLE alone', () => {
    const chunks: Uint8Array[] = [];
    writeDimacsSolution(problem, { status: 'infeasible', flow: new Int32Array(4), totalCost: 0n }, (c) => chunks.push(c));
    expect(Buffer.concat(chunks).toString('latin1')).toBe('s INFEASIBLE\n');
  });
});

describe('exact total cost', () => {
  it('sums products beyond 2^53 exactly', () => {
    const cost = Float64Array.of(2 ** 45, -(2 ** 45), 2 ** 45, 3);
    const flow = Float64Array.of(2 ** 20, 1, 2 ** 20, 5);
    expect(exactTotalCost(cost, flow)).toBe(2n * 2n ** 65n - 2n ** 45n + 15n);
  });
});
