/**
 * Name comparison for duplicate detection: accents, case, hyphens, apostrophes and extra spaces do
 * not count ("Élodie  Lefèvre-Martin" ≡ "elodie lefevre martin"), and two names "look alike" when
 * their normalised full names are within a small edit distance, in either first/last order.
 */

/** Lower case, accents removed (NFD, combining marks dropped), letters and digits kept, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Levenshtein distance (insertions, deletions, substitutions cost 1) between two strings, compared by
 * UTF-16 code unit. When `max` is given, any distance above it is reported as `max + 1`, and the
 * computation stops as soon as that is certain (a length gap above `max`, or a row whose minimum
 * exceeds it).
 */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const cap = Number.isFinite(max) ? Math.max(0, Math.floor(max)) + 1 : Number.POSITIVE_INFINITY;
  if (a.length - b.length >= cap) return cap;
  if (b.length === 0) return Math.min(a.length, cap);
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= cap) return cap;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], cap);
}

/** Largest edit distance between two normalised full names still treated as the same person. */
export const NAME_DISTANCE_MAX = 2;

/**
 * The edit distance between two people's normalised full names, the smaller of "first last" against
 * "first last" and against "last first" (forms are often filled in either order); capped at
 * `max + 1`.
 */
export function fullNameDistance(
  a: { firstName: string; lastName: string },
  b: { firstName: string; lastName: string },
  max = NAME_DISTANCE_MAX,
): number {
  const left = normaliseName(`${a.firstName} ${a.lastName}`);
  const straight = normaliseName(`${b.firstName} ${b.lastName}`);
  const swapped = normaliseName(`${b.lastName} ${b.firstName}`);
  return Math.min(levenshtein(left, straight, max), levenshtein(left, swapped, max));
}

/** True when the full names are within NAME_DISTANCE_MAX edits once normalised (either order). */
export function namesLookAlike(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): boolean {
  return fullNameDistance(a, b) <= NAME_DISTANCE_MAX;
}

/** Digits of a phone number that identify the line: the last 9 (national number in FR and MA). */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '').slice(-9);
}
