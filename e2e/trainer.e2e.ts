// Journey: a trainer publishes a one-seat session, enrols a candidate by email, and the waiting list
// takes over when the seat runs out; a withdrawal hands the seat to the first person waiting.
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, desktop, launchBrowser, signIn, startServer, type Browser, type Server } from './harness.ts';

interface EnrolmentAnswer {
  email: string | null;
  status: string;
  waitlistPosition: number | null;
  promoted: boolean;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('trainer: session, enrolment, waiting list', () => {
  let server: Server;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const first = `e2e.trainee.a.${stamp}@amiens.example`;
  const second = `e2e.trainee.b.${stamp}@amiens.example`;

  beforeAll(async () => {
    server = await startServer();
    // Two candidates of the territory with known emails, recorded by an advisor through the API.
    const staff = await request.newContext({ baseURL: server.baseUrl });
    expect((await staff.post('/api/auth/login', { data: { email: 'advisor@amiens.demo', password: demoPassword } })).status()).toBe(200);
    for (const [email, firstName] of [
      [first, 'Inès'],
      [second, 'Hugo'],
    ]) {
      const res = await staff.post('/api/territories/amiens/candidates', { data: { firstName, lastName: `Essai${stamp}`, email, consents: { processing: true } } });
      expect(res.status(), await res.text()).toBe(201);
    }
    await staff.dispose();
    browser = await launchBrowser(server.baseUrl, { viewport: desktop });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('publishes a session, enrols, waitlists and promotes', async () => {
    const { page, context } = browser;
    await signIn(page, 'trainer@amiens.demo');

    await page.getByRole('link', { name: 'Formations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sessions de formation' }).waitFor();
    await page.getByTestId('new-session').click();
    await page.getByRole('heading', { level: 1, name: 'Publier une session' }).waitFor();
    await page.locator('#session-title').fill(`Téléconseil à distance ${stamp}`);
    await page.locator('#session-diploma').fill('DEUST Métiers de la relation client');
    await page.locator('#session-starts').fill(day(-1));
    await page.locator('#session-ends').fill(day(40));
    await page.locator('#session-seats').fill('1');
    await page.getByTestId('session-submit').click();
    await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/);
    const sessionId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 1, name: `Téléconseil à distance ${stamp}` }).waitFor();
    expect(await page.getByTestId('seats').innerText()).toBe('0/1 places');

    // The first candidate takes the only seat.
    await page.locator('#enrol-email').fill(first);
    await page.getByTestId('enrol').click();
    await page.getByTestId('enrol-result').getByText('Inès').waitFor();
    expect(await page.getByTestId('enrol-result').innerText()).toContain('est inscrit·e');
    await expect.poll(() => page.getByTestId('seats').innerText()).toBe('1/1 places');

    // The session is full: the second one goes on the waiting list.
    await page.locator('#enrol-email').fill(second);
    await page.getByTestId('enrol').click();
    await page.getByTestId('enrol-result').getByText('liste d’attente', { exact: false }).or(page.getByTestId('enrol-result').getByText("liste d'attente", { exact: false })).waitFor();
    expect(await page.getByTestId('enrol-result').innerText()).toContain('n° 1');
    await page.getByTestId('waitlisted').waitFor();
    const rows = page.getByTestId('enrolee');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getByTestId('enrolment-status').innerText()).toBe('Inscrit·e');
    expect(await rows.nth(1).getByTestId('enrolment-status').innerText()).toBe("Liste d'attente n° 1");
    await page.screenshot({ path: '/tmp/guichet-trainer-waitlist.png', fullPage: true });

    // The API, asked with the trainer's session, agrees with the page.
    const before = (await (await context.request.get(`/api/training-sessions/${sessionId}/enrolments`)).json()) as { items: EnrolmentAnswer[] };
    expect(before.items.map((e) => [e.email, e.status, e.waitlistPosition])).toEqual([
      [first, 'enrolled', null],
      [second, 'waitlisted', 1],
    ]);

    // The first one withdraws: the seat goes to the person waiting, at once.
    await rows.nth(0).getByRole('button', { name: 'Désinscrire' }).click();
    await expect.poll(async () => (await page.getByTestId('enrolee').filter({ hasText: 'Hugo' }).getByTestId('enrolment-status').innerText())).toBe('Inscrit·e');
    await page.getByTestId('enrolee').filter({ hasText: 'Hugo' }).getByText('place libérée par un désistement').waitFor();
    const after = (await (await context.request.get(`/api/training-sessions/${sessionId}/enrolments`)).json()) as { items: EnrolmentAnswer[] };
    expect(after.items.find((e) => e.email === second)).toMatchObject({ status: 'enrolled', promoted: true, waitlistPosition: null });
    expect(after.items.find((e) => e.email === first)).toMatchObject({ status: 'withdrawn' });
    expect(await page.getByTestId('seats').innerText()).toBe('1/1 places');

    // The enrolee list downloads as CSV.
    const csv = await context.request.get(`/api/training-sessions/${sessionId}/enrolments/export.csv`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(second);
  });
});
