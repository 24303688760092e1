import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { resolveTerritory } from '../territories/service.ts';
import { exportCandidatesCsv, importCandidatesCsv, type ImportResult } from './import.ts';

/** CSV import and export of a territory's candidates, for its agency staff. */
export function createCandidateImportService({ db }: { db: Kysely<DB> }) {
  return {
    async importCsv(auth: AuthContext, code: string, content: Buffer): Promise<ImportResult & { durationMs: number }> {
      const t = await resolveTerritory(db, auth, code);
      const territory = { id: t.id, code: t.code, country: t.country };
      const started = performance.now();
      const result = await importCandidatesCsv(db, content, { territory, allowed: [territory], createdBy: auth.userId });
      return { ...result, durationMs: Math.round(performance.now() - started) };
    },

    async exportCsv(auth: AuthContext, code: string) {
      const t = await resolveTerritory(db, auth, code);
      return exportCandidatesCsv(db, t.id);
    },
  };
}
export type CandidateImportService = ReturnType<typeof createCandidateImportService>;
