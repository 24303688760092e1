import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';

export const LanguageLevel = z.object({
  code: z.string().describe('ISO 639-1 language code'),
  level: z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']).describe('CEFR level'),
});

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

export const MyCandidateProfile = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    communeName: z.string().nullable(),
    postcode: z.string().nullable(),
    languages: z.array(LanguageLevel),
    mobilityKm: z.number().int(),
  })
  .meta({ id: 'MyCandidateProfile' });
