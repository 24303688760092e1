import { closeSync, openSync, readSync } from 'node:fs';
import type { Command } from './command.ts';
import { CliError } from './command.ts';
import { checkOptimality } from '../core/matching/certificate.ts';
import { DimacsError, DimacsReader, writeDimacsSolution } from '../core/matching/dimacs.ts';
import type { FlowProblem } from '../core/matching/flow-problem.ts';
import type { FlowEngine } from '../core/matching/min-cost-flow.ts';
import { solveMinCostFlow } from '../core/matching/min-cost-flow.ts';

const help = `guichet solve — solve a DIMACS minimum-cost-flow problem exactly

Usage: guichet solve FILE [--time] [--check] [--engine auto|network-simplex|bipartite]
       guichet solve - < FILE          (read the problem from standard input)

Input (DIMACS "min" format, one item per line; node ids 1..N):
  c any comment
  p min N M                  N nodes, M arcs (exactly one problem line, before n and a lines)
  n ID SUPPLY                supply > 0: source, < 0: demand; nodes without an n line have 0
  a FROM TO LOW CAP COST     arc with lower bound LOW, capacity CAP and cost COST per unit
                             (costs may be negative; parallel arcs are allowed)
  All values are integers below 2^53 in absolute value. Supplies must balance (sum 0).

Output (standard output):
  s COST                     the minimum total cost (exact, any size)
  f FROM TO FLOW             one line per arc with non-zero flow, in input order
                             (parallel arcs each get their own line)
  or "s INFEASIBLE" when no flow meets the supplies and bounds.

Exit codes: 0 solved, 2 infeasible, 1 malformed input or usage error (the message on
standard error names the line number and what is wrong).

Options:
  --time     print timings to standard error: "time parse_s P solve_s S write_s W engine E ..."
  --check    verify the optimality certificate (bounds, conservation, complementary
             slackness with the solver's node potentials) and fail if it does not hold
  --engine   auto (default): the candidate → offer engine when the problem has that shape
             (candidates with supply 1, each with a cost-0 "unassigned" arc to a single sink,
             offers with one cost-0 seat arc to the sink), the network simplex otherwise;
             network-simplex or bipartite force one engine.

Examples:
  guichet solve bench/out/match-100k-5k.min > solution.txt
  guichet solve problem.min --time --check`;

/** Bytes read per system call: large enough for ~175 MB/s parsing, small enough to stay out of RSS. */
const READ_CHUNK = 1 << 24;

async function readProblem(path: string): Promise<FlowProblem> {
  const reader = new DimacsReader();
  try {
    if (path === '-') {
      for await (const chunk of process.stdin) reader.push(chunk as Buffer);
    } else {
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch (err) {
        throw new CliError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      try {
        // One reused buffer: the reader parses each chunk at once and copies only a partial last line.
        const buf = Buffer.allocUnsafe(READ_CHUNK);
        for (;;) {
          const n = readSync(fd, buf, 0, READ_CHUNK, null);
          if (n === 0) break;
          reader.push(buf.subarray(0, n));
        }
      } finally {
        closeSync(fd);
      }
    }
    return reader.finish();
  } catch (err) {
    if (err instanceof DimacsError) throw new CliError(`${path === '-' ? 'stdin' : path}: ${err.message}`);
    throw err;
  }
}

function parseArgs(args: string[]): { path: string; time: boolean; check: boolean; engine: FlowEngine } {
  let path: string | null = null;
  let time = false;
  let check = false;
  let engine: FlowEngine = 'auto';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--time') time = true;
    else if (a === '--check') check = true;
    else if (a === '--engine' || a.startsWith('--engine=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'auto' && v !== 'network-simplex' && v !== 'bipartite') {
        throw new CliError(`--engine must be auto, network-simplex or bipartite (got ${v ?? 'nothing'})`);
      }
      engine = v;
    } else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option ${a} (see guichet solve --help)`);
    else if (path === null) path = a;
    else throw new CliError(`one input file expected, got ${path} and ${a}`);
  }
  if (path === null) throw new CliError('missing input FILE (or - for standard input); see guichet solve --help');
  return { path, time, check, engine };
}

/** Waits until stdout can take more, or has failed (then the 'error' listener decides). */
function drainOrClose(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.stdout.off('drain', done);
      process.stdout.off('error', done);
      resolve();
    };
    process.stdout.once('drain', done);
    process.stdout.once('error', done);
  });
}

const solve: Command = {
  name: 'solve',
  summary: 'solve a DIMACS minimum-cost-flow problem exactly',
  help,
  async run(args) {
    const opts = parseArgs(args);
    const t0 = performance.now();
    const problem = await readProblem(opts.path);
    const t1 = performance.now();
    let solution;
    try {
      solution = solveMinCostFlow(problem, { engine: opts.engine });
    } catch (err) {
      if (err instanceof RangeError || (err instanceof Error && opts.engine === 'bipartite')) throw new CliError(err.message);
      throw err;
    }
    const t2 = performance.now();
    if (opts.check && solution.status === 'optimal') {
      const verdict = checkOptimality(problem, solution.flow, solution.potential);
      if (!verdict.ok) throw new CliError(`optimality certificate failed: ${verdict.reason}`);
    }
    const t3 = performance.now();
    const chunks: Uint8Array[] = [];
    writeDimacsSolution(problem, solution, (c) => chunks.push(c));
    // A reader that stops early (`| head`) closes the pipe: stop writing quietly.
    let closed = false;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      closed = true;
    });
    for (const c of chunks) {
      if (closed) break;
      if (!process.stdout.write(c)) await drainOrClose();
    }
    const t4 = performance.now();
    if (opts.time) {
      const s = (ms: number): string => (ms / 1000).toFixed(3);
      process.stderr.write(
        `time parse_s ${s(t1 - t0)} solve_s ${s(t2 - t1)} write_s ${s(t4 - t3)}` +
          (opts.check ? ` check_s ${s(t3 - t2)}` : '') +
          ` engine ${solution.algorithm} nodes ${problem.nodeCount} arcs ${problem.arcCount}\n`,
      );
    }
    return solution.status === 'optimal' ? 0 : 2;
  },
};

export default solve;
