import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allRoles, requireAuth, staffRoles } from '../../http/access.ts';
import { CSV_EXPORT_LIMIT, CsvBody, sendCsv } from '../../http/csv.ts';
import { ImportReport, registerCsvBody } from '../../http/csv-import.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { IdParams } from '../offers/schema.ts';
import { TerritoryParams } from '../territories/schema.ts';
import { importSessions } from './import.ts';
import {
  AttendanceBody,
  AttendanceDay,
  AttendanceQuery,
  CompletionBody,
  CreateSessionBody,
  EnrolBody,
  Enrolment,
  SessionListQuery,
  SessionPage,
  TrainingSession,
  UpdateSessionBody,
} from './schema.ts';
import type { TrainingService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const publishers = ['admin', 'advisor', 'trainer'] as const;
const readers = [...staffRoles, 'trainer'] as const;

export function trainingRoutes(trainings: TrainingService) {
  return async (app: FastifyInstance) => {
    registerCsvBody(app);
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/territories/:code/training-sessions', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['trainings'],
        summary: "Training sessions: a trainer's own body's, all for staff, published ones for others",
        params: TerritoryParams,
        querystring: SessionListQuery,
        response: { 200: SessionPage, ...errors },
      },
      handler: async (request) => trainings.list(requireAuth(request), request.params.code, request.query),
    });

    r.get('/api/territories/:code/training-sessions/export.csv', {
      config: { access: { roles: allRoles } },
      schema: { tags: ['trainings'], summary: 'Training sessions as CSV', params: TerritoryParams, querystring: SessionListQuery, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => {
        const page = await trainings.list(requireAuth(request), request.params.code, request.query, { limit: CSV_EXPORT_LIMIT, offset: 0 });
        return sendCsv(reply, `training-sessions-${request.params.code}.csv`, sessionCsv, page.items);
      },
    });

    r.post('/api/territories/:code/training-sessions', {
      config: { access: { roles: publishers } },
      schema: { tags: ['trainings'], summary: 'Publish a training session', params: TerritoryParams, body: CreateSessionBody, response: { 201: TrainingSession, ...errors } },
      handler: async (request, reply) => reply.code(201).send(await trainings.create(requireAuth(request), request.params.code, request.body)),
    });

    r.post('/api/territories/:code/training-sessions/import', {
      config: { access: { roles: publishers } },
      schema: {
        tags: ['trainings'],
        summary: 'Import training sessions from CSV (text/csv body): every line checked, all or nothing',
        description:
          'Columns: title, mode (on_site|distance), starts_on, ends_on (YYYY-MM-DD), seats; optional: description, diploma, site (site name), ' +
          'commune_code, hours, languages ("fr:B1"), min_telephone, min_information_search, min_it_tools, raises ("telephone:15 language/en:10"), ' +
          'status (draft|published), training_body (staff: its name).',
        params: TerritoryParams,
        body: z.string().describe('CSV text'),
        consumes: ['text/csv'],
        response: { 200: ImportReport, ...errors },
      },
      handler: async (request) => importSessions(trainings.db, requireAuth(request), request.params.code, request.body),
    });

    r.get('/api/training-sessions/:id', {
      config: { access: { roles: allRoles } },
      schema: { tags: ['trainings'], summary: 'One training session', params: IdParams, response: { 200: TrainingSession, ...errors } },
      handler: async (request) => trainings.get(requireAuth(request), request.params.id),
    });

    r.patch('/api/training-sessions/:id', {
      config: { access: { roles: publishers } },
      schema: {
        tags: ['trainings'],
        summary: 'Edit a session; more seats promote people from the waiting list',
        params: IdParams,
        body: UpdateSessionBody,
        response: { 200: TrainingSession, 409: ErrorBody, ...errors },
      },
      handler: async (request) => trainings.update(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/training-sessions/:id/enrolments', {
      config: { access: { roles: readers } },
      schema: { tags: ['trainings'], summary: 'Enrolees and waiting list of a session', params: IdParams, response: { 200: z.object({ items: z.array(Enrolment) }), ...errors } },
      handler: async (request) => ({ items: await trainings.enrolments(requireAuth(request), request.params.id) }),
    });

    r.get('/api/training-sessions/:id/enrolments/export.csv', {
      config: { access: { roles: readers } },
      schema: { tags: ['trainings'], summary: 'Enrolees as CSV', params: IdParams, produces: ['text/csv'], response: { 200: CsvBody, ...errors } },
      handler: async (request, reply) => sendCsv(reply, `enrolments-${request.params.id}.csv`, enrolmentCsv, await trainings.enrolments(requireAuth(request), request.params.id)),
    });

    r.post('/api/training-sessions/:id/enrolments', {
      config: { access: { roles: [...publishers, 'candidate'] } },
      schema: {
        tags: ['trainings'],
        summary: 'Enrol a candidate (a candidate enrols themselves): a seat if one is free, else the waiting list',
        params: IdParams,
        body: EnrolBody,
        response: { 201: Enrolment, 409: ErrorBody, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await trainings.enrol(requireAuth(request), request.params.id, request.body)),
    });

    r.get('/api/training-sessions/:id/attendance', {
      config: { access: { roles: readers } },
      schema: { tags: ['trainings'], summary: 'Attendance of one day', params: IdParams, querystring: AttendanceQuery, response: { 200: AttendanceDay, ...errors } },
      handler: async (request) => trainings.attendance(requireAuth(request), request.params.id, request.query.day),
    });

    r.put('/api/training-sessions/:id/attendance', {
      config: { access: { roles: publishers } },
      schema: { tags: ['trainings'], summary: 'Record the attendance of one day', params: IdParams, body: AttendanceBody, response: { 200: AttendanceDay, ...errors } },
      handler: async (request) => trainings.recordAttendance(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/training-enrolments/mine', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['trainings'], summary: "The candidate's own enrolments", response: { 200: z.object({ items: z.array(Enrolment) }), ...errors } },
      handler: async (request) => ({ items: await trainings.mine(requireAuth(request)) }),
    });

    r.post('/api/training-enrolments/:id/withdraw', {
      config: { access: { roles: [...publishers, 'candidate'] } },
      schema: {
        tags: ['trainings'],
        summary: 'Withdraw an enrolment; a freed seat goes to the first of the waiting list',
        params: IdParams,
        response: { 200: z.object({ enrolment: Enrolment, promoted: z.array(z.uuid()).describe('enrolments promoted from the waiting list') }), 409: ErrorBody, ...errors },
      },
      handler: async (request) => trainings.withdraw(requireAuth(request), request.params.id),
    });

    r.post('/api/training-enrolments/:id/completion', {
      config: { access: { roles: publishers } },
      schema: {
        tags: ['trainings'],
        summary: 'Record completion, grade and the re-evaluation after the session',
        params: IdParams,
        body: CompletionBody,
        response: { 200: Enrolment, 409: ErrorBody, ...errors },
      },
      handler: async (request) => trainings.complete(requireAuth(request), request.params.id, request.body),
    });

    r.get('/api/training-enrolments/:id/certificate.pdf', {
      config: { access: { roles: [...readers, 'candidate'] } },
      schema: {
        tags: ['trainings'],
        summary: 'Certificate of completion (PDF)',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('PDF document'), 409: ErrorBody, ...errors },
      },
      handler: async (request, reply) => {
        const { pdf, filename } = await trainings.certificate(requireAuth(request), request.params.id);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`).send(pdf);
      },
    });
  };
}

const sessionCsv = [
  { header: 'id', value: (s: TrainingSession) => s.id },
  { header: 'title', value: (s: TrainingSession) => s.title },
  { header: 'training_body', value: (s: TrainingSession) => s.trainingBodyName },
  { header: 'diploma', value: (s: TrainingSession) => s.diploma },
  { header: 'mode', value: (s: TrainingSession) => s.mode },
  { header: 'site', value: (s: TrainingSession) => s.siteName },
  { header: 'commune', value: (s: TrainingSession) => s.communeName },
  { header: 'starts_on', value: (s: TrainingSession) => s.startsOn },
  { header: 'ends_on', value: (s: TrainingSession) => s.endsOn },
  { header: 'hours', value: (s: TrainingSession) => s.hours },
  { header: 'seats', value: (s: TrainingSession) => s.seats },
  { header: 'seats_taken', value: (s: TrainingSession) => s.seatsTaken },
  { header: 'waitlisted', value: (s: TrainingSession) => s.waitlisted },
  { header: 'status', value: (s: TrainingSession) => s.status },
];

const enrolmentCsv = [
  { header: 'id', value: (e: Enrolment) => e.id },
  { header: 'last_name', value: (e: Enrolment) => e.lastName },
  { header: 'first_name', value: (e: Enrolment) => e.firstName },
  { header: 'email', value: (e: Enrolment) => e.email },
  { header: 'phone', value: (e: Enrolment) => e.phone },
  { header: 'status', value: (e: Enrolment) => e.status },
  { header: 'waitlist_position', value: (e: Enrolment) => e.waitlistPosition },
  { header: 'requested_at', value: (e: Enrolment) => e.requestedAt },
  { header: 'enrolled_at', value: (e: Enrolment) => e.enrolledAt },
  { header: 'days_present', value: (e: Enrolment) => e.daysPresent },
  { header: 'days_recorded', value: (e: Enrolment) => e.daysRecorded },
  { header: 'grade', value: (e: Enrolment) => e.grade },
  { header: 'completed_at', value: (e: Enrolment) => e.completedAt },
];
