/**
 * The occupations guichet's offers use: French ROME codes (France Travail's job directory) with their
 * international ISCO-08 equivalents. No npm package carries these codes (STACK.md), and an offer
 * stores only the ROME code: labels and ISCO codes come from here.
 */
export const occupations = [
  {
    rome: 'D1408',
    isco08: '4222',
    label: { fr: 'Téléconseil et télévente', en: 'Telephone advice and telesales' },
    iscoLabel: 'Contact centre information clerks',
  },
  {
    rome: 'M1704',
    isco08: '5244',
    label: { fr: 'Management relation clientèle', en: 'Customer relations management' },
    iscoLabel: 'Contact centre salespersons',
  },
] as const;

export type OccupationCode = (typeof occupations)[number]['rome'];
export const occupationCodes = occupations.map((o) => o.rome) as [OccupationCode, ...OccupationCode[]];

export function occupation(code: OccupationCode) {
  return occupations.find((o) => o.rome === code)!;
}
