/**
 * Staffing benchmark: time per interval solved (least agents for 80 % in 20 s, AHT 180 s, Erlang C)
 * by guichet's engine and by a naive reference (naive.ts: Erlang B restarted from 0 for each
 * candidate n from ceil(A)), side by side in the same run, plus a 336-interval week.
 *
 *   node bin/run-ts.mjs bench/staffing/bench.ts [--quick]
 *
 * Each measurement solves a batch of intervals whose traffic varies by ±0.05 % around the level
 * (so nothing is cached), repeats until ~250 ms have elapsed, and reports the median of 5 runs.
 */
import { requiredAgents, requiredAgentsByInterval } from '../../src/core/staffing/required-agents.ts';
import { naiveRequiredAgents } from './naive.ts';

const quick = process.argv.includes('--quick');
const BUDGET_MS = quick ? 40 : 250;
const RUNS = 5;
const AHT_SECONDS = 180;
const TARGET_ANSWER_SECONDS = 20;
const SERVICE_LEVEL = 0.8;
const INTERVAL_MINUTES = 30;

/** Median over RUNS of the time per call of `solve` (µs), each run repeating the batch for BUDGET_MS. */
function timePerCall(batch: number[], solve: (calls: number) => number): number {
  let sink = 0;
  for (const calls of batch) sink += solve(calls); // warm-up
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let solved = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (const calls of batch) sink += solve(calls);
      solved += batch.length;
      elapsed = performance.now() - start;
    } while (elapsed < BUDGET_MS);
    samples.push((elapsed * 1000) / solved);
  }
  if (sink === -1) console.log(sink); // keep the work observable
  samples.sort((x, y) => x - y);
  return samples[Math.floor(RUNS / 2)];
}

const callsFor = (erlangs: number) => (erlangs * INTERVAL_MINUTES * 60) / AHT_SECONDS;
const queue = { intervalMinutes: INTERVAL_MINUTES, ahtSeconds: AHT_SECONDS, targetAnswerSeconds: TARGET_ANSWER_SECONDS, serviceLevel: SERVICE_LEVEL };
// One options object mutated per call: an object spread per call costs several µs in V8 (more than
// the sizing itself at small traffic), which would measure the benchmark, not the engine.
const sizing = { ...queue, callsPerInterval: 0 };
const guichet = (callsPerInterval: number) => {
  sizing.callsPerInterval = callsPerInterval;
  return requiredAgents(sizing).agents;
};
const naive = (callsPerInterval: number) =>
  naiveRequiredAgents({
    trafficErlangs: (callsPerInterval * AHT_SECONDS) / (INTERVAL_MINUTES * 60),
    ahtSeconds: AHT_SECONDS,
    targetAnswerSeconds: TARGET_ANSWER_SECONDS,
    serviceLevel: SERVICE_LEVEL,
  });

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

console.log(`guichet staffing benchmark — Node ${process.version}, AHT ${AHT_SECONDS} s, ${SERVICE_LEVEL * 100} % in ${TARGET_ANSWER_SECONDS} s, ${INTERVAL_MINUTES}-min intervals, Erlang C`);
console.log('');

const rows: string[][] = [];
for (const erlangs of [1, 100, 1_000, 10_000, 50_000]) {
  const size = erlangs >= 10_000 ? 8 : 64;
  const batch = Array.from({ length: size }, (_, i) => callsFor(erlangs) * (1 + (0.001 * (i - size / 2)) / size));
  const agree = batch.every((calls) => guichet(calls) === naive(calls));
  const ours = timePerCall(batch, guichet);
  const theirs = timePerCall(batch, naive);
  rows.push([erlangs.toLocaleString('en'), fmt(ours), fmt(theirs), `${fmt(theirs / ours)}×`, agree ? 'yes' : 'NO', String(guichet(batch[size / 2]))]);
}
console.log(table(['Erlangs', 'guichet µs/interval', 'naive µs/interval', 'speed-up', 'agents agree', 'agents'], rows));

// A typical week: 08:00–20:00 weekdays peaking at ~220 calls per half hour (≈ 22 E), lighter weekends.
const week: number[] = [];
for (let day = 0; day < 7; day++) {
  for (let slot = 0; slot < 48; slot++) {
    const hour = slot / 2;
    const open = hour >= 8 && hour < 20;
    week.push(Math.round((open ? 120 + 100 * Math.sin((Math.PI * (hour - 8)) / 12) : 5) * (day < 5 ? 1 : 0.5)));
  }
}
const weekGuichet = timePerCall([0], () => requiredAgentsByInterval({ ...queue, calls: week }).length);
const weekNaive = timePerCall([0], () => week.reduce((sum, calls) => sum + naive(calls), 0));
const weekA = timePerCall([0], () => requiredAgentsByInterval({ ...queue, calls: week, patienceSeconds: 120 }).length);
const weekAgree = requiredAgentsByInterval({ ...queue, calls: week }).every((r, i) => r.agents === naive(week[i]));
console.log('');
console.log(
  table(
    ['336-interval week (peak ≈ 22 E)', 'ms per week', 'agents agree'],
    [
      ['guichet, Erlang C', (weekGuichet / 1000).toFixed(3), weekAgree ? 'yes' : 'NO'],
      ['naive, Erlang C', (weekNaive / 1000).toFixed(3), ''],
      ['guichet, Erlang A (patience 120 s)', (weekA / 1000).toFixed(3), ''],
    ],
  ),
);
