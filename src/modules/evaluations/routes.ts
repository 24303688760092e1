import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth, staffRoles } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { CandidateIdParams } from '../candidates/schema.ts';
import { TerritoryParams } from '../territories/schema.ts';
import {
  Attempt,
  AttemptParams,
  AttemptScore,
  Item,
  ItemInput,
  ItemListQuery,
  ItemParams,
  ItemPatch,
  ResultHistory,
  RolePlayBody,
  Rubric,
  StartBody,
  SubmitBody,
  TestSummary,
} from './schema.ts';
import type { EvaluationService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Advisors keep the item bank of their territory. */
const bankEditors = ['admin', 'advisor'] as const;

export function evaluationRoutes(evaluations: EvaluationService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ---- the candidate's online tests ----
    r.get('/api/evaluations/tests', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['evaluations'],
        summary: 'The online tests of my territory: one per pillar (and per language), with my last score and the attempts left today',
        response: { 200: z.object({ items: z.array(TestSummary) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => ({ items: await evaluations.tests(requireAuth(request)) }),
    });

    r.post('/api/evaluations/attempts', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['evaluations'],
        summary: 'Start a test (or resume the one in progress): the questions without their answers, and the deadline',
        description: '201 for a new attempt, 200 when one in progress is resumed; 429 too_many_attempts after 3 attempts at a test in 24 hours.',
        body: StartBody,
        response: { 200: Attempt, 201: Attempt, 429: ErrorBody, ...errors },
      },
      handler: async (request, reply) => {
        const { created, attempt } = await evaluations.start(requireAuth(request), request.body);
        return reply.code(created ? 201 : 200).send(attempt);
      },
    });

    r.get('/api/evaluations/attempts/:id', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['evaluations'], summary: 'One of my attempts (to resume it)', params: AttemptParams, response: { 200: Attempt, ...errors } },
      handler: async (request) => evaluations.getAttempt(requireAuth(request), request.params.id),
    });

    r.post('/api/evaluations/attempts/:id/submit', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['evaluations'],
        summary: 'Send my answers: the server scores them (0–100) and records the result',
        description:
          'Only the typing figures are measured in the page; they must agree with the text typed and with the time the server saw ' +
          '(400 with fields "answers.N.typing" otherwise). After the deadline and 30 s of grace: 409 time_up.',
        params: AttemptParams,
        body: SubmitBody,
        response: { 200: AttemptScore, ...errors },
      },
      handler: async (request) => evaluations.submit(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/evaluations/me', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['evaluations'], summary: 'My results: the latest per pillar and language, the history and my attempts', response: { 200: ResultHistory, ...errors } },
      handler: async (request) => evaluations.myHistory(requireAuth(request)),
    });

    // ---- staff: results, role-play ----
    r.get('/api/candidates/:id/evaluations', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['evaluations'], summary: "A candidate's results history (agency staff of the territory)", params: CandidateIdParams, response: { 200: ResultHistory, ...errors } },
      handler: async (request) => evaluations.history(requireAuth(request), request.params.id),
    });

    r.get('/api/evaluations/rubrics', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['evaluations'], summary: 'Assessment grids (criteria × levels)', response: { 200: z.object({ items: z.array(Rubric) }), 401: ErrorBody, 403: ErrorBody } },
      handler: async () => evaluations.rubrics(),
    });

    r.post('/api/candidates/:id/evaluations/role-play', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['evaluations'],
        summary: 'Record a telephone role-play scored with the rubric (every criterion rated 0–4); the score is the share of the maximum',
        params: CandidateIdParams,
        body: RolePlayBody,
        response: { 201: ResultHistory, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await evaluations.assessRolePlay(requireAuth(request), request.params.id, request.body)),
    });

    // ---- item bank ----
    r.get('/api/territories/:code/evaluation-items', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['evaluations'],
        summary: 'The item bank of a territory, with the right answers (agency staff)',
        params: TerritoryParams,
        querystring: ItemListQuery,
        response: { 200: z.object({ items: z.array(Item) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => evaluations.listItems(requireAuth(request), request.params.code, request.query),
    });

    r.post('/api/territories/:code/evaluation-items', {
      config: { access: { roles: bankEditors } },
      schema: {
        tags: ['evaluations'],
        summary: 'Add an item: multiple choice, information-search task (document and accepted answers) or typing text (advisors)',
        params: TerritoryParams,
        body: ItemInput,
        response: { 201: Item, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await evaluations.createItem(requireAuth(request), request.params.code, request.body)),
    });

    r.patch('/api/evaluation-items/:id', {
      config: { access: { roles: bankEditors } },
      schema: {
        tags: ['evaluations'],
        summary: 'Change an item, or retire it (isActive false); attempts already taken keep their copy',
        params: ItemParams,
        body: ItemPatch,
        response: { 200: Item, ...errors },
      },
      handler: async (request) => evaluations.updateItem(requireAuth(request), request.params.id, request.body),
    });
  };
}
