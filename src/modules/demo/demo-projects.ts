/**
 * Demo investor projects (fictional companies) at different stages of the pipeline, with their stage
 * history and forecasts. Deterministic: fixed dates and a formula-made interval forecast.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createProjectRepository } from '../projects/repository.ts';
import { PROJECT_DEFAULTS, type Stage } from '../projects/schema.ts';
import { projectColumns, type Fields } from '../projects/service.ts';
import { demoEmail } from './demo-data.ts';

interface DemoProject {
  territory: string;
  /** Name of an employer of the territory: its users see the project. */
  employer?: string;
  fields: Partial<Fields> & Pick<Fields, 'companyName' | 'activity'>;
  /** Stages after the initial lead, with the day of each change and its note. */
  history: { to: Stage; at: string; note: string }[];
  createdAt: string;
  /** Calls per half-hour, Monday to Friday 08:00–18:00 (forecastMode intervals). */
  intervals?: { weekday: number; startMinute: number; calls: number }[];
}

const closed = null;
const day = (opens: string, closes: string) => ({ opens, closes });

/** A help-desk day on 30-minute intervals: a 09:00–11:00 peak, a dip at lunch, a smaller afternoon peak. */
function helpDeskIntervals(): { weekday: number; startMinute: number; calls: number }[] {
  const halfHours = [18, 26, 34, 38, 40, 37, 31, 24, 17, 15, 22, 28, 30, 29, 26, 22, 18, 14, 10, 7];
  const dayFactor = [1.2, 1.05, 1, 1, 0.85];
  return dayFactor.flatMap((factor, d) =>
    halfHours.map((calls, k) => ({ weekday: d + 1, startMinute: 480 + 30 * k, calls: Math.round(calls * factor) })),
  );
}

export const demoProjects: DemoProject[] = [
  {
    territory: 'tanger',
    fields: {
      companyName: 'Atlas Relation Client',
      contactName: 'Karim Bennani',
      contactEmail: 'k.bennani@atlas-rc.example',
      contactPhone: '+212 539 00 00 00',
      activity: 'inbound_care',
      languages: ['fr'],
      // customer care of a French telecom operator, offshore: French hours, Monday to Saturday
      openingHours: { mon: day('08:00', '21:00'), tue: day('08:00', '21:00'), wed: day('08:00', '21:00'), thu: day('08:00', '21:00'), fri: day('08:00', '21:00'), sat: day('09:00', '18:00'), sun: closed },
      goLiveOn: '2026-10-05',
      jobsAnnounced: 250,
      weeklyCalls: 30_000,
      weekdayProfile: [1.2, 1.05, 1, 1, 0.95, 0.6, 0],
      ahtSeconds: 330,
      targetAnswerSeconds: 20,
      serviceLevel: 0.8,
      patienceSeconds: 180,
      shrinkage: 0.3,
      m2PerSeat: 9,
      annualAttritionRate: 0.35,
      trainingWeeks: 3,
    },
    createdAt: '2026-02-09T10:00:00Z',
    history: [
      { to: 'proposal', at: '2026-03-02T15:00:00Z', note: 'Offre présentée : parc offshoring, conditions télécoms, formation ANAPEC/OFPPT.' },
      { to: 'decision', at: '2026-04-14T11:00:00Z', note: 'Comité d’investissement du client en mai.' },
    ],
  },
  {
    territory: 'amiens',
    fields: {
      companyName: 'Banque Picarde en Ligne',
      contactName: 'Claire Vasseur',
      contactEmail: 'claire.vasseur@bpl.example',
      activity: 'inbound_care',
      languages: ['fr'],
      openingHours: { mon: day('08:00', '19:00'), tue: day('08:00', '19:00'), wed: day('08:00', '19:00'), thu: day('08:00', '19:00'), fri: day('08:00', '19:00'), sat: day('09:00', '12:00'), sun: closed },
      goLiveOn: '2026-09-07',
      jobsAnnounced: 120,
      weeklyCalls: 9_000,
      ahtSeconds: 270,
      targetAnswerSeconds: 20,
      serviceLevel: 0.85,
      asaSeconds: 15,
      shrinkage: 0.32,
      annualAttritionRate: 0.2,
      trainingWeeks: 5,
    },
    createdAt: '2026-01-19T09:30:00Z',
    history: [{ to: 'proposal', at: '2026-02-23T14:00:00Z', note: 'Trois sites proposés, dont l’Espace Saint-Leu en zone franche.' }],
  },
  {
    territory: 'amiens',
    employer: 'Picardie Contact SA',
    fields: {
      companyName: 'Picardie Contact SA — assistance informatique',
      contactName: 'Julien Lefèvre',
      contactEmail: 'j.lefevre@picardie-contact.example',
      activity: 'help_desk',
      languages: ['fr', 'en'],
      openingHours: { mon: day('08:00', '18:00'), tue: day('08:00', '18:00'), wed: day('08:00', '18:00'), thu: day('08:00', '18:00'), fri: day('08:00', '18:00'), sat: closed, sun: closed },
      goLiveOn: '2027-01-04',
      jobsAnnounced: 40,
      forecastMode: 'intervals',
      ahtSeconds: 420,
      targetAnswerSeconds: 30,
      serviceLevel: 0.8,
      shrinkage: 0.28,
      trainingWeeks: 6,
    },
    createdAt: '2026-04-02T08:45:00Z',
    history: [],
    intervals: helpDeskIntervals(),
  },
  {
    territory: 'besancon',
    fields: {
      companyName: 'Helvetia Assistance',
      contactName: 'Markus Brunner',
      contactEmail: 'm.brunner@helvetia-assistance.example',
      activity: 'help_desk',
      languages: ['de', 'fr'],
      openingHours: { mon: day('07:00', '20:00'), tue: day('07:00', '20:00'), wed: day('07:00', '20:00'), thu: day('07:00', '20:00'), fri: day('07:00', '20:00'), sat: closed, sun: closed },
      goLiveOn: '2026-06-01',
      jobsAnnounced: 80,
      weeklyCalls: 6_500,
      weekdayProfile: [1.2, 1, 1, 1, 0.9, 0, 0],
      ahtSeconds: 360,
      targetAnswerSeconds: 30,
      serviceLevel: 0.8,
      maxOccupancy: 0.85,
      shrinkage: 0.3,
      annualAttritionRate: 0.25,
      trainingWeeks: 4,
    },
    createdAt: '2025-10-06T10:00:00Z',
    history: [
      { to: 'proposal', at: '2025-11-03T10:00:00Z', note: 'Bâtiment Temis proposé, formation germanophone avec le DEUST.' },
      { to: 'decision', at: '2025-12-15T16:00:00Z', note: '' },
      { to: 'implanted', at: '2026-02-02T09:00:00Z', note: 'Bail signé pour 900 m².' },
    ],
  },
];

/** Inserts the demo projects; called by seedDemo in its transaction, after the territories and users. */
export async function seedDemoProjects(db: Kysely<DB>): Promise<number> {
  const repo = createProjectRepository(db);
  for (const p of demoProjects) {
    const territory = await db.selectFrom('territories').select('id').where('code', '=', p.territory).executeTakeFirstOrThrow();
    const advisor = await db.selectFrom('users').select('id').where('email', '=', demoEmail('advisor', p.territory)).executeTakeFirstOrThrow();
    const employer = p.employer
      ? await db.selectFrom('employers').select('id').where('territory_id', '=', territory.id).where('name', '=', p.employer).executeTakeFirstOrThrow()
      : undefined;
    const stage = p.history.at(-1)?.to ?? 'lead';
    const updatedAt = p.history.at(-1)?.at ?? p.createdAt;
    const { id } = await repo.insert({
      territory_id: territory.id,
      created_by: advisor.id,
      created_at: new Date(p.createdAt),
      updated_at: new Date(updatedAt),
      stage,
      ...projectColumns({ ...PROJECT_DEFAULTS, forecastMode: 'profile', ...p.fields, employerId: employer?.id ?? null } as Fields),
    });
    let from: Stage = 'lead';
    await repo.insertStageChange({ projectId: id, from: null, to: 'lead', by: advisor.id, note: '', at: new Date(p.createdAt) });
    for (const change of p.history) {
      await repo.insertStageChange({ projectId: id, from, to: change.to, by: advisor.id, note: change.note, at: new Date(change.at) });
      from = change.to;
    }
    if (p.intervals) await repo.replaceForecastIntervals(id, p.intervals);
  }
  return demoProjects.length;
}
