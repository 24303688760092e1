import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth, staffRoles } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { TerritoryParams } from '../territories/schema.ts';
import { CandidateListQuery, CandidatePage, MyCandidateProfile } from './schema.ts';
import type { CandidateService } from './service.ts';

export function candidateRoutes(candidates: CandidateService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/territories/:code/candidates', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Candidates of a territory, by name, paginated (agency staff only)',
        params: TerritoryParams,
        querystring: CandidateListQuery,
        response: { 200: CandidatePage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => candidates.list(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/candidates/me', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['candidates'],
        summary: "The logged-in candidate's own profile",
        response: { 200: MyCandidateProfile, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => candidates.mine(requireAuth(request)),
    });
  };
}
