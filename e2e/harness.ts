/**
 * Browser-journey harness: the real server (`guichet serve --seed-demo`) on a free port with a fresh
 * embedded database folder, and Debian chromium driven by playwright-core. Everything it starts is
 * torn down by `close()` (server process group killed, temporary folders removed).
 *
 * Environment knobs (all optional):
 * - GUICHET_E2E_REBUILD=1       rebuild the web app even when dist/web/index.html exists;
 * - GUICHET_E2E_CHROMIUM=path   another chromium binary (default /usr/bin/chromium);
 * - GUICHET_E2E_SERVER_ENTRY    another server entry script taking the same arguments as bin/guichet.mjs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const demoPassword = 'guichet-demo';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Builds the web app once (the server serves dist/web); GUICHET_E2E_REBUILD=1 forces a rebuild. */
export function ensureWebBuild(): void {
  if (existsSync(join(repoRoot, 'dist/web/index.html')) && process.env.GUICHET_E2E_REBUILD !== '1') return;
  execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'pipe' });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`guichet server exited (${server.exitCode ?? server.signalCode}) before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        const body = (await response.json()) as { status?: string };
        if (body.status === 'ok') return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`guichet server not healthy after ${timeoutMs} ms:\n${output()}`);
}

export interface Server {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The server of this run: the one started once by e2e/global-setup.ts (shared by every journey, so
 * journeys that change data use users no other journey signs in as), else a server of its own.
 */
export async function startServer(): Promise<Server> {
  const shared = inject('e2eBaseUrl');
  if (shared) return { baseUrl: shared, output: () => '(shared server: see the global setup)', stop: async () => {} };
  return startOwnServer();
}

/** Starts `node bin/guichet.mjs serve --seed-demo` on a free port with a fresh GUICHET_DATA folder. */
export async function startOwnServer(): Promise<Server> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-data-'));
  const entry = process.env.GUICHET_E2E_SERVER_ENTRY ?? join(repoRoot, 'bin/guichet.mjs');
  const { BASE_URL: _vitestBaseUrl, ...env } = process.env; // vitest sets BASE_URL=/ (STACK.md §8)
  const server = spawn(process.execPath, [entry, 'serve', '--seed-demo'], {
    cwd: repoRoot,
    // production settings, except that one-time tokens (email verification) come back in API answers: no mail is sent
    env: { ...env, PORT: String(port), GUICHET_DATA: dataDir, NODE_ENV: 'production', GUICHET_EXPOSE_TOKENS: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also ends anything it spawned
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null && server.pid) {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, () => log, 150_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => log, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A fresh chromium profile (no cookies, empty localStorage) pointed at the server. */
export async function launchBrowser(
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.GUICHET_E2E_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      baseURL: baseUrl,
      viewport: options.viewport ?? desktop,
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
      locale: 'fr-FR',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in through the login form (French labels: a fresh profile starts in French). */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-password').press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
}

/** Digits of a figure as displayed ("1 285", "16 300 m²") as a number. */
export async function displayedNumber(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  return Number(text.replace(/m²/g, '').replace(/\D/g, ''));
}

/**
 * The hooks every journey needs: the run's server and a fresh browser profile, closed afterwards.
 * Read `journey.server` and `journey.browser` inside tests (they are set by the beforeAll hook).
 */
export function useJourney(options: Parameters<typeof launchBrowser>[1] = {}): { server: Server; browser: Browser } {
  const journey = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    journey.server = await startServer();
    journey.browser = await launchBrowser(journey.server.baseUrl, options);
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
