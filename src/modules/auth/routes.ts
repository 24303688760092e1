import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allRoles, requireAuth, SESSION_COOKIE } from '../../http/access.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { ChangePasswordBody, LoginBody, MeResponse } from './schema.ts';
import { toMe, type AuthService } from './service.ts';

export function authRoutes(auth: AuthService, cookie: { secure: boolean }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post('/api/auth/login', {
      config: {
        access: { public: true },
        // guessing one account's password is slowed down without locking out a shared address
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets the httpOnly session cookie',
        body: LoginBody,
        response: { 200: MeResponse, 400: ErrorBody, 401: ErrorBody },
      },
      handler: async (request, reply) => {
        const session = await auth.login({ ...request.body, userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: cookie.secure,
          path: '/',
          maxAge: session.maxAgeSeconds,
        });
        return { user: session.user };
      },
    });

    r.post('/api/auth/logout', {
      config: { access: { public: true } },
      schema: { tags: ['auth'], summary: 'Close the current session', response: { 204: z.null() } },
      handler: async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await auth.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    });

    r.get('/api/auth/me', {
      config: { access: { roles: allRoles } },
      schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: MeResponse, 401: ErrorBody } },
      handler: async (request) => ({ user: toMe(requireAuth(request)) }),
    });

    r.post('/api/auth/password', {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['auth'],
        summary: 'Change the password (other sessions of the user are closed)',
        body: ChangePasswordBody,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
      handler: async (request, reply) => {
        await auth.changePassword(requireAuth(request), request.body);
        return reply.code(204).send(null);
      },
    });
  };
}
