// Journey 1: an advisor signs in, sees the real dashboard figures of their territory, switches to English.
import { describe, expect, it } from 'vitest';
import { desktop, displayedNumber, signIn, useJourney } from './harness.ts';

interface DashboardAnswer {
  territory: { code: string; name: string };
  counts: Record<'candidates' | 'sites' | 'siteAreaM2' | 'callCentres' | 'jobs' | 'communes', number> & {
    jobsTarget: number | null;
  };
}

describe('advisor dashboard', () => {
  const journey = useJourney({ viewport: desktop });

  it('shows the counts of GET /api/territories/amiens/dashboard, then English labels', async () => {
    const { page, context } = journey.browser;
    await signIn(page, 'advisor@amiens.demo');

    // The same session cookie, asked directly: the page must show exactly these figures.
    const response = await context.request.get('/api/territories/amiens/dashboard');
    expect(response.status()).toBe(200);
    const dashboard = (await response.json()) as DashboardAnswer;

    await page.getByRole('heading', { level: 1, name: `Tableau de bord — ${dashboard.territory.name}` }).waitFor();
    for (const key of ['candidates', 'sites', 'siteAreaM2', 'callCentres', 'jobs', 'communes'] as const) {
      expect(await displayedNumber(page, `count-${key}`), key).toBe(dashboard.counts[key]);
    }
    if (dashboard.counts.jobsTarget !== null) {
      expect(await displayedNumber(page, 'count-jobsTarget')).toBe(dashboard.counts.jobsTarget);
      await page.getByRole('progressbar', { name: "Emplois créés par rapport à l'objectif" }).waitFor();
    }
    expect(await page.getByTestId('user-email').innerText()).toBe('advisor@amiens.demo');
    expect(await page.getByTestId('user-role').innerText()).toMatch(/chargé de mission/i);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // Desktop: the navigation is visible, no burger.
    expect(await page.getByTestId('burger').isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Candidats' }).waitFor();
    await page.screenshot({ path: '/tmp/guichet-dashboard-desktop.png', fullPage: true });

    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Dashboard — ${dashboard.territory.name}` }).waitFor();
    await page.getByText('Registered candidates').waitFor();
    await page.getByRole('link', { name: 'Candidates' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The choice is kept across a reload.
    await page.reload();
    await page.getByText('Registered candidates').waitFor();
    expect(await displayedNumber(page, 'count-candidates')).toBe(dashboard.counts.candidates);
    await page.screenshot({ path: '/tmp/guichet-dashboard-desktop-en.png', fullPage: true });

    // The candidates table pages through the same total as the API, and a search with no match is empty.
    await page.getByRole('link', { name: 'Candidates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr').count()).toBe(Math.min(20, dashboard.counts.candidates));
    const total = new Intl.NumberFormat('en-GB').format(dashboard.counts.candidates);
    expect(await page.getByTestId('candidates-range').innerText()).toBe(
      `1–${Math.min(20, dashboard.counts.candidates)} of ${total}`,
    );
    if (dashboard.counts.candidates > 20) {
      await page.getByRole('button', { name: 'Page 2', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await expect.poll(() => page.getByTestId('candidates-range').innerText()).toMatch(/^21–/);
    }
    await page.getByLabel('Search candidates').fill('zz-no-such-candidate');
    await page.getByTestId('candidates-empty').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('zz-no-such-candidate');
  });
});
