/**
 * Matching benchmark: `guichet solve` against LEMON (NetworkSimplex, CostScaling), scipy and the npm
 * package `min-cost-flow`, on the same generated DIMACS files in the same run (bench/peers README).
 *
 *   node bin/run-ts.mjs bench/matching/mcf-bench.ts [--sizes 1k,10k,100k,1m] [--runs N] [--no-scipy] [--no-npm] [--no-check]
 *
 * Default sizes: 1k, 10k, 100k (1m takes minutes and ~6 GB for LEMON: ask for it). Set-up when
 * missing: apt packages liblemon-dev, python3-scipy and time (apt-get update once, as root); the
 * LEMON driver built into bench/.peers/; min-cost-flow installed into bench/.peers/npm (never into
 * package.json); instances written by gen_instances.mjs into bench/out/ (all git-ignored).
 *
 * Each solver runs under /usr/bin/time -v: wall time, CPU time (user + system) and peak RSS of the
 * whole process, so parsing and output count for everyone. "solve s" is the solver's own figure
 * where it reports one. "agrees" compares every optimal cost with guichet's; guichet's own flows are
 * then verified by `guichet solve --check` (certificate: bounds, conservation, reduced costs).
 * LEMON runs once per algorithm; at 1m only CostScaling runs (NetworkSimplex takes ~400 CPU-s).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const peersSrc = '/work/shared/peers';
const peersBin = join(root, 'bench', '.peers');
const outDir = join(root, 'bench', 'out');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

interface Size {
  key: string;
  candidates: number;
  offers: number;
  capacity: number;
  scipy: boolean;
  npm: boolean;
  lemon: ('ns' | 'cs')[];
  timeoutS: number;
}
const SIZES: Size[] = [
  { key: '1k', candidates: 1_000, offers: 50, capacity: 300, scipy: true, npm: true, lemon: ['ns', 'cs'], timeoutS: 120 },
  { key: '10k', candidates: 10_000, offers: 500, capacity: 3_000, scipy: true, npm: true, lemon: ['ns', 'cs'], timeoutS: 300 },
  { key: '100k', candidates: 100_000, offers: 5_000, capacity: 30_000, scipy: true, npm: false, lemon: ['ns', 'cs'], timeoutS: 900 },
  { key: '1m', candidates: 1_000_000, offers: 20_000, capacity: 300_000, scipy: false, npm: false, lemon: ['cs'], timeoutS: 1800 },
];
const wanted = option('--sizes', '1k,10k,100k').split(',');
const sizes = SIZES.filter((s) => wanted.includes(s.key));
if (sizes.length === 0) throw new Error(`--sizes: choose among ${SIZES.map((s) => s.key).join(',')}`);
const runs = Math.max(1, Number(option('--runs', '1')) || 1);

/** First bytes of a file as text (instance files reach 800 MB: never read them whole). */
function head(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function sh(cmd: string, argv: string[], opts: { quiet?: boolean } = {}): string {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  if (!opts.quiet && r.stderr) process.stderr.write(r.stderr);
  return r.stdout;
}

// ------------------------------------------------------------------ set-up
function ensureApt(): void {
  const missing = ['liblemon-dev', 'python3-scipy', 'time'].filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  process.stderr.write(`installing ${missing.join(' ')} (apt)…\n`);
  sh('apt-get', ['update'], { quiet: true });
  sh('apt-get', ['install', '-y', ...missing], { quiet: true });
}

function buildLemon(): string {
  const bin = join(peersBin, 'lemon_mcf');
  const src = join(peersSrc, 'lemon_mcf.cc');
  if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
    mkdirSync(peersBin, { recursive: true });
    process.stderr.write('building lemon_mcf…\n');
    sh('g++', ['-O2', '-march=native', '-o', bin, src, '-llemon']);
  }
  return bin;
}

function installNpmPeer(): string | null {
  const dir = join(peersBin, 'npm');
  if (existsSync(join(dir, 'node_modules', 'min-cost-flow', 'package.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  process.stderr.write('installing min-cost-flow@2.1.0 into bench/.peers/npm…\n');
  const r = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', 'min-cost-flow@2.1.0'], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`npm peer unavailable: ${r.stderr.split('\n')[0]}\n`);
    return null;
  }
  return dir;
}

function instanceFile(size: Size): string {
  const file = join(outDir, `mcf-${size.key}-${size.offers >= 1000 ? `${size.offers / 1000}k` : size.offers}.min`);
  if (!existsSync(file)) {
    mkdirSync(outDir, { recursive: true });
    process.stderr.write(`generating ${file}…\n`);
    sh(process.execPath, [
      join(peersSrc, 'gen_instances.mjs'),
      ...['--candidates', String(size.candidates), '--offers', String(size.offers), '--capacity', String(size.capacity)],
      ...['--degree', '30', '--seed', '1', '--out', file],
    ]);
  }
  return file;
}

// ------------------------------------------------------------------ measuring
interface Measure {
  solver: string;
  wallS: number;
  cpuS: number;
  rssMb: number;
  solveS: number | null;
  cost: string | null;
  note: string;
}

/** Runs argv under /usr/bin/time -v (and `timeout`), stdout to a file; returns resources and stdout text. */
function timed(argv: string[], stdoutFile: string, timeoutS: number): { wallS: number; cpuS: number; rssMb: number; status: number; stdout: string; stderr: string } {
  const fd = openSync(stdoutFile, 'w');
  const r = spawnSync('/usr/bin/time', ['-v', 'timeout', '--signal=KILL', String(timeoutS), ...argv], {
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  closeSync(fd);
  const err = r.stderr ?? '';
  const num = (re: RegExp) => Number((err.match(re) ?? [])[1] ?? NaN);
  const wallText = (err.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/) ?? [])[1] ?? '0';
  const wallS = wallText.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  const cpuS = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
  const rssMb = num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024;
  const status = num(/Exit status: (\d+)/);
  const stdout = head(stdoutFile, 1 << 16);
  return { wallS, cpuS, rssMb, status: Number.isNaN(status) ? (r.status ?? -1) : status, stdout, stderr: err };
}

function best(list: Measure[]): Measure {
  return list.reduce((a, b) => (b.cost !== null && (a.cost === null || b.wallS < a.wallS) ? b : a));
}

function runGuichet(file: string, size: Size): Measure {
  const solFile = file.replace(/\.min$/, '.guichet.sol');
  const all: Measure[] = [];
  for (let r = 0; r < runs; r++) {
    const t = timed([process.execPath, join(root, 'bin', 'guichet.mjs'), 'solve', file, '--time'], solFile, size.timeoutS);
    const line = (t.stderr.match(/^time .*$/m) ?? [''])[0];
    const first = head(solFile, 64).split('\n')[0];
    all.push({
      solver: 'guichet solve',
      wallS: t.wallS,
      cpuS: t.cpuS,
      rssMb: t.rssMb,
      solveS: Number((line.match(/solve_s ([\d.]+)/) ?? [])[1] ?? NaN),
      cost: t.status === 0 && first.startsWith('s ') ? first.slice(2) : null,
      note: t.status === 0 ? `parse ${(line.match(/parse_s ([\d.]+)/) ?? [])[1]} s, write ${(line.match(/write_s ([\d.]+)/) ?? [])[1]} s, ${(line.match(/engine (\S+)/) ?? [])[1]}` : `exit ${t.status}`,
    });
  }
  return best(all);
}

function runLemon(bin: string, file: string, alg: 'ns' | 'cs', size: Size): Measure {
  const t = timed([bin, file, alg], file.replace(/\.min$/, `.lemon-${alg}.out`), size.timeoutS);
  const m = t.stdout.match(/cost (-?\d+) status (\w+).* read_s ([\d.]+) solve_s ([\d.]+)/);
  return {
    solver: `LEMON ${alg === 'ns' ? 'NetworkSimplex' : 'CostScaling'}`,
    wallS: t.wallS,
    cpuS: t.cpuS,
    rssMb: t.rssMb,
    solveS: m ? Number(m[4]) : null,
    cost: m && m[2] === 'OPTIMAL' ? m[1] : null,
    note: m ? `read ${m[3]} s` : t.status === 137 ? `killed after ${size.timeoutS} s` : `exit ${t.status}`,
  };
}

function runScipy(file: string, size: Size): Measure {
  const t = timed(['/usr/bin/python3', join(peersSrc, 'scipy_assign.py'), 'dimacs', file], file.replace(/\.min$/, '.scipy.out'), size.timeoutS);
  const m = t.stdout.match(/mwfbm cost (-?\d+) solve_s ([\d.]+) build_s ([\d.]+) read_s ([\d.]+)/);
  return {
    solver: 'scipy min_weight_full_bip.',
    wallS: t.wallS,
    cpuS: t.cpuS,
    rssMb: t.rssMb,
    solveS: m ? Number(m[2]) : null,
    cost: m ? m[1] : null,
    note: m ? `seat-expanded; read ${m[4]} s, build ${m[3]} s` : t.status === 137 ? `killed after ${size.timeoutS} s` : `failed (exit ${t.status})`,
  };
}

function runNpm(dir: string, file: string, size: Size): Measure {
  const timeoutS = Math.min(size.timeoutS, 300);
  const t = timed(
    [process.execPath, '--max-old-space-size=12000', join(root, 'bench', 'matching', 'mcf-npm-peer.mjs'), dir, file],
    file.replace(/\.min$/, '.npm.out'),
    timeoutS,
  );
  const m = t.stdout.match(/cost (-?\d+) solve_s ([\d.]+)/);
  const error = (t.stderr.match(/^\w*Error\b.*$/m) ?? [])[0];
  const why =
    t.status === 137
      ? `killed after ${timeoutS} s`
      : /heap out of memory|Invalid array length/.test(t.stderr)
        ? 'out of memory (dense n×n matrices)'
        : `failed: ${error ?? `exit ${t.status}`}`;
  return { solver: 'npm min-cost-flow 2.1.0', wallS: t.wallS, cpuS: t.cpuS, rssMb: t.rssMb, solveS: m ? Number(m[2]) : null, cost: m ? m[1] : null, note: m ? 'successive shortest paths' : why };
}

function certify(file: string, size: Size): string {
  const t = timed([process.execPath, join(root, 'bin', 'guichet.mjs'), 'solve', file, '--check', '--time'], file.replace(/\.min$/, '.guichet-check.sol'), size.timeoutS);
  const line = (t.stderr.match(/^time .*$/m) ?? [''])[0];
  return t.status === 0 ? `certificate verified (check_s ${(line.match(/check_s ([\d.]+)/) ?? [])[1]})` : `CERTIFICATE FAILED: ${(t.stderr.match(/^guichet: .*$/m) ?? [''])[0]}`;
}

// ------------------------------------------------------------------ main
ensureApt();
const lemon = buildLemon();
const npmDir = flag('--no-npm') ? null : installNpmPeer();
const cpuInfo = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*: (.*)/) ?? [])[1] ?? 'unknown CPU';
const lines: string[] = [];
const print = (s = '') => {
  lines.push(s);
  process.stdout.write(s + '\n');
};
print(`guichet matching benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${cpuInfo}, Node ${process.version}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const size of sizes) {
  const file = instanceFile(size);
  const mb = statSync(file).size / 1e6;
  const header = head(file, 4096).match(/^p min (\d+) (\d+)/m);
  process.stderr.write(`\n== ${size.key}: running solvers on ${file}\n`);
  const results: Measure[] = [];
  results.push(runGuichet(file, size));
  process.stderr.write(`guichet done (${results[0].wallS} s)\n`);
  for (const alg of size.lemon) {
    results.push(runLemon(lemon, file, alg, size));
    process.stderr.write(`LEMON ${alg} done\n`);
  }
  if (size.scipy && !flag('--no-scipy')) {
    results.push(runScipy(file, size));
    process.stderr.write('scipy done\n');
  }
  if (size.npm && npmDir) {
    results.push(runNpm(npmDir, file, size));
    process.stderr.write('npm peer done\n');
  }
  const ref = results[0].cost;
  print('');
  print(`${size.key}: ${size.candidates.toLocaleString('en')} candidates × ${size.offers.toLocaleString('en')} offers, ${size.capacity.toLocaleString('en')} seats — ${Number(header?.[1]).toLocaleString('en')} nodes, ${Number(header?.[2]).toLocaleString('en')} arcs, ${mb.toFixed(1)} MB (gen_instances.mjs seed 1)`);
  print(`${'solver'.padEnd(27)} ${'wall s'.padStart(8)} ${'CPU s'.padStart(8)} ${'RSS MB'.padStart(8)} ${'solve s'.padStart(8)}  ${'cost'.padEnd(12)} agrees  notes`);
  for (const r of results) {
    const agrees = r.cost === null ? '—' : r.cost === ref ? 'yes' : 'NO';
    print(
      `${r.solver.padEnd(27)} ${r.wallS.toFixed(2).padStart(8)} ${r.cpuS.toFixed(2).padStart(8)} ${r.rssMb.toFixed(0).padStart(8)} ${(r.solveS === null || Number.isNaN(r.solveS) ? '—' : r.solveS.toFixed(2)).padStart(8)}  ${(r.cost ?? 'n/a').padEnd(12)} ${agrees.padEnd(6)}  ${r.note}`,
    );
  }
  const solved = results.filter((r) => r.cost !== null);
  const allAgree = solved.every((r) => r.cost === ref);
  print(`all optimal costs agree: ${allAgree ? 'yes' : 'NO'} (${solved.length} solvers)${flag('--no-check') ? '' : `; guichet ${certify(file, size)}`}`);
}
