/**
 * Demo job offers, training sessions, and in Amiens a history of hires with their follow-up check-ins
 * (so the counsellor's page and the retention figures have something to show). Deterministic: fixed
 * dates, candidates picked by name order. No demo account (the candidate users) is involved.
 */
import type { Kysely } from 'kysely';
import type { DB, EndReason } from '../../db/schema.ts';
import { addMonths } from '../placements/rules.ts';
import { demoEmail } from './demo-data.ts';

interface DemoOffer {
  territory: string;
  employer: string;
  site: string;
  title: string;
  description: string;
  occupation: 'D1408' | 'M1704';
  contract: 'cdi' | 'cdd' | 'work_study';
  workTime: 'full_time' | 'part_time';
  hours: number;
  seats: number;
  start: string;
  languages: { code: string; level: 'A2' | 'B1' | 'B2' | 'C1' }[];
  minScores: { telephone?: number; information_search?: number; it_tools?: number };
  shifts: ('morning' | 'afternoon' | 'evening' | 'weekend')[];
}

const offers: DemoOffer[] = [
  { territory: 'amiens', employer: 'Picardie Contact SA', site: 'Zone tertiaire Sud', title: 'Téléconseiller·ère service client', description: 'Appels entrants d’un fournisseur d’énergie : réclamations, changements de contrat.', occupation: 'D1408', contract: 'cdi', workTime: 'full_time', hours: 35, seats: 12, start: '2027-01-04', languages: [{ code: 'fr', level: 'B2' }], minScores: { telephone: 50 }, shifts: ['morning', 'afternoon'] },
  { territory: 'amiens', employer: 'Somme Assistance', site: 'Pôle Jules-Verne', title: 'Conseiller·ère assistance technique', description: 'Support informatique de niveau 1 pour des PME de la région.', occupation: 'D1408', contract: 'cdd', workTime: 'full_time', hours: 35, seats: 4, start: '2027-02-01', languages: [{ code: 'fr', level: 'B2' }], minScores: { it_tools: 55 }, shifts: ['morning', 'afternoon', 'evening'] },
  { territory: 'amiens', employer: 'Banque Directe', site: 'Espace Saint-Leu', title: 'Chargé·e de clientèle bancaire à distance (temps partiel)', description: 'Accueil téléphonique des clients d’une banque en ligne, samedi compris.', occupation: 'D1408', contract: 'cdi', workTime: 'part_time', hours: 24, seats: 3, start: '2027-01-18', languages: [{ code: 'fr', level: 'C1' }, { code: 'en', level: 'B1' }], minScores: { telephone: 60, information_search: 50 }, shifts: ['afternoon', 'weekend'] },
  { territory: 'amiens', employer: 'RCA Services', site: 'Immeuble Gare-la-Vallée', title: 'Superviseur·e d’équipe relation client', description: 'Animation d’une équipe de 12 téléconseillers, suivi de la qualité.', occupation: 'M1704', contract: 'cdi', workTime: 'full_time', hours: 35, seats: 1, start: '2027-03-01', languages: [{ code: 'fr', level: 'C1' }], minScores: { telephone: 70 }, shifts: ['morning', 'afternoon'] },
  { territory: 'besancon', employer: 'Comtoise de Services', site: 'Bâtiment Temis', title: 'Téléconseiller·ère bilingue français-allemand', description: 'Service client d’un distributeur suisse.', occupation: 'D1408', contract: 'cdi', workTime: 'full_time', hours: 35, seats: 6, start: '2027-01-11', languages: [{ code: 'fr', level: 'B2' }, { code: 'de', level: 'B2' }], minScores: {}, shifts: ['morning', 'afternoon'] },
  { territory: 'besancon', employer: 'Doubs Télé-Assistance', site: 'Bâtiment Temis', title: 'Opérateur·rice de téléassistance (alternance)', description: 'Réponse aux alertes des personnes âgées, en alternance avec un BTS.', occupation: 'D1408', contract: 'work_study', workTime: 'full_time', hours: 35, seats: 2, start: '2026-09-01', languages: [{ code: 'fr', level: 'B2' }], minScores: {}, shifts: ['evening', 'weekend'] },
  { territory: 'tanger', employer: 'Détroit Contact SARL', site: 'Parc offshoring de Tanger', title: 'Conseiller·ère clientèle francophone', description: 'Relation client offshore pour un opérateur télécom français.', occupation: 'D1408', contract: 'cdi', workTime: 'full_time', hours: 44, seats: 20, start: '2027-01-04', languages: [{ code: 'fr', level: 'B2' }], minScores: { telephone: 45 }, shifts: ['morning', 'afternoon', 'evening'] },
  { territory: 'tanger', employer: 'Hispano Call', site: 'Parc offshoring de Tanger', title: 'Téléconseiller·ère hispanophone', description: 'Ventes et fidélisation pour une assurance espagnole.', occupation: 'D1408', contract: 'cdd', workTime: 'full_time', hours: 44, seats: 15, start: '2027-02-01', languages: [{ code: 'es', level: 'B2' }], minScores: {}, shifts: ['afternoon', 'evening'] },
];

interface DemoSession {
  territory: string;
  title: string;
  diploma: string;
  mode: 'on_site' | 'distance';
  site?: string;
  starts: string;
  ends: string;
  hours: number;
  seats: number;
  raises: { pillar: 'telephone' | 'information_search' | 'it_tools' | 'language'; languageCode: string | null; points: number }[];
}

// The three pillars of initial training (DOMAIN.md §1) on site, and the distance-learning DEUST.
const sessions: DemoSession[] = [
  { territory: 'amiens', title: 'Formation initiale : les trois piliers du téléconseil', diploma: 'Certificat de compétences en relation client à distance', mode: 'on_site', site: 'Espace Saint-Leu', starts: '2027-01-11', ends: '2027-02-19', hours: 210, seats: 12, raises: [{ pillar: 'telephone', languageCode: null, points: 15 }, { pillar: 'information_search', languageCode: null, points: 10 }, { pillar: 'it_tools', languageCode: null, points: 10 }] },
  { territory: 'amiens', title: 'DEUST Métiers de la relation client', diploma: 'DEUST Métiers de la relation client (formation à distance)', mode: 'distance', starts: '2026-09-14', ends: '2027-06-25', hours: 900, seats: 30, raises: [{ pillar: 'telephone', languageCode: null, points: 20 }, { pillar: 'language', languageCode: 'en', points: 10 }] },
  { territory: 'besancon', title: 'Accueil téléphonique en allemand', diploma: '', mode: 'on_site', site: 'Bâtiment Temis', starts: '2027-01-18', ends: '2027-02-12', hours: 100, seats: 10, raises: [{ pillar: 'language', languageCode: 'de', points: 15 }] },
  { territory: 'tanger', title: 'Formation initiale relation client offshore', diploma: 'Attestation de formation qualifiante', mode: 'on_site', site: 'Parc offshoring de Tanger', starts: '2027-01-04', ends: '2027-01-29', hours: 150, seats: 25, raises: [{ pillar: 'telephone', languageCode: null, points: 15 }, { pillar: 'language', languageCode: 'fr', points: 10 }] },
];

/** Amiens hires: start date, working time, and the end (months after the start, reason) if they left. */
const hires: { start: string; workTime: 'full_time' | 'part_time'; left?: { afterMonths: number; reason: EndReason } }[] = [
  { start: '2025-03-03', workTime: 'full_time' },
  { start: '2025-03-03', workTime: 'full_time', left: { afterMonths: 2, reason: 'trial_period' } },
  { start: '2025-05-05', workTime: 'full_time' },
  { start: '2025-05-05', workTime: 'part_time', left: { afterMonths: 7, reason: 'resigned' } },
  { start: '2025-09-01', workTime: 'full_time' },
  { start: '2025-09-01', workTime: 'full_time', left: { afterMonths: 4, reason: 'contract_ended' } },
  { start: '2026-01-05', workTime: 'full_time' },
  { start: '2026-03-02', workTime: 'part_time' },
  { start: '2026-06-01', workTime: 'full_time' },
  { start: '2026-09-07', workTime: 'full_time' },
];
/** Check-ins due up to this day are recorded in the demo; later ones are still to do. */
const RECORDED_UNTIL = '2026-06-30';

export async function seedDemoOffers(tx: Kysely<DB>): Promise<void> {
  const territories = new Map((await tx.selectFrom('territories').select(['id', 'code']).execute()).map((t) => [t.code, t.id]));
  const idOf = async (table: 'employers' | 'sites' | 'training_bodies', territoryId: string, name?: string) => {
    let q = tx.selectFrom(table).select('id').where('territory_id', '=', territoryId);
    if (name) q = q.where('name', '=', name);
    return (await q.orderBy('name').limit(1).executeTakeFirstOrThrow()).id;
  };

  const offerIds: string[] = [];
  for (const o of offers) {
    const territoryId = territories.get(o.territory);
    if (!territoryId) continue;
    const row = await tx
      .insertInto('offers')
      .values({
        territory_id: territoryId,
        employer_id: await idOf('employers', territoryId, o.employer),
        site_id: await idOf('sites', territoryId, o.site),
        title: o.title,
        description: o.description,
        occupation_code: o.occupation,
        contract: o.contract,
        work_time: o.workTime,
        hours_per_week: o.hours,
        seats: o.seats,
        start_date: o.start,
        languages: JSON.stringify(o.languages),
        min_scores: JSON.stringify(o.minScores),
        shifts: o.shifts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (o.territory === 'amiens') offerIds.push(row.id);
  }

  for (const s of sessions) {
    const territoryId = territories.get(s.territory);
    if (!territoryId) continue;
    await tx
      .insertInto('training_sessions')
      .values({
        territory_id: territoryId,
        training_body_id: await idOf('training_bodies', territoryId),
        title: s.title,
        diploma: s.diploma,
        mode: s.mode,
        site_id: s.site ? await idOf('sites', territoryId, s.site) : null,
        starts_on: s.starts,
        ends_on: s.ends,
        hours: s.hours,
        seats: s.seats,
        raises: JSON.stringify(s.raises),
      })
      .execute();
  }

  // A history of hires in Amiens on the first offer, followed by the territory's counsellor.
  const amiensId = territories.get('amiens');
  if (!amiensId || offerIds.length === 0) return;
  const counselor = await tx.selectFrom('users').select('id').where('email', '=', demoEmail('counselor', 'amiens')).executeTakeFirst();
  const offer = await tx.selectFrom('offers').select(['id', 'employer_id', 'contract']).where('id', '=', offerIds[0]).executeTakeFirstOrThrow();
  const people = await tx
    .selectFrom('candidates')
    .select('id')
    .where('territory_id', '=', amiensId)
    .where('user_id', 'is', null)
    .where('email', 'is not', null)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('email')
    .limit(hires.length)
    .execute();
  for (const [k, h] of hires.entries()) {
    const candidateId = people[k].id;
    const app = await tx.insertInto('applications').values({ offer_id: offer.id, candidate_id: candidateId, status: 'hired' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('application_events').values({ application_id: app.id, from_status: 'offer', to_status: 'hired', stage_id: null, actor_id: null }).execute();
    await tx.insertInto('candidate_disclosures').values({ candidate_id: candidateId, employer_id: offer.employer_id, reason: 'applied' }).onConflict((oc) => oc.doNothing()).execute();
    const endedOn = h.left ? addMonths(h.start, h.left.afterMonths) : null;
    const p = await tx
      .insertInto('placements')
      .values({
        territory_id: amiensId,
        application_id: app.id,
        candidate_id: candidateId,
        employer_id: offer.employer_id,
        offer_id: offer.id,
        work_time: h.workTime,
        contract: offer.contract,
        started_on: h.start,
        counselor_id: counselor?.id ?? null,
        ended_on: endedOn,
        end_reason: h.left?.reason ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const months of [1, 3, 6, 12] as const) {
      const dueOn = addMonths(h.start, months);
      if (endedOn && dueOn > endedOn) break;
      const recorded = dueOn <= RECORDED_UNTIL;
      const leftHere = recorded && endedOn !== null && addMonths(h.start, months) >= endedOn;
      await tx
        .insertInto('placement_checkins')
        .values({
          placement_id: p.id,
          months,
          due_on: dueOn,
          counselor_id: counselor?.id ?? null,
          ...(recorded
            ? { done_at: `${dueOn}T10:00:00Z`, outcome: leftHere ? 'left' : 'still_employed', left_reason: leftHere ? h.left!.reason : null, recorded_by: counselor?.id ?? null, notes: leftHere ? 'Départ confirmé par téléphone.' : 'Point fait par téléphone.' }
            : {}),
        })
        .execute();
    }
  }
}
