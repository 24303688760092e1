import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { CsvImportError, intCell, languagesCell, readCsv, type CsvLineError } from '../../http/csv-import.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createTrainingRepository } from './repository.ts';

/** Columns of a training sessions CSV file. */
export const SESSION_COLUMNS = {
  required: ['title', 'mode', 'starts_on', 'ends_on', 'seats'],
  known: ['title', 'mode', 'starts_on', 'ends_on', 'seats', 'description', 'diploma', 'site', 'commune_code', 'hours', 'languages', 'min_telephone', 'min_information_search', 'min_it_tools', 'raises', 'status', 'training_body'],
} as const;

/** "telephone:15 it_tools:10 language/en:10" → raises */
const raisesCell = z
  .string()
  .transform((s) => s.split(/[\s,;|]+/).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^(telephone|information_search|it_tools|language\/[a-z]{2}):\d{1,3}$/, { error: 'raises are written "telephone:15 language/en:10" (pillar:points)' })
        .transform((p) => {
          const [what, points] = p.split(':');
          const [pillar, languageCode] = what.split('/');
          return { pillar: pillar as 'telephone' | 'information_search' | 'it_tools' | 'language', languageCode: languageCode ?? null, points: Number(points) };
        })
        .refine((r) => r.points >= 1 && r.points <= 100, { error: 'points between 1 and 100' }),
    ),
  );

const SessionLine = z
  .object({
    title: z.string().max(200, { error: 'at most 200 characters' }),
    mode: z.enum(['on_site', 'distance'], { error: 'must be on_site or distance' }),
    starts_on: z.iso.date({ error: 'must be a date YYYY-MM-DD' }),
    ends_on: z.iso.date({ error: 'must be a date YYYY-MM-DD' }),
    seats: intCell(1, 500),
    description: z.string().max(4000).default(''),
    diploma: z.string().max(200).default(''),
    site: z.string().optional(),
    commune_code: z.string().max(10).optional(),
    hours: intCell(1, 2000).optional(),
    languages: languagesCell.default([]),
    min_telephone: intCell(0, 100).optional(),
    min_information_search: intCell(0, 100).optional(),
    min_it_tools: intCell(0, 100).optional(),
    raises: raisesCell.default([]),
    status: z.enum(['draft', 'published'], { error: 'must be draft or published' }).default('published'),
    training_body: z.string().optional(),
  })
  .refine((r) => r.ends_on >= r.starts_on, { error: 'must be on or after starts_on', path: ['ends_on'] })
  .refine((r) => r.mode === 'distance' || r.site !== undefined || r.commune_code !== undefined, { error: 'an on_site session needs a site or a commune_code', path: ['site'] });

export interface SessionImportContext {
  territoryId: string;
  /** Set for a trainer: every line is their body's. Null: staff, the `training_body` column names it. */
  trainingBodyId: string | null;
  createdBy: string | null;
}

export async function importSessionsCsv(db: Kysely<DB>, ctx: SessionImportContext, source: string | Buffer | NodeJS.ReadableStream): Promise<{ imported: number }> {
  const rows = await readCsv(source, SessionLine, SESSION_COLUMNS);
  const sites = await db.selectFrom('sites').select(['id', 'name']).where('territory_id', '=', ctx.territoryId).execute();
  const bodies = await db.selectFrom('training_bodies').select(['id', 'name']).where('territory_id', '=', ctx.territoryId).execute();
  const communeCodes = [...new Set(rows.flatMap((r) => (r.row.commune_code ? [r.row.commune_code] : [])))];
  const communes = new Set(communeCodes.length ? (await db.selectFrom('communes').select('code').where('code', 'in', communeCodes).execute()).map((c) => c.code) : []);
  const byName = <T extends { name: string }>(list: T[], name: string) => list.find((x) => x.name.localeCompare(name, 'fr', { sensitivity: 'base' }) === 0);
  const errors: CsvLineError[] = [];
  const resolved = rows.map(({ line, row }) => {
    const site = row.site ? byName(sites, row.site) : undefined;
    if (row.site && !site) errors.push({ line, column: 'site', message: `no site named "${row.site}" in the territory` });
    if (row.commune_code && !communes.has(row.commune_code)) errors.push({ line, column: 'commune_code', message: `unknown commune code "${row.commune_code}"` });
    let bodyId = ctx.trainingBodyId;
    if (ctx.trainingBodyId && row.training_body) errors.push({ line, column: 'training_body', message: 'trainers import sessions of their own body: leave this column out' });
    if (!ctx.trainingBodyId) {
      const b = row.training_body ? byName(bodies, row.training_body) : undefined;
      if (!row.training_body) errors.push({ line, column: 'training_body', message: 'name the training body of each session' });
      else if (!b) errors.push({ line, column: 'training_body', message: `no training body named "${row.training_body}" in the territory` });
      bodyId = b?.id ?? null;
    }
    return { row, siteId: site?.id ?? null, bodyId };
  });
  if (errors.length) throw new CsvImportError(errors);
  await db.transaction().execute(async (tx) => {
    const repo = createTrainingRepository(tx);
    for (const { row, siteId, bodyId } of resolved) {
      const minScores: Record<string, number> = {};
      if (row.min_telephone !== undefined) minScores.telephone = row.min_telephone;
      if (row.min_information_search !== undefined) minScores.information_search = row.min_information_search;
      if (row.min_it_tools !== undefined) minScores.it_tools = row.min_it_tools;
      await repo.insertSession({
        territory_id: ctx.territoryId,
        training_body_id: bodyId,
        title: row.title,
        description: row.description,
        diploma: row.diploma,
        mode: row.mode,
        site_id: siteId,
        commune_code: row.commune_code ?? null,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        hours: row.hours ?? null,
        seats: row.seats,
        min_scores: JSON.stringify(minScores),
        languages: JSON.stringify(row.languages),
        raises: JSON.stringify(row.raises),
        status: row.status,
        created_by: ctx.createdBy,
      });
    }
  });
  return { imported: resolved.length };
}

export async function importSessions(db: Kysely<DB>, auth: AuthContext, code: string, csv: string) {
  const t = await resolveTerritory(db, auth, code);
  return importSessionsCsv(db, { territoryId: t.id, trainingBodyId: auth.role === 'trainer' ? auth.trainingBodyId : null, createdBy: auth.userId }, csv);
}
