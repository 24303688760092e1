// Journey 2: a candidate cannot open the advisor's candidates page, and the API refuses it too.
import { describe, expect, it } from 'vitest';
import { signIn, useJourney } from './harness.ts';

describe('candidate and the advisor pages', () => {
  const journey = useJourney();

  it('shows access denied on /candidates and the API answers 403', async () => {
    const { page, context } = journey.browser;
    await signIn(page, 'candidate@amiens.demo');

    // Their home is their own profile, and the navigation offers no candidates link.
    await page.getByTestId('candidate-profile').waitFor();
    expect(await page.getByText('candidate@amiens.demo').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Candidats' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: "Sites d'accueil" }).count()).toBe(0);

    await page.goto('/candidates');
    await page.getByTestId('access-denied').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.locator('table').count()).toBe(0);

    const response = await context.request.get('/api/territories/amiens/candidates?page=1&pageSize=20');
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');

    // An unknown address inside the app is a 404 page, not a blank screen.
    await page.goto('/no-such-page');
    await page.getByTestId('not-found').waitFor();
  });
});
