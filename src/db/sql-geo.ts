import { sql, type RawBuilder } from 'kysely';

/**
 * Great-circle distance in km between two coordinate expressions (haversine, Earth radius 6371 km),
 * in plain SQL so it runs on PGlite and PostgreSQL alike (no PostGIS, see STACK.md).
 */
export function distanceKm(lat1: RawBuilder<unknown> | string, lon1: RawBuilder<unknown> | string, lat2: RawBuilder<unknown> | string, lon2: RawBuilder<unknown> | string): RawBuilder<number> {
  const r = (e: RawBuilder<unknown> | string) => (typeof e === 'string' ? sql.ref(e) : e);
  return sql<number>`(2 * 6371 * asin(sqrt(
    power(sin(radians(${r(lat2)} - ${r(lat1)}) / 2), 2) +
    cos(radians(${r(lat1)})) * cos(radians(${r(lat2)})) * power(sin(radians(${r(lon2)} - ${r(lon1)}) / 2), 2)
  )))`;
}
