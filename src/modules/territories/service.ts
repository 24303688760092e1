import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { createTerritoryRepository } from './repository.ts';
import type { Dashboard, Territory } from './schema.ts';

type TerritoryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createTerritoryRepository>['findByCode']>>>;

export function toTerritory(row: TerritoryRow): Territory {
  return {
    code: row.code,
    name: row.name,
    country: row.country,
    currency: row.currency,
    contractHoursPerWeek: Number(row.contract_hours_per_week),
    languages: row.languages,
    timezone: row.timezone,
  };
}

/**
 * The territory a caller acts on. Admins may act on any; everyone else only on their own — asking for
 * another answers 403 whether or not it exists, so territory codes are not probed.
 */
export async function resolveTerritory(db: Kysely<DB>, auth: AuthContext, code: string): Promise<TerritoryRow> {
  if (auth.role !== 'admin' && auth.territoryCode !== code) throw new ForbiddenError('You may only act on your own territory.');
  const row = await createTerritoryRepository(db).findByCode(code);
  if (!row) throw new NotFoundError('territory', code);
  return row;
}

export function createTerritoryService({ db }: { db: Kysely<DB> }) {
  const repo = createTerritoryRepository(db);
  return {
    async list(auth: AuthContext): Promise<Territory[]> {
      if (auth.role === 'admin') return (await repo.findAll()).map(toTerritory);
      const own = auth.territoryId ? await repo.findById(auth.territoryId) : undefined;
      return own ? [toTerritory(own)] : [];
    },

    async dashboard(auth: AuthContext, code: string): Promise<Dashboard> {
      const t = await resolveTerritory(db, auth, code);
      const c = await repo.counts(t.id);
      return {
        territory: toTerritory(t),
        counts: {
          candidates: Number(c.candidates),
          sites: Number(c.sites),
          siteAreaM2: Number(c.site_area_m2),
          callCentres: Number(c.call_centres),
          jobs: Number(c.jobs),
          jobsTarget: c.jobs_target === null ? null : Number(c.jobs_target),
          communes: Number(c.communes),
        },
      };
    },
  };
}
export type TerritoryService = ReturnType<typeof createTerritoryService>;
