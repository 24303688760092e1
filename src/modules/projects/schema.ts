import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';
import { Site } from '../sites/schema.ts';
import { TerritoryParams } from '../territories/schema.ts';

/** "is required" when the field is missing, else the given message. */
const say = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) });

export const STAGES = ['lead', 'proposal', 'decision', 'implanted', 'lost'] as const;
export const Stage = z.enum(STAGES, say(`must be one of ${STAGES.join(', ')}`)).meta({ id: 'ProjectStage' });
export type Stage = z.infer<typeof Stage>;

export const ACTIVITIES = ['inbound_care', 'outbound_sales', 'help_desk', 'back_office'] as const;
export const Activity = z.enum(ACTIVITIES, say(`must be one of ${ACTIVITIES.join(', ')}`));
// zod 4 numbers are finite: NaN and Infinity are refused as well.
const number = (message: string) => z.number(say(message));
const between = (min: number, max: number, message = `must be a number between ${min} and ${max}`) => number(message).min(min, { error: message }).max(max, { error: message });
const positiveUpTo = (max: number, message = `must be a number > 0 and ≤ ${max}`) => number(message).gt(0, { error: message }).max(max, { error: message });
const weights = (count: number, what: string) =>
  z
    .array(between(0, 1e6, 'must be a non-negative weight'), say(`must list ${count} non-negative weights, ${what} first`))
    .length(count, { error: `must list ${count} non-negative weights, ${what} first` });

const time = z
  .string(say('must be a time HH:MM'))
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'must be a time HH:MM between 00:00 and 24:00' });
const DailyHours = z.object({ opens: time, closes: time }, say('must be { opens, closes } or null (closed)')).nullable();
export const OpeningHours = z
  .object(
    { mon: DailyHours, tue: DailyHours, wed: DailyHours, thu: DailyHours, fri: DailyHours, sat: DailyHours, sun: DailyHours },
    say('must give the hours of each day, mon to sun (null when closed)'),
  )
  .meta({ id: 'OpeningHours', description: 'one range per day, HH:MM (closes may be 24:00); null when closed' });

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** Defaults of a new project: a 30-minute grid, 80 % in 20 s, 30 % shrinkage (DOMAIN.md §3). */
const weekdayHours = { opens: '08:00', closes: '20:00' };
export const PROJECT_DEFAULTS = Object.freeze({
  contactName: '',
  contactEmail: null,
  contactPhone: null,
  employerId: null,
  languages: [] as string[],
  openingHours: { mon: weekdayHours, tue: weekdayHours, wed: weekdayHours, thu: weekdayHours, fri: weekdayHours, sat: { opens: '09:00', closes: '13:00' }, sun: null },
  goLiveOn: null,
  jobsAnnounced: null,
  weeklyCalls: null,
  weekdayProfile: [1.15, 1.05, 1, 1, 0.95, 0.4, 0],
  // a typical inbound day: a morning peak around 10:00–12:00 and a smaller one after lunch
  hourlyProfile: [0, 0, 0, 0, 0, 0, 0.5, 2, 6, 9, 10, 9.5, 7, 7.5, 8.5, 8, 7, 6, 4, 2.5, 1.5, 0.5, 0, 0],
  intervalMinutes: 30,
  ahtSeconds: 300,
  targetAnswerSeconds: 20,
  serviceLevel: 0.8,
  maxOccupancy: null,
  asaSeconds: null,
  patienceSeconds: null,
  shrinkage: 0.3,
  seatSharing: 1,
  m2PerSeat: 10,
  annualAttritionRate: 0.3,
  trainingWeeks: 4,
});

/** Every editable field; all optional on PATCH, companyName and activity required on create. */
const editable = {
  companyName: z.string(say('must be a name')).trim().min(1, { error: 'is required' }).max(200, { error: 'must have at most 200 characters' }),
  employerId: z.uuid({ error: 'must be the id of an employer of the territory' }).nullable(),
  contactName: z.string(say('must be a name')).trim().max(200, { error: 'must have at most 200 characters' }),
  contactEmail: z.email({ error: 'must be an email address such as name@example.org' }).max(320).nullable(),
  contactPhone: z.string(say('must be a phone number')).trim().max(40, { error: 'must have at most 40 characters' }).nullable(),
  activity: Activity,
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as "fr"' }), say('must be a list of language codes'))
    .max(12, { error: 'must list at most 12 languages' }),
  openingHours: OpeningHours,
  goLiveOn: isoDate.nullable(),
  jobsAnnounced: z.number(say('must be a whole number ≥ 0')).int({ error: 'must be a whole number ≥ 0' }).min(0, { error: 'must be a whole number ≥ 0' }).max(100_000).nullable(),
  forecastMode: z.enum(['profile', 'intervals'], { error: 'must be profile or intervals' }),
  weeklyCalls: between(0, 10_000_000, 'must be a number of calls between 0 and 10,000,000').nullable(),
  weekdayProfile: weights(7, 'Monday'),
  hourlyProfile: weights(24, '00:00–01:00'),
  intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)], say('must be 15, 30 or 60')),
  ahtSeconds: positiveUpTo(7200, 'must be a number of seconds > 0 and ≤ 7200'),
  targetAnswerSeconds: between(0, 3600, 'must be a number of seconds between 0 and 3600'),
  serviceLevel: between(0, 1, 'must be a fraction between 0 and 1 (0.8 = 80 %)'),
  maxOccupancy: positiveUpTo(1, 'must be a fraction > 0 and ≤ 1, or null').nullable(),
  asaSeconds: positiveUpTo(3600, 'must be a number of seconds > 0 and ≤ 3600, or null').nullable(),
  patienceSeconds: positiveUpTo(3600, 'must be a number of seconds > 0 and ≤ 3600, or null (Erlang C)').nullable(),
  shrinkage: between(0, 0.9, 'must be a fraction between 0 and 0.9 (0.3 = 30 %)'),
  seatSharing: positiveUpTo(2, 'must be a ratio > 0 and ≤ 2 (1 = one seat per agent)'),
  m2PerSeat: between(0, 100, 'must be a number of m² between 0 and 100'),
  annualAttritionRate: between(0, 5, 'must be a yearly fraction between 0 and 5 (0.3 = 30 %)'),
  trainingWeeks: z.number(say('must be a whole number of weeks between 0 and 52')).int({ error: 'must be a whole number of weeks between 0 and 52' }).min(0).max(52, { error: 'must be a whole number of weeks between 0 and 52' }),
};

export const CreateProjectBody = z.strictObject(
  {
    ...Object.fromEntries(Object.entries(editable).map(([key, schema]) => [key, schema.optional()])),
    companyName: editable.companyName,
    activity: editable.activity,
  } as { [K in keyof typeof editable]: K extends 'companyName' | 'activity' ? (typeof editable)[K] : z.ZodOptional<(typeof editable)[K]> },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'must be a JSON object') },
);
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z.strictObject(
  Object.fromEntries(Object.entries(editable).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'must be a JSON object') },
);
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const ProjectParams = TerritoryParams.extend({
  id: z.uuid({ error: 'must be a project id (UUID)' }),
});

export const ProjectListQuery = PageQuery.extend({
  stage: Stage.optional(),
  q: z.string().trim().max(100, { error: 'must have at most 100 characters' }).optional().describe('search in company and contact names'),
});

export const StageChangeBody = z.strictObject({
  to: Stage,
  note: z.string().trim().max(2000, { error: 'must have at most 2000 characters' }).optional(),
});

export const StageChange = z
  .object({
    from: Stage.nullable().describe('null for the creation'),
    to: Stage,
    byName: z.string().nullable(),
    at: z.string().describe('ISO 8601'),
    note: z.string(),
  })
  .meta({ id: 'ProjectStageChange' });

export const ProjectListItem = z
  .object({
    id: z.string(),
    companyName: z.string(),
    activity: Activity,
    stage: Stage,
    employerName: z.string().nullable(),
    jobsAnnounced: z.number().int().nullable(),
    goLiveOn: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProjectListItem' });
export const ProjectPage = pageOf(ProjectListItem);

export const Project = z
  .object({
    id: z.string(),
    territoryCode: z.string(),
    ...editable,
    // outputs are not re-validated against input bounds: plain types for serialisation
    companyName: z.string(),
    contactName: z.string(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    employerName: z.string().nullable(),
    stage: Stage,
    nextStages: z.array(Stage).describe('stages this project may move to now'),
    forecastIntervals: z.object({ count: z.number().int(), weeklyCalls: z.number() }).describe('uploaded interval rows (forecastMode intervals)'),
    stageChanges: z.array(StageChange).describe('oldest first'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

export const ForecastUploadResult = z.object({
  rows: z.number().int(),
  weeklyCalls: z.number(),
  project: Project,
});

const SweepPoint = z.object({
  agents: z.number().int(),
  serviceLevel: z.number(),
  asaSeconds: z.number().nullable(),
  occupancy: z.number(),
  abandonRate: z.number().nullable(),
  meetsTargets: z.boolean(),
});

export const Sizing = z
  .object({
    model: z.enum(['erlang-c', 'erlang-a']),
    contractHoursPerWeek: z.number(),
    intervalMinutes: z.number().int(),
    weeklyCalls: z.number(),
    intervals: z.array(
      z.object({
        weekday: z.number().int().describe('1 = Monday'),
        start: z.string().describe('HH:MM'),
        calls: z.number(),
        trafficErlangs: z.number(),
        agents: z.number().int(),
        scheduledAgents: z.number(),
        serviceLevel: z.number(),
        asaSeconds: z.number().nullable(),
        occupancy: z.number(),
        abandonRate: z.number().nullable(),
      }),
    ).describe('the opening hours and every interval with calls, in week order'),
    week: z.object({ serviceLevel: z.number().nullable(), asaSeconds: z.number().nullable(), occupancy: z.number().nullable(), abandonRate: z.number().nullable() }),
    peak: z.object({ weekday: z.number().int(), start: z.string(), calls: z.number(), trafficErlangs: z.number(), agents: z.number().int() }).nullable(),
    peakAgents: z.number().int(),
    scheduledPeak: z.number(),
    agentHours: z.number(),
    fte: z.number(),
    headcount: z.number().int(),
    seats: z.number().int(),
    floorAreaM2: z.number(),
    sweep: z.array(SweepPoint).describe('service level against agents at the peak interval'),
    hiring: z.object({
      steadyWeeklyHires: z.number(),
      totalHires: z.number(),
      peakInTraining: z.number(),
      weeks: z.array(
        z.object({
          week: z.number().int().describe('relative to go-live (0)'),
          startsOn: z.string().nullable(),
          targetInPost: z.number(),
          hires: z.number(),
          hiresRounded: z.number().int(),
          inTraining: z.number(),
          leavers: z.number(),
          inPost: z.number(),
        }),
      ),
    }),
    suggestedSites: z.array(Site).describe('sites of the territory with enough available floor area, smallest fit first'),
  })
  .meta({ id: 'ProjectSizing' });
export type Sizing = z.infer<typeof Sizing>;
