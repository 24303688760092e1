import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function createSiteRepository(db: Kysely<DB>) {
  const sites = (territoryId: string) =>
    db
      .selectFrom('sites')
      .leftJoin('communes', 'communes.code', 'sites.commune_code')
      .select([
        'sites.id',
        'sites.name',
        'sites.area_m2',
        'sites.available_m2',
        'sites.description',
        'sites.incentives',
        'communes.name as commune_name',
      ])
      .where('sites.territory_id', '=', territoryId);
  return {
    findByTerritory(territoryId: string) {
      return sites(territoryId).orderBy('sites.area_m2', 'desc').orderBy('sites.id').execute();
    },

    /** Sites with at least `minAvailableM2` m² available, the smallest fit first (least space left unused). */
    findWithAvailableArea(territoryId: string, minAvailableM2: number) {
      return sites(territoryId)
        .where('sites.available_m2', '>=', minAvailableM2)
        .orderBy('sites.available_m2')
        .orderBy('sites.area_m2')
        .orderBy('sites.id')
        .execute();
    },
  };
}
export type SiteRow = Awaited<ReturnType<ReturnType<typeof createSiteRepository>['findByTerritory']>>[number];
