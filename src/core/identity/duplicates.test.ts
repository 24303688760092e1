import { describe, expect, it } from 'vitest';
import { findDuplicatePairs, MAX_GROUP_SIZE, type PersonKeys } from './duplicates.ts';
import { phoneKey } from './name-similarity.ts';

const person = (id: string, over: Partial<PersonKeys> = {}): PersonKeys => ({ id, firstName: 'Jeanne', lastName: `Nom${id}`, email: null, phoneKey: '', birthDate: null, ...over });
const pairsOf = (n: PersonKeys[], e: PersonKeys[]) =>
  findDuplicatePairs(n, e)
    .map((p) => `${p.a}-${p.b}:${[...p.reasons].sort().join('+')}`)
    .sort();

describe('findDuplicatePairs', () => {
  it('pairs a new person with existing ones by email, phone line, or birth date and a close name', () => {
    const existing = [
      person('e1', { email: 'a@x.fr' }),
      person('e2', { phoneKey: phoneKey('06 12 34 56 78') }),
      person('e3', { firstName: 'Élodie', lastName: 'Lefèvre', birthDate: '1990-01-01' }),
      person('e4', { firstName: 'Marc', lastName: 'Durand', birthDate: '1990-01-01' }),
    ];
    const fresh = [person('n1', { email: 'a@x.fr', phoneKey: phoneKey('+33 6 12 34 56 78'), firstName: 'Elodie', lastName: 'LEFEVRE', birthDate: '1990-01-01' })];
    expect(pairsOf(fresh, existing)).toEqual(['e1-n1:email', 'e2-n1:phone', 'e3-n1:birth_date_name']);
    expect(findDuplicatePairs(fresh, existing).find((p) => p.a === 'e3')!.nameDistance).toBe(0);
  });

  it('pairs new people among themselves once, and never a person with themself', () => {
    const fresh = [person('n1', { email: 'z@x.fr' }), person('n2', { email: 'z@x.fr' }), person('n3', { email: 'z@x.fr' })];
    expect(pairsOf(fresh, [])).toEqual(['n1-n2:email', 'n1-n3:email', 'n2-n3:email']);
    expect(pairsOf([person('n1', { email: 'q@x.fr' })], [])).toEqual([]);
  });

  it('merges the reasons of a pair and ignores keys shared by a crowd', () => {
    const fresh = [person('n1', { email: 'b@x.fr', phoneKey: '612345678', firstName: 'Ana', lastName: 'Silva', birthDate: '2000-02-02' })];
    const existing = [person('e1', { email: 'b@x.fr', phoneKey: '612345678', firstName: 'Silva', lastName: 'Anna', birthDate: '2000-02-02' })];
    expect(pairsOf(fresh, existing)).toEqual(['e1-n1:birth_date_name+email+phone']);
    const crowd = Array.from({ length: MAX_GROUP_SIZE + 1 }, (_, i) => person(`c${i}`, { phoneKey: '100000000' }));
    expect(pairsOf([person('n9', { phoneKey: '100000000' })], crowd)).toEqual([]);
  });
});
