import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from './command.ts';
import command, { solveStableJson } from './stable.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'guichet-stable-'));

/** Runs the real command, as users and outside checks do (async, so that the spawns run concurrently). */
function guichet(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'guichet.mjs'), 'stable', ...args], { cwd: root });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const example = {
  candidates: { c1: ['o2', 'o1'], c2: ['o1'], c3: ['o1', 'o2'], c4: [] },
  offers: { o1: { capacity: 1, ranking: ['c3', 'c1', 'c2'] }, o2: { capacity: 2, ranking: ['c3', 'c1'] } },
};

describe('guichet stable (spawned)', () => {
  // Three spawns only: each pays Node + tsx start-up; the other cases run in process below.
  it('solves a file, names a bad field read from stdin, documents itself', async () => {
    const [ok, capacity, help] = await Promise.all([
      guichet([file('example.json', JSON.stringify(example))]),
      guichet(['-'], JSON.stringify({ candidates: { c1: ['o1'] }, offers: { o1: { capacity: -1, ranking: ['c1'] } } })),
      guichet(['--help']),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // c3 is first at o1; c1 gets its first choice o2; c2 is rejected by o1 (full with c3); c4 listed nothing.
    expect(ok.stdout).toBe(JSON.stringify({ matching: { c1: 'o2', c2: null, c3: 'o1', c4: null } }, null, 2) + '\n');
    expect(Object.keys(JSON.parse(ok.stdout).matching)).toEqual(['c1', 'c2', 'c3', 'c4']);

    expect(capacity.code).toBe(1);
    expect(capacity.stdout).toBe('');
    expect(capacity.stderr).toBe('guichet: offers.o1.capacity: must be a non-negative integer\n');

    expect(help.code).toBe(0);
    for (const word of ['"candidates"', '"offers"', '"capacity"', '"ranking"', '"matching"', 'unknown offer', 'null']) expect(help.stdout).toContain(word);
  });
});

describe('guichet stable (in process)', () => {
  const fails = async (args: string[]) => {
    try {
      await command.run(args);
    } catch (e) {
      if (e instanceof CliError) return e.message;
      throw e;
    }
    throw new Error('expected a CliError');
  };

  it('accepts a file starting with a UTF-8 byte-order mark', async () => {
    const path = file('bom.json', '\ufeff' + JSON.stringify({ candidates: { a: ['x'] }, offers: { x: { capacity: 1, ranking: ['a'] } } }));
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = ((chunk: Uint8Array | string) => ((printed += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await command.run([path])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(JSON.parse(printed)).toEqual({ matching: { a: 'x' } });
  });

  it('rejects wrong usage and unreadable files', async () => {
    expect(await fails([])).toContain('expected one FILE');
    expect(await fails(['a.json', 'b.json'])).toContain('expected one FILE');
    expect(await fails(['--fast', 'a.json'])).toContain('unknown option --fast');
    expect(await fails([join(dir, 'missing.json')])).toContain('ENOENT');
  });

  it('names an unknown id and reports invalid JSON', () => {
    expect(outcome(JSON.stringify({ candidates: { c1: ['o9'] }, offers: { o1: { capacity: 1, ranking: ['c1'] } } }), true)).toBe(
      'error: candidates.c1[0]: unknown offer "o9" (not a key of "offers")',
    );
    expect(outcome('{"candidates": {', true)).toMatch(/^error: invalid JSON/);
  });

  it('names a repeated entry of a list', () => {
    expect(outcome(JSON.stringify({ candidates: { c1: ['o1'] }, offers: { o1: { capacity: 1, ranking: ['c1', 'c1'] } } }), true)).toBe(
      'error: offers.o1.ranking[1]: candidate "c1" is ranked twice (rankings must be strict)',
    );
    expect(outcome(JSON.stringify({ candidates: { c1: ['o1', 'o1'] }, offers: { o1: { capacity: 1, ranking: ['c1'] } } }), true)).toBe(
      'error: candidates.c1[1]: offer "o1" is listed twice',
    );
  });
});

/** The command's result (output text or error message) on one input, through either reader. */
function outcome(text: string, fast: boolean): string {
  try {
    return new TextDecoder().decode(solveStableJson(new TextEncoder().encode(text), { fast }));
  } catch (e) {
    if (e instanceof CliError) return `error: ${e.message}`;
    throw e;
  }
}

describe('solveStableJson', () => {
  it('gives the same answer through the byte reader and through JSON.parse + zod, valid or not', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'z');
    const doc = fc.record({
      candidates: fc.dictionary(id, fc.array(fc.oneof({ weight: 9, arbitrary: id }, { weight: 1, arbitrary: fc.constant(7 as unknown as string) }), { maxLength: 4 })),
      offers: fc.dictionary(
        id,
        fc.record({
          capacity: fc.oneof({ weight: 8, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, '2' as unknown as number) }),
          ranking: fc.array(id, { maxLength: 5 }),
        }),
      ),
    });
    fc.assert(
      fc.property(doc, fc.boolean(), (d, pretty) => {
        const text = JSON.stringify(d, null, pretty ? 2 : undefined);
        expect(outcome(text, true)).toBe(outcome(text, false));
      }),
      { numRuns: 400, seed: 99 },
    );
  });

  it('reports all schema problems, one per line', () => {
    const text = JSON.stringify({ candidates: { c1: 'o1' }, offers: { o1: { capacity: 1.5 }, o2: 3 } });
    expect(outcome(text, true).split('\n')).toEqual([
      'error: candidates.c1: must be an array of offer ids',
      'offers.o1.capacity: must be a non-negative integer',
      'offers.o1.ranking: is required (an array of candidate ids)',
      'offers.o2: must be an object { "capacity": …, "ranking": [...] }',
    ]);
    expect(outcome('[1]', true)).toBe('error: the input must be a JSON object { "candidates": {...}, "offers": {...} }');
  });
});
