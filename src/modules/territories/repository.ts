import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { distanceKm } from '../../db/sql-geo.ts';

export function createTerritoryRepository(db: Kysely<DB>) {
  return {
    findAll() {
      return db.selectFrom('territories').selectAll().orderBy('name').execute();
    },

    findByCode(code: string) {
      return db.selectFrom('territories').selectAll().where('code', '=', code).executeTakeFirst();
    },

    findById(id: string) {
      return db.selectFrom('territories').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async counts(territoryId: string) {
      const t = await db.selectFrom('territories').selectAll().where('id', '=', territoryId).executeTakeFirstOrThrow();
      // 1° of latitude ≈ 111 km: a cheap index range before the exact distance.
      const latSpan = t.catchment_km / 111;
      const row = await db
        .selectNoFrom((eb) => [
          eb.selectFrom('candidates').where('territory_id', '=', territoryId).select(eb.fn.countAll<number>().as('n')).as('candidates'),
          eb.selectFrom('sites').where('territory_id', '=', territoryId).select(eb.fn.countAll<number>().as('n')).as('sites'),
          eb
            .selectFrom('sites')
            .where('territory_id', '=', territoryId)
            .select(sql<number>`coalesce(sum(area_m2), 0)`.as('n'))
            .as('site_area_m2'),
          eb.selectFrom('call_centres').where('territory_id', '=', territoryId).select(eb.fn.countAll<number>().as('n')).as('call_centres'),
          eb
            .selectFrom('call_centres')
            .where('territory_id', '=', territoryId)
            .select(sql<number>`coalesce(sum(jobs), 0)`.as('n'))
            .as('jobs'),
          // the next milestone: the earliest target the jobs held have not reached yet, else the last one
          eb
            .selectFrom('employment_targets')
            .where('territory_id', '=', territoryId)
            .select('jobs')
            .orderBy(sql`(jobs <= (SELECT coalesce(sum(jobs), 0) FROM call_centres WHERE territory_id = ${territoryId}))`)
            .orderBy(sql`CASE WHEN jobs <= (SELECT coalesce(sum(jobs), 0) FROM call_centres WHERE territory_id = ${territoryId}) THEN -year ELSE year END`)
            .limit(1)
            .as('jobs_target'),
          eb
            .selectFrom('communes')
            .where('country', '=', t.country)
            .where('lat', '>=', t.centre_lat - latSpan)
            .where('lat', '<=', t.centre_lat + latSpan)
            .where(distanceKm(sql.lit(t.centre_lat), sql.lit(t.centre_lon), 'lat', 'lon'), '<=', t.catchment_km)
            .select(eb.fn.countAll<number>().as('n'))
            .as('communes'),
        ])
        .executeTakeFirstOrThrow();
      return row;
    },
  };
}
