import type { Kysely } from 'kysely';
import type { ApplicationStatus, DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../auth/service.ts';
import { employerVisibleCandidates, discloseToEmployer } from '../candidates/visibility.ts';
import { findLatestScores } from '../evaluations/repository.ts';
import { isoDay, mayTakeJob } from '../placements/rules.ts';
import { createPlacementRepository } from '../placements/repository.ts';
import { resolveTerritory } from '../territories/service.ts';
import { emitWebhookEvent } from '../webhooks/events.ts';
import { candidateRef, fitOf, type OfferForFit } from './fit.ts';
import { occupation } from './occupations.ts';
import { createOfferRepository } from './repository.ts';
import type {
  Application,
  CreateOfferBody,
  MoveApplicationBody,
  Offer,
  OfferListQuery,
  UpdateOfferBody,
} from './schema.ts';

type OfferRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createOfferRepository>['findOffer']>>>;
type ApplicationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createOfferRepository>['findApplication']>>>;

const staff = new Set(['admin', 'advisor', 'counselor']);
const OPEN_STATUSES: ApplicationStatus[] = ['applied', 'interview', 'offer'];
const ORDER: Record<string, number> = { applied: 0, interview: 1, offer: 2 };

export function toOffer(row: OfferRow, locale: 'fr' | 'en', extra: Pick<Offer, 'counts' | 'myApplication'>): Offer {
  const occ = occupation(row.occupation_code);
  return {
    id: row.id,
    employerId: row.employer_id,
    employerName: row.employer_name,
    siteId: row.site_id,
    siteName: row.site_name,
    communeName: row.commune_name,
    title: row.title,
    description: row.description,
    occupation: { code: occ.rome, isco08: occ.isco08, label: occ.label[locale], iscoLabel: occ.iscoLabel },
    contract: row.contract,
    workTime: row.work_time,
    hoursPerWeek: row.hours_per_week === null ? null : Number(row.hours_per_week),
    seats: row.seats,
    startDate: row.start_date,
    languages: row.languages,
    minScores: row.min_scores as Offer['minScores'],
    shifts: row.shifts,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...extra,
  };
}

const forFit = (o: OfferRow): OfferForFit => ({
  lat: o.lat,
  lon: o.lon,
  languages: o.languages,
  min_scores: o.min_scores,
  shifts: o.shifts,
  work_time: o.work_time,
  contract: o.contract,
});

/** Candidates see their status, not the employer's internal stages, notes or comments. */
const candidateView = (a: Application): Application => ({ ...a, stage: null, comments: 0, rejectionNote: '' });

/**
 * Opens an application of a candidate to an offer inside the caller's transaction: first stage of the
 * employer's pipeline, history event, disclosure of the identity to the employer (DOMAIN.md §2: the
 * candidate applied, or accepted a proposal) and the application.created webhook. Returns the new
 * application's id, or null when the candidate already has one for this offer.
 */
export async function openApplication(
  tx: Kysely<DB>,
  jobs: JobQueue,
  input: {
    offer: { id: string; employer_id: string; territory_id: string; territory_code: string };
    candidateId: string;
    actorId: string;
    message: string;
    reason: 'applied' | 'accepted_proposal';
  },
): Promise<string | null> {
  const { offer: o, candidateId } = input;
  const r = createOfferRepository(tx);
  const firstStage = (await r.stages(o.employer_id)).find((s) => s.status === 'applied');
  const created = await r.insertApplication({ offer_id: o.id, candidate_id: candidateId, message: input.message, stage_id: firstStage?.id ?? null });
  if (!created) return null;
  await r.insertEvent({ application_id: created.id, from_status: null, to_status: 'applied', stage_id: created.stage_id, actor_id: input.actorId });
  await discloseToEmployer(tx, { candidateId, employerId: o.employer_id, reason: input.reason });
  await emitWebhookEvent(tx, jobs, {
    event: 'application.created',
    territoryId: o.territory_id,
    territoryCode: o.territory_code,
    employerId: o.employer_id,
    data: { applicationId: created.id, offerId: o.id, employerId: o.employer_id, candidateRef: candidateRef(o.employer_id, candidateId), status: 'applied' },
  });
  return created.id;
}

export function createOfferService({ db, jobs, clock }: { db: Kysely<DB>; jobs: JobQueue; clock: Clock }) {
  const repo = createOfferRepository(db);

  /** Who may see an offer: staff of its territory, its employer, and candidates/trainers of the territory while open. */
  async function readableOffer(auth: AuthContext, id: string): Promise<OfferRow> {
    const o = await repo.findOffer(id);
    if (!o) throw new NotFoundError('offer', id);
    const sameTerritory = auth.role === 'admin' || auth.territoryId === o.territory_id;
    const visible =
      auth.role === 'employer'
        ? o.employer_id === auth.employerId
        : staff.has(auth.role)
          ? sameTerritory
          : sameTerritory && (o.status === 'open' || (auth.role === 'candidate' && (await appliedTo(auth, o.id))));
    if (!visible) throw new NotFoundError('offer', id);
    return o;
  }

  async function appliedTo(auth: AuthContext, offerId: string) {
    const me = await repo.findCandidateByUser(auth.userId);
    return me ? (await repo.applicationsOfCandidate(me.id, [offerId])).has(offerId) : false;
  }

  /** Who may manage an offer and its pipeline: its employer and the staff of its territory. */
  async function managedOffer(auth: AuthContext, id: string, { edit = false } = {}): Promise<OfferRow> {
    const o = await readableOffer(auth, id);
    if (auth.role === 'employer') return o;
    if (staff.has(auth.role) && !(edit && auth.role === 'counselor')) return o;
    throw new ForbiddenError('Only the employer and agency staff manage this offer.');
  }

  async function managedApplication(auth: AuthContext, id: string): Promise<ApplicationRow> {
    const a = await repo.findApplication(id);
    if (!a) throw new NotFoundError('application', id);
    const ok = auth.role === 'employer' ? a.employer_id === auth.employerId : auth.role === 'admin' || (staff.has(auth.role) && auth.territoryId === a.territory_id);
    if (!ok) throw new NotFoundError('application', id);
    return a;
  }

  async function myCandidate(auth: AuthContext) {
    const me = await repo.findCandidateByUser(auth.userId);
    if (!me) throw new NotFoundError('candidate profile');
    return me;
  }

  async function toApplication(a: ApplicationRow, viewer: AuthContext, score: number | null, disclosed: boolean): Promise<Application> {
    return {
      id: a.id,
      offerId: a.offer_id,
      offerTitle: a.offer_title,
      employerName: a.employer_name,
      status: a.status,
      stage: a.stage_id && a.stage_label ? { id: a.stage_id, label: a.stage_label, status: a.stage_status!, position: a.stage_position! } : null,
      rejectionReason: a.rejection_reason,
      rejectionNote: a.rejection_note,
      message: a.message,
      createdAt: a.created_at.toISOString(),
      statusChangedAt: a.status_changed_at.toISOString(),
      candidateRef: candidateRef(a.employer_id, a.candidate_id),
      identity: disclosed || viewer.role !== 'employer' ? { candidateId: a.candidate_id, firstName: a.first_name, lastName: a.last_name, email: a.email } : null,
      score,
      comments: Number(a.comments ?? 0),
    };
  }

  async function validateSite(territoryId: string, siteId: string) {
    const site = await repo.findSite(siteId);
    if (!site || site.territory_id !== territoryId) throw new ValidationError({ siteId: 'no site with this id in the territory' });
  }

  function offerColumns(b: Partial<CreateOfferBody> | UpdateOfferBody) {
    const set: Record<string, unknown> = {};
    if (b.title !== undefined) set.title = b.title;
    if (b.description !== undefined) set.description = b.description;
    if (b.siteId !== undefined) set.site_id = b.siteId;
    if (b.occupationCode !== undefined) set.occupation_code = b.occupationCode;
    if (b.contract !== undefined) set.contract = b.contract;
    if (b.workTime !== undefined) set.work_time = b.workTime;
    if (b.hoursPerWeek !== undefined) set.hours_per_week = b.hoursPerWeek;
    if (b.seats !== undefined) set.seats = b.seats;
    if (b.startDate !== undefined) set.start_date = b.startDate;
    if (b.languages !== undefined) set.languages = JSON.stringify(b.languages);
    if (b.minScores !== undefined) set.min_scores = JSON.stringify(b.minScores);
    if (b.shifts !== undefined) set.shifts = b.shifts;
    if (b.status !== undefined) set.status = b.status;
    return set;
  }

  const service = {
    /** The database, for the CSV import that runs beside the service. */
    db,

    /** The employer an offer is posted for: the caller's own, or one of the territory named by staff. */
    async employerFor(auth: AuthContext, territoryId: string, employerId: string | undefined): Promise<string> {
      if (auth.role === 'employer') {
        if (employerId && employerId !== auth.employerId) throw new ForbiddenError('Employers post offers for their own company only.');
        return auth.employerId!;
      }
      if (!employerId) throw new ValidationError({ employerId: 'staff posting an offer must name the employer' });
      const e = await repo.findEmployer(employerId);
      if (!e || e.territory_id !== territoryId) throw new ValidationError({ employerId: 'no employer with this id in the territory' });
      return e.id;
    },

    async create(auth: AuthContext, code: string, body: CreateOfferBody, tx: Kysely<DB> = db): Promise<Offer> {
      const t = await resolveTerritory(tx, auth, code);
      const employerId = await service.employerFor(auth, t.id, body.employerId);
      await validateSite(t.id, body.siteId);
      const { id } = await createOfferRepository(tx).insertOffer({ ...offerColumns(body), territory_id: t.id, employer_id: employerId, created_by: auth.userId });
      const row = await createOfferRepository(tx).findOffer(id);
      return toOffer(row!, auth.locale, { counts: { applications: 0, hired: 0 }, myApplication: null });
    },

    async update(auth: AuthContext, id: string, body: UpdateOfferBody): Promise<Offer> {
      const o = await managedOffer(auth, id, { edit: true });
      if (body.siteId) await validateSite(o.territory_id, body.siteId);
      if (body.seats !== undefined) {
        const hired = await repo.countHired(id);
        if (body.seats < hired) throw new ValidationError({ seats: `${hired} people are already hired on this offer: keep at least ${hired} seats` });
      }
      await repo.updateOffer(id, offerColumns(body));
      return service.get(auth, id);
    },

    async get(auth: AuthContext, id: string): Promise<Offer> {
      const o = await readableOffer(auth, id);
      const manages = auth.role === 'employer' || staff.has(auth.role);
      const counts = manages ? ((await repo.offerCounts([id])).get(id) ?? { applications: 0, hired: 0 }) : null;
      let myApplication = null;
      if (auth.role === 'candidate') {
        const me = await repo.findCandidateByUser(auth.userId);
        if (me) myApplication = (await repo.applicationsOfCandidate(me.id, [id])).get(id) ?? null;
      }
      return toOffer(o, auth.locale, { counts, myApplication });
    },

    async list(auth: AuthContext, code: string, query: OfferListQuery, page?: { limit: number; offset: number }) {
      const t = await resolveTerritory(db, auth, code);
      const scope = {
        employerId: auth.role === 'employer' ? auth.employerId! : undefined,
        openOnly: auth.role === 'candidate' || auth.role === 'trainer',
        ...page,
      };
      const { items, total } = await repo.listOffers(t.id, query, scope);
      const ids = items.map((o) => o.id);
      const manages = auth.role === 'employer' || staff.has(auth.role);
      const counts = manages ? await repo.offerCounts(ids) : null;
      let mine = new Map<string, { id: string; status: ApplicationStatus }>();
      if (auth.role === 'candidate') {
        const me = await repo.findCandidateByUser(auth.userId);
        if (me) mine = await repo.applicationsOfCandidate(me.id, ids);
      }
      return {
        items: items.map((o) =>
          toOffer(o, auth.locale, { counts: counts ? (counts.get(o.id) ?? { applications: 0, hired: 0 }) : null, myApplication: mine.get(o.id) ?? null }),
        ),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * Candidates of the territory ranked by fit score (src/core/matching/score.ts), only those meeting
     * every hard requirement. Employers see a pseudonymous reference, and the identity only once the
     * candidate applied to or accepted a proposal for one of their offers; staff see identities.
     */
    async shortlist(auth: AuthContext, offerId: string, limit: number) {
      const o = await managedOffer(auth, offerId);
      const candidates = await repo.candidatesForFit(o.territory_id);
      const scores = await findLatestScores(db, candidates.map((c) => c.id));
      const offer = forFit(o);
      const ranked = [];
      for (const c of candidates) {
        const fit = fitOf(c, scores.get(c.id), offer, auth.locale);
        if (fit?.eligible) ranked.push({ c, fit, ref: candidateRef(o.employer_id, c.id) });
      }
      ranked.sort((a, b) => b.fit.score - a.fit.score || (a.ref < b.ref ? -1 : 1));
      const top = ranked.slice(0, limit);
      const topIds = top.map((r) => r.c.id);
      const disclosed = auth.role === 'employer' ? await employerVisibleCandidates(db, o.employer_id, topIds) : new Set(topIds);
      const applications = await db
        .selectFrom('applications')
        .select(['id', 'candidate_id', 'status'])
        .where('offer_id', '=', o.id)
        .where('candidate_id', 'in', topIds.length ? topIds : ['00000000-0000-0000-0000-000000000000'])
        .execute();
      const appOf = new Map(applications.map((a) => [a.candidate_id, { id: a.id, status: a.status }]));
      return {
        offerId: o.id,
        considered: candidates.length,
        eligible: ranked.length,
        items: top.map(({ c, fit, ref }) => ({
          candidateRef: ref,
          score: fit.score,
          parts: fit.parts,
          distanceKm: fit.distanceKm,
          identity: disclosed.has(c.id) ? { candidateId: c.id, firstName: c.first_name, lastName: c.last_name, email: c.email } : null,
          application: appOf.get(c.id) ?? null,
        })),
      };
    },

    // ---- applications ------------------------------------------------------------------------------

    async apply(auth: AuthContext, offerId: string, message: string): Promise<Application> {
      const me = await myCandidate(auth);
      const o = await readableOffer(auth, offerId);
      if (o.status !== 'open') throw new ConflictError('This offer is not open to applications.');
      const id = await db.transaction().execute(async (tx) => {
        const created = await openApplication(tx, jobs, { offer: o, candidateId: me.id, actorId: auth.userId, message, reason: 'applied' });
        if (!created) throw new ConflictError('You have already applied to this offer.');
        return created;
      });
      const a = await repo.findApplication(id);
      return candidateView(await toApplication(a!, auth, null, true));
    },

    async mine(auth: AuthContext): Promise<Application[]> {
      const me = await myCandidate(auth);
      const rows = await repo.listApplicationsOfCandidate(me.id);
      // candidates see their status, not the employer's internal stages or comments
      return Promise.all(rows.map(async (a) => candidateView(await toApplication(a, auth, null, true))));
    },

    async listForOffer(auth: AuthContext, offerId: string, status?: ApplicationStatus): Promise<Application[]> {
      const o = await managedOffer(auth, offerId);
      const rows = await repo.listApplicationsOfOffer(offerId, status);
      const ids = rows.map((a) => a.candidate_id);
      const disclosed = auth.role === 'employer' ? await employerVisibleCandidates(db, o.employer_id, ids) : new Set(ids);
      const candidates = await repo.candidatesForFit(o.territory_id, ids);
      const scores = await findLatestScores(db, ids);
      const offer = forFit(o);
      const scoreOf = new Map(candidates.map((c) => [c.id, fitOf(c, scores.get(c.id), offer, auth.locale)]));
      return Promise.all(
        rows.map((a) => {
          const fit = scoreOf.get(a.candidate_id);
          return toApplication(a, auth, fit?.eligible ? fit.score : null, disclosed.has(a.candidate_id));
        }),
      );
    },

    /**
     * Moves an application along the pipeline: forward through applied → interview → offer (by status
     * or by one of the employer's stages), to hired from 'offer', or to rejected (with a reason) from
     * any open status. Hiring creates the placement, checks the one-full-time-or-two-part-time rule and
     * the offer's seats under row locks, and queues the follow-up check-ins.
     */
    async move(auth: AuthContext, applicationId: string, body: MoveApplicationBody): Promise<Application> {
      const current = await managedApplication(auth, applicationId);
      const today = isoDay(clock.now());
      await db.transaction().execute(async (tx) => {
        const r = createOfferRepository(tx);
        const a = await r.lockApplication(applicationId);
        if (!a) throw new NotFoundError('application', applicationId);
        if (!OPEN_STATUSES.includes(a.status)) throw new ConflictError(`This application is ${a.status}: it can no longer move.`);

        let target: ApplicationStatus;
        let stageId: string | null = null;
        if (body.stageId) {
          const stage = await r.findStage(body.stageId);
          if (!stage || stage.employer_id !== current.employer_id || !stage.is_active) throw new ValidationError({ stageId: "not one of this employer's stages" });
          if (body.status && body.status !== stage.status) throw new ValidationError({ status: `the stage "${stage.label}" belongs to the status ${stage.status}` });
          target = stage.status;
          stageId = stage.id;
        } else {
          target = body.status!;
          if (target === a.status && !body.stageId) throw new ConflictError(`The application is already ${target}.`);
          if (ORDER[target] !== undefined) stageId = (await r.stages(current.employer_id)).find((s) => s.status === target)?.id ?? null;
        }
        if (ORDER[target] !== undefined && ORDER[target] < ORDER[a.status]) {
          throw new ConflictError(`An application moves forward only: it is ${a.status}, it cannot go back to ${target}.`);
        }
        if (target === 'hired' && a.status !== 'offer') throw new ConflictError('Make the candidate an offer before hiring them (status "offer").');

        const o = (await r.findOffer(a.offer_id))!;
        if (target === 'hired') {
          const places = createPlacementRepository(tx);
          await r.lockOffer(o.id);
          const hired = await r.countHired(o.id);
          if (hired >= o.seats) throw new ConflictError(`All ${o.seats} seats of this offer are filled.`);
          await places.lockCandidate(a.candidate_id);
          const rule = mayTakeJob(await places.activeWorkTimes(a.candidate_id), o.work_time);
          if (!rule.ok) throw new ConflictError(`This candidate cannot be hired: ${rule.reason}.`, { status: rule.reason });
          const startedOn = body.startedOn ?? (o.start_date > today ? o.start_date : today);
          const p = await places.insertPlacement({
            territory_id: o.territory_id,
            application_id: a.id,
            candidate_id: a.candidate_id,
            employer_id: o.employer_id,
            offer_id: o.id,
            work_time: o.work_time,
            contract: o.contract,
            started_on: startedOn,
          });
          await jobs.send('placements.schedule-checkins', { placementId: p.id }, { tx });
          await emitWebhookEvent(tx, jobs, {
            event: 'placement.hired',
            territoryId: o.territory_id,
            territoryCode: o.territory_code,
            employerId: o.employer_id,
            data: {
              placementId: p.id,
              applicationId: a.id,
              offerId: o.id,
              employerId: o.employer_id,
              candidateRef: candidateRef(o.employer_id, a.candidate_id),
              startedOn,
              workTime: o.work_time,
              contract: o.contract,
            },
          });
        }
        const rejection = target === 'rejected' ? { rejection_reason: body.rejectionReason!, rejection_note: body.rejectionNote } : { rejection_reason: null, rejection_note: '' };
        await r.updateApplication(a.id, { status: target, stage_id: stageId, ...rejection });
        await r.insertEvent({ application_id: a.id, from_status: a.status, to_status: target, stage_id: stageId, actor_id: auth.userId });
        const stageLabel = stageId ? ((await r.findStage(stageId))?.label ?? null) : null;
        await emitWebhookEvent(tx, jobs, {
          event: 'application.status_changed',
          territoryId: o.territory_id,
          territoryCode: o.territory_code,
          employerId: o.employer_id,
          data: {
            applicationId: a.id,
            offerId: o.id,
            employerId: o.employer_id,
            candidateRef: candidateRef(o.employer_id, a.candidate_id),
            fromStatus: a.status,
            toStatus: target,
            stage: stageLabel,
            rejectionReason: rejection.rejection_reason,
          },
        });
      });
      const [updated] = await service.listForOffer(auth, current.offer_id).then((list) => list.filter((x) => x.id === applicationId));
      return updated;
    },

    async withdraw(auth: AuthContext, applicationId: string): Promise<Application> {
      const me = await myCandidate(auth);
      const current = await repo.findApplication(applicationId);
      if (!current || current.candidate_id !== me.id) throw new NotFoundError('application', applicationId);
      await db.transaction().execute(async (tx) => {
        const r = createOfferRepository(tx);
        const a = await r.lockApplication(applicationId);
        if (!a || !OPEN_STATUSES.includes(a.status)) throw new ConflictError(`This application is ${a?.status}: it can no longer be withdrawn.`);
        await r.updateApplication(a.id, { status: 'withdrawn', stage_id: a.stage_id, rejection_reason: null, rejection_note: '' });
        await r.insertEvent({ application_id: a.id, from_status: a.status, to_status: 'withdrawn', stage_id: a.stage_id, actor_id: auth.userId });
        const o = (await r.findOffer(a.offer_id))!;
        await emitWebhookEvent(tx, jobs, {
          event: 'application.status_changed',
          territoryId: o.territory_id,
          territoryCode: o.territory_code,
          employerId: o.employer_id,
          data: {
            applicationId: a.id,
            offerId: o.id,
            employerId: o.employer_id,
            candidateRef: candidateRef(o.employer_id, a.candidate_id),
            fromStatus: a.status,
            toStatus: 'withdrawn',
            stage: null,
            rejectionReason: null,
          },
        });
      });
      return (await service.mine(auth)).find((a) => a.id === applicationId)!;
    },

    async comments(auth: AuthContext, applicationId: string) {
      await managedApplication(auth, applicationId);
      return (await repo.comments(applicationId)).map((c) => ({ id: c.id, body: c.body, authorName: c.display_name, authorRole: c.role, createdAt: c.created_at.toISOString() }));
    },

    async addComment(auth: AuthContext, applicationId: string, body: string) {
      await managedApplication(auth, applicationId);
      const { id } = await repo.insertComment({ application_id: applicationId, author_id: auth.userId, body });
      return (await service.comments(auth, applicationId)).find((c) => c.id === id)!;
    },

    // ---- stages ------------------------------------------------------------------------------------

    async stagesOf(auth: AuthContext, employerId: string) {
      await service.checkEmployer(auth, employerId, false);
      return repo.stages(employerId);
    },

    async replaceStages(auth: AuthContext, employerId: string, stages: { id?: string; label: string; status: 'applied' | 'interview' | 'offer' }[]) {
      await service.checkEmployer(auth, employerId, true);
      for (let k = 1; k < stages.length; k += 1) {
        if (ORDER[stages[k].status] < ORDER[stages[k - 1].status]) {
          throw new ValidationError({ [`stages.${k}.status`]: 'stages follow the pipeline order: applied, then interview, then offer' });
        }
      }
      const existing = new Set((await repo.stages(employerId)).map((s) => s.id));
      for (const [k, s] of stages.entries()) if (s.id && !existing.has(s.id)) throw new ValidationError({ [`stages.${k}.id`]: "not one of this employer's stages" });
      const keep = stages.flatMap((s) => (s.id ? [s.id] : []));
      const inUse = await repo.stagesInUse(employerId, keep);
      if (inUse.length) throw new ConflictError(`Open applications are at the stage "${inUse[0].label}": move them before removing it.`);
      await db.transaction().execute((tx) => createOfferRepository(tx).replaceStages(employerId, stages));
      return repo.stages(employerId);
    },

    async checkEmployer(auth: AuthContext, employerId: string, edit: boolean) {
      if (auth.role === 'employer') {
        if (auth.employerId !== employerId) throw new NotFoundError('employer', employerId);
        return;
      }
      if (edit && auth.role === 'counselor') throw new ForbiddenError();
      const e = await repo.findEmployer(employerId);
      if (!e || (auth.role !== 'admin' && e.territory_id !== auth.territoryId)) throw new NotFoundError('employer', employerId);
    },
  };
  return service;
}
export type OfferService = ReturnType<typeof createOfferService>;
