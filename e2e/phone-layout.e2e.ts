// Journey 5: on a phone-sized screen the navigation sits behind a burger menu.
import { describe, expect, it } from 'vitest';
import { phone, signIn, useJourney } from './harness.ts';

describe('phone layout', () => {
  const journey = useJourney({ viewport: phone, isMobile: true });

  it('shows the burger, which opens and closes the navigation', async () => {
    const { page } = journey.browser;
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
