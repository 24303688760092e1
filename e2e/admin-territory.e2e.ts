// Journey 4: an admin switches territory and the dashboard follows (and remembers the choice).
import { describe, expect, it } from 'vitest';
import { displayedNumber, signIn, useJourney } from './harness.ts';

interface DashboardAnswer {
  territory: { code: string; name: string };
  counts: { candidates: number; sites: number; siteAreaM2: number; communes: number };
}

describe('admin territory switcher', () => {
  const journey = useJourney();

  it('shows the dashboard of the chosen territory', async () => {
    const { page, context } = journey.browser;
    const dashboardOf = async (code: string) => {
      const response = await context.request.get(`/api/territories/${code}/dashboard`);
      expect(response.status()).toBe(200);
      return (await response.json()) as DashboardAnswer;
    };
    const expectDashboard = async (dashboard: DashboardAnswer) => {
      await page.getByRole('heading', { level: 1, name: `Tableau de bord — ${dashboard.territory.name}` }).waitFor();
      await expect.poll(() => displayedNumber(page, 'count-candidates')).toBe(dashboard.counts.candidates);
      expect(await displayedNumber(page, 'count-sites')).toBe(dashboard.counts.sites);
      expect(await displayedNumber(page, 'count-siteAreaM2')).toBe(dashboard.counts.siteAreaM2);
      expect(await displayedNumber(page, 'count-communes')).toBe(dashboard.counts.communes);
    };

    await signIn(page, 'admin@guichet.demo');
    const territorySelect = page.getByRole('combobox', { name: 'Territoire' });
    await territorySelect.waitFor();
    const options = () =>
      territorySelect.locator('option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    await expect.poll(options).toEqual(expect.arrayContaining(['amiens', 'besancon', 'tanger']));

    await territorySelect.selectOption('amiens');
    await expectDashboard(await dashboardOf('amiens'));

    await territorySelect.selectOption('besancon');
    const besancon = await dashboardOf('besancon');
    await expectDashboard(besancon);
    expect(await page.getByTestId('current-territory').innerText()).toBe(besancon.territory.name);

    // The candidates page works on the chosen territory too.
    await page.getByRole('link', { name: 'Candidats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidats' }).waitFor();

    // The choice survives a reload.
    await page.goto('/');
    await expectDashboard(besancon);
    expect(await territorySelect.inputValue()).toBe('besancon');
  });
});
