import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { CliError, type Command } from './command.ts';

/** What an import kind receives: the database, the file as a stream, and the --territory option. */
export interface ImportContext {
  db: Kysely<DB>;
  file: NodeJS.ReadableStream & AsyncIterable<Buffer>;
  territory: string | undefined;
}
/** One kind of file `guichet import KIND FILE` reads; returns the lines of its report. Throws CliError on bad input. */
export type ImportKind = { summary: string; run(ctx: ImportContext): Promise<string[]> };

/** The kinds of file, loaded lazily: add one line per kind. */
const kinds: Record<string, () => Promise<ImportKind>> = {
  candidates: async () => (await import('./import-candidates.ts')).default,
  offers: async () => (await import('./import-offers.ts')).offers,
  sessions: async () => (await import('./import-offers.ts')).sessions,
};

const help = () => `Usage: guichet import KIND FILE.csv [--territory CODE]

Imports a CSV file, all or nothing: every line is checked first, and nothing is stored unless all are
valid; otherwise each bad line and column is listed and the exit code is 1.

Kinds: ${Object.keys(kinds).join(', ')}
  candidates   columns first_name, last_name (required), email, phone, birth_date, commune_code,
               mobility_km, mobility_minutes, languages (fr:C2|en:B1), education_level,
               experience_months, shifts (morning|evening), work_time, contract_wishes (cdi|temp),
               and territory unless --territory is given; French column names accepted.
  offers       (--territory required) columns title, site, occupation (D1408|M1704), contract
               (cdi|cdd|temp|work_study), work_time, seats, start_date, employer; optional description,
               hours_per_week, languages (fr:B2 en:B1), min_telephone, min_information_search,
               min_it_tools, shifts (morning evening), status (draft|open).
  sessions     (--territory required) columns title, mode (on_site|distance), starts_on, ends_on,
               seats, training_body; optional description, diploma, site, commune_code, hours,
               languages, min_telephone, min_information_search, min_it_tools,
               raises (telephone:15 language/en:10), status (draft|published).

  --territory CODE   the territory of every line (e.g. amiens)

Applies pending migrations first. Environment: GUICHET_DATA or DATABASE_URL, as for serve.
`;

const command: Command = {
  name: 'import',
  summary: 'import a CSV file (candidates, offers, sessions), all or nothing, with a line-by-line report',
  get help() {
    return help();
  },
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { territory: { type: 'string' } }, allowPositionals: true });
    const [kind, path] = positionals;
    if (!kind || !path || positionals.length > 2) throw new CliError(`expected KIND and FILE (see guichet import --help)`);
    const load = kinds[kind];
    if (!load) throw new CliError(`unknown kind "${kind}": one of ${Object.keys(kinds).join(', ')}`);
    if (!existsSync(path)) throw new CliError(`no file ${path}`);
    const importer = await load();
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      await migrate(database.db);
      const lines = await importer.run({ db: database.db, file: createReadStream(path, { highWaterMark: 1 << 20 }), territory: values.territory });
      process.stdout.write(lines.map((l) => `${l}\n`).join(''));
      return 0;
    } finally {
      await database.close();
    }
  },
};
export default command;
