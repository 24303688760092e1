/**
 * Suspected duplicates among people: the same email, the same phone line, or the same birth date with
 * full names within NAME_DISTANCE_MAX edits (accents, case and name order ignored). Pure and
 * set-based: one pass over hash maps, so 100,000 new people against a territory costs well under a
 * second rather than one query each.
 */
import { levenshtein, NAME_DISTANCE_MAX, normaliseName } from './name-similarity.ts';

export interface PersonKeys {
  id: string;
  firstName: string;
  lastName: string;
  /** lower case, or null */
  email: string | null;
  /** last 9 digits of the phone number, '' when none (see phoneKey) */
  phoneKey: string;
  /** YYYY-MM-DD or null */
  birthDate: string | null;
}

export type DuplicateReason = 'email' | 'phone' | 'birth_date_name';

export interface DuplicatePair {
  /** the smaller id of the two */
  a: string;
  b: string;
  reasons: DuplicateReason[];
  /** edit distance of the normalised names when the birth dates match, else null */
  nameDistance: number | null;
}

/**
 * A key shared by more people than this (a switchboard number, an agency's address) identifies nobody:
 * it flags no pair, instead of flagging every pair of the group.
 */
export const MAX_GROUP_SIZE = 50;

/**
 * Pairs formed by each new person with the existing people and with the other new people. `existing`
 * must not contain the new people. Each pair comes once, with every reason that applies.
 */
export function findDuplicatePairs(newPeople: readonly PersonKeys[], existing: readonly PersonKeys[]): DuplicatePair[] {
  const all = [...existing, ...newPeople];
  const firstNew = existing.length;
  const group = (key: (p: PersonKeys) => string | null) => {
    const map = new Map<string, number[]>();
    all.forEach((p, i) => {
      const k = key(p);
      if (k) (map.get(k) ?? map.set(k, []).get(k)!).push(i);
    });
    return map;
  };
  const byEmail = group((p) => p.email);
  const byPhone = group((p) => p.phoneKey || null);
  const byBirth = group((p) => p.birthDate);
  // normalised "first last" and "last first", computed once per person that shares a birth date
  const names = new Map<number, [string, string]>();
  const namesOf = (i: number) => {
    let n = names.get(i);
    if (!n) {
      const p = all[i];
      n = [normaliseName(`${p.firstName} ${p.lastName}`), normaliseName(`${p.lastName} ${p.firstName}`)];
      names.set(i, n);
    }
    return n;
  };

  const pairs = new Map<string, DuplicatePair>();
  const add = (i: number, j: number, reason: DuplicateReason, nameDistance: number | null) => {
    const [x, y] = all[i].id < all[j].id ? [all[i].id, all[j].id] : [all[j].id, all[i].id];
    const key = `${x}|${y}`;
    const found = pairs.get(key);
    if (!found) pairs.set(key, { a: x, b: y, reasons: [reason], nameDistance });
    else {
      if (!found.reasons.includes(reason)) found.reasons.push(reason);
      if (nameDistance !== null) found.nameDistance = nameDistance;
    }
  };
  for (let i = firstNew; i < all.length; i++) {
    const p = all[i];
    // a pair of two new people is seen from both: keep it from the later one only (j < i)
    const others = (members: number[] | undefined) => (members && members.length <= MAX_GROUP_SIZE ? members.filter((j) => j !== i && (j < firstNew || j < i)) : []);
    for (const j of others(p.email ? byEmail.get(p.email) : undefined)) add(i, j, 'email', null);
    for (const j of others(p.phoneKey ? byPhone.get(p.phoneKey) : undefined)) add(i, j, 'phone', null);
    const sameBirth = others(p.birthDate ? byBirth.get(p.birthDate) : undefined);
    if (sameBirth.length) {
      const [mine] = namesOf(i);
      for (const j of sameBirth) {
        const [straight, swapped] = namesOf(j);
        if (Math.abs(straight.length - mine.length) > NAME_DISTANCE_MAX) continue;
        const d = Math.min(levenshtein(mine, straight, NAME_DISTANCE_MAX), levenshtein(mine, swapped, NAME_DISTANCE_MAX));
        if (d <= NAME_DISTANCE_MAX) add(i, j, 'birth_date_name', d);
      }
    }
  }
  return [...pairs.values()];
}
