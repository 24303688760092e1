// Journey: a candidate registers, verifies the email (the token comes from the API: the e2e server runs
// with GUICHET_EXPOSE_TOKENS=true), logs in, takes an online test and sees the score the server gave.
import { describe, expect, it } from 'vitest';
import { signIn, useJourney } from './harness.ts';

describe('candidate journey', () => {
  const journey = useJourney();

  it('registers, verifies, takes a test and sees the score', async () => {
    const { page, context } = journey.browser;
    const email = `e2e.${Date.now()}@example.org`;
    const password = 'mot-de-passe-e2e';

    await page.goto('/login');
    await page.getByTestId('register-link').click();
    await page.waitForURL('**/register');
    await page.getByRole('heading', { level: 1, name: 'Créer mon compte candidat' }).waitFor();

    // submitting empty shows the field errors, the consent one included
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Ce consentement est nécessaire pour créer votre compte.').waitFor();

    await page.locator('#register-territoryCode').click();
    await page.getByRole('option', { name: 'Amiens Métropole' }).click();
    await page.locator('#register-firstName').fill('Léna');
    await page.locator('#register-lastName').fill('Parcours');
    await page.locator('#register-email').fill(email);
    await page.locator('#register-password').fill(password);
    await page.locator('#register-confirm').fill(password);
    await page.locator('#register-processing').check();

    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByTestId('register-done').waitFor();
    // not active yet: the login is refused
    const early = await context.request.post('/api/auth/login', { data: { email, password } });
    expect(early.status()).toBe(401);

    await page.getByTestId('verify-link').click();
    await page.getByTestId('verify-done').waitFor();
    expect(await page.getByTestId('verify-done').innerText()).toContain(email);

    await signIn(page, email, password);
    await page.getByRole('link', { name: 'Mes tests' }).click();
    await page.waitForURL('**/tests');
    const card = page.getByTestId('test-card-telephone-fr');
    await card.waitFor();
    await card.getByRole('button', { name: 'Commencer' }).click();

    await page.getByTestId('test-in-progress').waitFor();
    const questions = page.getByTestId('test-question');
    const count = await questions.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) await questions.nth(i).getByRole('radio').first().check();
    await page.getByTestId('submit-test').click();

    const shown = await page.getByTestId('test-score').innerText();
    const score = Number(shown.replace(/\/\s*100/, '').replace(/\D/g, ''));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    // the page shows what the server recorded
    const mine = (await (await context.request.get('/api/evaluations/me')).json()) as { latest: { pillars: { telephone?: { score: number; source: string } } } };
    expect(mine.latest.pillars.telephone).toEqual(expect.objectContaining({ score, source: 'online_test' }));

    // back on the list, the last score is there
    await page.getByRole('button', { name: 'Retour aux tests' }).click();
    await expect.poll(async () => page.getByTestId('test-card-telephone-fr').innerText()).toContain(`${score} / 100`);
  });
});
