import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allRoles, requireAuth } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { Dashboard, Territory, TerritoryParams } from './schema.ts';
import type { TerritoryService } from './service.ts';

export function territoryRoutes(territories: TerritoryService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/territories', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['territories'],
        summary: 'Territories the caller may act on (all for admins, their own for others)',
        response: { 200: z.object({ items: z.array(Territory) }), 401: ErrorBody },
      },
      handler: async (request) => ({ items: await territories.list(requireAuth(request)) }),
    });

    r.get('/api/territories/:code/dashboard', {
      config: { access: { roles: ['admin', 'advisor', 'counselor', 'employer', 'trainer'] } },
      schema: {
        tags: ['territories'],
        summary: 'Key counts of a territory: labour pool, hosting sites, call centres, jobs vs target',
        params: TerritoryParams,
        response: { 200: Dashboard, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => territories.dashboard(requireAuth(request), request.params.code),
    });
  };
}
