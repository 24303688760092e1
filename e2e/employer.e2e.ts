// Journey: an employer posts an offer and sees a shortlist ranked by fit score, with the explained
// parts and pseudonymous references — no candidate's identity before they apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, launchBrowser, signIn, startServer, type Browser, type Server } from './harness.ts';

interface ShortlistAnswer {
  eligible: number;
  items: { candidateRef: string; score: number; identity: unknown; parts: { label: string }[] }[];
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('employer: offer and shortlist without identities', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl, { viewport: desktop });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('posts an offer and reads its shortlist', async () => {
    const { page, context } = browser;
    const title = `Conseiller clientèle ${Date.now().toString(36)}`;
    await signIn(page, 'employer@amiens.demo');

    await page.getByRole('link', { name: "Offres d'emploi" }).click();
    await page.getByRole('heading', { level: 1, name: "Offres d'emploi" }).waitFor();
    await page.getByTestId('new-offer').click();
    await page.getByRole('heading', { level: 1, name: 'Publier une offre' }).waitFor();
    // a wrong language format is caught before sending
    await page.locator('#offer-title').fill(title);
    await page.locator('#offer-start').fill(day(30));
    await page.locator('#offer-seats').fill('3');
    await page.locator('#offer-languages').fill('français');
    await page.getByTestId('offer-submit').click();
    await page.getByText('Écrivez les langues sous la forme « fr:B2 en:B1 ».').waitFor();
    await page.locator('#offer-languages').fill('fr:B1');
    await page.getByTestId('offer-submit').click();
    await page.waitForURL(/\/offers\/[0-9a-f-]{36}$/);
    const offerId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    // The shortlist tab opens first: references, scores and explained parts, no names.
    const rows = page.getByTestId('shortlist-row');
    await rows.first().waitFor();
    const api = (await (await context.request.get(`/api/offers/${offerId}/shortlist?limit=20`)).json()) as ShortlistAnswer;
    expect(api.items.length).toBeGreaterThan(0);
    expect(api.items.every((i) => i.identity === null)).toBe(true);
    expect(await rows.count()).toBe(api.items.length);
    expect(await page.getByTestId('candidate-identity').count()).toBe(0);
    const shownRefs = await page.getByTestId('candidate-ref').allInnerTexts();
    expect(shownRefs).toEqual(api.items.map((i) => i.candidateRef));
    for (const ref of shownRefs) expect(ref).toMatch(/^C-[0-9A-F]{10}$/);
    const shownScores = (await page.getByTestId('fit-score').allInnerTexts()).map(Number);
    expect(shownScores).toEqual(api.items.map((i) => i.score));
    expect(await rows.first().getByTestId('fit-part').allInnerTexts()).toEqual(api.items[0].parts.map((p) => expect.stringContaining(p.label)));
    await page.getByText('Les candidats sont désignés par une référence anonyme.', { exact: false }).waitFor();
    // nothing on the page names a candidate: the demo candidate's name is not there either
    expect(await page.locator('main').innerText()).not.toContain('Démo');
    await page.screenshot({ path: '/tmp/guichet-employer-shortlist.png' });

    // The pipeline is empty until someone applies; the offer is in the employer's list.
    await page.getByTestId('tab-pipeline').click();
    await page.getByText('Aucune candidature').waitFor();
    await page.getByRole('link', { name: '← Retour aux offres' }).click();
    await page.getByRole('link', { name: title }).waitFor();
  });
});
