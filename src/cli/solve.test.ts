import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'guichet-solve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `guichet solve` asynchronously, so that one test can run several at once (tsx start-up dominates). */
function run(args: string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/guichet.mjs', 'solve', ...args], { timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

// Transshipment nodes, a lower bound, a negative cost and two parallel arcs that both carry flow.
const SAMPLE = [
  'c sample',
  'p min 5 7',
  'n 1 5',
  'n 5 -5',
  'a 1 2 0 4 2',
  'a 1 3 0 1 4',
  'a 2 3 1 2 -1',
  'a 2 4 0 1 3',
  'a 3 5 0 5 1',
  'a 4 5 0 3 1',
  'a 2 4 0 2 6',
  '',
].join('\n');
const SAMPLE_SOLUTION = 's 24\nf 1 2 4\nf 1 3 1\nf 2 3 2\nf 2 4 1\nf 3 5 3\nf 4 5 2\nf 2 4 1\n';

describe('guichet solve', () => {
  it('prints the optimal cost and the flows in input order, from a file or standard input', async () => {
    const path = file('sample.min', SAMPLE);
    const [res, piped] = await Promise.all([run([path]), run(['-'], SAMPLE)]);
    expect(res.status).toBe(0);
    expect(res.stdout).toBe(SAMPLE_SOLUTION);
    expect(res.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(SAMPLE_SOLUTION);
  });

  it('prints s INFEASIBLE and exits 2 when no flow exists', async () => {
    const res = await run([file('infeasible.min', 'p min 3 2\nn 1 3\nn 3 -3\na 1 2 0 5 1\na 2 3 0 2 1\n')]);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('s INFEASIBLE\n');
  });

  it('exits 1 on malformed input, naming the file, the line and the problem', async () => {
    const path = file('bad.min', 'p min 3 2\nn 1 1\na 1 2 0 1 1\na 2 4 0 1 1\n');
    const [res, missing, none] = await Promise.all([run([path]), run([join(dir, 'nope.min')]), run([])]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`${path}: line 4: arc head node 4 is out of range 1..3`);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    expect(none.stderr).toContain('missing input FILE');
  });

  it('solves a candidate → offer market with the fast engine, certifies it, and agrees with the network simplex', async () => {
    // 40 candidates, 4 offers (seats 3, 2, 0, 5), one sink; scores with ties.
    const N = 40;
    const M = 4;
    const seats = [3, 2, 0, 5];
    const lines = [`p min ${N + M + 1} 0`];
    const arcs: string[] = [];
    for (let i = 1; i <= N; i++) {
      lines.push(`n ${i} 1`);
      for (let j = 0; j < M; j++) if ((i + j) % 3 !== 0) arcs.push(`a ${i} ${N + 1 + j} 0 1 -${(i * 7 + j * 13) % 10}`);
    }
    lines.push(`n ${N + M + 1} -${N}`);
    for (let j = 0; j < M; j++) arcs.push(`a ${N + 1 + j} ${N + M + 1} 0 ${seats[j]} 0`);
    for (let i = 1; i <= N; i++) arcs.push(`a ${i} ${N + M + 1} 0 1 0`);
    lines[0] = `p min ${N + M + 1} ${arcs.length}`;
    const path = file('market.min', [...lines, ...arcs, ''].join('\n'));
    const [fast, general] = await Promise.all([run([path, '--time', '--check']), run([path, '--engine', 'network-simplex', '--check'])]);
    expect(fast.status).toBe(0);
    expect(fast.stderr).toMatch(/^time parse_s [\d.]+ solve_s [\d.]+ write_s [\d.]+ check_s [\d.]+ engine bipartite-auction-ssp nodes 45 arcs \d+\n$/);
    expect(general.status).toBe(0);
    const cost = (out: string) => out.split('\n')[0];
    expect(cost(fast.stdout)).toBe(cost(general.stdout));
    // 10 seats are usable: 10 assignment lines plus 30 unassigned lines plus 3 seat lines.
    expect(fast.stdout.trim().split('\n')).toHaveLength(1 + 10 + 30 + 3);
  });

  it('refuses to force the candidate → offer engine on another shape, and unknown options', async () => {
    const path = file('sample2.min', SAMPLE);
    const [res, unknown] = await Promise.all([run([path, '--engine', 'bipartite']), run([path, '--fast'])]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('candidate → offer → sink shape');
    expect(unknown.stderr).toContain('unknown option --fast');
  });

  it('documents the format, the exit codes and the options in --help', () => {
    const res = spawnSync(process.execPath, ['bin/guichet.mjs', 'solve', '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    for (const word of ['p min N M', 'n ID SUPPLY', 'a FROM TO LOW CAP COST', 's COST', 'f FROM TO FLOW', 's INFEASIBLE', '--time', '--check', '--engine', 'Exit codes']) {
      expect(res.stdout).toContain(word);
    }
  });
});
