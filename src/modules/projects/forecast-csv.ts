/**
 * Reads a forecast of calls per interval of a typical week from CSV: a header naming the columns
 * weekday, start and calls (French names accepted), then one row per interval, e.g.
 *
 *   weekday,start,calls          jour;heure;appels
 *   mon,08:00,42                 lun;08:00;42,5
 *
 * Separator: comma, semicolon or tab, chosen from the header line; with a semicolon or a tab, a
 * decimal comma is accepted in calls (spreadsheets in French). Every problem is reported with its line
 * and column, and nothing is kept when there is one (the caller stores all rows or none).
 */
import { parse } from 'csv-parse/sync';
import { minutesOf, timeOf } from '../../core/staffing/weekly-forecast.ts';

export interface ForecastRow {
  weekday: number;
  startMinute: number;
  calls: number;
}

export interface CsvProblem {
  line: number;
  /** The column at fault, when the problem is in one field. */
  column?: string;
  message: string;
}

/** Most problems listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

const COLUMN_NAMES: Record<'weekday' | 'start' | 'calls', readonly string[]> = {
  weekday: ['weekday', 'day', 'jour'],
  start: ['start', 'time', 'heure', 'début', 'debut'],
  calls: ['calls', 'appels'],
};

const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ['mon', 'monday', 'lun', 'lundi'],
  ['tue', 'tuesday', 'mar', 'mardi'],
  ['wed', 'wednesday', 'mer', 'mercredi'],
  ['thu', 'thursday', 'jeu', 'jeudi'],
  ['fri', 'friday', 'ven', 'vendredi'],
  ['sat', 'saturday', 'sam', 'samedi'],
  ['sun', 'sunday', 'dim', 'dimanche'],
];

function weekdayOf(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (/^[1-7]$/.test(v)) return Number(v);
  const index = WEEKDAY_NAMES.findIndex((names) => names.includes(v));
  return index < 0 ? undefined : index + 1;
}

function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

export function parseForecastCsv(text: string, intervalMinutes: number): { rows: ForecastRow[]; problems: CsvProblem[] } {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(source);
  const problems: CsvProblem[] = [];
  let records: { record: Record<string, string | undefined>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(source, {
      delimiter,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim().toLowerCase());
        return header;
      },
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { rows: [], problems: [{ line: e.lines ?? 1, message: e.message ?? String(error) }] };
  }

  const columnOf = {} as Record<keyof typeof COLUMN_NAMES, string>;
  for (const [column, names] of Object.entries(COLUMN_NAMES) as [keyof typeof COLUMN_NAMES, readonly string[]][]) {
    const found = header.find((name) => names.includes(name));
    if (found) columnOf[column] = found;
    else problems.push({ line: 1, column, message: `missing column "${column}" (the header must name weekday, start and calls)` });
  }
  if (problems.length > 0) return { rows: [], problems };
  if (records.length === 0) return { rows: [], problems: [{ line: 2, message: 'the file has a header but no interval rows' }] };

  const rows: ForecastRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const fail = (column: keyof typeof COLUMN_NAMES, message: string) => problems.push({ line, column: columnOf[column], message });
    const rawDay = record[columnOf.weekday] ?? '';
    const rawStart = record[columnOf.start] ?? '';
    const rawCalls = record[columnOf.calls] ?? '';

    const weekday = weekdayOf(rawDay);
    if (rawDay === '') fail('weekday', 'is missing');
    else if (weekday === undefined) fail('weekday', `"${rawDay}" is not a weekday (mon … sun, lun … dim or 1 … 7)`);

    const startMinute = minutesOf(rawStart.padStart(5, '0'));
    if (rawStart === '') fail('start', 'is missing');
    else if (Number.isNaN(startMinute) || startMinute >= 1440) fail('start', `"${rawStart}" is not a time HH:MM between 00:00 and 23:59`);
    else if (startMinute % intervalMinutes !== 0) fail('start', `"${rawStart}" is not on the project's ${intervalMinutes}-minute interval grid`);

    const normalised = delimiter === ',' ? rawCalls : rawCalls.replace(',', '.');
    const calls = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised) ? Number(normalised) : Number.NaN;
    if (rawCalls === '') fail('calls', 'is missing');
    else if (/^-/.test(normalised) && Number.isFinite(Number(normalised))) fail('calls', `"${rawCalls}" is negative`);
    else if (!Number.isFinite(calls)) fail('calls', `"${rawCalls}" is not a number`);

    if (weekday !== undefined && !Number.isNaN(startMinute) && startMinute < 1440 && startMinute % intervalMinutes === 0) {
      const key = `${weekday} ${startMinute}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('start', `${WEEKDAY_NAMES[weekday - 1][0]} ${timeOf(startMinute)} is already given on line ${earlier}`);
      else seen.set(key, line);
      if (Number.isFinite(calls)) rows.push({ weekday, startMinute, calls });
    }
  }
  return { rows: problems.length > 0 ? [] : rows, problems };
}

/** "line 14, column calls" → message, in file order; at most MAX_LISTED_PROBLEMS, then a count of the rest. */
export function problemFields(problems: readonly CsvProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems.slice(0, MAX_LISTED_PROBLEMS)) {
    const key = p.column ? `line ${p.line}, column ${p.column}` : `line ${p.line}`;
    fields[key] = fields[key] ? `${fields[key]}; ${p.message}` : p.message;
  }
  if (problems.length > MAX_LISTED_PROBLEMS) fields.more = `${problems.length - MAX_LISTED_PROBLEMS} more problems not listed`;
  return fields;
}
