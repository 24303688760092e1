// Journey 5: on a phone-sized screen the navigation sits behind a burger menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, signIn, startServer, type Browser, type Server } from './harness.ts';

describe('phone layout', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl, { viewport: phone, isMobile: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the burger, which opens and closes the navigation', async () => {
    const { page } = browser;
    await signIn(page, 'advisor@amiens.demo');
    await page.getByTestId('count-candidates').waitFor();

    const burger = page.getByTestId('burger');
    expect(await burger.isVisible()).toBe(true);
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    const candidatesLink = page.getByRole('link', { name: 'Candidats' });
    expect(await candidatesLink.isVisible()).toBe(false);
    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: '/tmp/guichet-dashboard-phone.png', fullPage: true });

    await burger.click();
    await candidatesLink.waitFor({ state: 'visible' });
    expect(await burger.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: '/tmp/guichet-menu-phone.png' });

    await candidatesLink.click();
    await page.getByRole('heading', { level: 1, name: 'Candidats' }).waitFor();
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
    await candidatesLink.waitFor({ state: 'hidden' });
  });
});
