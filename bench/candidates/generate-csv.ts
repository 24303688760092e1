/**
 * Writes a deterministic CSV of N synthetic candidates for the Amiens territory, in the import format
 * of `guichet import candidates` (to measure it):
 *   node bin/run-ts.mjs bench/candidates/generate-csv.ts 100000 > /tmp/candidates-100k.csv
 */
import { loadCommunes } from '../../src/modules/demo/communes.ts';
import { generatePopulation, seededRandom } from '../../src/modules/demo/population.ts';

const count = Number(process.argv[2] ?? 100_000);
const communes = loadCommunes(['FR']).filter((c) => c.code.startsWith('80'));
const people = generatePopulation({ territoryCode: 'bench', country: 'FR', communes, count, seed: 42 });
const random = seededRandom(7);
const shifts = ['morning', 'afternoon', 'evening', 'night', 'weekend'];
const contracts = ['cdi', 'cdd', 'temp', 'work_study'];
const out: string[] = ['first_name,last_name,email,phone,birth_date,commune_code,mobility_km,languages,shifts,work_time,contract_wishes,experience_months'];
for (const p of people) {
  const s = shifts.filter(() => random() < 0.4).join('|');
  const c = contracts.filter(() => random() < 0.4).join('|');
  out.push(
    [
      p.firstName,
      p.lastName,
      p.email,
      p.phone,
      p.birthDate,
      p.communeCode,
      p.mobilityKm,
      p.languages.map((l) => `${l.code}:${l.level}`).join('|'),
      s,
      random() < 0.7 ? 'full_time' : 'part_time',
      c,
      Math.floor(random() * 120),
    ].join(','),
  );
}
process.stdout.write(out.join('\n') + '\n');
