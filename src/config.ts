import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Environment parsed once into a typed, frozen config. Every problem is reported at once, so that a
 * misconfigured deployment is fixed in one go rather than one variable per restart.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  GUICHET_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Set cookies with the Secure flag (behind HTTPS). Defaults to on when NODE_ENV=production. */
  GUICHET_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  /** Session lifetime without activity, in hours. */
  GUICHET_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  /**
   * Put one-time tokens (candidate email verification, invitation) in API answers, since no email is
   * sent yet. Defaults to on outside production (NODE_ENV other than "production"), off in production.
   */
  GUICHET_EXPOSE_TOKENS: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly secureCookies: boolean;
  readonly sessionHours: number;
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  readonly exposeTokens: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.GUICHET_DATA),
    databaseUrl: e.DATABASE_URL,
    secureCookies: e.GUICHET_SECURE_COOKIES ? e.GUICHET_SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    sessionHours: e.GUICHET_SESSION_HOURS,
    logLevel: e.LOG_LEVEL,
    exposeTokens: e.GUICHET_EXPOSE_TOKENS ? e.GUICHET_EXPOSE_TOKENS === 'true' : e.NODE_ENV !== 'production',
  });
}
