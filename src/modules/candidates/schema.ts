import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.ts';
import { TerritoryCode } from '../territories/schema.ts';

export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const shifts = ['morning', 'afternoon', 'evening', 'night', 'weekend'] as const;
export const workTimes = ['full_time', 'part_time', 'either'] as const;
export const contractTypes = ['cdi', 'cdd', 'temp', 'work_study'] as const;
export const educationLevels = ['none', 'vocational', 'secondary', 'short_higher', 'bachelor', 'master'] as const;
export const consentPurposes = ['processing', 'job_alerts', 'training_contact'] as const;
/** The privacy notice shown when consent is given; bump it when the notice text changes. */
export const PRIVACY_NOTICE_VERSION = '2025-01';

export const LanguageLevel = z.object({
  code: z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as "fr"' }).describe('ISO 639-1 language code'),
  level: z.enum(cefrLevels).describe('CEFR level'),
});

export const CandidateIdParams = z.object({ id: z.uuid({ error: 'must be a candidate id (uuid)' }) });
export const DocumentParams = z.object({ id: z.uuid(), documentId: z.uuid({ error: 'must be a document id (uuid)' }) });
export const MyDocumentParams = z.object({ documentId: z.uuid({ error: 'must be a document id (uuid)' }) });

export const CandidateListItem = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    communeName: z.string().nullable(),
    postcode: z.string().nullable(),
    languages: z.array(LanguageLevel),
    createdAt: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'CandidateListItem' });

export const CandidateListQuery = PageQuery.extend({
  q: z.string().trim().max(100, { error: 'must have at most 100 characters' }).optional().describe('search in first and last names'),
});

export const CandidatePage = pageOf(CandidateListItem);

const trimmed = (max: number, what = 'characters') => z.string().trim().max(max, { error: `must have at most ${max} ${what}` });
const name = z.string().trim().min(1, { error: 'is required' }).max(100, { error: 'must have at most 100 characters' });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'must have at most 254 characters' })
  .pipe(z.email({ error: 'must be an email address such as name@example.fr' }));
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{6,25}$/, { error: 'must be a phone number such as 06 12 34 56 78 or +212 6 61 23 45 67' })
  .refine((v) => v.replace(/\D/g, '').length >= 9, { error: 'must have at least 9 digits' });
const birthDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' }).refine((v) => v >= '1900-01-01' && v <= '2015-12-31', {
  error: 'must be between 1900-01-01 and 2015-12-31',
});
const communeCode = z.string().trim().min(1).max(20, { error: 'must be a commune code (INSEE code in France)' });

/** Profile fields a candidate (or staff) may set; every one optional in updates. */
export const ProfileFields = z.object({
  firstName: name,
  lastName: name,
  phone: phone.nullable(),
  birthDate: birthDate.nullable(),
  communeCode: communeCode.nullable().describe('INSEE code (France) or city code (Morocco); see the communes of the territory'),
  mobilityKm: z.number().int().min(0).max(500, { error: 'must be between 0 and 500 km' }),
  mobilityMinutes: z.number().int().min(5).max(240, { error: 'must be between 5 and 240 minutes' }).nullable(),
  languages: z.array(LanguageLevel).max(12).refine((l) => new Set(l.map((x) => x.code)).size === l.length, { error: 'must list each language once' }),
  educationLevel: z.enum(educationLevels).nullable(),
  educationDetail: trimmed(2000),
  experienceMonths: z.number().int().min(0).max(720, { error: 'must be between 0 and 720 months' }),
  experienceDetail: trimmed(2000),
  shifts: z.array(z.enum(shifts)).max(5).transform((v) => [...new Set(v)]),
  workTime: z.enum(workTimes).nullable(),
  contractWishes: z.array(z.enum(contractTypes)).max(4).transform((v) => [...new Set(v)]),
});

export const UpdateMyProfileBody = z.strictObject(ProfileFields.partial().shape);
/** Staff may also correct the email of a candidate who has no account yet. */
export const UpdateCandidateBody = z.strictObject({ ...ProfileFields.partial().shape, email: email.nullable().optional() });

export const ConsentChoice = z.object({
  processing: z.literal(true, { error: 'must be true: consent to the processing of your data for job placement is required' }),
  jobAlerts: z.boolean().default(false),
  trainingContact: z.boolean().default(false),
});

export const RegisterBody = z
  .strictObject({
    territoryCode: TerritoryCode,
    firstName: name,
    lastName: name,
    email,
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
      .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` }),
    phone: phone.optional(),
    birthDate: birthDate.optional(),
    communeCode: communeCode.optional(),
    locale: z.enum(['fr', 'en']).default('fr'),
    consents: ConsentChoice,
  });

export const RegisterResponse = z
  .object({
    status: z.literal('verification_pending'),
    verificationToken: z
      .string()
      .optional()
      .describe('Only outside production (see the route description): the token that would have been emailed.'),
  })
  .meta({ id: 'RegisterCandidateResponse' });

export const VerifyBody = z.strictObject({
  token: z.string().min(20).max(200),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(PASSWORD_MAX_LENGTH)
    .optional()
    .describe('Required for an invitation (the account has no password yet); ignored for an email verification'),
});
export const VerifyResponse = z.object({ status: z.literal('verified'), email: z.string() }).meta({ id: 'VerifyCandidateResponse' });

export const CreateCandidateBody = z
  .strictObject({
    ...ProfileFields.partial().shape,
    firstName: name,
    lastName: name,
    email: email.optional(),
    consents: ConsentChoice.describe('the consents the candidate gave to the counsellor (recorded on their behalf)'),
  });

export const InviteResponse = z
  .object({
    status: z.literal('invited'),
    invitationToken: z.string().optional().describe('Only outside production: the token that would have been emailed.'),
  })
  .meta({ id: 'InviteCandidateResponse' });

export const Consent = z
  .object({
    id: z.string(),
    purpose: z.enum(consentPurposes),
    noticeVersion: z.string(),
    givenAt: z.string(),
    withdrawnAt: z.string().nullable(),
    recordedByStaff: z.boolean(),
  })
  .meta({ id: 'Consent' });

export const ConsentBody = z.strictObject({ purpose: z.enum(consentPurposes), given: z.boolean() });

export const CandidateDocument = z
  .object({
    id: z.string(),
    kind: z.enum(['cv', 'other']),
    filename: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'CandidateDocument' });

export const CandidateProfile = z
  .object({
    id: z.string(),
    territoryCode: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birthDate: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    postcode: z.string().nullable(),
    mobilityKm: z.number().int(),
    mobilityMinutes: z.number().int().nullable(),
    languages: z.array(LanguageLevel),
    educationLevel: z.enum(educationLevels).nullable(),
    educationDetail: z.string(),
    experienceMonths: z.number().int(),
    experienceDetail: z.string(),
    shifts: z.array(z.enum(shifts)),
    workTime: z.enum(workTimes).nullable(),
    contractWishes: z.array(z.enum(contractTypes)),
    source: z.enum(['self_registration', 'staff', 'import', 'demo']),
    account: z.enum(['none', 'pending', 'active', 'disabled']).describe('the login account: none, pending (email not verified / invitation not accepted), active, disabled'),
    createdAt: z.string(),
    updatedAt: z.string(),
    anonymisedAt: z.string().nullable(),
    mergedIntoId: z.string().nullable(),
    consents: z.array(Consent),
    documents: z.array(CandidateDocument),
  })
  .meta({ id: 'CandidateProfile' });
export type CandidateProfile = z.infer<typeof CandidateProfile>;
/** Kept for the web client: GET /api/candidates/me answers the full profile. */
export const MyCandidateProfile = CandidateProfile;

export const DuplicateHint = z.object({ duplicateId: z.string(), otherCandidateId: z.string(), reasons: z.array(z.enum(['email', 'phone', 'birth_date_name'])) });
export const CreateCandidateResponse = z
  .object({ candidate: CandidateProfile, suspectedDuplicates: z.array(DuplicateHint) })
  .meta({ id: 'CreateCandidateResponse' });

export const ErasureBody = z.strictObject({
  confirm: z.literal(true, { error: 'must be true: erasure cannot be undone' }),
});
export const ErasureResponse = z
  .object({ status: z.literal('anonymised'), anonymisedAt: z.string(), documentsDeleted: z.number().int(), sessionsClosed: z.number().int() })
  .meta({ id: 'ErasureResponse' });

/** The GDPR export: everything tied to the candidate. Tables of other modules come as plain rows. */
export const CandidateExport = z
  .object({
    exportedAt: z.string(),
    candidate: CandidateProfile,
    account: z.object({ email: z.string(), locale: z.string(), isActive: z.boolean(), createdAt: z.string() }).nullable(),
    evaluationAttempts: z.array(z.record(z.string(), z.unknown())),
    evaluationResults: z.array(z.record(z.string(), z.unknown())),
    disclosures: z.array(z.object({ employer: z.string(), reason: z.string(), disclosedAt: z.string() })),
    duplicates: z.array(z.record(z.string(), z.unknown())),
    merges: z.array(z.record(z.string(), z.unknown())),
    other: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).describe('rows of other modules that reference the candidate, by table'),
  })
  .meta({ id: 'CandidateExport' });
export type CandidateExport = z.infer<typeof CandidateExport>;
