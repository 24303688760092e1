import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { currentMigration } from '../db/migrate.ts';
import { createJobQueue } from '../jobs/queue.ts';
import { offerRoutes } from '../modules/offers/routes.ts';
import { createOfferService } from '../modules/offers/service.ts';
import { placementJobs } from '../modules/placements/jobs.ts';
import { positioningJobs } from '../modules/positioning/jobs.ts';
import { positioningRoutes } from '../modules/positioning/routes.ts';
import { createPositioningService } from '../modules/positioning/service.ts';
import { placementRoutes } from '../modules/placements/routes.ts';
import { createPlacementService } from '../modules/placements/service.ts';
import { trainingRoutes } from '../modules/trainings/routes.ts';
import { createTrainingService } from '../modules/trainings/service.ts';
import { webhookJobs } from '../modules/webhooks/jobs.ts';
import { webhookRoutes } from '../modules/webhooks/routes.ts';
import { createWebhookService } from '../modules/webhooks/service.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { createAuthService, type Clock, systemClock } from '../modules/auth/service.ts';
import { candidateRoutes } from '../modules/candidates/routes.ts';
import { createCandidateService } from '../modules/candidates/service.ts';
import { createDuplicateService } from '../modules/candidates/duplicates.ts';
import { createCandidateImportService } from '../modules/candidates/import-service.ts';
import { evaluationRoutes } from '../modules/evaluations/routes.ts';
import { createEvaluationService } from '../modules/evaluations/service.ts';
import { projectRoutes } from '../modules/projects/routes.ts';
import { createProjectService } from '../modules/projects/service.ts';
import { siteRoutes } from '../modules/sites/routes.ts';
import { createSiteService } from '../modules/sites/service.ts';
import { territoryRoutes } from '../modules/territories/routes.ts';
import { createTerritoryService } from '../modules/territories/service.ts';
import { registerAccessControl } from './access.ts';
import { AppError, ForbiddenError } from './errors.ts';
import { ErrorBody } from './schemas.ts';

export interface AppOptions {
  database: Database;
  /** Folder of the built web app (index.html + assets); the API runs without it. */
  webDir?: string;
  secureCookies?: boolean;
  sessionHours?: number;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** Poll the job queues (the server); tests and commands leave it off and call `app.jobs.drain()`. */
  jobWorkers?: boolean;
  /** Return one-time tokens (email verification, invitation) in API answers: no email is sent yet. Off unless set (config.exposeTokens). */
  exposeTokens?: boolean;
}

/** Builds the whole HTTP application from its dependencies; `server.ts` only listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database } = options;
  const db = database.db;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    trustProxy: false,
    // request ids in logs, never in error bodies
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: any, request, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.statusCode).send({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || (err.validationContext ?? 'body');
        fields[path] ??= issue.message ?? 'is invalid';
      }
      return reply.code(400).send({ error: { code: 'validation_failed', message: 'Some fields are invalid: see "fields".', fields } });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send({ error: { code: 'internal_error', message: 'An unexpected error occurred; it has been logged.' } });
    }
    const code = status === 429 ? 'rate_limited' : status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : 'bad_request';
    return reply.code(status).send({ error: { code, message: err.message } });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // the UI library sets CSS variables in style attributes
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  // preValidation: limits may key on the parsed body (the login email)
  await app.register(fastifyRateLimit, { global: false, hook: 'preValidation' });

  // Background jobs (src/jobs) in the same database; modules register their definitions below.
  const jobs = createJobQueue({ database, workers: options.jobWorkers ?? false, logger: app.log });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());

  const auth = createAuthService({ db, clock, sessionHours: options.sessionHours ?? 12 });
  registerAccessControl(app, { authenticate: (token) => auth.authenticate(token) });

  // Cross-site form posts cannot carry JSON, and SameSite=Lax keeps the cookie off cross-site
  // sub-requests; a foreign Origin on a state-changing request is refused as well.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin && new URL(origin).host !== request.headers.host) throw new ForbiddenError('Cross-origin request refused.');
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'guichet API',
        version: options.version ?? '0.1.0',
        description:
          'One-stop shop for hosting and staffing call centres. Log in with POST /api/auth/login; the session is an httpOnly cookie. ' +
          'Errors are `{ error: { code, message, fields? } }`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'guichet_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      summary: 'Liveness, database engine and migration version',
      response: {
        200: z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']), migration: z.string().nullable() }),
        500: ErrorBody,
      },
    },
    handler: async () => ({ status: 'ok' as const, engine: database.engine, migration: await currentMigration(db) }),
  });
  r.get('/api/openapi.json', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  await app.register(authRoutes(auth, { secure: options.secureCookies ?? false }));
  await app.register(territoryRoutes(createTerritoryService({ db })));
  await app.register(candidateRoutes(createCandidateService({ db, clock, exposeTokens: options.exposeTokens ?? false }), createDuplicateService({ db, clock }), createCandidateImportService({ db })));
  await app.register(evaluationRoutes(createEvaluationService({ db, clock })));
  await app.register(siteRoutes(createSiteService({ db })));
  await app.register(projectRoutes(createProjectService({ db })));

  await app.register(offerRoutes(createOfferService({ db, jobs, clock })));
  await app.register(placementRoutes(createPlacementService({ db, clock })));
  await app.register(positioningRoutes(createPositioningService({ db, jobs })));
  await app.register(trainingRoutes(createTrainingService({ db, clock })));
  await app.register(webhookRoutes(createWebhookService({ db })));

  jobs.register([...placementJobs({ db, jobs, clock }), ...webhookJobs({ db }), ...positioningJobs({ db, clock })]);
  await jobs.start();

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // client-side routes of the single-page app get its shell; /api and missing assets get JSON
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api') && !path.startsWith('/assets/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${path}.` } });
  });

  return app;
}
