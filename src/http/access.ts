import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

/** Who is calling: resolved from the session cookie before any handler runs. */
export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  /** null for platform admins, who may act on every territory. */
  territoryId: string | null;
  territoryCode: string | null;
  employerId: string | null;
  trainingBodyId: string | null;
  locale: 'fr' | 'en';
  sessionTokenHash: string;
}

/**
 * Every /api route declares who may call it: `{ public: true }` or the list of roles. Territory and
 * ownership rules (an advisor sees only their territory) are checked by the services with the
 * AuthContext, because they depend on the resource.
 */
export type Access = { public: true } | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Every /api route with the access it declared: the authorisation matrix, tested role by role. */
    accessTable: { method: string; url: string; access: Access }[];
  }
}

export const SESSION_COOKIE = 'guichet_session';
/** Request header with the interface language (fr, en) for texts rendered by the server, e.g. fit explanations. */
export const LOCALE_HEADER = 'x-guichet-locale';

export const allRoles: readonly Role[] = ['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate'];
/** Agency staff: platform admins, territory advisors and employment counsellors. */
export const staffRoles: readonly Role[] = ['admin', 'advisor', 'counselor'];

export interface AccessOptions {
  /** Returns the caller for a session token, or null when the token is unknown or expired. */
  authenticate(token: string): Promise<AuthContext | null>;
}

/** Installs the route-declaration check and the authentication/role hook. */
export function registerAccessControl(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('auth', null);
  const table: FastifyInstance['accessTable'] = [];
  app.decorate('accessTable', table);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access || (!('public' in access) && access.roles.length === 0)) {
      throw new Error(`route ${String(route.method)} ${url} must declare config.access (public or roles)`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) request.auth = await options.authenticate(token);
    // the web app sends the language shown on screen; it wins over the account's stored one
    const shown = request.headers[LOCALE_HEADER];
    if (request.auth && (shown === 'fr' || shown === 'en')) request.auth = { ...request.auth, locale: shown };
    if (!access || 'public' in access) return;
    if (!request.auth) throw new UnauthenticatedError();
    if (!access.roles.includes(request.auth.role)) throw new ForbiddenError();
  });
}

/** The caller of a route that declared roles (the hook guarantees it is set). */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthenticatedError();
  return request.auth;
}
