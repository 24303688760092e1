import { z } from 'zod';

/** The one error shape of the API. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('machine code: validation_failed, unauthenticated, forbidden, not_found, …'),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe('field path → what is wrong and how to fix it'),
    }),
  })
  .meta({ id: 'Error' });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, { error: 'must be 1 or more' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'must be between 1 and 200' }).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
