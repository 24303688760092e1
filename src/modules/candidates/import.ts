/**
 * CSV import and export of candidates.
 *
 * Import: a header line naming the columns (English or French names, any order), then one candidate a
 * line. Separator: comma, semicolon or tab, chosen from the header line. Lists (languages, shifts,
 * contract wishes) are separated by "|" (or spaces): `fr:C2|en:B1`, `morning|evening`. Dates are
 * YYYY-MM-DD or DD/MM/YYYY. The file is parsed as a stream; every line is validated, and nothing is
 * stored unless every line is valid (one transaction). Rows are inserted with INSERT … SELECT FROM
 * unnest(arrays), 5,000 a statement, then duplicates are flagged set-based.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { sql, type Kysely } from 'kysely';
import { phoneKey } from '../../core/identity/name-similarity.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { findLatestScores } from '../evaluations/repository.ts';
import { detectDuplicates } from './duplicates.ts';
import { contractTypes, educationLevels, LanguageLevel, ProfileFields, shifts as shiftValues, workTimes } from './schema.ts';

export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

/** Problems listed in an answer; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 200;
const INSERT_BATCH = 5_000;

type Field =
  | 'territory'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'phone'
  | 'birth_date'
  | 'commune_code'
  | 'mobility_km'
  | 'mobility_minutes'
  | 'languages'
  | 'education_level'
  | 'experience_months'
  | 'shifts'
  | 'work_time'
  | 'contract_wishes';

/** Accepted header names, after lower-casing, accent folding and spaces/hyphens to "_". */
const ALIASES: Record<Field, readonly string[]> = {
  territory: ['territory', 'territoire'],
  first_name: ['first_name', 'firstname', 'prenom'],
  last_name: ['last_name', 'lastname', 'nom', 'nom_de_famille'],
  email: ['email', 'e_mail', 'courriel', 'mail'],
  phone: ['phone', 'telephone', 'tel', 'portable'],
  birth_date: ['birth_date', 'birthdate', 'date_de_naissance', 'date_naissance', 'naissance'],
  commune_code: ['commune_code', 'commune', 'code_commune', 'code_insee', 'insee'],
  mobility_km: ['mobility_km', 'mobilite_km'],
  mobility_minutes: ['mobility_minutes', 'mobilite_minutes'],
  languages: ['languages', 'langues'],
  education_level: ['education_level', 'niveau_etudes', 'formation'],
  experience_months: ['experience_months', 'experience_mois'],
  shifts: ['shifts', 'horaires', 'disponibilites'],
  work_time: ['work_time', 'temps_de_travail'],
  contract_wishes: ['contract_wishes', 'contrats', 'contrats_souhaites'],
};
/** Columns of the export that an import ignores, so an exported file imports back. */
const IGNORED = new Set(['id', 'commune_name', 'postcode', 'source', 'created_at', 'telephone_score', 'information_search_score', 'it_tools_score', 'account']);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function sniffDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const ch of firstLine) if (ch in counts) counts[ch as keyof typeof counts]++;
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

const listOf = (value: string) => value.split(/[|,;\s]+/).filter(Boolean);
const zodMessage = (r: { success: false; error: { issues: { message: string }[] } }) => r.error.issues[0]?.message ?? 'is invalid';

export interface ImportTerritory {
  id: string;
  code: string;
  country: string;
}

export interface ImportResult {
  imported: number;
  duplicatesFlagged: number;
  byTerritory: Record<string, number>;
}

/** Column arrays of the rows to insert (one entry per row). */
class Columns {
  id: string[] = [];
  territory_id: string[] = [];
  first_name: string[] = [];
  last_name: string[] = [];
  email: (string | null)[] = [];
  phone: (string | null)[] = [];
  birth_date: (string | null)[] = [];
  commune_code: (string | null)[] = [];
  mobility_km: number[] = [];
  mobility_minutes: (number | null)[] = [];
  languages: string[] = [];
  education_level: (string | null)[] = [];
  experience_months: number[] = [];
  shifts: string[] = [];
  work_time: (string | null)[] = [];
  contract_wishes: string[] = [];
}

const pgArray = (values: readonly string[]) => `{${values.join(',')}}`;

export class InvalidCsvError extends AppError {
  constructor(readonly problems: CsvProblem[]) {
    super(400, 'invalid_csv', `The file has ${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was imported. See "fields" (line and column).`, problemFields(problems));
  }
}

export function problemFields(problems: readonly CsvProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems.slice(0, MAX_LISTED_PROBLEMS)) {
    const key = p.column ? `line ${p.line}, column ${p.column}` : `line ${p.line}`;
    fields[key] = fields[key] ? `${fields[key]}; ${p.message}` : p.message;
  }
  if (problems.length > MAX_LISTED_PROBLEMS) fields.more = `${problems.length - MAX_LISTED_PROBLEMS} more problems not listed`;
  return fields;
}

/**
 * Reads, validates and stores candidates from CSV chunks, all or nothing. `territory` fixes the
 * territory of every line (a "territory" column must then be empty or the same); without it, each line
 * names its territory, which must be one of `allowed`. Throws InvalidCsvError listing every problem.
 */
export async function importCandidatesCsv(
  db: Kysely<DB>,
  input: AsyncIterable<Buffer | string> | Buffer | string,
  options: { territory?: ImportTerritory; allowed: readonly ImportTerritory[]; createdBy: string | null },
): Promise<ImportResult> {
  const problems: CsvProblem[] = [];
  const cols = new Columns();
  const territories = new Map(options.allowed.map((t) => [t.code, t]));
  const countries = [...new Set((options.territory ? [options.territory] : options.allowed).map((t) => t.country))];
  const communeRows = countries.length ? await db.selectFrom('communes').select(['code', 'country']).where('country', 'in', countries).execute() : [];
  const communes = new Map<string, Set<string>>();
  for (const c of communeRows) (communes.get(c.country) ?? communes.set(c.country, new Set()).get(c.country)!).add(c.code);

  let header: (Field | null)[] | null = null;
  const chunks: AsyncIterable<Buffer | string> = typeof input === 'string' || Buffer.isBuffer(input) ? toAsync([input]) : input;

  const handleHeader = (names: string[]) => {
    const seen = new Set<Field>();
    header = names.map((raw) => {
      const name = fold(raw.replace(/^\uFEFF/, ''));
      const field = (Object.keys(ALIASES) as Field[]).find((f) => ALIASES[f].includes(name)) ?? null;
      if (!field && !IGNORED.has(name) && name !== '') problems.push({ line: 1, column: raw, message: `unknown column; expected some of: ${Object.keys(ALIASES).join(', ')}` });
      if (field && seen.has(field)) problems.push({ line: 1, column: raw, message: 'appears twice' });
      if (field) seen.add(field);
      return field;
    });
    for (const required of ['first_name', 'last_name'] as const) if (!seen.has(required)) problems.push({ line: 1, column: required, message: 'is missing from the header' });
    if (!options.territory && !seen.has('territory')) problems.push({ line: 1, column: 'territory', message: 'is missing: name the territory of each line, or choose one for the whole file' });
  };

  const handleRecord = (values: string[], line: number) => {
    const h = header!;
    const row: Partial<Record<Field, string>> = {};
    for (let i = 0; i < h.length; i++) {
      const f = h[i];
      if (f) row[f] = (values[i] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    }
    if (values.length !== h.length) problems.push({ line, message: `has ${values.length} fields, the header ${h.length}` });
    const bad = (column: Field, message: string) => problems.push({ line, column, message });
    const before = problems.length;

    let territory = options.territory;
    if (row.territory) {
      const named = territories.get(row.territory.toLowerCase());
      if (!named) bad('territory', `"${row.territory}" is not a territory you may import into`);
      else if (territory && named.id !== territory.id) bad('territory', `is "${row.territory}" but the import is for "${territory.code}"`);
      else territory = named;
    } else if (!territory) bad('territory', 'is required');

    const text = (column: 'first_name' | 'last_name', value: string | undefined) => {
      if (!value) bad(column, 'is required');
      else if (value.length > 100) bad(column, 'must have at most 100 characters');
      return value ?? '';
    };
    const firstName = text('first_name', row.first_name);
    const lastName = text('last_name', row.last_name);
    const optional = <T>(column: Field, value: string | undefined, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }): T | null => {
      if (!value) return null;
      const r = schema.safeParse(value);
      if (!r.success) {
        bad(column, `"${value}" ${zodMessage(r)}`);
        return null;
      }
      return r.data;
    };
    const email = optional('email', row.email, ProfileFieldsEmail);
    const phone = optional('phone', row.phone, ProfileFields.shape.phone);
    let birth = row.birth_date;
    const fr = birth?.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
    if (fr) birth = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
    const birthDate = optional('birth_date', birth, ProfileFields.shape.birthDate);
    const commune = row.commune_code || null;
    if (commune && territory && !communes.get(territory.country)?.has(commune)) bad('commune_code', `"${commune}" is not a commune of ${territory.country}`);
    const integer = (column: Field, value: string | undefined, min: number, max: number, fallback: number | null) => {
      if (!value) return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        bad(column, `"${value}" must be a whole number from ${min} to ${max}`);
        return fallback;
      }
      return n;
    };
    const mobilityKm = integer('mobility_km', row.mobility_km, 0, 500, 20)!;
    const mobilityMinutes = integer('mobility_minutes', row.mobility_minutes, 5, 240, null);
    const experienceMonths = integer('experience_months', row.experience_months, 0, 720, 0)!;
    const languages: { code: string; level: string }[] = [];
    for (const item of listOf(row.languages ?? '')) {
      const [code, level] = item.split(':');
      const r = LanguageLevel.safeParse({ code: code?.toLowerCase(), level: level?.toUpperCase() });
      if (!r.success) bad('languages', `"${item}" must be CODE:LEVEL such as fr:C2 (levels A1 to C2)`);
      else if (languages.some((l) => l.code === r.data.code)) bad('languages', `${r.data.code} appears twice`);
      else languages.push(r.data);
    }
    const oneOf = (column: Field, value: string | undefined, allowed: readonly string[]) => {
      if (!value) return null;
      const v = value.toLowerCase();
      if (!allowed.includes(v)) {
        bad(column, `"${value}" must be one of ${allowed.join(', ')}`);
        return null;
      }
      return v;
    };
    const manyOf = (column: Field, value: string | undefined, allowed: readonly string[]) => [...new Set(listOf(value ?? '').map((v) => oneOf(column, v, allowed)).filter((v): v is string => v !== null))];
    const educationLevel = oneOf('education_level', row.education_level, educationLevels);
    const workTime = oneOf('work_time', row.work_time, workTimes);
    const shiftList = manyOf('shifts', row.shifts, shiftValues);
    const contracts = manyOf('contract_wishes', row.contract_wishes, contractTypes);

    if (problems.length > before || !territory) return;
    cols.id.push(randomUUID());
    cols.territory_id.push(territory.id);
    cols.first_name.push(firstName);
    cols.last_name.push(lastName);
    cols.email.push(email);
    cols.phone.push(phone);
    cols.birth_date.push(birthDate);
    cols.commune_code.push(commune);
    cols.mobility_km.push(mobilityKm);
    cols.mobility_minutes.push(mobilityMinutes);
    cols.languages.push(JSON.stringify(languages));
    cols.education_level.push(educationLevel);
    cols.experience_months.push(experienceMonths);
    cols.shifts.push(pgArray(shiftList));
    cols.work_time.push(workTime);
    cols.contract_wishes.push(pgArray(contracts));
  };

  let dataLines = 0;
  try {
    // The separator is chosen from the header line, so the first chunk is read before the parser is made.
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstText = first.done ? '' : typeof first.value === 'string' ? first.value : first.value.toString('utf8', 0, Math.min(first.value.length, 65_536));
    if (first.done || firstText.replace(/^\uFEFF/, '').trim() === '') throw new InvalidCsvError([{ line: 1, message: 'the file is empty: a header line and at least one candidate are expected' }]);
    const parser = parse({ delimiter: sniffDelimiter(firstText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]), bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    const source = Readable.from(
      (async function* () {
        yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      })(),
    );
    source.on('error', (err) => parser.destroy(err));
    source.pipe(parser);
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        handleHeader(record);
        continue;
      }
      dataLines++;
      handleRecord(record, info.lines);
    }
  } catch (err) {
    if (err instanceof InvalidCsvError) throw err;
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith('CSV_')) throw new InvalidCsvError([...problems, { line: e.lines ?? 0, message: e.message }]);
    throw err;
  }
  if (problems.length === 0 && dataLines === 0) problems.push({ line: 2, message: 'no candidate: the file has a header but no line after it' });
  if (problems.length > 0) throw new InvalidCsvError(problems);

  return db.transaction().execute(async (tx) => {
    for (let i = 0; i < cols.id.length; i += INSERT_BATCH) {
      const s = (a: unknown[]) => a.slice(i, i + INSERT_BATCH);
      await sql`
        INSERT INTO candidates (id, territory_id, first_name, last_name, email, phone, birth_date, commune_code, mobility_km,
          mobility_minutes, languages, education_level, experience_months, shifts, work_time, contract_wishes, source, created_by)
        SELECT id, territory_id, first_name, last_name, email, phone, birth_date, commune_code, mobility_km,
          mobility_minutes, languages::jsonb, education_level, experience_months, shifts::text[], work_time, contract_wishes::text[], 'import', ${options.createdBy}::uuid
        FROM unnest(${s(cols.id)}::uuid[], ${s(cols.territory_id)}::uuid[], ${s(cols.first_name)}::text[], ${s(cols.last_name)}::text[],
          ${s(cols.email)}::text[], ${s(cols.phone)}::text[], ${s(cols.birth_date)}::date[], ${s(cols.commune_code)}::text[],
          ${s(cols.mobility_km)}::int[], ${s(cols.mobility_minutes)}::int[], ${s(cols.languages)}::text[], ${s(cols.education_level)}::text[],
          ${s(cols.experience_months)}::int[], ${s(cols.shifts)}::text[], ${s(cols.work_time)}::text[], ${s(cols.contract_wishes)}::text[])
          AS r(id, territory_id, first_name, last_name, email, phone, birth_date, commune_code, mobility_km, mobility_minutes,
            languages, education_level, experience_months, shifts, work_time, contract_wishes)
      `.execute(tx);
    }
    const byTerritory: Record<string, number> = {};
    let duplicatesFlagged = 0;
    for (const t of options.territory ? [options.territory] : options.allowed) {
      const ids = cols.id.filter((_, k) => cols.territory_id[k] === t.id);
      if (ids.length === 0) continue;
      byTerritory[t.code] = ids.length;
      const people = [];
      for (let k = 0; k < cols.id.length; k++) {
        if (cols.territory_id[k] !== t.id) continue;
        people.push({ id: cols.id[k], firstName: cols.first_name[k], lastName: cols.last_name[k], email: cols.email[k], phoneKey: phoneKey(cols.phone[k] ?? ''), birthDate: cols.birth_date[k] });
      }
      duplicatesFlagged += (await detectDuplicates(tx, t.id, ids, people)).length;
    }
    return { imported: cols.id.length, duplicatesFlagged, byTerritory };
  });
}

async function* toAsync<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/** Email as in profiles (trimmed, lower case, checked). */
type SafeParse<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } };
const ProfileFieldsEmail: SafeParse<string> = {
  safeParse(v: unknown) {
    const value = String(v).trim().toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254
      ? { success: true, data: value }
      : { success: false, error: { issues: [{ message: 'must be an email address such as name@example.fr' }] } };
  },
};

/** A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote (CSV injection); the import takes it off. */
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export const EXPORT_COLUMNS = [
  'id',
  'last_name',
  'first_name',
  'email',
  'phone',
  'birth_date',
  'commune_code',
  'commune_name',
  'postcode',
  'mobility_km',
  'mobility_minutes',
  'languages',
  'education_level',
  'experience_months',
  'shifts',
  'work_time',
  'contract_wishes',
  'source',
  'created_at',
  'telephone_score',
  'information_search_score',
  'it_tools_score',
] as const;

/**
 * The live candidates of a territory as CSV (the import's columns plus id, commune name and the latest
 * pillar scores), streamed a page of 2,000 at a time in name order.
 */
export function exportCandidatesCsv(db: Kysely<DB>, territoryId: string): NodeJS.ReadableStream {
  const out = stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: true });
  void (async () => {
    try {
      let after: { last: string; first: string; id: string } | null = null;
      for (;;) {
        let q = db
          .selectFrom('candidates')
          .leftJoin('communes', 'communes.code', 'candidates.commune_code')
          .selectAll('candidates')
          .select(['communes.name as commune_name', 'communes.postcode'])
          .where('candidates.territory_id', '=', territoryId)
          .where('candidates.anonymised_at', 'is', null)
          .where('candidates.merged_into_id', 'is', null);
        if (after) {
          const a = after;
          q = q.where(sql<boolean>`(candidates.last_name, candidates.first_name, candidates.id) > (${a.last}, ${a.first}, ${a.id}::uuid)`);
        }
        const rows = await q.orderBy('candidates.last_name').orderBy('candidates.first_name').orderBy('candidates.id').limit(2000).execute();
        if (rows.length === 0) break;
        const scores = await findLatestScores(db, rows.map((r) => r.id));
        for (const r of rows) {
          const s = scores.get(r.id)!;
          const ok = out.write({
            id: r.id,
            last_name: safeCell(r.last_name),
            first_name: safeCell(r.first_name),
            email: safeCell(r.email ?? ''),
            phone: r.phone ?? '',
            birth_date: r.birth_date ?? '',
            commune_code: r.commune_code ?? '',
            commune_name: r.commune_name ?? '',
            postcode: r.postcode ?? '',
            mobility_km: r.mobility_km,
            mobility_minutes: r.mobility_minutes ?? '',
            languages: r.languages.map((l) => `${l.code}:${l.level}`).join('|'),
            education_level: r.education_level ?? '',
            experience_months: r.experience_months,
            shifts: r.shifts.join('|'),
            work_time: r.work_time ?? '',
            contract_wishes: r.contract_wishes.join('|'),
            source: r.source,
            created_at: r.created_at.toISOString(),
            telephone_score: s.pillars.telephone?.score ?? '',
            information_search_score: s.pillars.information_search?.score ?? '',
            it_tools_score: s.pillars.it_tools?.score ?? '',
          });
          if (!ok) await new Promise((resolve) => out.once('drain', resolve));
        }
        const last = rows[rows.length - 1];
        after = { last: last.last_name, first: last.first_name, id: last.id };
      }
      out.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
