import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allRoles, requireAuth, staffRoles } from '../../http/access.ts';
import { CSV_EXPORT_LIMIT, CsvBody, sendCsv } from '../../http/csv.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { TerritoryParams } from '../territories/schema.ts';
import { importOffers } from './import.ts';
import { occupations } from './occupations.ts';
import {
  Application,
  ApplicationListQuery,
  ApplyBody,
  Comment,
  CommentBody,
  CreateOfferBody,
  EmployerParams,
  IdParams,
  MoveApplicationBody,
  Occupation,
  Offer,
  OfferListQuery,
  OfferPage,
  Shortlist,
  ShortlistQuery,
  Stage,
  StagesBody,
  UpdateOfferBody,
} from './schema.ts';
import type { OfferService } from './service.ts';
import { ImportReport, registerCsvBody } from '../../http/csv-import.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const posters = ['admin', 'advisor', 'employer'] as const;
const managers = [...staffRoles, 'employer'] as const;

export function offerRoutes(offers: OfferService) {
  return async (app: FastifyInstance) => {
    registerCsvBody(app);
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/occupations', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['offers'],
        summary: 'Occupations offers may use: ROME code, ISCO-08 code, labels',
        response: { 200: z.object({ items: z.array(Occupation) }), 401: ErrorBody },
      },
      handler: async (request) => {
        const locale = requireAuth(request).locale;
        return { items: occupations.map((o) => ({ code: o.rome, isco08: o.isco08, label: o.label[locale], iscoLabel: o.iscoLabel })) };
      },
    });

    r.get('/api/territories/:code/offers', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['offers'],
        summary: 'Search offers: open ones for candidates, own ones for employers, all for staff',
        params: TerritoryParams,
        querystring: OfferListQuery,
        response: { 200: OfferPage, ...errors },
      },
      handler: async (request) => offers.list(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/territories/:code/offers/export.csv', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['offers'],
        summary: 'The same search as CSV (every page)',
        params: TerritoryParams,
        querystring: OfferListQuery,
        produces: ['text/csv'],
        response: { 200: CsvBody, ...errors },
      },
      handler: async (request, reply) => {
        const page = await offers.list(requireAuth(request), request.params.code, request.query, { limit: CSV_EXPORT_LIMIT, offset: 0 });
        return sendCsv(reply, `offers-${request.params.code}.csv`, offerCsv, page.items);
      },
    });

    r.post('/api/territories/:code/offers', {
      config: { access: { roles: posters } },
      schema: {
        tags: ['offers'],
        summary: 'Post an offer for a site of the territory',
        params: TerritoryParams,
        body: CreateOfferBody,
        response: { 201: Offer, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await offers.create(requireAuth(request), request.params.code, request.body)),
    });

    r.post('/api/territories/:code/offers/import', {
      config: { access: { roles: posters } },
      schema: {
        tags: ['offers'],
        summary: 'Import offers from CSV (text/csv body): every line checked, all or nothing',
        description:
          'Columns: title, site (site name), occupation (D1408|M1704), contract (cdi|cdd|temp|work_study), work_time (full_time|part_time), ' +
          'seats, start_date (YYYY-MM-DD); optional: description, hours_per_week, languages ("fr:B2 en:B1"), min_telephone, ' +
          'min_information_search, min_it_tools, shifts ("morning evening"), status (draft|open), employer (staff: employer name). ' +
          'Answers 400 with the bad lines and columns and imports nothing if any line is wrong.',
        params: TerritoryParams,
        body: z.string().describe('CSV text'),
        consumes: ['text/csv'],
        response: { 200: ImportReport, ...errors },
      },
      handler: async (request) => importOffers({ offers }, requireAuth(request), request.params.code, request.body),
    });

    r.get('/api/offers/:id', {
      config: { access: { roles: allRoles } },
      schema: { tags: ['offers'], summary: 'One offer', params: IdParams, response: { 200: Offer, ...errors } },
      handler: async (request) => offers.get(requireAuth(request), request.params.id),
    });

    r.patch('/api/offers/:id', {
      config: { access: { roles: posters } },
      schema: { tags: ['offers'], summary: 'Edit an offer (its employer or staff)', params: IdParams, body: UpdateOfferBody, response: { 200: Offer, ...errors } },
      handler: async (request) => offers.update(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/offers/:id/shortlist', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['offers'],
        summary: 'Candidates ranked by fit score with its explained parts; identities hidden from employers until disclosed',
        params: IdParams,
        querystring: ShortlistQuery,
        response: { 200: Shortlist, ...errors },
      },
      handler: async (request) => offers.shortlist(requireAuth(request), request.params.id, request.query.limit),
    });

    r.get('/api/offers/:id/shortlist/export.csv', {
      config: { access: { roles: managers } },
      schema: { tags: ['offers'], summary: 'The shortlist as CSV', params: IdParams, querystring: ShortlistQuery, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => {
        const list = await offers.shortlist(requireAuth(request), request.params.id, request.query.limit);
        return sendCsv(reply, `shortlist-${request.params.id}.csv`, shortlistCsv, list.items);
      },
    });

    r.post('/api/offers/:id/applications', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['applications'], summary: 'Apply to an open offer', params: IdParams, body: ApplyBody, response: { 201: Application, 409: ErrorBody, ...errors } },
      handler: async (request, reply) => reply.code(201).send(await offers.apply(requireAuth(request), request.params.id, request.body.message)),
    });

    r.get('/api/offers/:id/applications', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['applications'],
        summary: 'Applications to an offer (the pipeline), with fit scores',
        params: IdParams,
        querystring: ApplicationListQuery,
        response: { 200: z.object({ items: z.array(Application) }), ...errors },
      },
      handler: async (request) => ({ items: await offers.listForOffer(requireAuth(request), request.params.id, request.query.status) }),
    });

    r.get('/api/offers/:id/applications/export.csv', {
      config: { access: { roles: managers } },
      schema: { tags: ['applications'], summary: 'Applications to an offer as CSV', params: IdParams, querystring: ApplicationListQuery, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => {
        const items = await offers.listForOffer(requireAuth(request), request.params.id, request.query.status);
        return sendCsv(reply, `applications-${request.params.id}.csv`, applicationCsv, items);
      },
    });

    r.get('/api/applications/mine', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['applications'], summary: "The candidate's own applications", response: { 200: z.object({ items: z.array(Application) }), ...errors } },
      handler: async (request) => ({ items: await offers.mine(requireAuth(request)) }),
    });

    r.get('/api/applications/mine/export.csv', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['applications'], summary: "The candidate's own applications as CSV", produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => sendCsv(reply, 'my-applications.csv', applicationCsv, await offers.mine(requireAuth(request))),
    });

    r.post('/api/applications/:id/status', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['applications'],
        summary: 'Move an application: a stage or status forward, hired (creates the placement) or rejected with a reason',
        params: IdParams,
        body: MoveApplicationBody,
        response: { 200: Application, 409: ErrorBody, ...errors },
      },
      handler: async (request) => offers.move(requireAuth(request), request.params.id, request.body),
    });

    r.post('/api/applications/:id/withdraw', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['applications'], summary: 'The candidate withdraws their application', params: IdParams, response: { 200: Application, 409: ErrorBody, ...errors } },
      handler: async (request) => offers.withdraw(requireAuth(request), request.params.id),
    });

    r.get('/api/applications/:id/comments', {
      config: { access: { roles: managers } },
      schema: { tags: ['applications'], summary: 'Comments on an application (employer and staff only)', params: IdParams, response: { 200: z.object({ items: z.array(Comment) }), ...errors } },
      handler: async (request) => ({ items: await offers.comments(requireAuth(request), request.params.id) }),
    });

    r.post('/api/applications/:id/comments', {
      config: { access: { roles: managers } },
      schema: { tags: ['applications'], summary: 'Comment on an application', params: IdParams, body: CommentBody, response: { 201: Comment, ...errors } },
      handler: async (request, reply) => reply.code(201).send(await offers.addComment(requireAuth(request), request.params.id, request.body.body)),
    });

    r.get('/api/employers/:employerId/stages', {
      config: { access: { roles: managers } },
      schema: { tags: ['applications'], summary: "An employer's recruitment stages, in order", params: EmployerParams, response: { 200: z.object({ items: z.array(Stage) }), ...errors } },
      handler: async (request) => ({ items: await offers.stagesOf(requireAuth(request), request.params.employerId) }),
    });

    r.put('/api/employers/:employerId/stages', {
      config: { access: { roles: posters } },
      schema: {
        tags: ['applications'],
        summary: "Replace an employer's stages (ordered; each belongs to applied, interview or offer)",
        params: EmployerParams,
        body: StagesBody,
        response: { 200: z.object({ items: z.array(Stage) }), 409: ErrorBody, ...errors },
      },
      handler: async (request) => ({ items: await offers.replaceStages(requireAuth(request), request.params.employerId, request.body.stages) }),
    });
  };
}

const offerCsv = [
  { header: 'id', value: (o: Offer) => o.id },
  { header: 'title', value: (o: Offer) => o.title },
  { header: 'employer', value: (o: Offer) => o.employerName },
  { header: 'site', value: (o: Offer) => o.siteName },
  { header: 'commune', value: (o: Offer) => o.communeName },
  { header: 'occupation_rome', value: (o: Offer) => o.occupation.code },
  { header: 'occupation_isco08', value: (o: Offer) => o.occupation.isco08 },
  { header: 'contract', value: (o: Offer) => o.contract },
  { header: 'work_time', value: (o: Offer) => o.workTime },
  { header: 'hours_per_week', value: (o: Offer) => o.hoursPerWeek },
  { header: 'seats', value: (o: Offer) => o.seats },
  { header: 'start_date', value: (o: Offer) => o.startDate },
  { header: 'languages', value: (o: Offer) => o.languages.map((l) => `${l.code}:${l.level}`).join(' ') },
  { header: 'min_telephone', value: (o: Offer) => o.minScores.telephone },
  { header: 'min_information_search', value: (o: Offer) => o.minScores.information_search },
  { header: 'min_it_tools', value: (o: Offer) => o.minScores.it_tools },
  { header: 'shifts', value: (o: Offer) => o.shifts.join(' ') },
  { header: 'status', value: (o: Offer) => o.status },
  { header: 'applications', value: (o: Offer) => o.counts?.applications },
  { header: 'hired', value: (o: Offer) => o.counts?.hired },
];

type ShortlistItem = z.infer<typeof Shortlist>['items'][number];
const shortlistCsv = [
  { header: 'candidate_ref', value: (s: ShortlistItem) => s.candidateRef },
  { header: 'score', value: (s: ShortlistItem) => s.score },
  { header: 'distance_km', value: (s: ShortlistItem) => s.distanceKm },
  { header: 'first_name', value: (s: ShortlistItem) => s.identity?.firstName },
  { header: 'last_name', value: (s: ShortlistItem) => s.identity?.lastName },
  { header: 'application_status', value: (s: ShortlistItem) => s.application?.status },
  { header: 'parts', value: (s: ShortlistItem) => s.parts.map((p) => `${p.label} (${p.points}/${p.maxPoints})`).join('; ') },
];

const applicationCsv = [
  { header: 'id', value: (a: Application) => a.id },
  { header: 'offer', value: (a: Application) => a.offerTitle },
  { header: 'employer', value: (a: Application) => a.employerName },
  { header: 'candidate_ref', value: (a: Application) => a.candidateRef },
  { header: 'first_name', value: (a: Application) => a.identity?.firstName },
  { header: 'last_name', value: (a: Application) => a.identity?.lastName },
  { header: 'status', value: (a: Application) => a.status },
  { header: 'stage', value: (a: Application) => a.stage?.label },
  { header: 'score', value: (a: Application) => a.score },
  { header: 'rejection_reason', value: (a: Application) => a.rejectionReason },
  { header: 'applied_at', value: (a: Application) => a.createdAt },
  { header: 'status_changed_at', value: (a: Application) => a.statusChangedAt },
];
