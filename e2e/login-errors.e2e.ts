// Journey 3: a wrong password shows the server's error; an empty or malformed email is caught inline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type Browser, type Server } from './harness.ts';

describe('login errors', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows invalid credentials, then inline validation of the email', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login'); // signed out: sent to the login page
    // Labels carry Mantine's required asterisk, hence the anchored patterns.
    const email = page.getByLabel(/^Adresse e-mail/);
    const password = page.getByLabel(/^Mot de passe/);

    await email.fill('advisor@amiens.demo');
    await password.fill('not-the-password');
    await password.press('Enter');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');

    await email.fill('');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');

    await email.fill('advisor-at-amiens');
    await page.getByText('Saisissez une adresse e-mail valide').waitFor();
    await email.fill('advisor@amiens.demo');
    await expect.poll(() => email.getAttribute('aria-invalid')).not.toBe('true');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
