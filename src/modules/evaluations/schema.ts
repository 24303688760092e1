import { z } from 'zod';
import { cefrLevels } from '../candidates/schema.ts';

export const pillars = ['telephone', 'information_search', 'it_tools', 'language'] as const;
export const Pillar = z.enum(pillars);
const languageCode = z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as "fr"' });

export const AttemptParams = z.object({ id: z.uuid({ error: 'must be an attempt id (uuid)' }) });
export const ItemParams = z.object({ id: z.uuid({ error: 'must be an item id (uuid)' }) });

// ---- item bank (staff) ----
const prompt = z.string().trim().min(1, { error: 'is required' }).max(4000, { error: 'must have at most 4000 characters' });
const McItem = z.strictObject({
  kind: z.literal('multiple_choice'),
  pillar: Pillar,
  languageCode,
  prompt,
  choices: z.array(z.string().trim().min(1).max(500)).min(2, { error: 'needs 2 to 8 choices' }).max(8, { error: 'needs 2 to 8 choices' }),
  correctChoice: z.number().int().min(0).describe('index of the right choice, from 0'),
});
const SearchItem = z.strictObject({
  kind: z.literal('search_task'),
  pillar: Pillar,
  languageCode,
  prompt,
  resource: z.string().trim().min(1, { error: 'is required: the document to search' }).max(20000),
  acceptedAnswers: z.array(z.string().trim().min(1).max(200)).min(1, { error: 'needs at least one accepted answer' }).max(10),
});
const TypingItem = z.strictObject({
  kind: z.literal('typing'),
  pillar: z.literal('it_tools', { error: 'typing items belong to the it_tools pillar' }),
  languageCode,
  prompt: z.string().trim().min(80, { error: 'must have at least 80 characters to copy' }).max(2000),
});
export const ItemInput = z
  .discriminatedUnion('kind', [McItem, SearchItem, TypingItem])
  .superRefine((item, ctx) => {
    if (item.kind === 'multiple_choice' && item.correctChoice >= item.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['correctChoice'], message: `must be an index of choices (0 to ${item.choices.length - 1})` });
    }
  });
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemPatch = z
  .strictObject({
    pillar: Pillar,
    languageCode,
    prompt: z.string().trim().min(1).max(4000),
    resource: z.string().trim().max(20000),
    choices: z.array(z.string().trim().min(1).max(500)).min(2).max(8),
    correctChoice: z.number().int().min(0),
    acceptedAnswers: z.array(z.string().trim().min(1).max(200)).min(1).max(10),
    isActive: z.boolean().describe('false retires the item from new tests (past attempts keep their copy)'),
  })
  .partial();

export const Item = z
  .object({
    id: z.string(),
    pillar: Pillar,
    kind: z.enum(['multiple_choice', 'search_task', 'typing']),
    languageCode: z.string(),
    prompt: z.string(),
    resource: z.string(),
    choices: z.array(z.string()),
    correctChoice: z.number().int().nullable(),
    acceptedAnswers: z.array(z.string()),
    isActive: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EvaluationItem' });

export const ItemListQuery = z.object({
  pillar: Pillar.optional(),
  languageCode: languageCode.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

// ---- tests taken by candidates ----
export const TestSummary = z
  .object({
    pillar: Pillar,
    languageCode: z.string().nullable(),
    itemCount: z.number().int(),
    timeLimitSeconds: z.number().int(),
    attemptsLeftToday: z.number().int(),
    lastScore: z.number().int().nullable(),
    lastTakenAt: z.string().nullable(),
    inProgressAttemptId: z.string().nullable(),
  })
  .meta({ id: 'EvaluationTest' });

export const StartBody = z.strictObject({ pillar: Pillar, languageCode: languageCode.optional().describe('required for the language pillar') });

export const AttemptItem = z.object({
  id: z.string(),
  kind: z.enum(['multiple_choice', 'search_task', 'typing']),
  prompt: z.string(),
  resource: z.string(),
  choices: z.array(z.string()),
});
export const Attempt = z
  .object({
    id: z.string(),
    pillar: Pillar,
    languageCode: z.string().nullable(),
    status: z.enum(['in_progress', 'scored', 'expired']),
    startedAt: z.string(),
    deadline: z.string().describe('ISO 8601: answers sent after it (plus 30 s of grace) are refused and the attempt expires'),
    timeLimitSeconds: z.number().int(),
    items: z.array(AttemptItem).describe('the questions, without their answers'),
  })
  .meta({ id: 'EvaluationAttempt' });

export const SubmitBody = z
  .strictObject({
    answers: z
      .array(
        z.strictObject({
          itemId: z.uuid(),
          choice: z.number().int().min(0).max(7).nullable().optional(),
          text: z.string().max(500).nullable().optional(),
          typing: z
            .strictObject({
              typedText: z.string().max(4000),
              elapsedMs: z.number().int().min(0).max(7_200_000).describe('measured in the page'),
              wpm: z.number().min(0).max(1000).describe('net words per minute measured in the page'),
              accuracy: z.number().min(0).max(1),
            })
            .nullable()
            .optional(),
        }),
      )
      .max(50),
  });

export const AttemptScore = z
  .object({
    attemptId: z.string(),
    pillar: Pillar,
    languageCode: z.string().nullable(),
    score: z.number().int().describe('0–100, computed by the server'),
    cefrLevel: z.enum(cefrLevels).nullable(),
    durationSeconds: z.number().int(),
    items: z.array(z.object({ itemId: z.string(), points: z.number().describe('0–1') })),
    typing: z.object({ netWpm: z.number(), accuracy: z.number() }).nullable(),
  })
  .meta({ id: 'EvaluationScore' });

// ---- results ----
export const Result = z
  .object({
    id: z.string(),
    pillar: Pillar,
    languageCode: z.string().nullable(),
    score: z.number().int(),
    cefrLevel: z.enum(cefrLevels).nullable(),
    source: z.enum(['online_test', 'assessor', 'training']),
    assessedAt: z.string(),
    assessedBy: z.string().nullable().describe('display name of the assessor'),
    rubric: z.string().nullable(),
    ratings: z.record(z.string(), z.number()).nullable(),
    comment: z.string().nullable(),
  })
  .meta({ id: 'EvaluationResult' });

const Latest = z.object({
  pillars: z.partialRecord(z.enum(['telephone', 'information_search', 'it_tools']), z.object({ score: z.number().int(), source: z.string(), assessedAt: z.string() })),
  languages: z.array(z.object({ code: z.string(), score: z.number().int(), cefrLevel: z.enum(cefrLevels).nullable(), source: z.string(), assessedAt: z.string() })),
});

export const ResultHistory = z
  .object({
    latest: Latest,
    results: z.array(Result),
    attempts: z.array(
      z.object({
        id: z.string(),
        pillar: Pillar,
        languageCode: z.string().nullable(),
        status: z.enum(['in_progress', 'scored', 'expired']),
        score: z.number().int().nullable(),
        startedAt: z.string(),
        durationSeconds: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'EvaluationHistory' });

export const Rubric = z
  .object({ id: z.string(), pillar: Pillar, criteria: z.array(z.string()), maxLevel: z.number().int() })
  .meta({ id: 'EvaluationRubric' });

export const RolePlayBody = z
  .strictObject({
    ratings: z.record(z.string(), z.number().int().min(0).max(10)).describe('criterion → level, every criterion of the rubric'),
    comment: z.string().trim().max(4000).default(''),
  });
