import { describe, expect, it } from 'vitest';
import { loadCommunes } from './communes.ts';
import { generatePopulation } from './population.ts';

describe('demo population', () => {
  const communes = loadCommunes(['FR']).filter((c) => c.code.startsWith('80'));

  it('joins real communes with coordinates, INSEE codes and postcodes', () => {
    const amiens = communes.find((c) => c.code === '80021');
    expect(amiens).toMatchObject({ name: 'Amiens', country: 'FR', postcode: '80000' });
    expect(amiens!.lat).toBeCloseTo(49.89, 1);
    expect(communes.length).toBeGreaterThan(50);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generatePopulation({ territoryCode: 'amiens', country: 'FR', communes, count: 500, seed: 7 });
    const b = generatePopulation({ territoryCode: 'amiens', country: 'FR', communes, count: 500, seed: 7 });
    const c = generatePopulation({ territoryCode: 'amiens', country: 'FR', communes, count: 500, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a.map((p) => p.email)).size).toBe(500);
  });

  it('places people in proportion to population and about three in four are women', () => {
    const people = generatePopulation({ territoryCode: 'amiens', country: 'FR', communes, count: 4000, seed: 1 });
    const inAmiens = people.filter((p) => p.communeCode === '80021').length / people.length;
    const total = communes.reduce((s, c) => s + (c.population ?? 1000), 0);
    const expected = (communes.find((c) => c.code === '80021')!.population ?? 0) / total;
    expect(Math.abs(inAmiens - expected)).toBeLessThan(0.05);
    expect(people.every((p) => p.languages.some((l) => l.code === 'fr'))).toBe(true);
  });
});
