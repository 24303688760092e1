import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, secureCookies: false, sessionHours: 12 });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: '-1', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    }
  });

  it('treats an empty DATABASE_URL as unset and turns secure cookies on in production', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', GUICHET_SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
  });
});

describe('GUICHET_EXPOSE_TOKENS', () => {
  it('puts one-time tokens in API answers outside production only, unless set', () => {
    expect(loadConfig({}).exposeTokens).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).exposeTokens).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GUICHET_EXPOSE_TOKENS: 'true' }).exposeTokens).toBe(true);
    expect(loadConfig({ GUICHET_EXPOSE_TOKENS: 'false' }).exposeTokens).toBe(false);
  });
});
