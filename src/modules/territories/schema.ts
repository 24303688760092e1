import { z } from 'zod';

export const TerritoryCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, { error: 'must be a territory code such as "amiens"' });

export const Territory = z
  .object({
    code: z.string(),
    name: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
    currency: z.string().describe('ISO 4217'),
    contractHoursPerWeek: z.number().describe('full-time contract hours per week (35 in France, 44 in Morocco)'),
    languages: z.array(z.string()),
    timezone: z.string(),
  })
  .meta({ id: 'Territory' });
export type Territory = z.infer<typeof Territory>;

export const TerritoryParams = z.object({ code: TerritoryCode });

export const Dashboard = z
  .object({
    territory: Territory,
    counts: z.object({
      candidates: z.number().int(),
      sites: z.number().int(),
      siteAreaM2: z.number().int(),
      callCentres: z.number().int(),
      jobs: z.number().int().describe('jobs held in the call centres of the territory'),
      jobsTarget: z.number().int().nullable().describe('the next employment target not yet reached (else the last one), if any'),
      communes: z.number().int().describe('communes within the catchment area'),
    }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;
