import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullNameDistance, levenshtein, namesLookAlike, normaliseName, phoneKey } from './name-similarity.ts';

/** Textbook full-matrix Levenshtein, the reference for the capped, two-row version. */
function referenceLevenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

describe('normaliseName', () => {
  it('drops accents, case, punctuation and extra spaces', () => {
    expect(normaliseName('  Élodie   LEFÈVRE-Martin ')).toBe('elodie lefevre martin');
    expect(normaliseName("N'Diaye Œdipe")).toBe('n diaye oedipe');
    expect(normaliseName('Zoë Çelik')).toBe('zoe celik');
    expect(normaliseName('El Amrani')).toBe(normaliseName('el-amrani'));
  });
});

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
  });

  it('agrees with the full-matrix reference, and is capped at max + 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const exact = referenceLevenshtein(a, b);
        expect(levenshtein(a, b)).toBe(exact);
        expect(levenshtein(b, a)).toBe(exact);
        expect(levenshtein(a, b, max)).toBe(Math.min(exact, max + 1));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('namesLookAlike', () => {
  it('matches typos, accents and swapped first/last names', () => {
    expect(namesLookAlike({ firstName: 'Élodie', lastName: 'Lefèvre' }, { firstName: 'elodie', lastName: 'LEFEVRE' })).toBe(true);
    expect(namesLookAlike({ firstName: 'Camille', lastName: 'Martin' }, { firstName: 'Camile', lastName: 'Martinn' })).toBe(true);
    expect(namesLookAlike({ firstName: 'Camille', lastName: 'Martin' }, { firstName: 'Martin', lastName: 'Camille' })).toBe(true);
    expect(fullNameDistance({ firstName: 'Camille', lastName: 'Martin' }, { firstName: 'Camille', lastName: 'Martin' })).toBe(0);
  });

  it('keeps different people apart', () => {
    expect(namesLookAlike({ firstName: 'Camille', lastName: 'Martin' }, { firstName: 'Camille', lastName: 'Bernard' })).toBe(false);
    expect(namesLookAlike({ firstName: 'Léa', lastName: 'Petit' }, { firstName: 'Théo', lastName: 'Petit' })).toBe(false);
    expect(fullNameDistance({ firstName: 'Léa', lastName: 'Petit' }, { firstName: 'Théo', lastName: 'Petit' })).toBe(3);
  });
});

describe('phoneKey', () => {
  it('keeps the national number so 06…, +33 6… and spaced forms compare equal', () => {
    expect(phoneKey('06 12 34 56 78')).toBe('612345678');
    expect(phoneKey('+33 6 12 34 56 78')).toBe('612345678');
    expect(phoneKey('+212 6 61 23 45 67')).toBe(phoneKey('0661234567'));
  });
});
