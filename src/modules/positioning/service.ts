import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { explainPart, type FitPart } from '../../core/matching/score.ts';
import type { DB, ProposalStatus } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { employerVisibleCandidates } from '../candidates/visibility.ts';
import { candidateRef } from '../offers/fit.ts';
import { createOfferRepository } from '../offers/repository.ts';
import { openApplication } from '../offers/service.ts';
import { resolveTerritory } from '../territories/service.ts';
import { enrolInTransaction } from '../trainings/service.ts';
import { RUN_JOB } from './jobs.ts';
import { createPositioningRepository, type ProposalRow, type RunRow } from './repository.ts';
import type { AnswerBody, CandidateProposal, EmployerProposal, PositioningRun, ProposalListQuery, ReviewBody, RunListQuery, StaffProposal, StartRunBody } from './schema.ts';

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const STATUSES: ProposalStatus[] = ['pending', 'approved', 'vetoed', 'published', 'accepted', 'declined', 'superseded'];

function toRun(r: RunRow, counts: Partial<Record<ProposalStatus, number>> = {}): PositioningRun {
  return {
    id: r.id,
    territoryCode: r.territory_code,
    status: r.status,
    phase: r.phase,
    progress: r.progress,
    cancelRequested: r.cancel_requested,
    includeSessions: r.include_sessions,
    candidatesConsidered: r.candidates_considered,
    offersConsidered: r.offers_considered,
    sessionsConsidered: r.sessions_considered,
    arcs: r.arcs,
    proposalCount: r.proposals,
    totalScore: Number(r.total_score),
    certified: r.certified,
    solveMs: r.solve_ms,
    error: r.error,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    proposals: Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as PositioningRun['proposals'],
  };
}

/** Stored parts are the core's FitPart objects; the label is rendered in the reader's language. */
function explain(parts: unknown, locale: 'fr' | 'en') {
  return (parts as FitPart[]).map((p) => ({ code: p.code, points: p.points, maxPoints: p.maxPoints, blocking: p.blocking, label: explainPart(p, locale) }));
}

function offerRef(p: ProposalRow) {
  return p.offer_title === null
    ? null
    : { id: (p.offer_id ?? p.target_offer_id)!, title: p.offer_title, employerName: p.employer_name ?? '', siteName: p.site_name ?? '', startDate: p.offer_start_date ?? '' };
}

function sessionRef(p: ProposalRow) {
  return p.session_id === null
    ? null
    : { id: p.session_id, title: p.session_title ?? '', trainingBodyName: p.training_body_name ?? '', startsOn: p.session_starts_on ?? '', endsOn: p.session_ends_on ?? '', mode: p.session_mode ?? 'on_site' };
}

export function createPositioningService({ db, jobs }: { db: Kysely<DB>; jobs: JobQueue }) {
  const repo = createPositioningRepository(db);

  /**
   * A run the caller may see: a territory's run by its staff, a national run by every staff member
   * (their territory's proposals are in it); only admins manage (cancel) a national run.
   */
  async function visibleRun(auth: AuthContext, id: string, { manage = false } = {}): Promise<RunRow> {
    const run = await repo.findRun(id);
    if (!run) throw new NotFoundError('positioning run', id);
    const ok = auth.role === 'admin' || (run.territory_id === null ? !manage : run.territory_id === auth.territoryId);
    if (!ok) throw new NotFoundError('positioning run', id);
    return run;
  }

  /** Staff of a territory act on its proposals only, also inside a national run. */
  const reviewScope = (auth: AuthContext) => (auth.role === 'admin' ? null : auth.territoryId);

  /** The run with its proposal counts as the caller sees them (their territory's part of a national run). */
  async function withCounts(auth: AuthContext, run: RunRow) {
    return toRun(run, (await repo.proposalCounts([run.id], reviewScope(auth))).get(run.id));
  }

  async function reviewable(auth: AuthContext, id: string): Promise<ProposalRow> {
    const p = await repo.findProposal(id);
    if (!p || (auth.role !== 'admin' && p.territory_id !== auth.territoryId)) throw new NotFoundError('proposal', id);
    return p;
  }

  function toStaff(p: ProposalRow, locale: 'fr' | 'en'): StaffProposal {
    const offer = offerRef(p);
    return {
      id: p.id,
      runId: p.run_id,
      status: p.status,
      kind: p.kind,
      candidate: { id: p.candidate_id, firstName: p.first_name, lastName: p.last_name, communeName: p.commune_name },
      offer: p.kind === 'offer' ? offer : null,
      session: sessionRef(p),
      targetOffer: p.kind === 'session' ? offer : null,
      score: p.score,
      value: p.value,
      distanceKm: p.distance_km,
      parts: explain(p.parts, locale),
      closes: explain(p.closes, locale),
      vetoReason: p.veto_reason,
      reviewNote: p.review_note,
      reviewedByName: p.reviewed_by_name,
      reviewedAt: iso(p.reviewed_at),
      publishedAt: iso(p.published_at),
      answeredAt: iso(p.answered_at),
      declineReason: p.decline_reason,
    };
  }

  function toCandidate(p: ProposalRow, locale: 'fr' | 'en'): CandidateProposal {
    const offer = offerRef(p);
    return {
      id: p.id,
      status: p.status as CandidateProposal['status'],
      kind: p.kind,
      offer: p.kind === 'offer' && offer && p.offer_contract && p.offer_work_time ? { ...offer, contract: p.offer_contract, workTime: p.offer_work_time } : null,
      session: sessionRef(p),
      targetOffer: p.kind === 'session' ? offer : null,
      score: p.score,
      distanceKm: p.distance_km,
      parts: explain(p.parts, locale),
      closes: explain(p.closes, locale),
      publishedAt: iso(p.published_at)!,
      answeredAt: iso(p.answered_at),
      declineReason: p.decline_reason,
      applicationId: p.application_id,
      enrolment: p.enrolment_id ? { id: p.enrolment_id, status: p.enrolment_status ?? 'enrolled' } : null,
    };
  }

  return {
    // ---- runs ----------------------------------------------------------------------------------------

    /** Queues a run (row + job in one transaction, so a run never exists without its job). */
    async start(auth: AuthContext, code: string | null, body: z.infer<typeof StartRunBody>): Promise<PositioningRun> {
      let territoryId: string | null = null;
      if (code === null) {
        if (auth.role !== 'admin') throw new ForbiddenError('Only administrators start a national run.');
      } else {
        territoryId = (await resolveTerritory(db, auth, code)).id;
      }
      const id = await db.transaction().execute(async (tx) => {
        const created = await createPositioningRepository(tx).insertRun({ territory_id: territoryId, include_sessions: body.includeSessions, created_by: auth.userId });
        if (!created) throw new ConflictError('A positioning run is already queued or running for this territory (or a national one): wait for it to end, or cancel it.');
        await jobs.send(RUN_JOB, { runId: created.id }, { tx });
        return created.id;
      });
      return withCounts(auth, (await repo.findRun(id))!);
    },

    async list(auth: AuthContext, code: string | null, query: z.infer<typeof RunListQuery>) {
      const scope = code === null ? null : (await resolveTerritory(db, auth, code)).id;
      if (code === null && auth.role !== 'admin') throw new ForbiddenError();
      const [rows, total] = await repo.listRuns(scope, query.pageSize, (query.page - 1) * query.pageSize);
      const counts = await repo.proposalCounts(rows.map((r) => r.id), reviewScope(auth));
      return { items: rows.map((r) => toRun(r, counts.get(r.id))), total, page: query.page, pageSize: query.pageSize };
    },

    async get(auth: AuthContext, id: string) {
      return withCounts(auth, await visibleRun(auth, id));
    },

    /** A queued run is cancelled at once; a running one stops at its next step and stores nothing. */
    async cancel(auth: AuthContext, id: string) {
      const run = await visibleRun(auth, id, { manage: true });
      if (run.status !== 'queued' && run.status !== 'running') throw new ConflictError(`This run is ${run.status}: there is nothing to cancel.`);
      await db.transaction().execute(async (tx) => {
        const r = createPositioningRepository(tx);
        const locked = await r.lockRun(id);
        if (!locked || (locked.status !== 'queued' && locked.status !== 'running')) throw new ConflictError('This run has just ended: there is nothing to cancel.');
        await r.requestCancel(id);
        if (locked.status === 'queued') await r.finishRun(id, 'cancelled');
      });
      return withCounts(auth, (await repo.findRun(id))!);
    },

    // ---- review --------------------------------------------------------------------------------------

    async proposals(auth: AuthContext, runId: string, query: z.infer<typeof ProposalListQuery>) {
      await visibleRun(auth, runId); // inside a national run, staff see their territory's proposals
      const [rows, total] = await repo.listProposals(runId, { status: query.status, kind: query.kind, territoryId: reviewScope(auth) ?? undefined }, query.pageSize, (query.page - 1) * query.pageSize);
      return { items: rows.map((p) => toStaff(p, auth.locale)), total, page: query.page, pageSize: query.pageSize };
    },

    async review(auth: AuthContext, id: string, body: z.infer<typeof ReviewBody>): Promise<StaffProposal> {
      await reviewable(auth, id);
      await db.transaction().execute(async (tx) => {
        const r = createPositioningRepository(tx);
        const p = (await r.lockProposal(id))!;
        if (p.status !== 'pending' && p.status !== 'approved') throw new ConflictError(`This proposal is ${p.status}: only pending or approved proposals can be reviewed.`);
        if (body.decision === 'approve') await r.review(id, { status: 'approved', veto_reason: null, review_note: body.note, reviewed_by: auth.userId });
        else await r.review(id, { status: 'vetoed', veto_reason: body.vetoReason!, review_note: body.note, reviewed_by: auth.userId });
      });
      return toStaff((await repo.findProposal(id))!, auth.locale);
    },

    async approveAll(auth: AuthContext, runId: string) {
      const run = await visibleRunForReview(auth, runId);
      return repo.approveAll(run.id, auth.userId, reviewScope(auth));
    },

    async publish(auth: AuthContext, runId: string) {
      const run = await visibleRunForReview(auth, runId);
      return repo.publish(run.id, reviewScope(auth));
    },

    // ---- candidates ----------------------------------------------------------------------------------

    async mine(auth: AuthContext): Promise<CandidateProposal[]> {
      return (await repo.candidateProposals(auth.userId)).map((p) => toCandidate(p, auth.locale));
    },

    /**
     * Accepting applies to the offer (the identity is disclosed to the employer: "accepted a
     * proposal") or takes a seat on the session (the waiting list when it is full); declining records
     * the reason. Either way the pair is not proposed again.
     */
    async answer(auth: AuthContext, id: string, body: z.infer<typeof AnswerBody>): Promise<CandidateProposal> {
      const p = await repo.findProposal(id);
      if (!p || p.candidate_user_id !== auth.userId || !['published', 'accepted', 'declined'].includes(p.status)) throw new NotFoundError('proposal', id);
      await db.transaction().execute(async (tx) => {
        const r = createPositioningRepository(tx);
        const locked = (await r.lockProposal(id))!;
        if (locked.status !== 'published') throw new ConflictError(`You have already ${locked.status} this proposal.`);
        if (body.decision === 'decline') {
          await r.answer(id, { status: 'declined', decline_reason: body.reason, application_id: null, enrolment_id: null });
          return;
        }
        if (locked.kind === 'offer') {
          const offer = await createOfferRepository(tx).findOffer(locked.offer_id!);
          if (!offer || offer.status !== 'open') throw new ConflictError('This offer is no longer open: the proposal cannot be accepted.');
          const applicationId =
            (await openApplication(tx, jobs, { offer, candidateId: locked.candidate_id, actorId: auth.userId, message: '', reason: 'accepted_proposal' })) ??
            // applied on their own meanwhile: the proposal joins that application
            (await r.findApplicationId(offer.id, locked.candidate_id))!.id;
          await r.answer(id, { status: 'accepted', decline_reason: '', application_id: applicationId, enrolment_id: null });
        } else {
          const enrolment = await enrolInTransaction(tx, { sessionId: locked.session_id!, candidateId: locked.candidate_id, actorId: auth.userId });
          await r.answer(id, { status: 'accepted', decline_reason: '', application_id: null, enrolment_id: enrolment.id });
        }
      });
      return toCandidate((await repo.findProposal(id))!, auth.locale);
    },

    // ---- employers -----------------------------------------------------------------------------------

    async forOffer(auth: AuthContext, offerId: string): Promise<EmployerProposal[]> {
      const o = await createOfferRepository(db).findOffer(offerId);
      const ok = o && (auth.role === 'employer' ? o.employer_id === auth.employerId : auth.role === 'admin' || o.territory_id === auth.territoryId);
      if (!o || !ok) throw new NotFoundError('offer', offerId);
      const rows = await repo.offerProposals(o.id);
      const ids = rows.map((p) => p.candidate_id);
      const disclosed = auth.role === 'employer' ? await employerVisibleCandidates(db, o.employer_id, ids) : new Set(ids);
      return rows.map((p) => ({
        id: p.id,
        candidateRef: candidateRef(o.employer_id, p.candidate_id),
        identity: disclosed.has(p.candidate_id) ? { candidateId: p.candidate_id, firstName: p.first_name, lastName: p.last_name, email: p.email } : null,
        status: p.status as EmployerProposal['status'],
        score: p.score,
        distanceKm: p.distance_km,
        parts: explain(p.parts, auth.locale),
        publishedAt: iso(p.published_at)!,
        answeredAt: iso(p.answered_at),
        applicationId: p.application_id,
      }));
    },
  };

  /** Run-level review (approve all, publish): the run's territory staff, or admins; inside a national run staff act on their territory's proposals. */
  async function visibleRunForReview(auth: AuthContext, runId: string): Promise<RunRow> {
    const run = await visibleRun(auth, runId);
    if (run.status !== 'completed') throw new ConflictError(`This run is ${run.status}: only a completed run's proposals can be approved or published.`);
    return run;
  }
}

export type PositioningService = ReturnType<typeof createPositioningService>;
