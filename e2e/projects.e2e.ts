// Journey: an advisor records an investor project in the browser, enters its call forecast and reads
// its sizing (the figures equal the API's), plays with the what-if sliders, sees CSV errors by line and
// column, and moves the project to the proposal stage — in French, then in English.
import { describe, expect, it } from 'vitest';
import { desktop, displayedNumber, signIn, useJourney } from './harness.ts';

interface SizingAnswer {
  peakAgents: number;
  seats: number;
  floorAreaM2: number;
  fte: number;
  weeklyCalls: number;
  peak: { weekday: number; start: string; agents: number } | null;
}

describe('investor project sizing', () => {
  const journey = useJourney({ viewport: desktop });

  it('creates a project, enters a forecast and shows the API’s sizing', async () => {
    const { page, context } = journey.browser;
    await signIn(page, 'advisor@amiens.demo');

    // The list shows the territory's demo projects with their stages.
    await page.getByRole('link', { name: 'Projets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projets d’implantation' }).waitFor();
    await page.getByRole('link', { name: 'Banque Picarde en Ligne' }).waitFor();
    await page.getByTestId('stage-filter').selectOption('proposal');
    await page.waitForURL(/stage=proposal/);
    await expect.poll(() => page.getByRole('link', { name: /Picardie Contact SA/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Banque Picarde en Ligne' }).waitFor();
    await page.getByTestId('stage-filter').selectOption('');

    // Create a project.
    await page.getByRole('link', { name: 'Nouveau projet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau projet' }).waitFor();
    await page.getByRole('button', { name: 'Créer le projet' }).click();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    await page.locator('#project-company').fill('Somme Relation Client');
    await page.locator('#project-activity').selectOption('help_desk');
    await page.locator('#project-contact-email').fill('contact@somme-rc.example');
    await page.locator('#project-jobs').fill('60');
    await page.getByRole('button', { name: 'Créer le projet' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\?tab=forecast/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 1, name: 'Somme Relation Client' }).waitFor();
    expect(await page.getByTestId('project-stage').innerText()).toBe('Premier contact');

    // A CSV file with mistakes is refused line by line, and nothing is imported.
    await page.locator('label', { hasText: 'Fichier CSV par intervalle' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'forecast.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('weekday,start,calls\nmon,08:00,12\nmon,08:30,abc\nfunday,09:00,3\n'),
    });
    await page.getByRole('button', { name: 'Importer' }).click();
    const errors = page.getByTestId('csv-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('ligne 3, colonne calls : "abc" is not a number');
    expect(await errors.innerText()).toContain('ligne 4, colonne weekday');

    // The weekly volume with the default profiles.
    await page.locator('label', { hasText: 'Volume hebdomadaire et profils' }).click();
    await page.locator('#forecast-weekly-calls').fill('6000');
    await page.getByRole('button', { name: 'Enregistrer et dimensionner' }).click();
    await page.waitForURL(/tab=sizing/);
    await page.getByTestId('sizing-peakAgents').waitFor();

    // The page shows exactly the API's figures.
    const response = await context.request.get(`/api/territories/amiens/projects/${id}/sizing`);
    expect(response.status()).toBe(200);
    const sizing = (await response.json()) as SizingAnswer;
    expect(sizing.weeklyCalls).toBeCloseTo(6000, 6);
    expect(sizing.peakAgents).toBeGreaterThan(0);
    expect(await displayedNumber(page, 'sizing-peakAgents')).toBe(sizing.peakAgents);
    expect(await displayedNumber(page, 'sizing-seats')).toBe(sizing.seats);
    expect(await displayedNumber(page, 'sizing-floorAreaM2')).toBe(sizing.floorAreaM2);
    // The browser's what-if engine, at the saved values, agrees with the API.
    expect(await displayedNumber(page, 'what-if-peakAgents')).toBe(sizing.peakAgents);
    expect(await displayedNumber(page, 'what-if-seats')).toBe(sizing.seats);

    // The charts arrive lazily.
    await page.getByTestId('sizing-charts').locator('canvas').first().waitFor();
    await page.getByTestId('hiring-table').waitFor();

    // A longer AHT needs more agents, computed in the browser without a request.
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/')) requests += 1;
    });
    const aht = page.getByTestId('what-if-aht').getByRole('slider');
    await aht.focus();
    for (let i = 0; i < 30; i++) await aht.press('ArrowRight');
    await page.getByText(/^DMT : 450 s$/).waitFor();
    await expect.poll(() => displayedNumber(page, 'what-if-peakAgents')).toBeGreaterThan(sizing.peakAgents);
    expect(requests).toBe(0);
    await page.getByRole('button', { name: 'Revenir aux valeurs enregistrées' }).click();
    await expect.poll(() => displayedNumber(page, 'what-if-peakAgents')).toBe(sizing.peakAgents);
    await page.screenshot({ path: '/tmp/guichet-project-sizing.png', fullPage: true });

    // Move the project to the proposal stage, with a note kept in the history.
    await page.getByTestId('tab-stage').click();
    await page.locator('#stage-note').fill('Trois sites proposés');
    await page.getByTestId('stage-to-proposal').click();
    await expect.poll(() => page.getByTestId('stage-current').innerText()).toBe('Proposition');
    const history = page.getByTestId('stage-history');
    await history.getByText('Premier contact → Proposition').waitFor();
    await history.getByText('Trois sites proposés').waitFor();
    const project = (await (await context.request.get(`/api/territories/amiens/projects/${id}`)).json()) as { stage: string; stageChanges: unknown[] };
    expect(project.stage).toBe('proposal');
    expect(project.stageChanges).toHaveLength(2);

    // In English.
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await history.getByText('Lead → Proposal').waitFor();
    expect(await page.getByTestId('stage-current').innerText()).toBe('Proposal');
    await page.getByTestId('tab-sizing').click();
    await page.getByRole('region', { name: 'Agents at the peak', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Hiring plan' }).waitFor();
    expect(await displayedNumber(page, 'sizing-seats')).toBe(sizing.seats);
  });
});
