import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth, staffRoles } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { IdParams } from '../offers/schema.ts';
import { TerritoryParams } from '../territories/schema.ts';
import {
  AnswerBody,
  BulkResult,
  CandidateProposal,
  EmployerProposal,
  PositioningRun,
  ProposalListQuery,
  ReviewBody,
  RunListQuery,
  RunPage,
  StaffProposal,
  StaffProposalPage,
  StartRunBody,
} from './schema.ts';
import type { PositioningService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function positioningRoutes(positioning: PositioningService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ---- runs ----------------------------------------------------------------------------------------

    r.post('/api/territories/:code/positioning-runs', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['positioning'],
        summary: "Start a positioning run for the territory's candidates, offers and training seats (background job)",
        description:
          'Unpublished proposals of the territory are superseded when the run completes. One queued or running run per territory at a time (409 otherwise).',
        params: TerritoryParams,
        body: StartRunBody,
        response: { 202: PositioningRun, 409: ErrorBody, ...errors },
      },
      handler: async (request, reply) => reply.code(202).send(await positioning.start(requireAuth(request), request.params.code, request.body)),
    });

    r.post('/api/positioning-runs', {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['positioning'],
        summary: 'Start a national positioning run over every territory (admins)',
        body: StartRunBody,
        response: { 202: PositioningRun, 409: ErrorBody, ...errors },
      },
      handler: async (request, reply) => reply.code(202).send(await positioning.start(requireAuth(request), null, request.body)),
    });

    r.get('/api/territories/:code/positioning-runs', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['positioning'], summary: 'Positioning runs of the territory, newest first', params: TerritoryParams, querystring: RunListQuery, response: { 200: RunPage, ...errors } },
      handler: async (request) => positioning.list(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/positioning-runs', {
      config: { access: { roles: ['admin'] } },
      schema: { tags: ['positioning'], summary: 'National positioning runs, newest first (admins)', querystring: RunListQuery, response: { 200: RunPage, ...errors } },
      handler: async (request) => positioning.list(requireAuth(request), null, request.query),
    });

    r.get('/api/positioning-runs/:id', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['positioning'], summary: 'A run with its progress and proposal counts', params: IdParams, response: { 200: PositioningRun, ...errors } },
      handler: async (request) => positioning.get(requireAuth(request), request.params.id),
    });

    r.post('/api/positioning-runs/:id/cancel', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['positioning'],
        summary: 'Cancel a queued or running run: it stops at its next step and stores no proposal',
        params: IdParams,
        response: { 200: PositioningRun, 409: ErrorBody, ...errors },
      },
      handler: async (request) => positioning.cancel(requireAuth(request), request.params.id),
    });

    // ---- review --------------------------------------------------------------------------------------

    r.get('/api/positioning-runs/:id/proposals', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['positioning'], summary: 'Proposals of a run, best fit first', params: IdParams, querystring: ProposalListQuery, response: { 200: StaffProposalPage, ...errors } },
      handler: async (request) => positioning.proposals(requireAuth(request), request.params.id, request.query),
    });

    r.post('/api/proposals/:id/review', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['positioning'],
        summary: 'Approve a proposal, or veto it with a reason (a vetoed pair is not proposed again)',
        params: IdParams,
        body: ReviewBody,
        response: { 200: StaffProposal, 409: ErrorBody, ...errors },
      },
      handler: async (request) => positioning.review(requireAuth(request), request.params.id, request.body),
    });

    r.post('/api/positioning-runs/:id/approve-all', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['positioning'], summary: 'Approve every pending proposal of the run', params: IdParams, body: z.object({}).strict().optional(), response: { 200: BulkResult, 409: ErrorBody, ...errors } },
      handler: async (request) => ({ count: await positioning.approveAll(requireAuth(request), request.params.id) }),
    });

    r.post('/api/positioning-runs/:id/publish', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['positioning'],
        summary: 'Publish the approved proposals of the run to their candidates',
        params: IdParams,
        body: z.object({}).strict().optional(),
        response: { 200: BulkResult, 409: ErrorBody, ...errors },
      },
      handler: async (request) => ({ count: await positioning.publish(requireAuth(request), request.params.id) }),
    });

    // ---- candidates and employers ------------------------------------------------------------------

    r.get('/api/candidates/me/proposals', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['positioning'], summary: 'My proposals (published to me), with why', response: { 200: z.object({ items: z.array(CandidateProposal) }), ...errors } },
      handler: async (request) => ({ items: await positioning.mine(requireAuth(request)) }),
    });

    r.post('/api/candidates/me/proposals/:id/answer', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['positioning'],
        summary: 'Accept a proposal (applies to the offer, or enrols on the session) or decline it',
        params: IdParams,
        body: AnswerBody,
        response: { 200: CandidateProposal, 409: ErrorBody, ...errors },
      },
      handler: async (request) => positioning.answer(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/offers/:id/proposals', {
      config: { access: { roles: [...staffRoles, 'employer'] } },
      schema: {
        tags: ['positioning'],
        summary: 'Candidates proposed for an offer (published, accepted, declined), with why; identities once accepted',
        params: IdParams,
        response: { 200: z.object({ items: z.array(EmployerProposal) }), ...errors },
      },
      handler: async (request) => ({ items: await positioning.forOffer(requireAuth(request), request.params.id) }),
    });
  };
}
