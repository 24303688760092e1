import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_KM, haversineKm, isValidGeoPoint } from './haversine.ts';

const paris = { latDeg: 48.8566, lonDeg: 2.3522 };
const amiens = { latDeg: 49.8941, lonDeg: 2.2958 };
const casablanca = { latDeg: 33.5731, lonDeg: -7.5898 };

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(paris, paris)).toBe(0);
    expect(haversineKm(paris, amiens)).toBeCloseTo(haversineKm(amiens, paris), 9);
  });

  it('matches known great-circle distances', () => {
    // Paris–Amiens ≈ 115.4 km; Paris–Casablanca ≈ 1,888 km (great circle on the mean sphere).
    expect(haversineKm(paris, amiens)).toBeCloseTo(115.4, 0);
    expect(Math.abs(haversineKm(paris, casablanca) - 1888)).toBeLessThan(5);
  });

  it('gives one degree of latitude ≈ 111.2 km and half the circumference between antipodes', () => {
    expect(haversineKm({ latDeg: 0, lonDeg: 0 }, { latDeg: 1, lonDeg: 0 })).toBeCloseTo(111.195, 2);
    expect(haversineKm({ latDeg: 0, lonDeg: 0 }, { latDeg: 0, lonDeg: 180 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_KM, 6);
    expect(haversineKm({ latDeg: 90, lonDeg: 0 }, { latDeg: -90, lonDeg: 0 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_KM, 6);
  });

  it('stays accurate for a few hundred metres', () => {
    // 0.001° of latitude = 111.195 m.
    expect(haversineKm({ latDeg: 45, lonDeg: 5 }, { latDeg: 45.001, lonDeg: 5 })).toBeCloseTo(0.111195, 5);
  });

  it('validates coordinates', () => {
    expect(isValidGeoPoint(paris)).toBe(true);
    expect(isValidGeoPoint({ latDeg: 91, lonDeg: 0 })).toBe(false);
    expect(isValidGeoPoint({ latDeg: 0, lonDeg: -180.5 })).toBe(false);
    expect(isValidGeoPoint({ latDeg: Number.NaN, lonDeg: 0 })).toBe(false);
  });
});
