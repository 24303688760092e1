import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';
import { IsoDate, languageList, LanguageCode, LanguageRequirement, MinScores, CefrLevel } from '../offers/schema.ts';

export const SessionMode = z.enum(['on_site', 'distance']);
export const SessionStatus = z.enum(['draft', 'published', 'cancelled']);
export const EnrolmentStatus = z.enum(['enrolled', 'waitlisted', 'withdrawn', 'completed', 'not_completed']);

export const Raise = z
  .object({
    pillar: z.enum(['telephone', 'information_search', 'it_tools', 'language']),
    languageCode: LanguageCode.nullable().default(null),
    points: z.number().int().min(1).max(100).describe('expected gain on the 0–100 score'),
  })
  .refine((r) => (r.pillar === 'language') === (r.languageCode !== null), { error: 'languageCode is set for the language pillar, and only there', path: ['languageCode'] });

export const TrainingSession = z
  .object({
    id: z.uuid(),
    trainingBodyId: z.uuid(),
    trainingBodyName: z.string(),
    title: z.string(),
    description: z.string(),
    diploma: z.string().describe("diploma or certificate it leads to ('' when none)"),
    mode: SessionMode,
    siteId: z.uuid().nullable(),
    siteName: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    startsOn: z.string(),
    endsOn: z.string(),
    hours: z.number().int().nullable(),
    seats: z.number().int(),
    seatsTaken: z.number().int(),
    waitlisted: z.number().int(),
    prerequisites: z.object({ minScores: MinScores, languages: z.array(LanguageRequirement) }),
    raises: z.array(z.object({ pillar: z.string(), languageCode: z.string().nullable(), points: z.number().int() })),
    status: SessionStatus,
    createdAt: z.string(),
    /** Candidates: their own enrolment, if any. */
    myEnrolment: z.object({ id: z.uuid(), status: EnrolmentStatus, waitlistPosition: z.number().int().nullable() }).nullable(),
  })
  .meta({ id: 'TrainingSession' });
export type TrainingSession = z.infer<typeof TrainingSession>;

const sessionFields = {
  title: z.string().trim().min(1, { error: 'give the session a title' }).max(200),
  description: z.string().max(4000),
  diploma: z.string().trim().max(200),
  mode: SessionMode,
  siteId: z.uuid().nullable(),
  communeCode: z.string().min(1).max(10).nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  hours: z.number().int().min(1).max(2000).nullable(),
  seats: z.number().int().min(1, { error: 'at least 1 seat' }).max(500),
  minScores: MinScores,
  languages: languageList,
  raises: z.array(Raise).max(8),
};

export const CreateSessionBody = z
  .object({
    ...sessionFields,
    description: sessionFields.description.default(''),
    diploma: sessionFields.diploma.default(''),
    siteId: sessionFields.siteId.default(null),
    communeCode: sessionFields.communeCode.default(null),
    hours: sessionFields.hours.default(null),
    minScores: MinScores.default({}),
    languages: languageList.default([]),
    raises: z.array(Raise).max(8).default([]),
    status: z.enum(['draft', 'published']).default('published'),
    trainingBodyId: z.uuid().optional().describe('staff only: the training body the session belongs to'),
  })
  .refine((b) => b.endsOn >= b.startsOn, { error: 'must be on or after the start date', path: ['endsOn'] })
  .refine((b) => b.mode === 'distance' || b.siteId !== null || b.communeCode !== null, { error: 'an on-site session needs a site or a commune', path: ['siteId'] });
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const UpdateSessionBody = z.object({ ...sessionFields, status: SessionStatus }).partial();
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;

export const SessionListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  mode: SessionMode.optional(),
  status: SessionStatus.optional().describe('trainers and staff; others see published sessions'),
  from: IsoDate.optional().describe('sessions ending on or after this day'),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;
export const SessionPage = pageOf(TrainingSession);

export const Enrolment = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    sessionTitle: z.string(),
    candidateId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: EnrolmentStatus,
    waitlistPosition: z.number().int().nullable().describe('1 = next to get a seat'),
    promoted: z.boolean().describe('the seat came from the waiting list'),
    requestedAt: z.string(),
    enrolledAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    grade: z.number().nullable(),
    daysPresent: z.number().int(),
    daysRecorded: z.number().int(),
  })
  .meta({ id: 'TrainingEnrolment' });
export type Enrolment = z.infer<typeof Enrolment>;

export const EnrolBody = z.object({
  candidateId: z.uuid().optional().describe('staff: the candidate to enrol'),
  candidateEmail: z.email({ error: 'must be an email address' }).optional().describe("trainers and staff: the candidate's email"),
  ignorePrerequisites: z.boolean().default(false).describe('trainers and staff: enrol even if a prerequisite is not met'),
});

export const AttendanceBody = z.object({
  day: IsoDate,
  entries: z.array(z.object({ enrolmentId: z.uuid(), present: z.boolean() })).min(1).max(500),
});
export const AttendanceQuery = z.object({ day: IsoDate });
export const AttendanceDay = z
  .object({ day: z.string(), entries: z.array(z.object({ enrolmentId: z.uuid(), present: z.boolean().nullable() })) })
  .meta({ id: 'AttendanceDay' });

export const CompletionBody = z.object({
  completed: z.boolean(),
  grade: z.number().min(0, { error: 'between 0 and 20' }).max(20, { error: 'between 0 and 20' }).nullable().default(null).describe('French 0–20 scale'),
  scores: z
    .array(
      z
        .object({
          pillar: z.enum(['telephone', 'information_search', 'it_tools', 'language']),
          languageCode: LanguageCode.nullable().default(null),
          score: z.number().int().min(0).max(100),
          cefrLevel: CefrLevel.nullable().default(null),
        })
        .refine((s) => (s.pillar === 'language') === (s.languageCode !== null), { error: 'languageCode is set for the language pillar, and only there', path: ['languageCode'] }),
    )
    .max(8)
    .default([])
    .describe('re-evaluation after the session: written as evaluation results (source "training")'),
});
