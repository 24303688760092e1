import { importCandidatesCsv, InvalidCsvError, MAX_LISTED_PROBLEMS } from '../modules/candidates/import.ts';
import { CliError } from './command.ts';
import type { ImportKind } from './import.ts';

/** `guichet import candidates FILE.csv [--territory CODE]` */
const candidates: ImportKind = {
  summary: 'candidates of one or several territories',
  async run({ db, file, territory }) {
    const all = (await db.selectFrom('territories').select(['id', 'code', 'country']).orderBy('code').execute()).map((t) => ({ id: t.id, code: t.code, country: t.country }));
    const fixed = territory === undefined ? undefined : all.find((t) => t.code === territory);
    if (territory !== undefined && !fixed) throw new CliError(`no territory "${territory}" (known: ${all.map((t) => t.code).join(', ') || 'none'})`);
    const started = performance.now();
    try {
      const r = await importCandidatesCsv(db, file, { territory: fixed, allowed: all, createdBy: null });
      const seconds = (performance.now() - started) / 1000;
      return [
        `imported ${r.imported} candidates in ${seconds.toFixed(1)} s (${Object.entries(r.byTerritory).map(([code, n]) => `${code}: ${n}`).join(', ')})`,
        `suspected duplicates flagged: ${r.duplicatesFlagged}`,
      ];
    } catch (err) {
      if (!(err instanceof InvalidCsvError)) throw err;
      const listed = err.problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
      const more = err.problems.length > MAX_LISTED_PROBLEMS ? [`  … and ${err.problems.length - MAX_LISTED_PROBLEMS} more`] : [];
      throw new CliError([`nothing imported: ${err.problems.length} problem(s) in the file`, ...listed, ...more].join('\n'));
    }
  },
};
export default candidates;
