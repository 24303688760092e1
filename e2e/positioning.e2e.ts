// Journey: the counsellor of Amiens launches a positioning run, follows it until it completes, reviews
// its proposals with their explanations (one vetoed with a reason, the rest approved at once) and
// publishes them; every figure the pages show is the API's. Then the proposed candidates of one offer,
// and one proposed candidate who accepts their proposal.
// The run is a background job: the e2e server polls its queue (~2 s), so nothing here relies on timing.
import { describe, expect, it } from 'vitest';
import { desktop, displayedNumber, signIn, useJourney } from './harness.ts';

/** The company of employer@amiens.demo (the first employer of the Amiens demo call centres). */
const demoEmployerName = 'Picardie Contact SA';

type ProposalStatus = 'pending' | 'approved' | 'vetoed' | 'published' | 'accepted' | 'declined' | 'superseded';

interface Run {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  phase: string;
  progress: number;
  includeSessions: boolean;
  proposalCount: number;
  totalScore: number;
  certified: boolean;
  error: string | null;
  proposals: Record<ProposalStatus, number>;
}

interface Proposal {
  id: string;
  status: ProposalStatus;
  candidate: { id: string };
  kind: 'offer' | 'session';
  offer: { id: string; employerName: string } | null;
  score: number;
  parts: { label: string }[];
  closes: { label: string }[];
  vetoReason: string | null;
  reviewNote: string;
}

interface ProposalPage {
  items: Proposal[];
  total: number;
}

describe('positioning run reviewed by a counsellor', () => {
  const journey = useJourney({ viewport: desktop });

  it('launches a run, follows it, vetoes one proposal, approves and publishes the others; a proposed candidate accepts', async () => {
    const { page, context } = journey.browser;
    const getJson = async <T>(path: string): Promise<T> => {
      const response = await context.request.get(path);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    await signIn(page, 'counselor@amiens.demo');

    await page.getByRole('link', { name: 'Positionnement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Positionnement' }).waitFor();
    const include = page.getByRole('checkbox', { name: 'Inclure les formations' });
    expect(await include.isChecked()).toBe(true);

    // Launch: the API answers 202 with the queued run, which appears at the top of the list.
    const started = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/territories/amiens/positioning-runs');
    await page.getByRole('button', { name: 'Lancer un positionnement' }).click();
    const answer = await started;
    expect(answer.status()).toBe(202);
    const launched = (await answer.json()) as Run;
    expect(launched.includeSessions).toBe(true);
    const row = page.locator(`[data-testid="run-row"][data-run-id="${launched.id}"]`);
    await row.waitFor();

    // Follow it until it is over, noting the progress bar whenever it is on screen (the run may be
    // quick: the bar is not required, but what it shows must be a percentage).
    const percents: number[] = [];
    const deadline = Date.now() + 90_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await row.getByTestId('run-status').getAttribute('data-status')) ?? '';
      if (status !== 'queued' && status !== 'running') break;
      const value = await row.getByRole('progressbar').getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
      if (value !== null) percents.push(Number(value));
      await page.waitForTimeout(200);
    }
    const run = await getJson<Run>(`/api/positioning-runs/${launched.id}`);
    expect(run.error).toBeNull();
    expect(status).toBe('completed');
    expect(run).toEqual(expect.objectContaining({ status: 'completed', phase: 'done', progress: 100 }));
    expect(percents.every((percent) => percent >= 0 && percent <= 100)).toBe(true);
    // Finished: no bar and no cancel button any more; the row shows the API's figures.
    expect(await row.getByTestId('run-progress').count()).toBe(0);
    expect(await row.getByRole('button', { name: /Annuler/ }).count()).toBe(0);
    expect(await row.getByTestId('run-status').innerText()).toBe('Terminé');
    expect(Number((await row.getByTestId('run-proposal-count').innerText()).replace(/\D/g, ''))).toBe(run.proposalCount);
    expect(Number((await row.getByTestId('run-total-score').innerText()).replace(/\D/g, ''))).toBe(run.totalScore);
    expect(await row.getByTestId('run-certified').count()).toBe(run.certified ? 1 : 0);
    expect(run.proposalCount).toBeGreaterThanOrEqual(2); // one to veto, the rest to approve
    expect(run.proposals.pending).toBe(run.proposalCount);

    // The run's page: summary and proposals, best fit first, as the API lists them.
    await row.getByTestId('run-link').click();
    await page.waitForURL(`**/positioning/${run.id}`);
    await page.getByRole('heading', { level: 1, name: /^Positionnement du / }).waitFor();
    expect(await displayedNumber(page, 'summary-proposals')).toBe(run.proposalCount);
    expect(await displayedNumber(page, 'summary-total-score')).toBe(run.totalScore);
    expect(await page.getByTestId('summary-certified').innerText()).toBe(run.certified ? 'Certifiée' : 'Non certifiée');
    const firstPage = await getJson<ProposalPage>(`/api/positioning-runs/${run.id}/proposals?page=1&pageSize=20`);
    expect(firstPage.total).toBe(run.proposalCount);
    const rows = page.getByTestId('proposal-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-proposal-id')))).toEqual(firstPage.items.map((p) => p.id));
    expect((await page.getByTestId('proposals').getByTestId('proposal-score').allInnerTexts()).map(Number)).toEqual(firstPage.items.map((p) => p.score));

    // Why the first proposal: each explained part, in the API's words and order.
    const first = firstPage.items[0];
    const firstRow = rows.first();
    const why = firstRow.getByRole('button', { name: /^Pourquoi \?/ });
    expect(await why.getAttribute('aria-expanded')).toBe('false');
    await why.click();
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    const explanation = page.locator(`#why-${first.id}`);
    await explanation.waitFor();
    expect(first.parts.length).toBeGreaterThan(0);
    expect(await explanation.getByTestId('fit-part').allInnerTexts()).toEqual(first.parts.map((p) => expect.stringContaining(p.label)));
    expect(await explanation.getByTestId('closes-part').allInnerTexts()).toEqual(first.closes.map((p) => expect.stringContaining(p.label)));

    // Veto it: a reason is required, the note is optional.
    await firstRow.getByRole('button', { name: /^Écarter/ }).click();
    const vetoDialog = page.getByRole('dialog');
    await vetoDialog.waitFor();
    await vetoDialog.getByRole('button', { name: 'Écarter la proposition' }).click();
    await vetoDialog.getByText('Choisissez le motif.').waitFor();
    await vetoDialog.getByLabel('Motif').selectOption('not_ready');
    await vetoDialog.getByLabel('Note (facultative)').fill('Reprend une formation en septembre.');
    await vetoDialog.getByRole('button', { name: 'Écarter la proposition' }).click();
    await vetoDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => firstRow.getByTestId('proposal-status').getAttribute('data-status')).toBe('vetoed');
    expect(await firstRow.getByTestId('veto-reason').innerText()).toBe('Candidat pas encore prêt');
    const vetoed = await getJson<ProposalPage>(`/api/positioning-runs/${run.id}/proposals?status=vetoed&page=1&pageSize=20`);
    expect(vetoed.items.map((p) => [p.id, p.vetoReason, p.reviewNote])).toEqual([[first.id, 'not_ready', 'Reprend une formation en septembre.']]);

    // Approve all the others at once: the notice gives the count the API returned.
    const beforeApprove = await getJson<Run>(`/api/positioning-runs/${run.id}`);
    expect(beforeApprove.proposals.pending).toBe(run.proposalCount - 1);
    await page.getByRole('button', { name: 'Tout valider' }).click();
    const approveDialog = page.getByRole('dialog');
    await approveDialog.getByText(`Valider les ${beforeApprove.proposals.pending} propositions encore à examiner ?`).waitFor();
    const approveAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/positioning-runs/${run.id}/approve-all`));
    await approveDialog.getByRole('button', { name: 'Valider', exact: true }).click();
    const approvedCount = ((await (await approveAnswer).json()) as { count: number }).count;
    const approvedNotice = page.locator('[data-testid="bulk-notice"][data-action="approveAll"]');
    await approvedNotice.waitFor();
    expect(approvedCount).toBe(beforeApprove.proposals.pending);
    expect(Number(await approvedNotice.getAttribute('data-count'))).toBe(approvedCount);
    expect(await approvedNotice.innerText()).toContain(`${approvedCount} propositions validées.`);
    const afterApprove = await getJson<Run>(`/api/positioning-runs/${run.id}`);
    expect(afterApprove.proposals).toEqual(expect.objectContaining({ pending: 0, approved: approvedCount, vetoed: 1 }));
    await expect.poll(() => page.getByTestId('count-approved').getAttribute('data-count')).toBe(String(approvedCount));

    // Publish the approved ones: the page shows how many the candidates can now see.
    await page.getByRole('button', { name: 'Publier les propositions validées' }).click();
    const publishDialog = page.getByRole('dialog');
    await publishDialog.getByText(`Publier les ${approvedCount} propositions validées ?`, { exact: false }).waitFor();
    const publishAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/positioning-runs/${run.id}/publish`));
    await publishDialog.getByRole('button', { name: 'Publier', exact: true }).click();
    const publishedCount = ((await (await publishAnswer).json()) as { count: number }).count;
    const publishedNotice = page.locator('[data-testid="bulk-notice"][data-action="publish"]');
    await publishedNotice.waitFor();
    expect(publishedCount).toBe(approvedCount);
    expect(Number(await publishedNotice.getAttribute('data-count'))).toBe(publishedCount);
    expect(await publishedNotice.innerText()).toContain(`${publishedCount} propositions publiées`);
    const afterPublish = await getJson<Run>(`/api/positioning-runs/${run.id}`);
    expect(afterPublish.proposals).toEqual(expect.objectContaining({ pending: 0, approved: 0, vetoed: 1, published: publishedCount }));
    await expect.poll(() => page.getByTestId('count-published').getAttribute('data-count')).toBe(String(publishedCount));
    // In the table, every row but the vetoed one is published.
    const statusOfRows = () =>
      rows.evaluateAll((elements) => elements.map((e) => [e.getAttribute('data-proposal-id'), e.querySelector('[data-testid="proposal-status"]')?.getAttribute('data-status')]));
    await expect.poll(async () => (await statusOfRows()).every(([id, s]) => s === (id === first.id ? 'vetoed' : 'published'))).toBe(true);
    // Nothing is left to approve or publish.
    expect(await page.getByRole('button', { name: 'Tout valider' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Publier les propositions validées' }).isDisabled()).toBe(true);

    // The offer of a published proposal lists its proposed candidates (staff see their names).
    const published = await getJson<ProposalPage>(`/api/positioning-runs/${run.id}/proposals?status=published&page=1&pageSize=100`);
    // Accepting an offer discloses the candidate to its employer: keep away from the demo employer
    // account's company (the employer journey, on the same server, expects no disclosed identity).
    const chosen = published.items.find((p) => p.kind === 'offer' && p.offer!.employerName !== demoEmployerName) ?? published.items.find((p) => p.kind === 'session');
    if (!chosen) throw new Error(`no published proposal to answer: ${JSON.stringify(published.items.map((p) => [p.kind, p.offer?.employerName]))}`);
    if (chosen.kind === 'offer') {
      const offerId = chosen.offer!.id;
      const forOffer = await getJson<{ items: { score: number; identity: { firstName: string; lastName: string } | null }[] }>(`/api/offers/${offerId}/proposals`);
      expect(forOffer.items.length).toBeGreaterThan(0);
      await page.goto(`/offers/${offerId}`);
      await page.getByRole('tab', { name: 'Candidats proposés' }).click();
      const table = page.getByTestId('offer-proposals');
      await table.waitFor();
      expect(await table.getByTestId('offer-proposal-row').count()).toBe(forOffer.items.length);
      expect(await table.getByTestId('candidate-identity').allInnerTexts()).toEqual(forOffer.items.map((i) => `${i.identity!.lastName.toLocaleUpperCase()} ${i.identity!.firstName}`));
      expect((await table.getByTestId('proposal-score').allInnerTexts()).map(Number)).toEqual(forOffer.items.map((i) => i.score));
    }
    await page.screenshot({ path: '/tmp/guichet-positioning.png', fullPage: true });

    // That candidate gets an account (the counsellor invites them; the e2e server hands back the
    // token), finds the proposal with its reasons under "Mes propositions" and accepts it.
    const { email } = await getJson<{ email: string | null }>(`/api/candidates/${chosen.candidate.id}`);
    expect(email).not.toBeNull();
    const invite = await context.request.post(`/api/candidates/${chosen.candidate.id}/invite`, { data: {} });
    expect(invite.status()).toBe(202);
    const { invitationToken } = (await invite.json()) as { invitationToken: string };
    const password = 'mot-de-passe-e2e';
    expect((await context.request.post('/api/candidates/verify', { data: { token: invitationToken, password } })).status()).toBe(200);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/login');
    await signIn(page, email!, password);
    await page.getByRole('link', { name: 'Mes propositions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes propositions' }).waitFor();
    const mine = await getJson<{ items: (Proposal & { applicationId: string | null; enrolment: { id: string } | null })[] }>('/api/candidates/me/proposals');
    expect(mine.items.map((p) => [p.id, p.status])).toEqual([[chosen.id, 'published']]);
    const card = page.locator(`[data-testid="my-proposal"][data-proposal-id="${chosen.id}"]`);
    await card.waitFor();
    expect(await page.getByTestId('my-proposal').count()).toBe(1);
    expect(await card.getByTestId('fit-part').allInnerTexts()).toEqual(mine.items[0].parts.map((p) => expect.stringContaining(p.label)));
    expect(Number(await card.getByTestId('proposal-score').innerText())).toBe(mine.items[0].score);
    await card.getByRole('button', { name: /^Accepter/ }).click();
    await expect.poll(() => card.getByTestId('my-proposal-status').getAttribute('data-status')).toBe('accepted');
    await card.getByTestId('my-proposal-answer').waitFor();
    const answered = (await getJson<typeof mine>('/api/candidates/me/proposals')).items[0];
    expect(answered.status).toBe('accepted');
    // accepting an offer applies to it; accepting a training asks for a seat
    if (chosen.kind === 'offer') expect(answered.applicationId).not.toBeNull();
    else expect(answered.enrolment).not.toBeNull();
  });
});
