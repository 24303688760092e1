import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { TerritoryParams } from '../territories/schema.ts';
import { Site } from './schema.ts';
import type { SiteService } from './service.ts';

export function siteRoutes(sites: SiteService) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get('/api/territories/:code/sites', {
      config: { access: { roles: ['admin', 'advisor', 'counselor', 'employer'] } },
      schema: {
        tags: ['sites'],
        summary: 'Hosting sites offered by a territory, largest first',
        params: TerritoryParams,
        response: { 200: z.object({ items: z.array(Site) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => ({ items: await sites.list(requireAuth(request), request.params.code) }),
    });
  };
}
