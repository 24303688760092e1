import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { CsvImportError } from '../http/csv-import.ts';
import { importOffersCsv } from '../modules/offers/import.ts';
import { importSessionsCsv } from '../modules/trainings/import.ts';
import { CliError } from './command.ts';
import type { ImportKind } from './import.ts';

async function territoryId(db: Kysely<DB>, code: string | undefined): Promise<string> {
  const all = await db.selectFrom('territories').select(['id', 'code']).orderBy('code').execute();
  if (code === undefined) throw new CliError(`--territory is required (one of ${all.map((t) => t.code).join(', ') || 'none'})`);
  const t = all.find((x) => x.code === code);
  if (!t) throw new CliError(`no territory "${code}" (known: ${all.map((x) => x.code).join(', ') || 'none'})`);
  return t.id;
}

/** The CSV report as CLI lines: every bad line and column, nothing stored. */
function reported(err: unknown): never {
  if (!(err instanceof CsvImportError)) throw err;
  throw new CliError([`nothing imported: ${err.lines.length} problem(s) in the file`, ...err.lines.map((p) => `  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`)].join('\n'));
}

/** `guichet import offers FILE.csv --territory CODE` (an `employer` column names each offer's employer). */
export const offers: ImportKind = {
  summary: 'job offers of one territory',
  async run({ db, file, territory }) {
    const id = await territoryId(db, territory);
    const r = await importOffersCsv(db, { territoryId: id, employerId: null, createdBy: null }, file).catch(reported);
    return [`imported ${r.imported} offers into ${territory}`];
  },
};

/** `guichet import sessions FILE.csv --territory CODE` (a `training_body` column names each session's body). */
export const sessions: ImportKind = {
  summary: 'training sessions of one territory',
  async run({ db, file, territory }) {
    const id = await territoryId(db, territory);
    const r = await importSessionsCsv(db, { territoryId: id, trainingBodyId: null, createdBy: null }, file).catch(reported);
    return [`imported ${r.imported} training sessions into ${territory}`];
  },
};
