import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function createSiteRepository(db: Kysely<DB>) {
  return {
    findByTerritory(territoryId: string) {
      return db
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
        .where('sites.territory_id', '=', territoryId)
        .orderBy('sites.area_m2', 'desc')
        .orderBy('sites.id')
        .execute();
    },
  };
}
