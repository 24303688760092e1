import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';
import { occupationCodes } from './occupations.ts';

// ---- shared vocabulary (also used by trainings and placements) -------------------------------------

export const CefrLevel = z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], { error: 'must be a CEFR level A1…C2' });
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as "fr"' });
export const LanguageRequirement = z.object({ code: LanguageCode, level: CefrLevel.describe('minimum CEFR level') });
export const languageList = z
  .array(LanguageRequirement)
  .max(6)
  .refine((l) => new Set(l.map((x) => x.code)).size === l.length, { error: 'each language at most once' });

const score = z.number().int().min(0, { error: 'must be between 0 and 100' }).max(100, { error: 'must be between 0 and 100' });
/** Minimum evaluation score per skill pillar, 0–100 (languages have their CEFR requirement). */
export const MinScores = z
  .object({ telephone: score.optional(), information_search: score.optional(), it_tools: score.optional() })
  .strict();
export const Shift = z.enum(['morning', 'afternoon', 'evening', 'night', 'weekend']);
export const Contract = z.enum(['cdi', 'cdd', 'temp', 'work_study']);
export const WorkTime = z.enum(['full_time', 'part_time']);
export const IsoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
export const IdParams = z.object({ id: z.uuid({ error: 'must be an id (uuid)' }) });

// ---- offers ----------------------------------------------------------------------------------------

export const OfferStatus = z.enum(['draft', 'open', 'closed']);
export const OccupationCode = z.enum(occupationCodes, { error: `must be one of ${occupationCodes.join(', ')} (ROME)` });

export const Occupation = z
  .object({ code: z.string(), isco08: z.string(), label: z.string(), iscoLabel: z.string() })
  .meta({ id: 'Occupation' });

export const Offer = z
  .object({
    id: z.uuid(),
    employerId: z.uuid(),
    employerName: z.string(),
    siteId: z.uuid(),
    siteName: z.string(),
    communeName: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    occupation: Occupation,
    contract: Contract,
    workTime: WorkTime,
    hoursPerWeek: z.number().nullable(),
    seats: z.number().int(),
    startDate: z.string(),
    languages: z.array(LanguageRequirement),
    minScores: MinScores,
    shifts: z.array(Shift),
    status: OfferStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Employer and staff: applications received and hires. */
    counts: z.object({ applications: z.number().int(), hired: z.number().int() }).nullable(),
    /** Candidates: their own application to this offer, if any. */
    myApplication: z.object({ id: z.uuid(), status: z.string() }).nullable(),
  })
  .meta({ id: 'Offer' });
export type Offer = z.infer<typeof Offer>;

const offerFields = {
  title: z.string().trim().min(1, { error: 'give the offer a title' }).max(200),
  description: z.string().max(8000).default(''),
  siteId: z.uuid({ error: 'choose a site of the territory' }),
  occupationCode: OccupationCode,
  contract: Contract,
  workTime: WorkTime,
  hoursPerWeek: z.number().positive().max(60).nullable().default(null),
  seats: z.number().int().min(1, { error: 'at least 1 seat' }).max(1000),
  startDate: IsoDate,
  languages: languageList.default([]),
  minScores: MinScores.default({}),
  shifts: z.array(Shift).max(5).default([]).transform((s) => [...new Set(s)]),
  status: z.enum(['draft', 'open']).default('open'),
};

export const CreateOfferBody = z.object({
  ...offerFields,
  employerId: z.uuid().optional().describe('staff only: the employer the offer is posted for'),
});
export type CreateOfferBody = z.infer<typeof CreateOfferBody>;

export const UpdateOfferBody = z
  .object({
    title: offerFields.title,
    description: z.string().max(8000),
    siteId: offerFields.siteId,
    occupationCode: OccupationCode,
    contract: Contract,
    workTime: WorkTime,
    hoursPerWeek: z.number().positive().max(60).nullable(),
    seats: offerFields.seats,
    startDate: IsoDate,
    languages: languageList,
    minScores: MinScores,
    shifts: z.array(Shift).max(5).transform((s) => [...new Set(s)]),
    status: OfferStatus,
  })
  .partial();
export type UpdateOfferBody = z.infer<typeof UpdateOfferBody>;

export const OfferListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('words of the title or description'),
  contract: Contract.optional(),
  workTime: WorkTime.optional(),
  occupation: OccupationCode.optional(),
  language: LanguageCode.optional().describe('offers requiring (or accepting) this language'),
  shift: Shift.optional(),
  siteId: z.uuid().optional(),
  status: OfferStatus.optional().describe('employer and staff; candidates only see open offers'),
  startFrom: IsoDate.optional(),
  startTo: IsoDate.optional(),
});
export type OfferListQuery = z.infer<typeof OfferListQuery>;
export const OfferPage = pageOf(Offer);

// ---- shortlist -------------------------------------------------------------------------------------

export const FitPart = z
  .object({
    code: z.string().describe('machine code of the part (pillar-met, language-missing, distance-within, …)'),
    points: z.number().int(),
    maxPoints: z.number().int(),
    blocking: z.boolean(),
    label: z.string().describe("the part explained in the caller's language"),
  })
  .meta({ id: 'FitPart' });

export const ShortlistEntry = z
  .object({
    candidateRef: z.string().describe('pseudonymous reference, stable for this employer'),
    score: z.number().int().describe('fit score 0–1000'),
    parts: z.array(FitPart),
    distanceKm: z.number(),
    /** Only once the candidate applied to, or accepted a proposal for, one of the employer's offers. */
    identity: z.object({ candidateId: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string().nullable() }).nullable(),
    application: z.object({ id: z.uuid(), status: z.string() }).nullable(),
  })
  .meta({ id: 'ShortlistEntry' });

export const Shortlist = z
  .object({
    offerId: z.uuid(),
    considered: z.number().int().describe('candidates of the territory looked at'),
    eligible: z.number().int().describe('candidates meeting every hard requirement'),
    items: z.array(ShortlistEntry),
  })
  .meta({ id: 'Shortlist' });

export const ShortlistQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

// ---- applications ----------------------------------------------------------------------------------

export const ApplicationStatus = z.enum(['applied', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']);
export const RejectionReason = z.enum(['skills', 'languages', 'availability', 'position_filled', 'candidate_declined', 'no_show', 'other']);

export const ApplyBody = z.object({ message: z.string().max(4000).default('') });

export const Stage = z.object({ id: z.uuid(), label: z.string(), status: z.enum(['applied', 'interview', 'offer']), position: z.number().int() }).meta({ id: 'Stage' });

export const Application = z
  .object({
    id: z.uuid(),
    offerId: z.uuid(),
    offerTitle: z.string(),
    employerName: z.string(),
    status: ApplicationStatus,
    stage: Stage.nullable(),
    rejectionReason: RejectionReason.nullable(),
    rejectionNote: z.string(),
    message: z.string(),
    createdAt: z.string(),
    statusChangedAt: z.string(),
    candidateRef: z.string(),
    identity: z.object({ candidateId: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string().nullable() }).nullable(),
    score: z.number().int().nullable().describe('fit score 0–1000; null when a hard requirement is not met'),
    comments: z.number().int(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

export const ApplicationListQuery = z.object({ status: ApplicationStatus.optional() });

export const MoveApplicationBody = z
  .object({
    status: ApplicationStatus.exclude(['withdrawn']).optional(),
    stageId: z.uuid().optional().describe("one of the employer's stages: sets the status it belongs to"),
    rejectionReason: RejectionReason.optional(),
    rejectionNote: z.string().max(2000).default(''),
    startedOn: IsoDate.optional().describe('hired: first day of work (default: the offer start date or today, the later)'),
  })
  .refine((b) => b.status !== undefined || b.stageId !== undefined, { error: 'give a status or a stageId', path: ['status'] })
  .refine((b) => b.status !== 'rejected' || b.rejectionReason !== undefined, { error: 'a rejection needs a reason', path: ['rejectionReason'] });
export type MoveApplicationBody = z.infer<typeof MoveApplicationBody>;

export const Comment = z
  .object({ id: z.uuid(), body: z.string(), authorName: z.string(), authorRole: z.string(), createdAt: z.string() })
  .meta({ id: 'ApplicationComment' });
export const CommentBody = z.object({ body: z.string().trim().min(1, { error: 'write something' }).max(4000) });

export const StagesBody = z.object({
  stages: z
    .array(z.object({ id: z.uuid().optional(), label: z.string().trim().min(1).max(80), status: z.enum(['applied', 'interview', 'offer']) }))
    .min(1, { error: 'keep at least one stage' })
    .max(20),
});
export const EmployerParams = z.object({ employerId: z.uuid({ error: 'must be an employer id (uuid)' }) });
