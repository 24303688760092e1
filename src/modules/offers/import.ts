import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { CsvImportError, decimalCell, intCell, languagesCell, listCell, readCsv, type CsvLineError } from '../../http/csv-import.ts';
import { resolveTerritory } from '../territories/service.ts';
import { occupationCodes } from './occupations.ts';
import { createOfferRepository } from './repository.ts';
import type { OfferService } from './service.ts';

/** Columns of an offers CSV file (the export writes the same names). */
export const OFFER_COLUMNS = {
  required: ['title', 'site', 'occupation', 'contract', 'work_time', 'seats', 'start_date'],
  known: [
    'title',
    'site',
    'occupation',
    'contract',
    'work_time',
    'seats',
    'start_date',
    'description',
    'hours_per_week',
    'languages',
    'min_telephone',
    'min_information_search',
    'min_it_tools',
    'shifts',
    'status',
    'employer',
  ],
} as const;

const OfferLine = z.object({
  title: z.string().max(200, { error: 'at most 200 characters' }),
  site: z.string().describe('site name'),
  occupation: z.enum(occupationCodes, { error: `must be ${occupationCodes.join(' or ')}` }),
  contract: z.enum(['cdi', 'cdd', 'temp', 'work_study'], { error: 'must be cdi, cdd, temp or work_study' }),
  work_time: z.enum(['full_time', 'part_time'], { error: 'must be full_time or part_time' }),
  seats: intCell(1, 1000),
  start_date: z.iso.date({ error: 'must be a date YYYY-MM-DD' }),
  description: z.string().max(8000).default(''),
  hours_per_week: decimalCell(1, 60).optional(),
  languages: languagesCell.default([]),
  min_telephone: intCell(0, 100).optional(),
  min_information_search: intCell(0, 100).optional(),
  min_it_tools: intCell(0, 100).optional(),
  shifts: listCell(['morning', 'afternoon', 'evening', 'night', 'weekend'] as const).default([]),
  status: z.enum(['draft', 'open'], { error: 'must be draft or open' }).default('open'),
  employer: z.string().optional(),
});

export interface OfferImportContext {
  territoryId: string;
  /** Set for an employer: every line is theirs (an `employer` column is refused). Null: staff, the `employer` column names it. */
  employerId: string | null;
  createdBy: string | null;
}

/** Validates every line (names resolved in the territory), then inserts them all in one transaction. */
export async function importOffersCsv(db: Kysely<DB>, ctx: OfferImportContext, source: string | Buffer | NodeJS.ReadableStream): Promise<{ imported: number }> {
  const rows = await readCsv(source, OfferLine, OFFER_COLUMNS);
  const sites = await db.selectFrom('sites').select(['id', 'name']).where('territory_id', '=', ctx.territoryId).execute();
  const employers = await db.selectFrom('employers').select(['id', 'name']).where('territory_id', '=', ctx.territoryId).execute();
  const byName = <T extends { name: string }>(list: T[], name: string) => list.find((x) => x.name.localeCompare(name, 'fr', { sensitivity: 'base' }) === 0);
  const errors: CsvLineError[] = [];
  const resolved = rows.map(({ line, row }) => {
    const site = byName(sites, row.site);
    if (!site) errors.push({ line, column: 'site', message: `no site named "${row.site}" in the territory` });
    let employerId = ctx.employerId;
    if (ctx.employerId && row.employer) errors.push({ line, column: 'employer', message: 'employers import offers for their own company: leave this column out' });
    if (!ctx.employerId) {
      const e = row.employer ? byName(employers, row.employer) : undefined;
      if (!row.employer) errors.push({ line, column: 'employer', message: 'name the employer of each offer' });
      else if (!e) errors.push({ line, column: 'employer', message: `no employer named "${row.employer}" in the territory` });
      employerId = e?.id ?? null;
    }
    return { row, siteId: site?.id, employerId };
  });
  if (errors.length) throw new CsvImportError(errors);
  await db.transaction().execute(async (tx) => {
    const repo = createOfferRepository(tx);
    for (const { row, siteId, employerId } of resolved) {
      const minScores: Record<string, number> = {};
      if (row.min_telephone !== undefined) minScores.telephone = row.min_telephone;
      if (row.min_information_search !== undefined) minScores.information_search = row.min_information_search;
      if (row.min_it_tools !== undefined) minScores.it_tools = row.min_it_tools;
      await repo.insertOffer({
        territory_id: ctx.territoryId,
        employer_id: employerId,
        site_id: siteId,
        title: row.title,
        description: row.description,
        occupation_code: row.occupation,
        contract: row.contract,
        work_time: row.work_time,
        hours_per_week: row.hours_per_week ?? null,
        seats: row.seats,
        start_date: row.start_date,
        languages: JSON.stringify(row.languages),
        min_scores: JSON.stringify(minScores),
        shifts: [...new Set(row.shifts)],
        status: row.status,
        created_by: ctx.createdBy,
      });
    }
  });
  return { imported: resolved.length };
}

/** The HTTP import: the caller's territory; an employer imports for their own company. */
export async function importOffers(deps: { offers: OfferService }, auth: AuthContext, code: string, csv: string) {
  const db = deps.offers.db;
  const t = await resolveTerritory(db, auth, code);
  return importOffersCsv(db, { territoryId: t.id, employerId: auth.role === 'employer' ? auth.employerId : null, createdBy: auth.userId }, csv);
}
