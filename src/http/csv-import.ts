import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * CSV imports, shared by the HTTP routes and the `guichet import` command: the file is parsed as a
 * stream (csv-parse), every line is validated against a zod schema whose keys are the column names,
 * and the bad lines are all reported — line number and column — before anything is written. The
 * caller then writes every row in one transaction (all or nothing).
 */

export interface CsvLineError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** Column name, or '' for a line-level problem. */
  column: string;
  message: string;
}

export class CsvImportError extends AppError {
  constructor(readonly lines: CsvLineError[]) {
    // the same answer as the candidates import: code invalid_csv, fields "line N, column X"
    const fields: Record<string, string> = {};
    for (const e of lines) {
      const key = e.column ? `line ${e.line}, column ${e.column}` : `line ${e.line}`;
      fields[key] = fields[key] ? `${fields[key]}; ${e.message}` : e.message;
    }
    super(400, 'invalid_csv', `The file has ${lines.length} problem(s); nothing was imported. See "fields" (line and column).`, fields);
  }
}

export const ImportReport = z.object({ imported: z.number().int() }).meta({ id: 'ImportReport' });

/** Stop collecting after this many problems: a wrong file would otherwise list every line. */
const MAX_ERRORS = 200;

/**
 * Parses and validates every line. `schema` receives the record as `{ column: string }` (empty cells
 * omitted); `check` may add errors that need the database (a site name that does not exist).
 */
export async function readCsv<S extends z.ZodType>(
  source: string | Buffer | NodeJS.ReadableStream,
  schema: S,
  options: { required: readonly string[]; known: readonly string[]; maxRows?: number },
): Promise<{ line: number; row: z.output<S> }[]> {
  const stream = typeof source === 'string' || Buffer.isBuffer(source) ? Readable.from([source]) : (source as NodeJS.ReadableStream);
  const parser = stream.pipe(
    parse({ bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), info: true, skip_empty_lines: true, trim: true, relax_column_count: false }),
  );
  const rows: { line: number; row: z.output<S> }[] = [];
  const errors: CsvLineError[] = [];
  const maxRows = options.maxRows ?? 10_000;
  let headerChecked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!headerChecked) {
        headerChecked = true;
        const columns = Object.keys(record);
        const missing = options.required.filter((c) => !columns.includes(c));
        const unknown = columns.filter((c) => !options.known.includes(c));
        for (const c of missing) errors.push({ line: 1, column: c, message: 'required column missing from the header' });
        for (const c of unknown) errors.push({ line: 1, column: c, message: `unknown column (expected: ${options.known.join(', ')})` });
        if (errors.length) throw new CsvImportError(errors);
      }
      if (rows.length + errors.length >= maxRows) {
        errors.push({ line: info.lines, column: '', message: `more than ${maxRows} lines: split the file` });
        break;
      }
      const cleaned = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
      const parsed = schema.safeParse(cleaned);
      if (parsed.success) rows.push({ line: info.lines, row: parsed.data });
      else for (const issue of parsed.error.issues) errors.push({ line: info.lines, column: String(issue.path[0] ?? ''), message: issue.message });
      if (errors.length >= MAX_ERRORS) break;
    }
  } catch (err) {
    if (err instanceof CsvImportError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    errors.push({ line: e.lines ?? 0, column: '', message: `not a valid CSV file: ${e.message ?? String(err)}` });
  }
  if (!headerChecked && errors.length === 0) errors.push({ line: 1, column: '', message: 'the file is empty: a header line and at least one row are expected' });
  if (errors.length) throw new CsvImportError(errors);
  return rows;
}

/** Lets the routes of a plugin accept a `text/csv` body as a string (5 MB at most). */
export function registerCsvBody(app: FastifyInstance) {
  if (app.hasContentTypeParser('text/csv')) return;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1_048_576 }, (_request, body, done) => done(null, body));
}

// ---- cell helpers for import schemas -----------------------------------------------------------------

/** An integer cell. */
export const intCell = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().min(min, { error: `must be between ${min} and ${max}` }).max(max, { error: `must be between ${min} and ${max}` }));

/** A decimal cell ("12.5" or "12,5"). */
export const decimalCell = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+([.,]\d+)?$/, { error: 'must be a number' })
    .transform((s) => Number(s.replace(',', '.')))
    .pipe(z.number().min(min, { error: `must be between ${min} and ${max}` }).max(max, { error: `must be between ${min} and ${max}` }));

/** Space- or comma-separated words, each one of `values`. */
export const listCell = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(/[\s,;|]+/).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `each must be one of ${values.join(', ')}` })));

/** "fr:B2 en:B1" → [{ code: 'fr', level: 'B2' }, …] */
export const languagesCell = z
  .string()
  .transform((s) => s.split(/[\s,;|]+/).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z]{2}:(A1|A2|B1|B2|C1|C2)$/i, { error: 'languages are written "fr:B2 en:B1" (ISO code:CEFR level)' })
        .transform((p) => ({ code: p.slice(0, 2).toLowerCase(), level: p.slice(3).toUpperCase() as 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' })),
    ),
  );
