import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Clock } from '../auth/service.ts';
import { findLatestScores } from '../evaluations/repository.ts';
import { isoDay } from '../placements/rules.ts';
import { resolveTerritory } from '../territories/service.ts';
import { renderCertificate } from './certificate.ts';
import { missingPrerequisites } from './prerequisites.ts';
import { createTrainingRepository, type TrainingRepository } from './repository.ts';
import type {
  AttendanceBody,
  CompletionBody,
  CreateSessionBody,
  EnrolBody,
  Enrolment,
  SessionListQuery,
  TrainingSession,
  UpdateSessionBody,
} from './schema.ts';

type SessionRow = NonNullable<Awaited<ReturnType<TrainingRepository['findSession']>>>;
type EnrolmentRow = NonNullable<Awaited<ReturnType<TrainingRepository['findEnrolment']>>>;

const staff = new Set(['admin', 'advisor', 'counselor']);

export function toSession(s: SessionRow, myEnrolment: TrainingSession['myEnrolment'] = null): TrainingSession {
  return {
    id: s.id,
    trainingBodyId: s.training_body_id,
    trainingBodyName: s.body_name,
    title: s.title,
    description: s.description,
    diploma: s.diploma,
    mode: s.mode,
    siteId: s.site_id,
    siteName: s.site_name,
    communeCode: s.commune_code,
    communeName: s.commune_name,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    hours: s.hours,
    seats: s.seats,
    seatsTaken: Number(s.seats_taken ?? 0),
    waitlisted: Number(s.waitlisted ?? 0),
    prerequisites: { minScores: s.min_scores as TrainingSession['prerequisites']['minScores'], languages: s.languages },
    raises: s.raises,
    status: s.status,
    createdAt: s.created_at.toISOString(),
    myEnrolment,
  };
}

export function toEnrolment(e: EnrolmentRow): Enrolment {
  return {
    id: e.id,
    sessionId: e.session_id,
    sessionTitle: e.session_title,
    candidateId: e.candidate_id,
    firstName: e.first_name,
    lastName: e.last_name,
    email: e.email,
    phone: e.phone,
    status: e.status,
    waitlistPosition: e.waitlist_position === null ? null : Number(e.waitlist_position),
    promoted: e.promoted,
    requestedAt: e.requested_at.toISOString(),
    enrolledAt: e.enrolled_at ? new Date(e.enrolled_at).toISOString() : null,
    completedAt: e.completed_at ? new Date(e.completed_at).toISOString() : null,
    grade: e.grade === null ? null : Number(e.grade),
    daysPresent: Number(e.days_present ?? 0),
    daysRecorded: Number(e.days_recorded ?? 0),
  };
}

/**
 * Takes a seat on a session while any is free, else a place on the waiting list, inside the caller's
 * transaction. The session row is locked, so concurrent enrolments never share the last seat.
 * Throws ConflictError when the candidate is already enrolled, waitlisted or done on the session.
 */
export async function enrolInTransaction(tx: Kysely<DB>, input: { sessionId: string; candidateId: string; actorId: string }): Promise<{ id: string; status: 'enrolled' | 'waitlisted' }> {
  const r = createTrainingRepository(tx);
  const session = await r.lockSession(input.sessionId);
  if (!session) throw new NotFoundError('training session', input.sessionId);
  const existing = await r.findEnrolmentOf(input.sessionId, input.candidateId);
  if (existing && existing.status !== 'withdrawn') throw new ConflictError(`This candidate is already ${existing.status} on this session.`);
  const status = (await r.countSeatsTaken(input.sessionId)) < session.seats ? 'enrolled' : 'waitlisted';
  if (existing) {
    await r.reopenEnrolment(existing.id, status, input.actorId);
    return { id: existing.id, status };
  }
  return { id: (await r.insertEnrolment({ session_id: input.sessionId, candidate_id: input.candidateId, status, enrolled_by: input.actorId })).id, status };
}

export function createTrainingService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const repo = createTrainingRepository(db);
  const today = () => isoDay(clock.now());

  /** Trainers see their body's sessions; staff every session of their territory; others published ones. */
  async function readableSession(auth: AuthContext, id: string): Promise<SessionRow> {
    const s = await repo.findSession(id);
    if (!s) throw new NotFoundError('training session', id);
    const sameTerritory = auth.role === 'admin' || auth.territoryId === s.territory_id;
    const ok = auth.role === 'trainer' ? s.training_body_id === auth.trainingBodyId : staff.has(auth.role) ? sameTerritory : sameTerritory && s.status === 'published';
    if (!ok) throw new NotFoundError('training session', id);
    return s;
  }

  /** The session's training body and the staff of its territory manage it (counsellors read only). */
  async function managedSession(auth: AuthContext, id: string, { edit = false } = {}): Promise<SessionRow> {
    const s = await readableSession(auth, id);
    if (auth.role === 'trainer' || auth.role === 'admin' || auth.role === 'advisor') return s;
    if (auth.role === 'counselor' && !edit) return s;
    throw new ForbiddenError('Only the training body and agency staff manage this session.');
  }

  async function visibleEnrolment(auth: AuthContext, id: string, { manage = false } = {}): Promise<EnrolmentRow> {
    const e = await repo.findEnrolment(id);
    if (!e) throw new NotFoundError('enrolment', id);
    const ok =
      auth.role === 'candidate'
        ? !manage && e.candidate_user_id === auth.userId
        : auth.role === 'trainer'
          ? e.training_body_id === auth.trainingBodyId
          : staff.has(auth.role) && (auth.role === 'admin' || e.territory_id === auth.territoryId);
    if (!ok) throw new NotFoundError('enrolment', id);
    return e;
  }

  /** Gives the free seats of a running session to the waiting list, in order. Call under the session lock. */
  async function fillFreeSeats(r: TrainingRepository, session: { id: string; seats: number; status: string; ends_on: string }) {
    if (session.status !== 'published' || session.ends_on < today()) return [];
    const free = session.seats - (await r.countSeatsTaken(session.id));
    return r.promote(session.id, free);
  }

  async function checkPlace(territoryId: string, b: { mode?: string; siteId?: string | null; communeCode?: string | null }) {
    if (b.siteId) {
      const site = await repo.findSite(b.siteId);
      if (!site || site.territory_id !== territoryId) throw new ValidationError({ siteId: 'no site with this id in the territory' });
    }
    if (b.communeCode && !(await repo.communeExists(b.communeCode))) throw new ValidationError({ communeCode: 'unknown commune code' });
  }

  function sessionColumns(b: Partial<CreateSessionBody> | UpdateSessionBody) {
    const set: Record<string, unknown> = {};
    const map: [keyof UpdateSessionBody, string][] = [
      ['title', 'title'],
      ['description', 'description'],
      ['diploma', 'diploma'],
      ['mode', 'mode'],
      ['siteId', 'site_id'],
      ['communeCode', 'commune_code'],
      ['startsOn', 'starts_on'],
      ['endsOn', 'ends_on'],
      ['hours', 'hours'],
      ['seats', 'seats'],
      ['status', 'status'],
    ];
    for (const [from, to] of map) if (b[from] !== undefined) set[to] = b[from];
    if (b.minScores !== undefined) set.min_scores = JSON.stringify(b.minScores);
    if (b.languages !== undefined) set.languages = JSON.stringify(b.languages);
    if (b.raises !== undefined) set.raises = JSON.stringify(b.raises);
    return set;
  }

  const service = {
    db,

    async bodyFor(auth: AuthContext, territoryId: string, bodyId: string | undefined): Promise<string> {
      if (auth.role === 'trainer') {
        if (bodyId && bodyId !== auth.trainingBodyId) throw new ForbiddenError('Trainers publish sessions of their own training body only.');
        return auth.trainingBodyId!;
      }
      if (!bodyId) throw new ValidationError({ trainingBodyId: 'staff publishing a session must name the training body' });
      const b = await repo.findBody(bodyId);
      if (!b || b.territory_id !== territoryId) throw new ValidationError({ trainingBodyId: 'no training body with this id in the territory' });
      return b.id;
    },

    async create(auth: AuthContext, code: string, body: CreateSessionBody): Promise<TrainingSession> {
      const t = await resolveTerritory(db, auth, code);
      const bodyId = await service.bodyFor(auth, t.id, body.trainingBodyId);
      await checkPlace(t.id, body);
      const { id } = await repo.insertSession({ ...sessionColumns(body), territory_id: t.id, training_body_id: bodyId, created_by: auth.userId });
      return toSession((await repo.findSession(id))!);
    },

    async update(auth: AuthContext, id: string, body: UpdateSessionBody): Promise<TrainingSession> {
      const current = await managedSession(auth, id, { edit: true });
      await checkPlace(current.territory_id, body);
      const startsOn = body.startsOn ?? current.starts_on;
      const endsOn = body.endsOn ?? current.ends_on;
      if (endsOn < startsOn) throw new ValidationError({ endsOn: 'must be on or after the start date' });
      const mode = body.mode ?? current.mode;
      const siteId = body.siteId === undefined ? current.site_id : body.siteId;
      const communeCode = body.communeCode === undefined ? current.commune_code : body.communeCode;
      if (mode === 'on_site' && !siteId && !communeCode) throw new ValidationError({ siteId: 'an on-site session needs a site or a commune' });
      await db.transaction().execute(async (tx) => {
        const r = createTrainingRepository(tx);
        const locked = (await r.lockSession(id))!;
        if (body.seats !== undefined) {
          const taken = await r.countSeatsTaken(id);
          if (body.seats < taken) throw new ConflictError(`${taken} seats are taken: withdraw enrolments before lowering the seats to ${body.seats}.`, { seats: `at least ${taken}` });
        }
        await r.updateSession(id, sessionColumns(body));
        // more seats (or a session published again) take people off the waiting list
        await fillFreeSeats(r, { id, seats: body.seats ?? locked.seats, status: body.status ?? locked.status, ends_on: endsOn });
      });
      return toSession((await repo.findSession(id))!);
    },

    async get(auth: AuthContext, id: string): Promise<TrainingSession> {
      const s = await readableSession(auth, id);
      let mine = null;
      if (auth.role === 'candidate') {
        const me = await repo.findCandidate(s.territory_id, { userId: auth.userId });
        const e = me ? (await repo.myEnrolments(me.id, [id])).get(id) : undefined;
        if (e) mine = { id: e.id, status: e.status, waitlistPosition: e.waitlist_position };
      }
      return toSession(s, mine);
    },

    async list(auth: AuthContext, code: string, q: SessionListQuery, page?: { limit: number; offset: number }) {
      const t = await resolveTerritory(db, auth, code);
      const { items, total } = await repo.listSessions(t.id, q, {
        bodyId: auth.role === 'trainer' ? auth.trainingBodyId! : undefined,
        publishedOnly: !(auth.role === 'trainer' || staff.has(auth.role)),
        limit: page?.limit ?? q.pageSize,
        offset: page?.offset ?? (q.page - 1) * q.pageSize,
      });
      let mine = new Map<string, { id: string; status: Enrolment['status']; waitlist_position: number | null }>();
      if (auth.role === 'candidate') {
        const me = await repo.findCandidate(t.id, { userId: auth.userId });
        if (me) mine = await repo.myEnrolments(me.id, items.map((s) => s.id));
      }
      return {
        items: items.map((s) => {
          const e = mine.get(s.id);
          return toSession(s, e ? { id: e.id, status: e.status, waitlistPosition: e.waitlist_position } : null);
        }),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    // ---- enrolments --------------------------------------------------------------------------------

    /**
     * Enrols a candidate (themselves, or by a trainer/staff): a seat while any is free, else the
     * waiting list. The session row is locked, so concurrent enrolments never share the last seat.
     */
    async enrol(auth: AuthContext, sessionId: string, body: z.infer<typeof EnrolBody>): Promise<Enrolment> {
      const s = auth.role === 'candidate' ? await readableSession(auth, sessionId) : await managedSession(auth, sessionId, { edit: true });
      let candidate;
      if (auth.role === 'candidate') {
        candidate = await repo.findCandidate(s.territory_id, { userId: auth.userId });
        if (!candidate) throw new NotFoundError('candidate profile');
      } else {
        if (!body.candidateId && !body.candidateEmail) throw new ValidationError({ candidateEmail: 'give the candidate’s email (or id)' });
        candidate = await repo.findCandidate(s.territory_id, { id: body.candidateId, email: body.candidateEmail });
        if (!candidate) throw new ValidationError({ [body.candidateId ? 'candidateId' : 'candidateEmail']: 'no candidate of the territory with this ' + (body.candidateId ? 'id' : 'email') });
      }
      if (s.status !== 'published') throw new ConflictError('This session is not open to enrolment.');
      if (s.ends_on < today()) throw new ConflictError('This session is over.');
      if (!(body.ignorePrerequisites && auth.role !== 'candidate')) {
        const scores = await findLatestScores(db, [candidate.id]);
        const missing = missingPrerequisites(s, candidate.languages, scores.get(candidate.id));
        if (missing.length) throw new ConflictError(`Prerequisites not met: ${missing.join('; ')}.`, { prerequisites: missing.join('; ') });
      }
      const id = await db.transaction().execute(async (tx) => (await enrolInTransaction(tx, { sessionId, candidateId: candidate.id, actorId: auth.userId })).id);
      return toEnrolment((await repo.findEnrolment(id))!);
    },

    /** Withdraws an enrolment; a freed seat goes to the first of the waiting list in the same transaction. */
    async withdraw(auth: AuthContext, enrolmentId: string): Promise<{ enrolment: Enrolment; promoted: string[] }> {
      const e = await visibleEnrolment(auth, enrolmentId);
      if (auth.role === 'counselor') throw new ForbiddenError();
      const promoted = await db.transaction().execute(async (tx) => {
        const r = createTrainingRepository(tx);
        const session = (await r.lockSession(e.session_id))!;
        const current = (await r.findEnrolmentOf(e.session_id, e.candidate_id))!;
        if (current.status !== 'enrolled' && current.status !== 'waitlisted') throw new ConflictError(`This enrolment is ${current.status}: it cannot be withdrawn.`);
        await r.withdraw(current.id);
        return current.status === 'enrolled' ? fillFreeSeats(r, session) : [];
      });
      return { enrolment: toEnrolment((await repo.findEnrolment(enrolmentId))!), promoted: promoted.map((p) => p.id) };
    },

    async enrolments(auth: AuthContext, sessionId: string): Promise<Enrolment[]> {
      await managedSession(auth, sessionId);
      return (await repo.listEnrolments(sessionId)).map(toEnrolment);
    },

    async mine(auth: AuthContext): Promise<Enrolment[]> {
      if (!auth.territoryId) return [];
      const me = await repo.findCandidate(auth.territoryId, { userId: auth.userId });
      if (!me) throw new NotFoundError('candidate profile');
      return (await repo.enrolmentsOfCandidate(me.id)).map(toEnrolment);
    },

    // ---- attendance, completion, certificate -------------------------------------------------------

    async attendance(auth: AuthContext, sessionId: string, day: string) {
      await managedSession(auth, sessionId);
      const rows = await repo.attendance(sessionId, day);
      const byId = new Map(rows.map((r) => [r.enrolment_id, r.present]));
      const enrolled = (await repo.listEnrolments(sessionId)).filter((e) => e.status === 'enrolled' || e.status === 'completed' || e.status === 'not_completed');
      return { day, entries: enrolled.map((e) => ({ enrolmentId: e.id, present: byId.get(e.id) ?? null })) };
    },

    async recordAttendance(auth: AuthContext, sessionId: string, body: z.infer<typeof AttendanceBody>) {
      const s = await managedSession(auth, sessionId, { edit: true });
      if (body.day < s.starts_on || body.day > s.ends_on) throw new ValidationError({ day: `must be within the session (${s.starts_on} to ${s.ends_on})` });
      if (body.day > today()) throw new ValidationError({ day: 'cannot record attendance for a day to come' });
      const seated = new Set((await repo.listEnrolments(sessionId)).filter((e) => e.status !== 'waitlisted' && e.status !== 'withdrawn').map((e) => e.id));
      body.entries.forEach((entry, k) => {
        if (!seated.has(entry.enrolmentId)) throw new ValidationError({ [`entries.${k}.enrolmentId`]: 'not an enrolee holding a seat on this session' });
      });
      await repo.upsertAttendance(body.entries.map((e) => ({ enrolment_id: e.enrolmentId, day: body.day, present: e.present, recorded_by: auth.userId })));
      return service.attendance(auth, sessionId, body.day);
    },

    /** Completion and grade; the re-evaluation scores become evaluation results (source 'training'). */
    async complete(auth: AuthContext, enrolmentId: string, body: z.infer<typeof CompletionBody>): Promise<Enrolment> {
      const e = await visibleEnrolment(auth, enrolmentId, { manage: true });
      if (auth.role === 'counselor') throw new ForbiddenError();
      if (e.status !== 'enrolled') throw new ConflictError(`This enrolment is ${e.status}: only an enrolee holding a seat can complete the session.`);
      await db.transaction().execute(async (tx) => {
        const r = createTrainingRepository(tx);
        await r.complete(enrolmentId, { status: body.completed ? 'completed' : 'not_completed', grade: body.grade });
        await r.insertResults(
          body.scores.map((s) => ({ candidate_id: e.candidate_id, pillar: s.pillar, language_code: s.languageCode, score: s.score, cefr_level: s.pillar === 'language' ? s.cefrLevel : null, assessed_by: auth.userId })),
        );
      });
      return toEnrolment((await repo.findEnrolment(enrolmentId))!);
    },

    async certificate(auth: AuthContext, enrolmentId: string): Promise<{ pdf: Buffer; filename: string }> {
      const e = await visibleEnrolment(auth, enrolmentId);
      if (e.status !== 'completed' || !e.completed_at) throw new ConflictError('A certificate exists once the session is completed.');
      const s = (await repo.findSession(e.session_id))!;
      const t = await repo.territoryCode(s.territory_id);
      const pdf = await renderCertificate(
        {
          enrolmentId: e.id,
          candidateName: `${e.first_name} ${e.last_name}`,
          sessionTitle: s.title,
          diploma: s.diploma,
          trainingBody: s.body_name,
          territory: s.commune_name ?? t.name,
          startsOn: s.starts_on,
          endsOn: s.ends_on,
          hours: s.hours,
          mode: s.mode,
          grade: e.grade === null ? null : Number(e.grade),
          daysPresent: Number(e.days_present ?? 0),
          daysRecorded: Number(e.days_recorded ?? 0),
          completedAt: new Date(e.completed_at),
        },
        auth.locale,
      );
      return { pdf, filename: `attestation-${e.last_name}-${e.id.slice(0, 8)}.pdf` };
    },
  };
  return service;
}
export type TrainingService = ReturnType<typeof createTrainingService>;
