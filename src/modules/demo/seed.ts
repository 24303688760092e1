import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { distanceKm } from '../../db/sql-geo.ts';
import { hashPassword } from '../auth/password.ts';
import { createAuthRepository } from '../auth/repository.ts';
import { loadCommunes, type CommuneRow } from './communes.ts';
import { seedDemoProjects } from './demo-projects.ts';
import { seedDemoCandidateRecords } from './demo-candidates.ts';
import { seedDemoEvaluations } from './demo-evaluations.ts';
import { seedDemoOffers } from './demo-offers.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoEmail, demoRoles, demoTerritories, type DemoTerritory } from './demo-data.ts';
import { generatePopulation } from './population.ts';

export interface SeedReport {
  seeded: boolean;
  territories: number;
  communes: number;
  candidates: number;
  users: string[];
}

const BATCH = 1000;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Loads the demo territories, their sites, call centres, targets, a synthetic labour pool and one
 * user per role, in one transaction. Does nothing when the demo is already there.
 */
export async function seedDemo(db: Kysely<DB>): Promise<SeedReport> {
  const report = await seedDemoInTransaction(db);
  // planner statistics for the freshly loaded tables (the embedded engine has no autovacuum)
  if (report.seeded) await sql`ANALYZE`.execute(db);
  return report;
}

function seedDemoInTransaction(db: Kysely<DB>): Promise<SeedReport> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('territories').select('id').where('code', '=', demoTerritories[0].code).executeTakeFirst();
    if (existing) return { seeded: false, territories: 0, communes: 0, candidates: 0, users: [] };

    const communes = loadCommunes(['FR', 'MA']);
    await insertBatches(communes, (batch) => tx.insertInto('communes').values(batch).onConflict((oc) => oc.column('code').doNothing()).execute());

    const auth = createAuthRepository(tx);
    const users: string[] = [];
    const passwordHash = () => hashPassword(DEMO_PASSWORD);
    await auth.insertUser({ email: DEMO_ADMIN_EMAIL, displayName: 'Administration guichet', passwordHash: await passwordHash(), role: 'admin', territoryId: null });
    users.push(DEMO_ADMIN_EMAIL);

    let candidates = 0;
    for (const [index, t] of demoTerritories.entries()) {
      const centre = communes.find((c) => c.code === t.centreCommune || (c.country === t.country && c.name === t.centreCommune));
      if (!centre) throw new Error(`demo data: centre commune ${t.centreCommune} of ${t.code} not found in the communes packages`);
      const territory = await tx
        .insertInto('territories')
        .values({
          code: t.code,
          name: t.name,
          country: t.country,
          currency: t.currency,
          contract_hours_per_week: t.contractHoursPerWeek,
          languages: t.languages,
          timezone: t.timezone,
          centre_lat: centre.lat,
          centre_lon: centre.lon,
          catchment_km: t.catchmentKm,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ids = await seedTerritoryFacts(tx, territory.id, t, communes);

      const catchment = await tx
        .selectFrom('communes')
        .selectAll()
        .where('country', '=', t.country)
        .where(distanceKm(sql.lit(centre.lat), sql.lit(centre.lon), 'lat', 'lon'), '<=', t.catchmentKm)
        .orderBy('code')
        .execute();
      const population = generatePopulation({ territoryCode: t.code, country: t.country, communes: catchment, count: t.candidates, seed: 1000 + index });
      await insertBatches(population, (batch) =>
        tx
          .insertInto('candidates')
          .values(
            batch.map((p) => ({
              territory_id: territory.id,
              first_name: p.firstName,
              last_name: p.lastName,
              email: p.email,
              phone: p.phone,
              birth_date: p.birthDate,
              commune_code: p.communeCode,
              mobility_km: p.mobilityKm,
              languages: JSON.stringify(p.languages),
            })),
          )
          .execute(),
      );
      candidates += population.length;

      for (const role of demoRoles) {
        const email = demoEmail(role, t.code);
        const userId = await auth.insertUser({
          email,
          displayName: `${role} ${t.name}`,
          passwordHash: await passwordHash(),
          role,
          territoryId: territory.id,
          employerId: role === 'employer' ? ids.employerId : null,
          trainingBodyId: role === 'trainer' ? ids.trainingBodyId : null,
        });
        if (role === 'candidate') {
          const first = population[0];
          await tx
            .insertInto('candidates')
            .values({
              territory_id: territory.id,
              user_id: userId,
              first_name: t.country === 'FR' ? 'Camille' : 'Salma',
              last_name: 'Démo',
              email,
              commune_code: first.communeCode,
              mobility_km: 25,
              languages: JSON.stringify(first.languages),
            })
            .execute();
          candidates += 1;
        }
        users.push(email);
      }
    }
    await seedDemoProjects(tx);
    await seedDemoCandidateRecords(tx);
    await seedDemoEvaluations(tx);
    await seedDemoOffers(tx);
    return { seeded: true, territories: demoTerritories.length, communes: communes.length, candidates, users };
  });
}

async function seedTerritoryFacts(tx: Transaction<DB>, territoryId: string, t: DemoTerritory, communes: CommuneRow[]) {
  const communeCode = (key: string) => communes.find((c) => c.code === key || (c.country === t.country && c.name === key))?.code ?? null;
  const employerIds = new Map<string, string>();
  for (const cc of t.callCentres) {
    if (!employerIds.has(cc.employer)) {
      const e = await tx.insertInto('employers').values({ territory_id: territoryId, name: cc.employer }).returning('id').executeTakeFirstOrThrow();
      employerIds.set(cc.employer, e.id);
    }
  }
  await tx
    .insertInto('sites')
    .values(
      t.sites.map((s) => ({
        territory_id: territoryId,
        name: s.name,
        commune_code: communeCode(s.commune),
        description: s.description,
        area_m2: s.areaM2,
        available_m2: s.availableM2,
        incentives: s.incentives,
      })),
    )
    .execute();
  await tx
    .insertInto('call_centres')
    .values(
      t.callCentres.map((cc) => ({
        territory_id: territoryId,
        employer_id: employerIds.get(cc.employer)!,
        name: cc.name,
        activity: cc.activity,
        jobs: cc.jobs,
        opened_on: cc.openedOn,
      })),
    )
    .execute();
  await tx
    .insertInto('employment_targets')
    .values(t.targets.map((g) => ({ territory_id: territoryId, year: g.year, jobs: g.jobs, label: g.label })))
    .execute();
  let trainingBodyId = '';
  for (const name of t.trainingBodies) {
    const b = await tx.insertInto('training_bodies').values({ territory_id: territoryId, name }).returning('id').executeTakeFirstOrThrow();
    trainingBodyId ||= b.id;
  }
  return { employerId: employerIds.values().next().value!, trainingBodyId };
}
