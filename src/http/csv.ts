import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

/**
 * CSV exports of list views: UTF-8 with a byte-order mark (so spreadsheet software opens accents
 * right), comma-separated, a header row, RFC 4180 quoting. Cells that a spreadsheet would run as a
 * formula (=, +, -, @ first) are prefixed with a quote (CSV injection).
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const FORMULA = /^[=+\-@\t\r]/;

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return typeof v === 'string' && FORMULA.test(s) ? `'${s}` : s;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return '\ufeff' + stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cell(c.value(r))))], { record_delimiter: '\r\n' });
}

export function sendCsv<T>(reply: FastifyReply, filename: string, columns: readonly CsvColumn<T>[], rows: readonly T[]) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .send(toCsv(columns, rows));
}

/** Response schema of a CSV export route (documented as text/csv). */
export const CsvBody = z.string().describe('CSV, UTF-8 with BOM, comma-separated, header row');

/** The most rows an export carries (list views page; exports take everything up to this). */
export const CSV_EXPORT_LIMIT = 10_000;
