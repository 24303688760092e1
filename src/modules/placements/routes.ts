import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth, staffRoles } from '../../http/access.ts';
import { CSV_EXPORT_LIMIT, CsvBody, sendCsv } from '../../http/csv.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { IdParams } from '../offers/schema.ts';
import { TerritoryParams } from '../territories/schema.ts';
import { Checkin, CheckinListQuery, CheckinPage, Placement, PlacementListQuery, PlacementPage, RecordCheckinBody, Retention } from './schema.ts';
import type { PlacementService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function placementRoutes(placements: PlacementService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/territories/:code/placements', {
      config: { access: { roles: [...staffRoles, 'employer'] } },
      schema: { tags: ['placements'], summary: "Hires of the territory (an employer's own)", params: TerritoryParams, querystring: PlacementListQuery, response: { 200: PlacementPage, ...errors } },
      handler: async (request) => placements.list(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/territories/:code/placements/export.csv', {
      config: { access: { roles: [...staffRoles, 'employer'] } },
      schema: { tags: ['placements'], summary: 'Placements as CSV', params: TerritoryParams, querystring: PlacementListQuery, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => {
        const page = await placements.list(requireAuth(request), request.params.code, request.query, { limit: CSV_EXPORT_LIMIT, offset: 0 });
        return sendCsv(reply, `placements-${request.params.code}.csv`, placementCsv, page.items);
      },
    });

    r.get('/api/territories/:code/checkins', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['placements'], summary: 'Follow-up check-ins (due ones by default)', params: TerritoryParams, querystring: CheckinListQuery, response: { 200: CheckinPage, ...errors } },
      handler: async (request) => placements.checkins(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/territories/:code/checkins/export.csv', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['placements'], summary: 'Check-ins as CSV', params: TerritoryParams, querystring: CheckinListQuery, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => {
        const page = await placements.checkins(requireAuth(request), request.params.code, request.query, { limit: CSV_EXPORT_LIMIT, offset: 0 });
        return sendCsv(reply, `checkins-${request.params.code}.csv`, checkinCsv, page.items);
      },
    });

    r.post('/api/checkins/:id', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['placements'], summary: 'Record a check-in: still employed, or left (ends the placement)', params: IdParams, body: RecordCheckinBody, response: { 200: Checkin, 409: ErrorBody, ...errors } },
      handler: async (request) => placements.record(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/territories/:code/retention', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['placements'], summary: 'Retention of placements at 3, 6 and 12 months', params: TerritoryParams, response: { 200: Retention, ...errors } },
      handler: async (request) => placements.retention(requireAuth(request), request.params.code),
    });
  };
}

const placementCsv = [
  { header: 'id', value: (p: Placement) => p.id },
  { header: 'candidate', value: (p: Placement) => p.candidateName },
  { header: 'employer', value: (p: Placement) => p.employerName },
  { header: 'offer', value: (p: Placement) => p.offerTitle },
  { header: 'work_time', value: (p: Placement) => p.workTime },
  { header: 'contract', value: (p: Placement) => p.contract },
  { header: 'started_on', value: (p: Placement) => p.startedOn },
  { header: 'ended_on', value: (p: Placement) => p.endedOn },
  { header: 'end_reason', value: (p: Placement) => p.endReason },
  { header: 'counselor', value: (p: Placement) => p.counselorName },
];

const checkinCsv = [
  { header: 'id', value: (c: Checkin) => c.id },
  { header: 'candidate', value: (c: Checkin) => c.candidateName },
  { header: 'phone', value: (c: Checkin) => c.candidatePhone },
  { header: 'employer', value: (c: Checkin) => c.employerName },
  { header: 'offer', value: (c: Checkin) => c.offerTitle },
  { header: 'started_on', value: (c: Checkin) => c.startedOn },
  { header: 'months', value: (c: Checkin) => c.months },
  { header: 'due_on', value: (c: Checkin) => c.dueOn },
  { header: 'counselor', value: (c: Checkin) => c.counselorName },
  { header: 'outcome', value: (c: Checkin) => c.outcome },
  { header: 'left_reason', value: (c: Checkin) => c.leftReason },
  { header: 'notes', value: (c: Checkin) => c.notes },
];
