import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SessionListQuery } from './schema.ts';

/** Statuses that hold a seat. */
export const SEAT_HOLDING = ['enrolled', 'completed', 'not_completed'] as const;

export function createTrainingRepository(db: Kysely<DB>) {
  const sessionBase = () =>
    db
      .selectFrom('training_sessions as s')
      .innerJoin('training_bodies as b', 'b.id', 's.training_body_id')
      .leftJoin('sites as site', 'site.id', 's.site_id')
      .leftJoin('communes as c', (join) => join.on(sql<boolean>`c.code = coalesce(s.commune_code, site.commune_code)`))
      .selectAll('s')
      .select([
        'b.name as body_name',
        'site.name as site_name',
        'c.name as commune_name',
        (eb) =>
          eb
            .selectFrom('training_enrolments as e')
            .whereRef('e.session_id', '=', 's.id')
            .where('e.status', 'in', [...SEAT_HOLDING])
            .select(sql<number>`count(*)`.as('n'))
            .as('seats_taken'),
        (eb) =>
          eb.selectFrom('training_enrolments as e').whereRef('e.session_id', '=', 's.id').where('e.status', '=', 'waitlisted').select(sql<number>`count(*)`.as('n')).as('waitlisted'),
      ]);

  const enrolmentBase = () =>
    db
      .selectFrom('training_enrolments as e')
      .innerJoin('training_sessions as s', 's.id', 'e.session_id')
      .innerJoin('candidates as k', 'k.id', 'e.candidate_id')
      .selectAll('e')
      .select([
        's.title as session_title',
        's.training_body_id',
        's.territory_id',
        'k.first_name',
        'k.last_name',
        'k.email',
        'k.phone',
        'k.user_id as candidate_user_id',
        // rank on the waiting list, first asked first served
        sql<number | null>`CASE WHEN e.status = 'waitlisted' THEN (
          SELECT count(*) FROM training_enrolments w
          WHERE w.session_id = e.session_id AND w.status = 'waitlisted' AND (w.requested_at, w.id) <= (e.requested_at, e.id)) END`.as('waitlist_position'),
        (eb) => eb.selectFrom('training_attendance as a').whereRef('a.enrolment_id', '=', 'e.id').where('a.present', '=', true).select(sql<number>`count(*)`.as('n')).as('days_present'),
        (eb) => eb.selectFrom('training_attendance as a').whereRef('a.enrolment_id', '=', 'e.id').select(sql<number>`count(*)`.as('n')).as('days_recorded'),
      ]);

  return {
    findSession(id: string) {
      return sessionBase().where('s.id', '=', id).executeTakeFirst();
    },

    /** Locks the session row: enrolments, withdrawals and promotions of one session happen one at a time. */
    lockSession(id: string) {
      return db.selectFrom('training_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    insertSession(row: Record<string, unknown>) {
      return db
        .insertInto('training_sessions')
        .values(row as any)
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    updateSession(id: string, set: Record<string, unknown>) {
      return db
        .updateTable('training_sessions')
        .set({ ...(set as any), updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    async listSessions(territoryId: string, q: SessionListQuery, scope: { bodyId?: string; publishedOnly?: boolean; limit: number; offset: number }) {
      let base = sessionBase().where('s.territory_id', '=', territoryId);
      if (scope.bodyId) base = base.where('s.training_body_id', '=', scope.bodyId);
      if (scope.publishedOnly) base = base.where('s.status', '=', 'published');
      else if (q.status) base = base.where('s.status', '=', q.status);
      if (q.mode) base = base.where('s.mode', '=', q.mode);
      if (q.from) base = base.where('s.ends_on', '>=', q.from);
      for (const word of (q.q ?? '').split(/\s+/).filter(Boolean)) {
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) => eb.or([eb('s.title', 'ilike', pattern), eb('s.diploma', 'ilike', pattern), eb('s.description', 'ilike', pattern)]));
      }
      const [items, total] = await Promise.all([
        base.orderBy('s.starts_on').orderBy('s.id').limit(scope.limit).offset(scope.offset).execute(),
        db
          .selectFrom(base.as('x'))
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    countSeatsTaken(sessionId: string) {
      return db
        .selectFrom('training_enrolments')
        .select(sql<number>`count(*)`.as('n'))
        .where('session_id', '=', sessionId)
        .where('status', 'in', [...SEAT_HOLDING])
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },

    findEnrolment(id: string) {
      return enrolmentBase().where('e.id', '=', id).executeTakeFirst();
    },

    findEnrolmentOf(sessionId: string, candidateId: string) {
      return db.selectFrom('training_enrolments').selectAll().where('session_id', '=', sessionId).where('candidate_id', '=', candidateId).executeTakeFirst();
    },

    listEnrolments(sessionId: string) {
      return enrolmentBase()
        .where('e.session_id', '=', sessionId)
        .orderBy(sql`CASE e.status WHEN 'enrolled' THEN 0 WHEN 'completed' THEN 0 WHEN 'not_completed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END`)
        .orderBy('e.requested_at')
        .orderBy('e.id')
        .execute();
    },

    enrolmentsOfCandidate(candidateId: string) {
      return enrolmentBase().where('e.candidate_id', '=', candidateId).orderBy('s.starts_on', 'desc').orderBy('e.id').execute();
    },

    async myEnrolments(candidateId: string, sessionIds: string[]) {
      if (sessionIds.length === 0) return new Map<string, { id: string; status: DB['training_enrolments']['status']; waitlist_position: number | null }>();
      const rows = await enrolmentBase().where('e.candidate_id', '=', candidateId).where('e.session_id', 'in', sessionIds).execute();
      return new Map(rows.map((r) => [r.session_id, { id: r.id, status: r.status, waitlist_position: r.waitlist_position === null ? null : Number(r.waitlist_position) }]));
    },

    insertEnrolment(row: { session_id: string; candidate_id: string; status: 'enrolled' | 'waitlisted'; enrolled_by: string }) {
      return db
        .insertInto('training_enrolments')
        .values({ ...row, enrolled_at: row.status === 'enrolled' ? sql`now()` : null })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    /** A withdrawn candidate asks again: back of the queue (or a free seat). */
    reopenEnrolment(id: string, status: 'enrolled' | 'waitlisted', by: string) {
      return db
        .updateTable('training_enrolments')
        .set({ status, requested_at: sql`clock_timestamp()`, enrolled_at: status === 'enrolled' ? sql`now()` : null, promoted: false, withdrawn_at: null, enrolled_by: by })
        .where('id', '=', id)
        .execute();
    },

    withdraw(id: string) {
      return db.updateTable('training_enrolments').set({ status: 'withdrawn', withdrawn_at: sql`now()` }).where('id', '=', id).execute();
    },

    /** Gives the `count` free seats to the first of the waiting list; returns the promoted enrolments. */
    promote(sessionId: string, count: number) {
      if (count <= 0) return Promise.resolve([]);
      return db
        .updateTable('training_enrolments')
        .set({ status: 'enrolled', enrolled_at: sql`now()`, promoted: true })
        .where(
          'id',
          'in',
          db
            .selectFrom('training_enrolments')
            .select('id')
            .where('session_id', '=', sessionId)
            .where('status', '=', 'waitlisted')
            .orderBy('requested_at')
            .orderBy('id')
            .limit(count),
        )
        .returning(['id', 'candidate_id'])
        .execute();
    },

    complete(id: string, set: { status: 'completed' | 'not_completed'; grade: number | null }) {
      return db
        .updateTable('training_enrolments')
        .set({ ...set, completed_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    attendance(sessionId: string, day: string) {
      return db
        .selectFrom('training_attendance as a')
        .innerJoin('training_enrolments as e', 'e.id', 'a.enrolment_id')
        .select(['a.enrolment_id', 'a.present'])
        .where('e.session_id', '=', sessionId)
        .where('a.day', '=', day)
        .execute();
    },

    upsertAttendance(rows: { enrolment_id: string; day: string; present: boolean; recorded_by: string }[]) {
      return db
        .insertInto('training_attendance')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['enrolment_id', 'day']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), recorded_by: eb.ref('excluded.recorded_by'), recorded_at: sql`now()` })),
        )
        .execute();
    },

    insertResults(rows: { candidate_id: string; pillar: DB['evaluation_results']['pillar']; language_code: string | null; score: number; cefr_level: DB['evaluation_results']['cefr_level']; assessed_by: string }[]) {
      if (rows.length === 0) return Promise.resolve();
      return db
        .insertInto('evaluation_results')
        .values(rows.map((r) => ({ ...r, source: 'training' as const })))
        .execute()
        .then(() => undefined);
    },

    findCandidate(territoryId: string, by: { id?: string; email?: string; userId?: string }) {
      let q = db
        .selectFrom('candidates')
        .select(['id', 'territory_id', 'first_name', 'last_name', 'languages'])
        .where('territory_id', '=', territoryId)
        .where('anonymised_at', 'is', null)
        .where('merged_into_id', 'is', null);
      if (by.id) q = q.where('id', '=', by.id);
      if (by.email) q = q.where('email', '=', by.email.toLowerCase());
      if (by.userId) q = q.where('user_id', '=', by.userId);
      return q.executeTakeFirst();
    },

    findBody(id: string) {
      return db.selectFrom('training_bodies').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findSite(id: string) {
      return db.selectFrom('sites').select(['id', 'territory_id', 'commune_code']).where('id', '=', id).executeTakeFirst();
    },

    communeExists(code: string) {
      return db.selectFrom('communes').select('code').where('code', '=', code).executeTakeFirst();
    },

    territoryCode(id: string) {
      return db.selectFrom('territories').select(['code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    },
  };
}
export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
