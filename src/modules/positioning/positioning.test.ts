import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const users = ['admin@guichet.demo', 'counselor@amiens.demo', 'advisor@amiens.demo', 'employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo', 'advisor@tanger.demo', 'employer@besancon.demo'];

beforeAll(async () => {
  t = await createTestApp();
  for (const email of users) cookies[email] = await t.login(email);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, email: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[email] } });
const post = (url: string, email: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[email] }, payload: payload as object });

interface Run {
  id: string;
  status: string;
  progress: number;
  certified: boolean;
  proposalCount: number;
  totalScore: number;
  cancelRequested: boolean;
  error: string | null;
  proposals: Record<string, number>;
}
interface Proposal {
  id: string;
  status: string;
  kind: 'offer' | 'session';
  candidate: { id: string };
  offer: { id: string } | null;
  session: { id: string } | null;
  targetOffer: { id: string } | null;
  score: number;
  value: number;
  parts: { code: string; points: number; maxPoints: number; blocking: boolean; label: string }[];
  closes: { code: string; blocking: boolean; label: string }[];
}

async function startRun(email = 'counselor@amiens.demo', body: object = {}): Promise<Run> {
  const res = await post('/api/territories/amiens/positioning-runs', email, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
}

async function runToEnd(body: object = {}): Promise<Run> {
  const run = await startRun('counselor@amiens.demo', body);
  const report = await t.app.jobs.drain();
  expect(report.errors).toEqual([]);
  return (await get(`/api/positioning-runs/${run.id}`, 'counselor@amiens.demo')).json();
}

async function allProposals(runId: string, email = 'counselor@amiens.demo', query = ''): Promise<Proposal[]> {
  const out: Proposal[] = [];
  for (let page = 1; ; page++) {
    const res = await get(`/api/positioning-runs/${runId}/proposals?pageSize=200&page=${page}${query}`, email);
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items);
    if (out.length >= res.json().total) return out;
  }
}

/** Candidates already in a process (the documented exclusion rule), read straight from the tables. */
async function busyCandidates(): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`
    SELECT candidate_id AS id FROM proposals WHERE status = 'published'
    UNION SELECT candidate_id FROM placements WHERE ended_on IS NULL
    UNION SELECT candidate_id FROM applications WHERE status IN ('applied', 'interview', 'offer')
    UNION SELECT te.candidate_id FROM training_enrolments te JOIN training_sessions ts ON ts.id = te.session_id
          WHERE te.status IN ('enrolled', 'waitlisted') AND ts.ends_on >= CURRENT_DATE
  `.execute(t.database.db);
  return new Set(rows.rows.map((r) => r.id));
}

async function postOffer(over: Record<string, unknown>): Promise<string> {
  const siteId = (await get('/api/territories/amiens/sites', 'advisor@amiens.demo')).json().items[0].id;
  const res = await post('/api/territories/amiens/offers', 'employer@amiens.demo', {
    title: 'Téléconseiller·ère (test de positionnement)',
    siteId,
    occupationCode: 'D1408',
    contract: 'cdi',
    workTime: 'full_time',
    seats: 2,
    startDate: '2027-03-01',
    languages: [{ code: 'fr', level: 'B2' }],
    shifts: ['morning', 'afternoon'],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('positioning runs', () => {
  let first: Run;
  let proposals: Proposal[];

  it('runs as a background job to a certified optimum, stored as pending proposals', async () => {
    const queued = await startRun();
    expect(queued).toMatchObject({ status: 'queued', progress: 0, certified: false });
    // one active run per territory
    const again = await post('/api/territories/amiens/positioning-runs', 'advisor@amiens.demo', {});
    expect(again.statusCode).toBe(409);
    expect((await t.app.jobs.drain()).errors).toEqual([]);
    first = (await get(`/api/positioning-runs/${queued.id}`, 'counselor@amiens.demo')).json();
    expect(first).toMatchObject({ status: 'completed', phase: 'done', progress: 100, certified: true, error: null });
    expect(first.proposalCount).toBeGreaterThan(0);
    expect(first.proposals.pending).toBe(first.proposalCount);

    proposals = await allProposals(first.id);
    expect(proposals).toHaveLength(first.proposalCount);
    expect(proposals.reduce((s, p) => s + p.value, 0)).toBe(first.totalScore);
    // one proposal per candidate, and never more proposals than an offer has seats
    expect(new Set(proposals.map((p) => p.candidate.id)).size).toBe(proposals.length);
    const offers = (await get('/api/territories/amiens/offers?pageSize=100', 'advisor@amiens.demo')).json().items as { id: string; seats: number }[];
    for (const o of offers) expect(proposals.filter((p) => p.offer?.id === o.id).length).toBeLessThanOrEqual(o.seats);
    for (const p of proposals) {
      // explained: the parts add up to the score, none blocking, labels in French for this counsellor
      expect(p.parts.reduce((s, x) => s + x.points, 0)).toBe(p.score);
      expect(p.parts.some((x) => x.blocking)).toBe(false);
      if (p.kind === 'offer') expect(p.value).toBe(p.score);
      else {
        expect(p.targetOffer).not.toBeNull();
        expect(p.closes.length).toBeGreaterThan(0);
        expect(p.closes.every((x) => x.blocking && x.label.startsWith('manquant'))).toBe(true);
        expect(p.value).toBeLessThanOrEqual(p.score);
      }
    }
    // best first
    const values = proposals.map((p) => p.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('keeps runs and proposals to the territory, and national runs to admins', async () => {
    expect((await get(`/api/positioning-runs/${first.id}`, 'advisor@tanger.demo')).statusCode).toBe(404);
    expect((await get(`/api/positioning-runs/${first.id}/proposals`, 'advisor@tanger.demo')).statusCode).toBe(404);
    expect((await post(`/api/proposals/${proposals[0].id}/review`, 'advisor@tanger.demo', { decision: 'approve' })).statusCode).toBe(404);
    expect((await post('/api/territories/amiens/positioning-runs', 'advisor@tanger.demo', {})).statusCode).toBe(403);
    expect((await post('/api/territories/amiens/positioning-runs', 'employer@amiens.demo', {})).statusCode).toBe(403);
    expect((await get(`/api/positioning-runs/${first.id}`, 'candidate@amiens.demo')).statusCode).toBe(403);
    expect((await post('/api/positioning-runs', 'counselor@amiens.demo', {})).statusCode).toBe(403);
    const list = await get('/api/territories/amiens/positioning-runs', 'advisor@amiens.demo');
    expect(list.json().items.map((r: Run) => r.id)).toContain(first.id);
    const bad = await post('/api/territories/amiens/positioning-runs', 'counselor@amiens.demo', { includeSessions: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('includeSessions');
  });

  it('runs nationally for an admin, each territory reviewing its own proposals', async () => {
    expect((await post('/api/positioning-runs', 'admin@guichet.demo', {})).statusCode).toBe(202);
    // runs that would supersede each other's proposals do not overlap
    expect((await post('/api/territories/tanger/positioning-runs', 'advisor@tanger.demo', {})).statusCode).toBe(409);
    expect((await post('/api/positioning-runs', 'admin@guichet.demo', {})).statusCode).toBe(409);
    expect((await t.app.jobs.drain()).errors).toEqual([]);
    const national = (await get('/api/positioning-runs', 'admin@guichet.demo')).json().items[0] as Run & { territoryCode: string | null };
    expect(national).toMatchObject({ territoryCode: null, status: 'completed', certified: true });
    const all = await allProposals(national.id, 'admin@guichet.demo');
    expect(all).toHaveLength(national.proposalCount);
    const tanger = await allProposals(national.id, 'advisor@tanger.demo');
    expect(tanger.length).toBeGreaterThan(0);
    expect(tanger.length).toBeLessThan(all.length);
    const tangerOffers = new Set(((await get('/api/territories/tanger/offers?pageSize=100', 'advisor@tanger.demo')).json().items as { id: string }[]).map((o) => o.id));
    for (const p of tanger) expect(tangerOffers.has((p.offer ?? p.targetOffer)!.id)).toBe(true);
    // a territory's staff see the national run but do not cancel it, and approve only their own proposals
    expect((await get(`/api/positioning-runs/${national.id}`, 'advisor@tanger.demo')).statusCode).toBe(200);
    expect((await post(`/api/positioning-runs/${national.id}/cancel`, 'advisor@tanger.demo')).statusCode).toBe(404);
    expect((await post(`/api/positioning-runs/${national.id}/approve-all`, 'advisor@tanger.demo')).json()).toEqual({ count: tanger.length });
    const counts = (await get(`/api/positioning-runs/${national.id}`, 'admin@guichet.demo')).json().proposals;
    expect(counts).toMatchObject({ approved: tanger.length, pending: all.length - tanger.length });
    // Tanger's staff find the national run among theirs, counted for their territory
    const listed = (await get('/api/territories/tanger/positioning-runs', 'advisor@tanger.demo')).json().items.find((r: Run) => r.id === national.id);
    expect(listed.proposals).toMatchObject({ approved: tanger.length, pending: 0 });
    // explanations follow the language shown on screen
    const en = await t.app.inject({ method: 'GET', url: `/api/positioning-runs/${national.id}/proposals?pageSize=1`, headers: { cookie: cookies['advisor@tanger.demo'], 'x-guichet-locale': 'en' } });
    expect(en.json().items[0].parts.map((p: { label: string }) => p.label)).toContainEqual(expect.stringMatching(/^(met|commute|shifts|no |any |\w+ contract|full-time|part-time)/));
    expect(en.json().items[0].parts.some((p: { label: string }) => /atteint|trajet/.test(p.label))).toBe(false);
  });

  it('gives a seat to every eligible, available candidate while an offer has free seats (optimality seen from outside)', async () => {
    // a demanding offer with more seats than eligible candidates: leaving one of them without a
    // proposal would leave value on the table
    const offerId = await postOffer({ seats: 400, minScores: { telephone: 75, it_tools: 75 }, title: 'Conseiller·ère expert·e (400 postes)' });
    const shortlist = (await get(`/api/offers/${offerId}/shortlist?limit=200`, 'advisor@amiens.demo')).json();
    expect(shortlist.eligible).toBeGreaterThan(0);
    expect(shortlist.eligible).toBeLessThan(200);
    const run = await runToEnd({ includeSessions: false });
    expect(run.certified).toBe(true);
    const got = new Set((await allProposals(run.id)).map((p) => p.candidate.id));
    const busy = await busyCandidates();
    const eligible = (shortlist.items as { identity: { candidateId: string } }[]).map((e) => e.identity.candidateId).filter((id) => !busy.has(id));
    expect(eligible.length).toBeGreaterThan(0);
    for (const id of eligible) expect(got.has(id), id).toBe(true);
    // the earlier run's unpublished proposals were superseded by this one
    const before = (await get(`/api/positioning-runs/${first.id}`, 'counselor@amiens.demo')).json();
    expect(before.proposals.pending).toBe(0);
    expect(before.proposals.superseded).toBe(first.proposalCount);
    await t.database.db.updateTable('offers').set({ status: 'closed' }).where('id', '=', offerId).execute();
  });

  it('lets a candidate see why, accept (applying, which discloses the identity to the employer) or decline', async () => {
    // the demo candidate, assessed at the top of every pillar, and a wide offer: the round proposes something to them
    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    await t.database.db.updateTable('candidates').set({ mobility_km: 200 }).where('id', '=', me.id).execute();
    await t.database.db
      .insertInto('evaluation_results')
      .values((['telephone', 'information_search', 'it_tools'] as const).map((pillar) => ({ candidate_id: me.id, pillar, score: 100, source: 'assessor' as const })))
      .execute();
    const offerId = await postOffer({ seats: 1000, languages: [], shifts: [], title: 'Conseiller·ère (1 000 postes)' });
    // the other offers are closed for this round, so that the one proposed is the employer's
    const others = await t.database.db.updateTable('offers').set({ status: 'closed' }).where('status', '=', 'open').where('id', '!=', offerId).returning('id').execute();
    const run = await runToEnd({ includeSessions: false });
    await t.database.db.updateTable('offers').set({ status: 'open' }).where('id', 'in', others.map((o) => o.id)).execute();
    const mine = (await allProposals(run.id)).find((p) => p.candidate.id === me.id);
    expect(mine, 'the demo candidate receives a proposal').toBeDefined();
    expect((await get('/api/candidates/me/proposals', 'candidate@amiens.demo')).json().items).toEqual([]); // not before publication
    await post(`/api/proposals/${mine!.id}/review`, 'counselor@amiens.demo', { decision: 'approve' });
    await post(`/api/positioning-runs/${run.id}/publish`, 'counselor@amiens.demo');

    const seen = (await get('/api/candidates/me/proposals', 'candidate@amiens.demo')).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: mine!.id, status: 'published', score: mine!.score });
    expect(seen[0].parts.map((p: { label: string }) => p.label)).toEqual(mine!.parts.map((p) => p.label));

    expect(mine!.offer!.id).toBe(offerId);
    const offer = mine!.offer!;
    const employerView = async () => (await get(`/api/offers/${offer.id}/proposals`, 'employer@amiens.demo')).json().items.find((e: { id: string }) => e.id === mine!.id);
    const before = await employerView();
    expect(before).toMatchObject({ status: 'published', identity: null, candidateRef: expect.stringMatching(/^C-[0-9A-F]{10}$/) });

    const bad = await post(`/api/candidates/me/proposals/${mine!.id}/answer`, 'candidate@amiens.demo', { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('decision');
    const accepted = await post(`/api/candidates/me/proposals/${mine!.id}/answer`, 'candidate@amiens.demo', { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', applicationId: expect.any(String) });
    expect((await post(`/api/candidates/me/proposals/${mine!.id}/answer`, 'candidate@amiens.demo', { decision: 'decline' })).statusCode).toBe(409);
    const after = await employerView();
    expect(after).toMatchObject({ status: 'accepted', identity: { candidateId: me.id }, applicationId: accepted.json().applicationId });
    const disclosure = await t.database.db.selectFrom('candidate_disclosures').selectAll().where('candidate_id', '=', me.id).where('reason', '=', 'accepted_proposal').execute();
    expect(disclosure).toHaveLength(1);
    // the application is in the employer's pipeline, with the candidate's name now disclosed
    const pipeline = (await get(`/api/offers/${offer.id}/applications`, 'employer@amiens.demo')).json();
    const application = (Array.isArray(pipeline) ? pipeline : pipeline.items).find((a: { id: string }) => a.id === accepted.json().applicationId);
    expect(application).toMatchObject({ offerId: offer.id, status: 'applied' });
    expect((await get('/api/applications/mine', 'candidate@amiens.demo')).json().items.map((a: { id: string }) => a.id)).toContain(accepted.json().applicationId);

    // other employers and other candidates do not see it
    expect((await get(`/api/offers/${offer.id}/proposals`, 'employer@besancon.demo')).statusCode).toBe(404);
    const other = await t.database.db.selectFrom('proposals').select('id').where('run_id', '=', run.id).where('candidate_id', '!=', me.id).executeTakeFirstOrThrow();
    expect((await post(`/api/candidates/me/proposals/${other.id}/answer`, 'candidate@amiens.demo', { decision: 'accept' })).statusCode).toBe(404);

    // after withdrawing that application the candidate is available again; declining the next proposal
    // keeps that pair out of later rounds
    expect((await post(`/api/applications/${accepted.json().applicationId}/withdraw`, 'candidate@amiens.demo')).statusCode).toBe(200);
    const onlyOurs = async () => {
      const closed = await t.database.db.updateTable('offers').set({ status: 'closed' }).where('status', '=', 'open').where('id', '!=', offerId).returning('id').execute();
      const r = await runToEnd({ includeSessions: false });
      if (closed.length) await t.database.db.updateTable('offers').set({ status: 'open' }).where('id', 'in', closed.map((o) => o.id)).execute();
      return (await allProposals(r.id)).find((p) => p.candidate.id === me.id);
    };
    const second = await onlyOurs();
    expect(second?.offer?.id).toBe(offerId);
    await post(`/api/proposals/${second!.id}/review`, 'counselor@amiens.demo', { decision: 'approve' });
    await post(`/api/positioning-runs/${(await t.database.db.selectFrom('proposals').select('run_id').where('id', '=', second!.id).executeTakeFirstOrThrow()).run_id}/publish`, 'counselor@amiens.demo');
    const declined = await post(`/api/candidates/me/proposals/${second!.id}/answer`, 'candidate@amiens.demo', { decision: 'decline', reason: 'Horaires incompatibles avec la garde de mes enfants.' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'Horaires incompatibles avec la garde de mes enfants.' });
    expect((await get(`/api/offers/${offerId}/proposals`, 'employer@amiens.demo')).json().items.find((e: { id: string }) => e.id === second!.id)).toMatchObject({ status: 'declined', identity: { candidateId: me.id } });
    expect(await onlyOurs()).toBeUndefined();
    await t.database.db.updateTable('offers').set({ status: 'closed' }).where('id', '=', offerId).execute();
  });

  it('routes a candidate who narrowly misses an offer to a training session that closes the gap; accepting enrols them', async () => {
    const me = (await get('/api/candidates/me', 'candidate@amiens.demo')).json();
    // IT tools 50, ten points under the offer's minimum: within the pathway margin
    await t.database.db
      .insertInto('evaluation_results')
      .values({ candidate_id: me.id, pillar: 'it_tools', score: 50, source: 'assessor', assessed_at: new Date(Date.now() + 1000) })
      .execute();
    const offerId = await postOffer({ seats: 5, languages: [], shifts: [], minScores: { it_tools: 60 }, title: 'Support bureautique (IT ≥ 60)' });
    const session = await post('/api/territories/amiens/training-sessions', 'trainer@amiens.demo', {
      title: 'Outils bureautiques du téléconseiller',
      mode: 'distance',
      startsOn: '2027-01-11',
      endsOn: '2027-02-19',
      seats: 300,
      raises: [{ pillar: 'it_tools', points: 15 }],
    });
    expect(session.statusCode, session.body).toBe(201);
    const closed = await t.database.db.updateTable('offers').set({ status: 'closed' }).where('status', '=', 'open').where('id', '!=', offerId).returning('id').execute();
    const run = await runToEnd({ includeSessions: true });
    await t.database.db.updateTable('offers').set({ status: 'open' }).where('id', 'in', closed.map((o) => o.id)).execute();

    const mine = (await allProposals(run.id, 'counselor@amiens.demo', '&kind=session')).find((p) => p.candidate.id === me.id);
    expect(mine).toMatchObject({ kind: 'session', session: { id: session.json().id }, targetOffer: { id: offerId } });
    expect(mine!.closes.map((c) => c.label)).toEqual(['manquant : outils informatiques 50 < 60']);
    expect(mine!.parts.find((p) => p.code === 'pillar-met' && p.label.includes('outils informatiques'))?.label).toBe('atteint : outils informatiques 65 ≥ 60');
    await post(`/api/proposals/${mine!.id}/review`, 'counselor@amiens.demo', { decision: 'approve' });
    await post(`/api/positioning-runs/${run.id}/publish`, 'counselor@amiens.demo');
    // the candidate reads it in their own language
    await t.database.db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'candidate@amiens.demo').execute();
    const seen = (await get('/api/candidates/me/proposals', 'candidate@amiens.demo')).json().items.find((p: { id: string }) => p.id === mine!.id);
    await t.database.db.updateTable('users').set({ locale: 'fr' }).where('email', '=', 'candidate@amiens.demo').execute();
    expect(seen.closes.map((c: { label: string }) => c.label)).toEqual(['missing: IT tools 50 < 60']);
    const accepted = await post(`/api/candidates/me/proposals/${mine!.id}/answer`, 'candidate@amiens.demo', { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', enrolment: { id: expect.any(String), status: 'enrolled' }, applicationId: null });
    const enrolments = (await get(`/api/training-sessions/${session.json().id}/enrolments`, 'trainer@amiens.demo')).json();
    expect((Array.isArray(enrolments) ? enrolments : enrolments.items).map((e: { id: string }) => e.id)).toContain(accepted.json().enrolment.id);
    await t.database.db.updateTable('offers').set({ status: 'closed' }).where('id', '=', offerId).execute();
  });

  it('lets counsellors approve and veto with a reason, and publishes approved proposals only', async () => {
    const run = await runToEnd();
    const list = await allProposals(run.id);
    expect(list.length).toBeGreaterThanOrEqual(3);
    const [vetoed, approved] = list;

    const noReason = await post(`/api/proposals/${vetoed.id}/review`, 'counselor@amiens.demo', { decision: 'veto' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('vetoReason');
    const badReason = await post(`/api/proposals/${vetoed.id}/review`, 'counselor@amiens.demo', { decision: 'veto', vetoReason: 'dislike' });
    expect(badReason.statusCode).toBe(400);
    const veto = await post(`/api/proposals/${vetoed.id}/review`, 'counselor@amiens.demo', { decision: 'veto', vetoReason: 'not_ready', note: 'Revoir le test de recherche.' });
    expect(veto.statusCode, veto.body).toBe(200);
    expect(veto.json()).toMatchObject({ status: 'vetoed', vetoReason: 'not_ready', reviewNote: 'Revoir le test de recherche.', reviewedByName: expect.any(String) });
    expect((await post(`/api/proposals/${vetoed.id}/review`, 'counselor@amiens.demo', { decision: 'approve' })).statusCode).toBe(409);

    expect((await post(`/api/proposals/${approved.id}/review`, 'advisor@amiens.demo', { decision: 'approve' })).json().status).toBe('approved');
    // publishing sends only the approved ones
    expect((await post(`/api/positioning-runs/${run.id}/publish`, 'counselor@amiens.demo')).json()).toEqual({ count: 1 });
    const counts = (await get(`/api/positioning-runs/${run.id}`, 'counselor@amiens.demo')).json().proposals;
    expect(counts).toMatchObject({ published: 1, vetoed: 1, pending: list.length - 2 });
    expect((await post(`/api/positioning-runs/${run.id}/approve-all`, 'counselor@amiens.demo')).json()).toEqual({ count: list.length - 2 });
    expect((await post(`/api/positioning-runs/${run.id}/publish`, 'counselor@amiens.demo')).json()).toEqual({ count: list.length - 2 });

    // the next round leaves out the vetoed pair and every candidate with a published proposal
    const next = await runToEnd();
    const nextList = await allProposals(next.id);
    const target = (p: Proposal) => p.offer?.id ?? p.session!.id;
    expect(nextList.some((p) => p.candidate.id === vetoed.candidate.id && target(p) === target(vetoed))).toBe(false);
    const publishedCandidates = new Set(list.filter((p) => p.id !== vetoed.id).map((p) => p.candidate.id));
    expect(nextList.some((p) => publishedCandidates.has(p.candidate.id))).toBe(false);
    // and published proposals hold their seats
    for (const o of new Set(nextList.filter((p) => p.offer).map((p) => p.offer!.id))) {
      const seats = (await get(`/api/offers/${o}`, 'advisor@amiens.demo')).json().seats as number;
      const held = list.filter((p) => p.id !== vetoed.id && p.offer?.id === o).length;
      expect(nextList.filter((p) => p.offer?.id === o).length).toBeLessThanOrEqual(seats - held);
    }
    expect((await post(`/api/positioning-runs/${next.id}/publish`, 'counselor@amiens.demo')).json()).toEqual({ count: 0 });
  });

  it('cancels a queued run at once, and a running one at its next step, storing nothing', async () => {
    const queued = await startRun();
    const cancelled = await post(`/api/positioning-runs/${queued.id}/cancel`, 'counselor@amiens.demo');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect((await post(`/api/positioning-runs/${queued.id}/cancel`, 'counselor@amiens.demo')).statusCode).toBe(409);
    expect((await t.app.jobs.drain()).errors).toEqual([]);
    expect((await get(`/api/positioning-runs/${queued.id}`, 'counselor@amiens.demo')).json()).toMatchObject({ status: 'cancelled', proposalCount: 0 });

    // a run a worker has picked up: the cancel flag stops it before anything is stored
    const running = await startRun();
    await t.database.db.updateTable('positioning_runs').set({ status: 'running', phase: 'scoring', progress: 40 }).where('id', '=', running.id).execute();
    const asked = await post(`/api/positioning-runs/${running.id}/cancel`, 'counselor@amiens.demo');
    expect(asked.json()).toMatchObject({ status: 'running', cancelRequested: true });
    expect((await t.app.jobs.drain()).errors).toEqual([]);
    const ended = (await get(`/api/positioning-runs/${running.id}`, 'counselor@amiens.demo')).json();
    expect(ended).toMatchObject({ status: 'cancelled', proposalCount: 0 });
    expect(Object.values(ended.proposals).every((n) => n === 0)).toBe(true);
    // a cancel arriving while candidates are being scored (simulated: the database raises the flag with
    // the first scoring progress report) stops the run at that step
    const scoring = await startRun();
    await sql.raw(`
      CREATE FUNCTION test_cancel_while_scoring() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id = '${scoring.id}' AND NEW.phase = 'scoring' THEN NEW.cancel_requested := true; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_cancel_while_scoring BEFORE UPDATE ON positioning_runs FOR EACH ROW EXECUTE FUNCTION test_cancel_while_scoring();
    `).execute(t.database.db);
    try {
      expect((await t.app.jobs.drain()).errors).toEqual([]);
    } finally {
      await sql.raw('DROP TRIGGER test_cancel_while_scoring ON positioning_runs; DROP FUNCTION test_cancel_while_scoring();').execute(t.database.db);
    }
    const stopped = (await get(`/api/positioning-runs/${scoring.id}`, 'counselor@amiens.demo')).json();
    expect(stopped).toMatchObject({ status: 'cancelled', phase: 'scoring', proposalCount: 0 });
    expect(stopped.candidatesConsidered).toBeGreaterThan(0);

    // a cancelled run frees the territory for the next one
    expect((await post('/api/territories/amiens/positioning-runs', 'counselor@amiens.demo', {})).statusCode).toBe(202);
    expect((await t.app.jobs.drain()).errors).toEqual([]);
  });

  it('stores all proposals or none: a failure while storing leaves no partial run and keeps the previous proposals', async () => {
    const previous = await runToEnd();
    expect(previous.proposals.pending).toBeGreaterThan(0);
    const run = await startRun();
    // the database refuses to mark the run completed: every proposal was already inserted in the same transaction
    await sql.raw(`
      CREATE FUNCTION test_fail_completion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id = '${run.id}' AND NEW.status = 'completed' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_fail_completion BEFORE UPDATE ON positioning_runs FOR EACH ROW EXECUTE FUNCTION test_fail_completion();
    `).execute(t.database.db);
    try {
      const report = await t.app.jobs.drain({ includeDelayed: true });
      // the first attempt and its retry both fail
      expect(report.failed).toBe(2);
      expect(report.errors[0]).toMatch(/disk full \(simulated\)/);
    } finally {
      await sql.raw('DROP TRIGGER test_fail_completion ON positioning_runs; DROP FUNCTION test_fail_completion();').execute(t.database.db);
    }
    const failed = (await get(`/api/positioning-runs/${run.id}`, 'counselor@amiens.demo')).json();
    expect(failed).toMatchObject({ status: 'failed', proposalCount: 0, error: expect.stringMatching(/disk full/) });
    const stored = await t.database.db.selectFrom('proposals').select(sql<number>`count(*)`.as('n')).where('run_id', '=', run.id).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    // the rolled-back transaction also undid the superseding of the previous run's proposals
    const prev = (await get(`/api/positioning-runs/${previous.id}`, 'counselor@amiens.demo')).json();
    expect(prev.proposals).toMatchObject({ pending: previous.proposals.pending, superseded: 0 });
  });
});

