/**
 * Positioning run at scale: `executeRun` (src/modules/positioning/run.ts) end to end on a generated,
 * product-shaped territory, on PGlite or PostgreSQL.
 *
 *   node bin/run-ts.mjs bench/matching/positioning-bench.ts [--candidates N] [--offers M] [--sessions S]
 *        [--engine pglite|postgres] [--batch B] [--runs R] [--seed K] [--no-analyze] [--keep]
 *        [--no-probe] [--timeout-s T] [--cpu-prof DIR] [--verbose]
 *
 * Defaults: 100,000 candidates, 500 offers, 20 sessions, batch 2000 (the run's default), one run.
 * Engine: PostgreSQL when DATABASE_URL is set (or --engine postgres; `source scripts/pg-throwaway.sh`
 * gives a throwaway server), else PGlite in a temporary folder.
 *
 * Set-up (timed apart): a fresh database (PGlite folder, or a new database on the server, dropped
 * afterwards), `migrate`, `seedDemo`, then inside the demo territory `amiens`: N candidates in the
 * communes of its catchment (weighted by population), their assessor results per pillar, extra sites
 * in the larger communes around Amiens, M open offers and S training sessions — all with multi-row
 * `INSERT … SELECT FROM unnest($1::…[], …)` in chunks (one statement per chunk, same SQL on both
 * engines). Then ANALYZE (`--no-analyze` leaves it out; the run refreshes the statistics of the tables
 * it reads at its start anyway, and that ANALYZE is timed as part of the run).
 *
 * Each run is a child process (so its CPU time and peak RSS are the run's alone): it opens the
 * database, inserts a `positioning_runs` row and calls `executeRun` directly (no HTTP, no job queue).
 * Every SQL statement is timed at the pg client and classed by its text; the run's own progress
 * updates (phase = loading / scoring / solving / storing) give the phase boundaries. Afterwards the
 * first batch's queries (candidate batch, latest scores, offer pairs, session pairs) are run alone
 * (median of 3), and EXPLAIN ANALYZE of the offer-pair query is written to bench/out/.
 * On PostgreSQL the server backend's CPU time is read from /proc (the child uses one connection).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { cefrFromScore } from '../../src/core/evaluation/scoring.ts';
import { DEFAULT_PATHWAY_MARGINS } from '../../src/core/matching/pathway.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { findLatestScores } from '../../src/modules/evaluations/repository.ts';
import { seededRandom } from '../../src/modules/demo/population.ts';
import { seedDemo } from '../../src/modules/demo/seed.ts';
import { demoEmail } from '../../src/modules/demo/demo-data.ts';
import { createPositioningRepository } from '../../src/modules/positioning/repository.ts';
import { executeRun } from '../../src/modules/positioning/run.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const int = (name: string, fallback: number) => {
  const v = Number(option(name, String(fallback)).replace(/_/g, ''));
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: a non-negative integer, got ${option(name, '')}`);
  return v;
};

/** The territory's "today" for the run (sessions must start after it); fixed so runs are repeatable. */
const TODAY = '2026-06-01';
const TERRITORY = 'amiens';

// ------------------------------------------------------------------------------------------------
// Generation
// ------------------------------------------------------------------------------------------------

type Random = () => number;

function uuid(random: Random): string {
  const h: string[] = [];
  for (let k = 0; k < 16; k++) h.push(Math.floor(random() * 256).toString(16).padStart(2, '0'));
  h[6] = '4' + h[6][1];
  h[8] = ((parseInt(h[8], 16) & 0x3f) | 0x80).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Picks among `items` with the given weights (need not sum to 1). */
function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = random() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** Roughly normal (sum of three uniforms), mean `mean`, spread about ±`spread`. */
const bell = (random: Random, mean: number, spread: number) => mean + (random() + random() + random() - 1.5) * (spread / 1.5);
const pgArray = (xs: readonly string[]) => `{${xs.join(',')}}`;

interface Commune {
  code: string;
  name: string;
  population: number | null;
  lat: number;
  lon: number;
  km: number;
}

interface Column {
  name: string;
  /** Element type of the parameter array. */
  param: string;
  /** Cast applied to the unnested value (for array and jsonb columns passed as text). */
  cast?: string;
}

/**
 * INSERT of many rows in one statement per chunk: one array parameter per column, unnested
 * server-side. 65,535 parameters do not limit it, and the statement text stays small.
 */
async function bulkInsert(pool: pg.Pool, table: string, columns: readonly Column[], rows: readonly unknown[][], chunk = 10_000): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, k) => `$${k + 1}::${c.param}[]`).join(', ');
  const select = columns.map((c, k) => (c.cast ? `u.c${k}::${c.cast}` : `u.c${k}`)).join(', ');
  const alias = columns.map((_, k) => `c${k}`).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${params}) AS u(${alias})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await pool.query(text, columns.map((_, k) => part.map((r) => r[k])));
  }
}

interface SetupCounts {
  candidates: number;
  results: number;
  sites: number;
  offers: number;
  seats: number;
  sessions: number;
  communes: number;
}

async function generate(database: Database, n: number, m: number, s: number, seed: number): Promise<SetupCounts> {
  const { db, pool } = database;
  const random = seededRandom(seed);
  const territory = await db.selectFrom('territories').selectAll().where('code', '=', TERRITORY).executeTakeFirstOrThrow();
  const counselor = await db.selectFrom('users').select('id').where('email', '=', demoEmail('counselor', TERRITORY)).executeTakeFirstOrThrow();
  const trainingBody = await db.selectFrom('training_bodies').select('id').where('territory_id', '=', territory.id).orderBy('name').executeTakeFirstOrThrow();
  const employers = (await db.selectFrom('employers').select('id').where('territory_id', '=', territory.id).orderBy('name').execute()).map((e) => e.id);

  // communes of the catchment area, nearest first (a plain-SQL haversine, as the product does)
  const communes = (
    await sql<Commune>`
      SELECT code, name, population, lat, lon,
             2 * 6371 * asin(sqrt(power(sin(radians(lat - ${territory.centre_lat}) / 2), 2)
               + cos(radians(${territory.centre_lat})) * cos(radians(lat)) * power(sin(radians(lon - ${territory.centre_lon}) / 2), 2))) AS km
      FROM communes WHERE country = ${territory.country}
    `.execute(db)
  ).rows
    .filter((c) => c.km <= territory.catchment_km)
    .sort((a, b) => a.km - b.km || a.code.localeCompare(b.code));
  if (communes.length === 0) throw new Error('no commune in the catchment area: was the demo seeded?');
  const communeWeights = communes.map((c) => [c, Math.max(c.population ?? 200, 50)] as const);

  // ---- candidates ----
  const first = ['Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Thomas', 'Nicolas', 'Julien', 'Karim'];
  const last = ['Martin', 'Bernard', 'Dubois', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefebvre', 'Caron', 'Benali', 'Mercier', 'Lemaire'];
  const shiftPool = [['morning', 0.8], ['afternoon', 0.8], ['evening', 0.35], ['night', 0.08], ['weekend', 0.3]] as const;
  const contractPool = [['cdi', 0.85], ['cdd', 0.45], ['temp', 0.2], ['work_study', 0.08]] as const;
  const candidateRows: unknown[][] = [];
  const resultRows: unknown[][] = [];
  const day0 = Date.UTC(2025, 0, 6);
  for (let i = 0; i < n; i++) {
    const id = uuid(random);
    const commune = weighted(random, communeWeights);
    const languages: { code: string; level: string }[] = [
      { code: 'fr', level: weighted(random, [['C2', 0.45], ['C1', 0.33], ['B2', 0.13], ['B1', 0.07], ['A2', 0.02]]) },
    ];
    if (random() < 0.55) languages.push({ code: 'en', level: weighted(random, [['A2', 0.2], ['B1', 0.35], ['B2', 0.3], ['C1', 0.15]]) });
    if (random() < 0.06) languages.push({ code: pick(random, ['de', 'es', 'it']), level: weighted(random, [['A2', 0.3], ['B1', 0.4], ['B2', 0.3]]) });
    const shifts = random() < 0.2 ? [] : shiftPool.filter(([, p]) => random() < p).map(([v]) => v);
    const wishes = random() < 0.3 ? [] : contractPool.filter(([, p]) => random() < p).map(([v]) => v);
    const workTime = weighted(random, [[null, 0.25], ['full_time', 0.45], ['part_time', 0.15], ['either', 0.15]]);
    const birth = new Date(Date.UTC(1962 + Math.floor(random() * 44), Math.floor(random() * 12), 1 + Math.floor(random() * 28))).toISOString().slice(0, 10);
    candidateRows.push([
      id,
      territory.id,
      pick(random, first),
      pick(random, last),
      `bench.${i}@example.test`,
      birth,
      commune.code,
      10 + Math.floor(random() * 31), // mobility radius 10–40 km
      JSON.stringify(languages),
      pgArray(shifts),
      workTime,
      pgArray(wishes),
    ]);

    // assessor results: most candidates evaluated; one ability drives the three pillars; a share was
    // evaluated twice (the latest result counts, so DISTINCT ON has work to do)
    if (random() < 0.85) {
      const ability = bell(random, 0, 18);
      const at = () => new Date(day0 + Math.floor(random() * 500) * 86_400_000 + (9 + Math.floor(random() * 8)) * 3_600_000);
      const result = (pillar: string, language: string | null, score: number) => {
        const v = clamp(Math.round(score), 0, 100);
        resultRows.push([uuid(random), id, pillar, language, v, language ? cefrFromScore(v) : null, 'assessor', counselor.id, at()]);
      };
      const times = random() < 0.1 ? 2 : 1;
      for (let t = 0; t < times; t++) {
        result('telephone', null, bell(random, 58 + ability, 30));
        result('information_search', null, bell(random, 62 + ability, 30));
        result('it_tools', null, bell(random, 58 + ability, 30));
      }
      if (random() < 0.5) result('language', 'fr', bell(random, 75, 30));
      if (languages.some((l) => l.code === 'en') && random() < 0.6) result('language', 'en', bell(random, 52, 36));
    }
  }
  await bulkInsert(
    pool,
    'candidates',
    [
      { name: 'id', param: 'uuid' },
      { name: 'territory_id', param: 'uuid' },
      { name: 'first_name', param: 'text' },
      { name: 'last_name', param: 'text' },
      { name: 'email', param: 'text' },
      { name: 'birth_date', param: 'date' },
      { name: 'commune_code', param: 'text' },
      { name: 'mobility_km', param: 'int' },
      { name: 'languages', param: 'text', cast: 'jsonb' },
      { name: 'shifts', param: 'text', cast: 'text[]' },
      { name: 'work_time', param: 'text' },
      { name: 'contract_wishes', param: 'text', cast: 'text[]' },
    ],
    candidateRows,
  );
  await bulkInsert(
    pool,
    'evaluation_results',
    [
      { name: 'id', param: 'uuid' },
      { name: 'candidate_id', param: 'uuid' },
      { name: 'pillar', param: 'text' },
      { name: 'language_code', param: 'text' },
      { name: 'score', param: 'int' },
      { name: 'cefr_level', param: 'text' },
      { name: 'source', param: 'text' },
      { name: 'assessed_by', param: 'uuid' },
      { name: 'assessed_at', param: 'timestamptz' },
    ],
    resultRows,
  );

  // ---- sites: the demo's five (all in Amiens) and one in each of the next larger communes ----
  const existingSites = (await db.selectFrom('sites').select('id').where('territory_id', '=', territory.id).orderBy('name').execute()).map((r) => r.id);
  const towns = communes
    .filter((c) => c.km > 3 && c.km <= 35)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code))
    .slice(0, 15);
  const siteRows = towns.map((c) => {
    const area = 500 + Math.floor(random() * 4500);
    return [uuid(random), territory.id, `Plateau ${c.name}`, c.code, area, area, pgArray([])];
  });
  await bulkInsert(
    pool,
    'sites',
    [
      { name: 'id', param: 'uuid' },
      { name: 'territory_id', param: 'uuid' },
      { name: 'name', param: 'text' },
      { name: 'commune_code', param: 'text' },
      { name: 'area_m2', param: 'int' },
      { name: 'available_m2', param: 'int' },
      { name: 'incentives', param: 'text', cast: 'text[]' },
    ],
    siteRows,
  );
  const newSites = siteRows.map((r) => r[0] as string);

  // ---- offers: half on the Amiens sites, half around ----
  const offerRows: unknown[][] = [];
  let seats = 0;
  const offerShifts = [['morning', 0.75], ['afternoon', 0.75], ['evening', 0.3], ['night', 0.05], ['weekend', 0.2]] as const;
  for (let j = 0; j < m; j++) {
    const site = random() < 0.5 ? pick(random, existingSites) : pick(random, newSites.length ? newSites : existingSites);
    const languages = [{ code: 'fr', level: weighted(random, [['B1', 0.3], ['B2', 0.5], ['C1', 0.2]]) }];
    if (random() < 0.25) languages.push({ code: 'en', level: weighted(random, [['B1', 0.6], ['B2', 0.4]]) });
    const minScores: Record<string, number> = {};
    for (const p of ['telephone', 'information_search', 'it_tools']) if (random() < 0.6) minScores[p] = 5 * Math.floor(random() * 15); // 0–70
    let shifts = offerShifts.filter(([, p]) => random() < p).map(([v]) => v as string);
    if (shifts.length === 0) shifts = ['morning'];
    const full = random() < 0.75;
    const seatCount = 1 + Math.floor(29 * random() ** 2); // 1–30, most offers small
    seats += seatCount;
    const start = new Date(Date.UTC(2026, 8, 1) + Math.floor(random() * 180) * 86_400_000).toISOString().slice(0, 10);
    offerRows.push([
      uuid(random),
      territory.id,
      pick(random, employers),
      site,
      `Téléconseiller·ère (bench ${j + 1})`,
      random() < 0.9 ? 'D1408' : 'M1704',
      weighted(random, [['cdi', 0.5], ['cdd', 0.3], ['temp', 0.15], ['work_study', 0.05]]),
      full ? 'full_time' : 'part_time',
      full ? 35 : 24,
      seatCount,
      start,
      JSON.stringify(languages),
      JSON.stringify(minScores),
      pgArray(shifts),
      'open',
    ]);
  }
  await bulkInsert(
    pool,
    'offers',
    [
      { name: 'id', param: 'uuid' },
      { name: 'territory_id', param: 'uuid' },
      { name: 'employer_id', param: 'uuid' },
      { name: 'site_id', param: 'uuid' },
      { name: 'title', param: 'text' },
      { name: 'occupation_code', param: 'text' },
      { name: 'contract', param: 'text' },
      { name: 'work_time', param: 'text' },
      { name: 'hours_per_week', param: 'numeric' },
      { name: 'seats', param: 'int' },
      { name: 'start_date', param: 'date' },
      { name: 'languages', param: 'text', cast: 'jsonb' },
      { name: 'min_scores', param: 'text', cast: 'jsonb' },
      { name: 'shifts', param: 'text', cast: 'text[]' },
      { name: 'status', param: 'text' },
    ],
    offerRows,
  );

  // ---- training sessions with what they raise ----
  const sessionRows: unknown[][] = [];
  const allSites = [...existingSites, ...newSites];
  for (let k = 0; k < s; k++) {
    const distance = random() < 0.35;
    const raises: { pillar: string; languageCode: string | null; points: number }[] = [];
    for (const p of ['telephone', 'information_search', 'it_tools']) if (random() < 0.6) raises.push({ pillar: p, languageCode: null, points: 10 + Math.floor(random() * 11) });
    if (random() < 0.3) raises.push({ pillar: 'language', languageCode: 'en', points: 10 + Math.floor(random() * 11) });
    if (raises.length === 0) raises.push({ pillar: 'telephone', languageCode: null, points: 15 });
    const minScores = random() < 0.3 ? { telephone: 20 } : {};
    const languages = random() < 0.4 ? [{ code: 'fr', level: 'B1' }] : [];
    const starts = Date.UTC(2026, 5, 15) + Math.floor(random() * 120) * 86_400_000;
    sessionRows.push([
      uuid(random),
      territory.id,
      trainingBody.id,
      `Session bench ${k + 1}`,
      distance ? 'distance' : 'on_site',
      distance ? null : pick(random, allSites),
      new Date(starts).toISOString().slice(0, 10),
      new Date(starts + (20 + Math.floor(random() * 150)) * 86_400_000).toISOString().slice(0, 10),
      70 + Math.floor(random() * 400),
      8 + Math.floor(random() * 23),
      JSON.stringify(minScores),
      JSON.stringify(languages),
      JSON.stringify(raises),
      'published',
    ]);
  }
  await bulkInsert(
    pool,
    'training_sessions',
    [
      { name: 'id', param: 'uuid' },
      { name: 'territory_id', param: 'uuid' },
      { name: 'training_body_id', param: 'uuid' },
      { name: 'title', param: 'text' },
      { name: 'mode', param: 'text' },
      { name: 'site_id', param: 'uuid' },
      { name: 'starts_on', param: 'date' },
      { name: 'ends_on', param: 'date' },
      { name: 'hours', param: 'int' },
      { name: 'seats', param: 'int' },
      { name: 'min_scores', param: 'text', cast: 'jsonb' },
      { name: 'languages', param: 'text', cast: 'jsonb' },
      { name: 'raises', param: 'text', cast: 'jsonb' },
      { name: 'status', param: 'text' },
    ],
    sessionRows,
  );
  return { candidates: n, results: resultRows.length, sites: siteRows.length, offers: m, seats, sessions: s, communes: communes.length };
}

// ------------------------------------------------------------------------------------------------
// Measuring one run (child process)
// ------------------------------------------------------------------------------------------------

interface StatementStats {
  count: number;
  ms: number;
  maxMs: number;
  rows: number;
}

/** Classes a statement by its text (the statements of one run are few and recognisable). */
function classify(text: string): string {
  if (text.includes('FROM k JOIN cp ON')) return 'offerPairs';
  if (text.includes('FROM k JOIN s ON')) return 'sessionPairs';
  if (text.includes('DISTINCT ON (candidate_id, pillar, language_code)')) return 'latestScores';
  if (/^select .*from "candidates" as "k" inner join "communes"/i.test(text) && text.includes('limit')) return 'candidateBatch';
  if (text.includes('from "candidates" as "k"') && text.includes('count(*)')) return 'countCandidates';
  if (text.includes('FROM offers o') && text.includes('seats_left')) return 'offerTargets';
  if (text.includes('FROM training_sessions ts') && text.includes('seats_left')) return 'sessionTargets';
  if (/^update "positioning_runs"/.test(text)) return 'runUpdates';
  if (/^update "proposals"/.test(text)) return 'supersede';
  if (/^insert into "proposals"/.test(text)) return 'insertProposals';
  if (/^(begin|commit|rollback)/i.test(text)) return 'transaction';
  if (/^analyze/i.test(text)) return 'analyze';
  return 'other';
}

interface Captured {
  text: string;
  values: unknown[];
}

/** Wraps the pool's clients so that every statement is timed; progress updates mark the phases. */
function instrument(pool: pg.Pool) {
  const stats = new Map<string, StatementStats>();
  const phases: { phase: string; atMs: number }[] = [];
  const captured: Record<string, Captured> = {};
  const others = new Set<string>();
  let origin = performance.now();
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...a: unknown[]) => Promise<pg.QueryResult>;
    (client as unknown as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      const params = (Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? [])) as unknown[];
      if (typeof callback === 'function' || typeof values === 'function') return query(config, values, callback);
      const kind = classify(text);
      if (!captured[kind]) captured[kind] = { text, values: params };
      if (kind === 'other') others.add(text.replace(/\s+/g, ' ').slice(0, 90));
      if (kind === 'runUpdates' && text.includes('"phase" = $1')) phases.push({ phase: String(params[0]), atMs: performance.now() - origin });
      const t0 = performance.now();
      return query(config, values).then((r) => {
        const ms = performance.now() - t0;
        const s = stats.get(kind) ?? { count: 0, ms: 0, maxMs: 0, rows: 0 };
        s.count++;
        s.ms += ms;
        s.maxMs = Math.max(s.maxMs, ms);
        s.rows += r?.rowCount ?? r?.rows?.length ?? 0;
        stats.set(kind, s);
        return r;
      });
    };
  });
  return {
    stats,
    phases,
    captured,
    others,
    reset() {
      stats.clear();
      phases.length = 0;
      others.clear();
      origin = performance.now();
    },
  };
}

/** CPU seconds (user + system) of a process from /proc (Linux), or null. */
function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

interface ChildInput {
  engine: 'pglite' | 'postgres';
  dataDir?: string;
  url?: string;
  batch: number;
  probe: boolean;
  explainFile?: string;
}

export interface RunFigures {
  openS: number;
  wallS: number;
  cpuS: number;
  serverCpuS: number | null;
  peakRssMb: number;
  rssBeforeMb: number;
  run: {
    status: string;
    candidates_considered: number;
    offers_considered: number;
    sessions_considered: number;
    arcs: number;
    proposals: number;
    total_score: number;
    solve_ms: number | null;
    certified: boolean;
    error: string | null;
  };
  phasesS: Record<string, number>;
  statements: Record<string, StatementStats>;
  /** Statements classed 'other' (their text, shortened). */
  others: string[];
  probe?: Record<string, { ms: number; rows: number }>;
}

async function child(input: ChildInput): Promise<RunFigures> {
  const t0 = performance.now();
  const database = input.engine === 'pglite' ? await openDatabase({ dataDir: input.dataDir, poolSize: 1 }) : await openDatabase({ databaseUrl: input.url, poolSize: 1 });
  const probeRecorder = instrument(database.pool);
  const { db } = database;
  try {
    const backendPid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0].pid;
    const territory = await db.selectFrom('territories').select('id').where('code', '=', TERRITORY).executeTakeFirstOrThrow();
    const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('email').executeTakeFirstOrThrow();
    const repo = createPositioningRepository(db);
    // as the service does: the overlap check and the insert under one transaction-scoped lock
    const created = await db.transaction().execute((tx) => createPositioningRepository(tx).insertRun({ territory_id: territory.id, include_sessions: true, created_by: admin.id }));
    if (!created) throw new Error('a run of the territory is already queued or running');
    const openS = (performance.now() - t0) / 1000;

    let peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    probeRecorder.reset();
    const serverBefore = input.engine === 'postgres' ? procCpuSeconds(backendPid) : null;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // one line per batch for the parent (which may stop a run that takes too long and extrapolate)
    let batches = 0;
    const ticker = setInterval(() => {
      const st = probeRecorder.stats.get('candidateBatch');
      if (st && st.count !== batches) {
        batches = st.count;
        process.stdout.write(`PROGRESS ${JSON.stringify({ batches, atS: (performance.now() - started) / 1000, offerPairsS: (probeRecorder.stats.get('offerPairs')?.ms ?? 0) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
      }
    }, 200);
    await executeRun(db, created.id, { today: TODAY, batchSize: input.batch }).finally(() => clearInterval(ticker));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = input.engine === 'postgres' ? procCpuSeconds(backendPid) : null;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

    // phase boundaries from the run's own progress writes: loading ends at the first 'loading' write,
    // scoring at 'solving', solving at 'storing'; storing runs to the end
    const first = (p: string) => probeRecorder.phases.find((x) => x.phase === p)?.atMs;
    const tLoaded = first('loading') ?? 0;
    const tScored = first('solving') ?? tLoaded;
    const tSolved = first('storing') ?? tScored;
    const phasesS = {
      loading: tLoaded / 1000,
      scoring: (tScored - tLoaded) / 1000,
      solving: (tSolved - tScored) / 1000,
      storing: (wallMs - tSolved) / 1000,
    };
    // copied now: the probe below runs more statements through the same recorder
    const others = [...probeRecorder.others];
    const statements = Object.fromEntries([...probeRecorder.stats.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { ...v }]));

    const row = await db
      .selectFrom('positioning_runs')
      .select(['status', 'candidates_considered', 'offers_considered', 'sessions_considered', 'arcs', 'proposals', 'total_score', 'solve_ms', 'certified', 'error'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();

    let probe: RunFigures['probe'];
    if (input.probe) {
      // the first batch's queries alone, median of three
      const median = async (f: () => Promise<number>) => {
        const runs: { ms: number; rows: number }[] = [];
        for (let k = 0; k < 3; k++) {
          const a = performance.now();
          const rows = await f();
          runs.push({ ms: performance.now() - a, rows });
        }
        runs.sort((x, y) => x.ms - y.ms);
        return { ms: Math.round(runs[1].ms * 10) / 10, rows: runs[1].rows };
      };
      const offers = await repo.offerTargets(territory.id);
      const sessions = await repo.sessionTargets(territory.id, TODAY);
      const batch = await repo.candidateBatch(territory.id, null, input.batch);
      const ids = batch.map((c) => c.id);
      const margin = DEFAULT_PATHWAY_MARGINS.maxLanguageGapLevels;
      probe = {
        candidateBatch: await median(async () => (await repo.candidateBatch(territory.id, null, input.batch)).length),
        latestScores: await median(async () => (await findLatestScores(db, ids)).size),
        offerPairs: await median(async () => [...(await repo.offerPairs(ids, offers, margin)).values()].reduce((a, l) => a + l.length, 0)),
        sessionPairs: await median(async () => (await repo.sessionPairs(ids, sessions.map((x) => x.id))).length),
      };
      const c = probeRecorder.captured.offerPairs;
      if (c && input.explainFile) {
        const plan = await database.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, c.values as unknown[]);
        // the id lists of the parameters are inlined in the plan: shortened to their count
        const shorten = (line: string) => line.replace(/'\{([0-9a-f-]{36}(?:,[0-9a-f-]{36})*)\}'/g, (_, ids: string) => `'{…${ids.split(',').length} ids…}'`);
        writeFileSync(input.explainFile, plan.rows.map((r: Record<string, string>) => shorten(r['QUERY PLAN'])).join('\n') + '\n');
      }
    }

    return {
      openS,
      wallS: wallMs / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      serverCpuS: serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null,
      peakRssMb: peakRss / 2 ** 20,
      rssBeforeMb: rssBefore / 2 ** 20,
      run: row as RunFigures['run'],
      phasesS,
      statements,
      others,
      probe,
    };
  } finally {
    await database.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

class RunTimeout extends Error {
  constructor(
    readonly afterS: number,
    readonly last: { batches: number; atS: number; offerPairsS: number; rssMb: number } | null,
  ) {
    super(`run stopped after ${afterS} s`);
  }
}

/** Runs one measured run in a child process; kills it after `timeoutS` (then rejects with the last progress seen). */
function runChild(input: ChildInput, timeoutS: number, nodeArgs: string[]): Promise<RunFigures> {
  return new Promise((resolveRun, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, join(root, 'bin', 'run-ts.mjs'), self, '--child', JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let last: RunTimeout['last'] = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutS * 1000);
    p.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const l of lines) {
        if (l.startsWith('PROGRESS ')) {
          last = JSON.parse(l.slice(9));
          if (process.stderr.isTTY || flag('--verbose')) process.stderr.write(`  batch ${last!.batches} at ${last!.atS.toFixed(1)} s (offer pairs ${last!.offerPairsS.toFixed(1)} s, RSS ${Math.round(last!.rssMb)} MB)\n`);
        } else if (l.startsWith('RESULT ')) {
          clearTimeout(timer);
          resolveRun(JSON.parse(l.slice(7)) as RunFigures);
        } else if (l) process.stdout.write(l + '\n');
      }
    });
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new RunTimeout(timeoutS, last));
      if (code !== 0) reject(new Error(`run process failed (exit ${code})`));
    });
  });
}

const f1 = (v: number) => v.toFixed(1);
const f2 = (v: number) => v.toFixed(2);
const thousands = (v: number) => v.toLocaleString('en-US');

async function main(): Promise<void> {
  const n = int('--candidates', 100_000);
  const m = int('--offers', 500);
  const s = int('--sessions', 20);
  const batch = int('--batch', 2000);
  const runs = Math.max(1, int('--runs', 1));
  const seed = int('--seed', 1);
  const timeoutS = int('--timeout-s', 1800);
  const nodeArgs = args.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${resolve(option('--cpu-prof', '.tmp/prof'))}`] : [];
  const engine = (option('--engine', process.env.DATABASE_URL ? 'postgres' : 'pglite') as 'pglite' | 'postgres');
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine: pglite or postgres');
  if (engine === 'postgres' && !process.env.DATABASE_URL) throw new Error('--engine postgres needs DATABASE_URL (source scripts/pg-throwaway.sh)');

  let dataDir: string | undefined;
  let url: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let database: Database;
  const tOpen = performance.now();
  if (engine === 'pglite') {
    dataDir = join(mkdtempSync(join(tmpdir(), 'guichet-posbench-')), 'db');
    database = await openDatabase({ dataDir, poolSize: 1 });
  } else {
    const name = `guichet_posbench_${process.pid}`;
    const admin = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const setup: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  let counts: SetupCounts;
  try {
    let t = performance.now();
    await migrate(database.db);
    await seedDemo(database.db);
    setup.migrateSeedS = (performance.now() - tOpen) / 1000;
    t = performance.now();
    counts = await generate(database, n, m, s, seed);
    setup.generateS = (performance.now() - t) / 1000;
    t = performance.now();
    if (!flag('--no-analyze')) await database.pool.query('ANALYZE');
    setup.analyzeS = (performance.now() - t) / 1000;
  } finally {
    await database.close(); // PGlite writes its folder; the run process opens it again
  }
  setup.closeS = (performance.now() - tOpen) / 1000 - setup.migrateSeedS - setup.generateS - setup.analyzeS;
  const setupCpu = process.cpuUsage(cpu0);
  setup.cpuS = (setupCpu.user + setupCpu.system) / 1e6;

  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const results: RunFigures[] = [];
  let stopped: RunTimeout | null = null;
  try {
    for (let r = 0; r < runs; r++) {
      const explainFile = r === 0 ? join(outDir, `positioning-${engine}-${n}-${m}.explain.txt`) : undefined;
      try {
        results.push(await runChild({ engine, dataDir, url, batch, probe: r === 0 && !flag('--no-probe'), explainFile }, timeoutS, nodeArgs));
      } catch (err) {
        if (!(err instanceof RunTimeout)) throw err;
        stopped = err;
        break;
      }
    }
  } finally {
    if (!flag('--keep')) {
      if (dataDir) rmSync(dirname(dataDir), { recursive: true, force: true });
      if (dropDatabase) await dropDatabase();
    } else if (dataDir) {
      process.stdout.write(`kept ${dataDir}\n`);
    }
  }

  const lines: string[] = [];
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  lines.push(`positioning run benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${cpu}, Node ${process.version}, load ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  lines.push(
    `${engine}: ${thousands(counts.candidates)} generated candidates (+ the demo's) in ${counts.communes} communes, ${thousands(counts.results)} assessor results, ` +
      `${counts.offers} offers (${thousands(counts.seats)} seats) on ${counts.sites} added + 5 demo sites, ${counts.sessions} sessions; batch ${batch}, seed ${seed}`,
  );
  lines.push(`set-up: migrate + seedDemo ${f1(setup.migrateSeedS)} s, generate + insert ${f1(setup.generateS)} s, ANALYZE ${f1(setup.analyzeS)} s, close ${f1(setup.closeS)} s (client CPU ${f1(setup.cpuS)} s)`);
  lines.push('');
  lines.push('| engine | candidates | offers | sessions | arcs | proposals | total wall s | CPU s (client + server) | solve ms | peak RSS MB | certified |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const cpuText = r.serverCpuS === null ? f1(r.cpuS) : `${f1(r.cpuS)} + ${f1(r.serverCpuS)}`;
    lines.push(
      `| ${engine} | ${thousands(r.run.candidates_considered)} | ${r.run.offers_considered} | ${r.run.sessions_considered} | ${thousands(r.run.arcs)} | ${thousands(r.run.proposals)} | ${f1(r.wallS)} | ${cpuText} | ${r.run.solve_ms ?? '—'} | ${Math.round(r.peakRssMb)} | ${r.run.certified ? 'yes' : `no (${r.run.status}${r.run.error ? ': ' + r.run.error : ''})`} |`,
    );
  }
  lines.push('');
  for (const [k, r] of results.entries()) {
    const p = r.phasesS;
    lines.push(`run ${k + 1}: phases loading ${f2(p.loading)} s, scoring ${f1(p.scoring)} s, solving ${f2(p.solving)} s, storing ${f2(p.storing)} s; open ${f1(r.openS)} s, RSS before the run ${Math.round(r.rssBeforeMb)} MB; total score ${thousands(r.run.total_score)}`);
    const sqlMs = Object.values(r.statements).reduce((a, st) => a + st.ms, 0);
    const batchSql = ['candidateBatch', 'latestScores', 'offerPairs', 'sessionPairs'].reduce((a, k) => a + (r.statements[k]?.ms ?? 0), 0);
    lines.push(`  SQL at the client ${f1(sqlMs / 1000)} s of ${f1(r.wallS)} s wall; scoring phase = ${f1(batchSql / 1000)} s batch queries + ${f1(p.scoring - batchSql / 1000)} s JS (fit scores, pathway arcs) and progress writes:`);
    for (const [kind, st] of Object.entries(r.statements)) {
      lines.push(`    ${kind.padEnd(16)} ${String(st.count).padStart(5)} × ${(st.ms / st.count).toFixed(1).padStart(8)} ms = ${f1(st.ms / 1000).padStart(7)} s  (max ${f1(st.maxMs)} ms, ${thousands(st.rows)} rows)`);
    }
    if (r.others.length) lines.push(`  'other' statements: ${r.others.map((t) => JSON.stringify(t)).join('; ')}`);
    if (r.probe) {
      lines.push(`  first batch alone (median of 3): ${Object.entries(r.probe).map(([q, v]) => `${q} ${v.ms} ms (${thousands(v.rows)} rows)`).join(', ')}`);
    }
  }
  if (stopped) {
    const l = stopped.last;
    const total = Math.ceil((n + 3001) / batch);
    lines.push(
      `STOPPED after ${stopped.afterS} s (--timeout-s): ` +
        (l ? `${l.batches} of ~${total} batches read at ${f1(l.atS)} s, ${f1(l.offerPairsS)} s of it in offerPairs, RSS ${Math.round(l.rssMb)} MB; scoring alone extrapolates to ~${Math.round((l.atS / l.batches) * total)} s` : 'no batch finished'),
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (flag('--child')) {
  const input = JSON.parse(option('--child', '{}')) as ChildInput;
  child(input)
    .then((r) => {
      process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
