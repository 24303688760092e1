/**
 * Stable matching benchmark: guichet's deferred acceptance against the C++ peer da_ref on the same `.hr`
 * files in the same run (bench/peers README), and the `guichet stable` JSON path on the largest one.
 *
 *   node bin/run-ts.mjs bench/matching/stable-bench.ts [--small] [--runs N] [--no-json] [--json-parse]
 *
 * Builds /work/shared/peers/da_ref.cc into bench/.peers/ and generates instances with gen_hr.mjs into
 * bench/out/ (both git-ignored) when missing. For each instance prints guichet's times (parse, rank
 * tables, DA), da_ref's (its own parse_s and da_s, and process wall time), and whether the matchings
 * agree: exact assignment per candidate against da_ref's output file, plus its FNV checksum, matched
 * count, proposals and rank sum. Times are the best of --runs (default 3) — the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBlockingPairs, deferredAcceptance, prepareStable } from '../../src/core/matching/stable.ts';
import type { StableInstance } from '../../src/core/matching/stable.ts';
import { matchingFnv1a, parseHr } from '../../src/core/matching/stable-hr.ts';
import { readStableJson } from '../../src/core/matching/stable-json.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const peersSrc = '/work/shared/peers';
const peersBin = join(root, 'bench', '.peers');
const out = join(root, 'bench', 'out');
const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 1) : 3;
const small = args.includes('--small');

const instances = [
  { name: 'hr-100k-5k', candidates: 100_000, offers: 5_000, capacity: 30_000, degree: 10, seed: 1 },
  ...(small ? [] : [{ name: 'hr-1m-20k', candidates: 1_000_000, offers: 20_000, capacity: 300_000, degree: 10, seed: 1 }]),
];

function run(cmd: string, argv: string[]): { stdout: string; wallMs: number } {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, wallMs };
}

function buildPeer(): string {
  const bin = join(peersBin, 'da_ref');
  const src = join(peersSrc, 'da_ref.cc');
  if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
    mkdirSync(peersBin, { recursive: true });
    process.stderr.write('building da_ref…\n');
    run('g++', ['-O2', '-march=native', '-o', bin, src]);
  }
  return bin;
}

function instanceFile(spec: (typeof instances)[number]): string {
  const file = join(out, `${spec.name}.hr`);
  if (!existsSync(file)) {
    mkdirSync(out, { recursive: true });
    process.stderr.write(`generating ${file}…\n`);
    run(process.execPath, [join(peersSrc, 'gen_hr.mjs'), '--candidates', String(spec.candidates), '--offers', String(spec.offers), '--capacity', String(spec.capacity), '--degree', String(spec.degree), '--seed', String(spec.seed), '--out', file]);
  }
  return file;
}

const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** rank_sum as da_ref prints it: Σ over matched candidates of the 1-based position of their offer in their list. */
function rankSum(inst: StableInstance, offerOf: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < inst.candidateCount; i++) {
    const j = offerOf[i];
    if (j < 0) continue;
    let p = inst.candidateStart[i];
    while (inst.candidateOffers[p] !== j) p++;
    sum += p - inst.candidateStart[i] + 1;
  }
  return sum;
}

/** da_ref's OUT.match ("i j" per line, 1-based, j = 0 unmatched) → 0-based offers, by a byte loop. */
function readMatchFile(file: string, n: number): Int32Array {
  const b = readFileSync(file);
  const offerOf = new Int32Array(n).fill(-2);
  let i = 0, v = 0, field = 0;
  for (let p = 0; p < b.length; p++) {
    const c = b[p];
    if (c >= 48 && c <= 57) v = v * 10 + c - 48;
    else if (c === 32) {
      i = v - 1;
      v = 0;
      field = 1;
    } else if (c === 10) {
      if (field === 1) offerOf[i] = v - 1;
      v = 0;
      field = 0;
    }
  }
  return offerOf;
}

function writeJsonInstance(inst: StableInstance, file: string): Promise<void> {
  // Streamed, so the 1M-candidate document (~200 MB) never sits in memory as one string.
  return new Promise((done, fail) => {
    const s = createWriteStream(file);
    s.on('error', fail);
    let chunk: string[] = ['{"candidates":{'];
    const flush = () => {
      s.write(chunk.join(''));
      chunk = [];
    };
    for (let i = 0; i < inst.candidateCount; i++) {
      const l: string[] = [];
      for (let p = inst.candidateStart[i]; p < inst.candidateStart[i + 1]; p++) l.push(`"o${inst.candidateOffers[p] + 1}"`);
      chunk.push(`${i ? ',' : ''}"c${i + 1}":[${l.join(',')}]`);
      if (chunk.length > 50_000) flush();
    }
    chunk.push('},"offers":{');
    for (let j = 0; j < inst.offerCount; j++) {
      const l: string[] = [];
      for (let p = inst.offerStart[j]; p < inst.offerStart[j + 1]; p++) l.push(`"c${inst.offerCandidates[p] + 1}"`);
      chunk.push(`${j ? ',' : ''}"o${j + 1}":{"capacity":${inst.offerCapacity[j]},"ranking":[${l.join(',')}]}`);
      if (chunk.length > 2_000) flush();
    }
    chunk.push('}}\n');
    flush();
    s.end(done);
  });
}

const daRef = buildPeer();
console.log(`stable matching: guichet (TypeScript, Node ${process.version}) vs da_ref (C++ -O2 -march=native); best of ${runs} runs`);

for (const spec of instances) {
  const file = instanceFile(spec);
  const bytes = readFileSync(file);
  // Best wall and best CPU time of each phase over the runs (CPU time is what a shared machine distorts least).
  const wall = { parse: Infinity, ranks: Infinity, da: Infinity };
  const cpu = { parse: Infinity, ranks: Infinity, da: Infinity };
  const timed = <T>(phase: keyof typeof wall, f: () => T): T => {
    const t = performance.now(), c = cpuMs();
    const r = f();
    wall[phase] = Math.min(wall[phase], performance.now() - t);
    cpu[phase] = Math.min(cpu[phase], cpuMs() - c);
    return r;
  };
  let inst!: StableInstance;
  let offerOf!: Int32Array;
  let proposals = 0, matched = 0;
  for (let k = 0; k < runs; k++) {
    inst = timed('parse', () => parseHr(bytes));
    const prep = timed('ranks', () => prepareStable(inst));
    const r = timed('da', () => deferredAcceptance(prep));
    offerOf = r.offerOfCandidate;
    proposals = r.proposals;
    matched = r.matchedCount;
  }
  const ours = { fnv: matchingFnv1a(offerOf), matched, proposals, rankSum: rankSum(inst, offerOf) };

  const matchFile = join(out, `${spec.name}.da_ref.match`);
  let refLine = '';
  let refWall = Infinity, refCpu = Infinity;
  for (let k = 0; k < runs; k++) {
    // /usr/bin/time adds the process CPU time (user + sys) on stderr's last line.
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', daRef, file, matchFile], { encoding: 'utf8' });
    refWall = Math.min(refWall, performance.now() - t);
    if (r.status !== 0) throw new Error(`da_ref failed: ${r.stderr}`);
    const [user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    refCpu = Math.min(refCpu, 1000 * (user + sys));
    const line = r.stdout.trim();
    const prev = refLine.match(/parse_s ([\d.]+) da_s ([\d.]+)/);
    const cur = line.match(/parse_s ([\d.]+) da_s ([\d.]+)/);
    if (!prev || (cur && Number(cur[1]) + Number(cur[2]) < Number(prev[1]) + Number(prev[2]))) refLine = line;
  }
  const field = (name: string) => refLine.match(new RegExp(`${name} (\\S+)`))?.[1] ?? '?';
  const ref = { fnv: field('fnv1a'), matched: Number(field('matched')), proposals: Number(field('proposals')), rankSum: Number(field('rank_sum')), parseMs: 1000 * Number(field('parse_s')), daMs: 1000 * Number(field('da_s')) };
  const refOffers = readMatchFile(matchFile, inst.candidateCount);
  let differ = 0;
  for (let i = 0; i < inst.candidateCount; i++) if (refOffers[i] !== offerOf[i]) differ++;
  const t = performance.now();
  const violations = findBlockingPairs(inst, offerOf, 10);
  const verifyMs = performance.now() - t;

  console.log(`\n${spec.name}: ${inst.candidateCount} candidates × ${inst.offerCount} offers, ${inst.candidateOffers.length} applications, ${spec.capacity} seats (${(bytes.length / 1e6).toFixed(0)} MB)`);
  const total = wall.parse + wall.ranks + wall.da, totalCpu = cpu.parse + cpu.ranks + cpu.da;
  const refTotal = ref.parseMs + ref.daMs;
  console.log('                     read+ranks      DA    total  | CPU: read+ranks     DA   total');
  console.log(`  guichet (TS)       ${ms(wall.parse + wall.ranks)} ${ms(wall.da)} ${ms(total)} |      ${ms(cpu.parse + cpu.ranks)} ${ms(cpu.da)} ${ms(totalCpu)}   (read ${wall.parse.toFixed(0)} + ranks ${wall.ranks.toFixed(0)} ms wall)`);
  console.log(`  da_ref (C++)       ${ms(ref.parseMs)} ${ms(ref.daMs)} ${ms(refTotal)} |      process CPU ${ms(refCpu)} (incl. file read), wall ${ms(refWall)}`);
  console.log(`  guichet / da_ref   read+ranks ${((wall.parse + wall.ranks) / ref.parseMs).toFixed(2)}×, DA ${(wall.da / ref.daMs).toFixed(2)}×, total ${(total / refTotal).toFixed(2)}× (wall); total CPU ${(totalCpu / refCpu).toFixed(2)}×`);
  console.log(`  agreement: exact assignments ${differ === 0 ? 'identical' : `DIFFER for ${differ} candidates`}; fnv1a ${ours.fnv} vs ${ref.fnv} ${ours.fnv === ref.fnv ? 'equal' : 'DIFFERENT'}; matched ${ours.matched}/${ref.matched}; proposals ${ours.proposals}/${ref.proposals}; rank_sum ${ours.rankSum}/${ref.rankSum}`);
  console.log(`  verifier: ${violations.length === 0 ? 'no blocking pair, capacities respected, all pairs mutually acceptable' : `${violations.length}+ violations, first ${JSON.stringify(violations[0])}`} (${verifyMs.toFixed(0)} ms)`);
}

if (!small && !args.includes('--no-json')) {
  // The JSON path of `guichet stable` on the largest instance, ids "c1…", "o1…".
  const spec = instances[instances.length - 1];
  const inst = parseHr(readFileSync(join(out, `${spec.name}.hr`)));
  const jsonFile = join(out, `${spec.name}.json`);
  if (!existsSync(jsonFile)) {
    process.stderr.write(`writing ${jsonFile}…\n`);
    await writeJsonInstance(inst, jsonFile);
  }
  const bytes = readFileSync(jsonFile);
  let readMs = Infinity, readCpu = Infinity;
  for (let k = 0; k < runs; k++) {
    const t = performance.now(), c = cpuMs();
    readStableJson(bytes);
    readMs = Math.min(readMs, performance.now() - t);
    readCpu = Math.min(readCpu, cpuMs() - c);
  }
  const outFile = join(out, `${spec.name}.out.json`);
  const t = performance.now();
  const r = spawnSync('/bin/sh', ['-c', `/usr/bin/time -f '%U %S' "${process.execPath}" "${join(root, 'bin', 'guichet.mjs')}" stable "${jsonFile}" > "${outFile}"`], { encoding: 'utf8' });
  const cliMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`guichet stable failed: ${r.stderr}`);
  const cliCpu = 1000 * r.stderr.trim().split('\n').pop()!.split(' ').map(Number).reduce((a, b) => a + b, 0);
  const matching = (JSON.parse(readFileSync(outFile, 'utf8')) as { matching: Record<string, string | null> }).matching;
  const cliOffers = new Int32Array(inst.candidateCount);
  let k = 0;
  for (const id in matching) cliOffers[k++] = matching[id] === null ? -1 : Number(matching[id]!.slice(1)) - 1;
  const refFnv = run(daRef, [join(out, `${spec.name}.hr`)]).stdout.match(/fnv1a (\S+)/)?.[1];
  console.log(`\nguichet stable (JSON CLI) on ${spec.name}.json (${(bytes.length / 1e6).toFixed(0)} MB):`);
  console.log(`  byte reader (readStableJson, in process)        wall ${ms(readMs)}   CPU ${ms(readCpu)}`);
  if (args.includes('--json-parse')) {
    const t0 = performance.now(), c0 = cpuMs();
    const text = bytes.toString('utf8');
    const value = JSON.parse(text) as unknown;
    const parseWall = performance.now() - t0, parseCpu = cpuMs() - c0;
    const { StableInput } = await import('../../src/cli/stable.ts');
    const t1 = performance.now(), c1 = cpuMs();
    StableInput.safeParse(value);
    console.log(`  JSON.parse alone (what the reader replaces)      wall ${ms(parseWall)}   CPU ${ms(parseCpu)}`);
    console.log(`  + zod validation of the parsed objects           wall ${ms(performance.now() - t1)}   CPU ${ms(cpuMs() - c1)}`);
  } else {
    console.log('  JSON.parse + zod, for comparison: add --json-parse (≈ 11 s more)');
  }
  console.log(`  whole command, spawned (read, solve, write ${(statSync(outFile).size / 1e6).toFixed(0)} MB)  wall ${ms(cliMs)}   CPU ${ms(cliCpu)}`);
  console.log(`  agreement with da_ref: ${k} candidates in output, fnv1a ${matchingFnv1a(cliOffers)} vs ${refFnv} ${matchingFnv1a(cliOffers) === refFnv ? 'equal' : 'DIFFERENT'}`);
}
