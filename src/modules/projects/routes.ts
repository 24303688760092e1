import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth, staffRoles } from '../../http/access.ts';
import { ValidationError } from '../../http/errors.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { TerritoryParams } from '../territories/schema.ts';
import {
  CreateProjectBody,
  ForecastUploadResult,
  Project,
  ProjectListQuery,
  ProjectPage,
  ProjectParams,
  Sizing,
  StageChangeBody,
  UpdateProjectBody,
} from './schema.ts';
import type { ProjectService } from './service.ts';

/** Staff of the territory see and edit all its projects; an employer its own company's. */
const projectRoles = [...staffRoles, 'employer'] as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A week of 15-minute rows is ~15 kB: 1 MB leaves room for comments and long numbers. */
const MAX_CSV_BYTES = 1_048_576;

export function projectRoutes(projects: ProjectService) {
  return async (app: FastifyInstance) => {
    // multipart/form-data for the CSV upload, in this plugin only
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } });
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/territories/:code/projects', {
      config: { access: { roles: projectRoles } },
      schema: {
        tags: ['projects'],
        summary: 'Investor projects of a territory, last updated first (an employer sees its own)',
        params: TerritoryParams,
        querystring: ProjectListQuery,
        response: { 200: ProjectPage, ...errors },
      },
      handler: async (request) => projects.list(requireAuth(request), request.params.code, request.query),
    });

    r.post('/api/territories/:code/projects', {
      config: { access: { roles: projectRoles } },
      schema: {
        tags: ['projects'],
        summary: 'Record a new project at the lead stage (defaults: 30-min intervals, 80 % in 20 s, 30 % shrinkage)',
        params: TerritoryParams,
        body: CreateProjectBody,
        response: { 201: Project, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await projects.create(requireAuth(request), request.params.code, request.body)),
    });

    r.get('/api/territories/:code/projects/:id', {
      config: { access: { roles: projectRoles } },
      schema: { tags: ['projects'], summary: 'One project with its stage history', params: ProjectParams, response: { 200: Project, ...errors } },
      handler: async (request) => projects.get(requireAuth(request), request.params.code, request.params.id),
    });

    r.patch('/api/territories/:code/projects/:id', {
      config: { access: { roles: projectRoles } },
      schema: {
        tags: ['projects'],
        summary: 'Change some fields of a project (company, contact, hours, forecast profile, staffing parameters)',
        params: ProjectParams,
        body: UpdateProjectBody,
        response: { 200: Project, ...errors },
      },
      handler: async (request) => projects.update(requireAuth(request), request.params.code, request.params.id, request.body),
    });

    r.post('/api/territories/:code/projects/:id/stage', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['projects'],
        summary: 'Move a project along the pipeline (agency staff); 409 invalid_stage_transition names the allowed stages',
        params: ProjectParams,
        body: StageChangeBody,
        response: { 200: Project, 409: ErrorBody, ...errors },
      },
      handler: async (request) => projects.changeStage(requireAuth(request), request.params.code, request.params.id, request.body),
    });

    r.post('/api/territories/:code/projects/:id/forecast-intervals', {
      config: { access: { roles: projectRoles } },
      schema: {
        tags: ['projects'],
        summary: 'Upload calls per interval of a typical week as CSV (multipart field "file": weekday,start,calls); all or nothing',
        description:
          'Replaces the interval forecast and switches the project to it. On any problem nothing is kept: 400 invalid_csv, ' +
          'with fields such as { "line 14, column calls": "\\"abc\\" is not a number" }.',
        consumes: ['multipart/form-data'],
        params: ProjectParams,
        response: { 200: ForecastUploadResult, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
      handler: async (request) => {
        const auth = requireAuth(request);
        if (!request.isMultipart()) throw new ValidationError({ file: 'send the CSV file as multipart/form-data in the field "file"' });
        const file = await request.file();
        if (!file || file.fieldname !== 'file') throw new ValidationError({ file: 'is required: a CSV file in the field "file"' });
        const text = (await file.toBuffer()).toString('utf8');
        return projects.uploadForecast(auth, request.params.code, request.params.id, text);
      },
    });

    r.get('/api/territories/:code/projects/:id/sizing', {
      config: { access: { roles: projectRoles } },
      schema: {
        tags: ['projects'],
        summary: "Size the project (Erlang C, or A with a patience) with the territory's contract hours; suggest sites that fit",
        params: ProjectParams,
        response: { 200: Sizing, 409: ErrorBody, ...errors },
      },
      handler: async (request) => projects.sizing(requireAuth(request), request.params.code, request.params.id),
    });
  };
}
