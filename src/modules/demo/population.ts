import type { LanguageLevel } from '../../db/schema.ts';
import type { CommuneRow } from './communes.ts';

/** mulberry32: a small seeded generator, so the demo population is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = {
  FR: {
    first: ['Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Laura', 'Marine', 'Océane', 'Pauline', 'Amandine', 'Élodie', 'Nadia', 'Sophie', 'Thomas', 'Nicolas', 'Julien', 'Kevin', 'Maxime', 'Karim', 'Antoine', 'Romain'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'Lemaire', 'Caron', 'Dufour', 'Benali', 'Mercier', 'Blanc'],
  },
  MA: {
    first: ['Fatima', 'Khadija', 'Salma', 'Imane', 'Hajar', 'Meryem', 'Sara', 'Nora', 'Zineb', 'Asmae', 'Yasmine', 'Ghita', 'Mohamed', 'Youssef', 'Ayoub', 'Omar', 'Hamza', 'Mehdi', 'Anas', 'Amine'],
    last: ['Alaoui', 'Bennani', 'El Amrani', 'Tazi', 'Idrissi', 'Berrada', 'Chraibi', 'El Fassi', 'Benjelloun', 'Ouazzani', 'Sqalli', 'El Khatib', 'Lahlou', 'Bouzidi', 'Ziani', 'Haddad', 'Rami', 'Naciri'],
  },
};

const levels: LanguageLevel['level'][] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export interface SyntheticCandidate {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  communeCode: string;
  mobilityKm: number;
  languages: LanguageLevel[];
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/**
 * A deterministic labour pool: candidates live in the catchment communes in proportion to their
 * population; three in four are women (the Besançon figure of DOMAIN.md §1 is used everywhere).
 */
export function generatePopulation(options: { territoryCode: string; country: 'FR' | 'MA'; communes: CommuneRow[]; count: number; seed: number }): SyntheticCandidate[] {
  const random = seededRandom(options.seed);
  const pool = names[options.country];
  const cumulative: number[] = [];
  let total = 0;
  for (const c of options.communes) {
    total += Math.max(c.population ?? 1000, 1);
    cumulative.push(total);
  }
  const women = pool.first.slice(0, Math.ceil(pool.first.length * 0.6));
  const men = pool.first.slice(women.length);
  const out: SyntheticCandidate[] = [];
  for (let i = 0; i < options.count; i++) {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    const commune = options.communes[lo];
    const firstName = pick(random, random() < 0.75 ? women : men);
    const lastName = pick(random, pool.last);
    const year = 1960 + Math.floor(random() * 45);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const languages: LanguageLevel[] =
      options.country === 'FR'
        ? [{ code: 'fr', level: random() < 0.8 ? 'C2' : 'C1' }, { code: 'en', level: pick(random, levels.slice(0, 5)) }]
        : [
            { code: 'ar', level: 'C2' },
            { code: 'fr', level: pick(random, levels.slice(2)) },
            ...(random() < 0.4 ? [{ code: 'es', level: pick(random, levels.slice(1)) }] : []),
          ];
    if (options.country === 'FR' && random() < 0.15) languages.push({ code: pick(random, ['de', 'es', 'it', 'nl']), level: pick(random, levels.slice(1)) });
    const slug = `${firstName}.${lastName}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    out.push({
      firstName,
      lastName,
      email: `${slug}.${i + 1}@${options.territoryCode}.example`,
      phone: options.country === 'FR' ? `06${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : `+2126${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      communeCode: commune.code,
      mobilityKm: pick(random, [10, 15, 20, 25, 30, 40]),
      languages,
    });
  }
  return out;
}
