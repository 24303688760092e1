import { z } from 'zod';

export const Site = z
  .object({
    id: z.string(),
    name: z.string(),
    communeName: z.string().nullable(),
    areaM2: z.number().int(),
    availableM2: z.number().int(),
    description: z.string(),
    incentives: z.array(z.string()),
  })
  .meta({ id: 'Site' });
