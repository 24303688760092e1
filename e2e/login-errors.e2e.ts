// Journey 3: a wrong password shows the server's error; an empty or malformed email is caught inline;
// the account form checks the new password and maps the server's field error to its field.
import { describe, expect, it } from 'vitest';
import { demoPassword, signIn, useJourney } from './harness.ts';

describe('login errors', () => {
  const journey = useJourney();

  it('shows invalid credentials, then inline validation of the email', async () => {
    const { page } = journey.browser;
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

  it('maps the server field error of a password change to the field', async () => {
    const { page } = journey.browser;
    // a user no other journey signs in as: the server is shared by every journey of the run
    await signIn(page, 'counselor@tanger.demo');
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    const current = page.getByLabel(/^Mot de passe actuel/);
    const next = page.getByLabel(/^Nouveau mot de passe/);
    const confirmation = page.getByLabel(/^Confirmer le nouveau mot de passe/);
    const save = page.getByRole('button', { name: 'Enregistrer le mot de passe' });

    await current.fill('not-the-password');
    await next.fill('short');
    await confirmation.fill('different');
    await save.click();
    await page.getByText('Le mot de passe doit contenir au moins 10 caractères.').waitFor();
    await page.getByText('Les deux mots de passe ne correspondent pas.').waitFor();

    await next.fill('a-long-new-password');
    await confirmation.fill('a-long-new-password');
    await save.click();
    await page.getByText("Ce n'est pas votre mot de passe actuel.").waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');

    await current.fill(demoPassword);
    await save.click();
    await page.getByTestId('password-changed').waitFor();
  });
});
