import { sql, type Kysely } from 'kysely';
import type { ContractType, DB, EndReason } from '../../db/schema.ts';

export function createPlacementRepository(db: Kysely<DB>) {
  const placementBase = () =>
    db
      .selectFrom('placements as p')
      .innerJoin('candidates as k', 'k.id', 'p.candidate_id')
      .innerJoin('employers as e', 'e.id', 'p.employer_id')
      .innerJoin('offers as o', 'o.id', 'p.offer_id')
      .leftJoin('users as u', 'u.id', 'p.counselor_id')
      .selectAll('p')
      .select(['k.first_name', 'k.last_name', 'e.name as employer_name', 'o.title as offer_title', 'u.display_name as counselor_name']);

  const checkinBase = () =>
    db
      .selectFrom('placement_checkins as c')
      .innerJoin('placements as p', 'p.id', 'c.placement_id')
      .innerJoin('candidates as k', 'k.id', 'p.candidate_id')
      .innerJoin('employers as e', 'e.id', 'p.employer_id')
      .innerJoin('offers as o', 'o.id', 'p.offer_id')
      .leftJoin('users as u', 'u.id', 'c.counselor_id')
      .selectAll('c')
      .select([
        'p.territory_id',
        'p.employer_id',
        'p.started_on',
        'p.ended_on',
        'k.first_name',
        'k.last_name',
        'k.phone',
        'k.email',
        'e.name as employer_name',
        'o.title as offer_title',
        'u.display_name as counselor_name',
      ]);

  return {
    /** Locks the candidate row: concurrent hires of one person are decided one after the other. */
    lockCandidate(candidateId: string) {
      return db.selectFrom('candidates').select('id').where('id', '=', candidateId).forUpdate().executeTakeFirst();
    },

    activeWorkTimes(candidateId: string) {
      return db
        .selectFrom('placements')
        .select('work_time')
        .where('candidate_id', '=', candidateId)
        .where('ended_on', 'is', null)
        .execute()
        .then((rows) => rows.map((r) => r.work_time));
    },

    insertPlacement(row: {
      territory_id: string;
      application_id: string;
      candidate_id: string;
      employer_id: string;
      offer_id: string;
      work_time: 'full_time' | 'part_time';
      contract: ContractType;
      started_on: string;
    }) {
      return db.insertInto('placements').values(row).returningAll().executeTakeFirstOrThrow();
    },

    findPlacement(id: string) {
      return placementBase().where('p.id', '=', id).executeTakeFirst();
    },

    async listPlacements(territoryId: string, filter: { employerId?: string; active?: boolean; limit: number; offset: number }) {
      let q = placementBase().where('p.territory_id', '=', territoryId);
      if (filter.employerId) q = q.where('p.employer_id', '=', filter.employerId);
      if (filter.active === true) q = q.where('p.ended_on', 'is', null);
      if (filter.active === false) q = q.where('p.ended_on', 'is not', null);
      const [items, total] = await Promise.all([
        q.orderBy('p.started_on', 'desc').orderBy('p.id').limit(filter.limit).offset(filter.offset).execute(),
        q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** The territory's counsellor with the fewest open check-ins (ties: by email), or none. */
    leastLoadedCounselor(territoryId: string) {
      return db
        .selectFrom('users as u')
        .select(['u.id'])
        .where('u.territory_id', '=', territoryId)
        .where('u.role', '=', 'counselor')
        .where('u.is_active', '=', true)
        .orderBy((eb) => eb.selectFrom('placement_checkins as c').whereRef('c.counselor_id', '=', 'u.id').where('c.done_at', 'is', null).select(sql<number>`count(*)`.as('n')))
        .orderBy('u.email')
        .limit(1)
        .executeTakeFirst();
    },

    setCounselor(placementId: string, counselorId: string | null) {
      return db.updateTable('placements').set({ counselor_id: counselorId }).where('id', '=', placementId).execute();
    },

    /** Inserts the missing check-ins (idempotent: a job run twice creates them once). */
    insertCheckins(rows: { placement_id: string; months: 1 | 3 | 6 | 12; due_on: string; counselor_id: string | null }[]) {
      if (rows.length === 0) return Promise.resolve([]);
      return db
        .insertInto('placement_checkins')
        .values(rows)
        .onConflict((oc) => oc.columns(['placement_id', 'months']).doNothing())
        .returning('id')
        .execute();
    },

    async listCheckins(territoryId: string, filter: { counselorId?: string; state: 'due' | 'open' | 'done' | 'all'; today: string; limit: number; offset: number }) {
      let q = checkinBase().where('p.territory_id', '=', territoryId);
      if (filter.counselorId) q = q.where('c.counselor_id', '=', filter.counselorId);
      // an ended placement has nothing left to follow
      if (filter.state === 'due') q = q.where('c.done_at', 'is', null).where('p.ended_on', 'is', null).where('c.due_on', '<=', filter.today);
      if (filter.state === 'open') q = q.where('c.done_at', 'is', null).where('p.ended_on', 'is', null);
      if (filter.state === 'done') q = q.where('c.done_at', 'is not', null);
      const [items, total] = await Promise.all([
        q.orderBy('c.due_on').orderBy('c.id').limit(filter.limit).offset(filter.offset).execute(),
        q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    findCheckin(id: string) {
      return checkinBase().where('c.id', '=', id).executeTakeFirst();
    },

    recordCheckin(id: string, set: { outcome: 'still_employed' | 'left'; left_reason: EndReason | null; notes: string; recorded_by: string }) {
      return db
        .updateTable('placement_checkins')
        .set({ ...set, done_at: sql`now()` })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .executeTakeFirst();
    },

    endPlacement(id: string, endedOn: string, reason: EndReason) {
      return db.updateTable('placements').set({ ended_on: endedOn, end_reason: reason }).where('id', '=', id).where('ended_on', 'is', null).execute();
    },

    /** Check-ins of a placement left open after it ended: nothing to follow any more. */
    closeLaterCheckins(placementId: string, afterDueOn: string) {
      return db
        .deleteFrom('placement_checkins')
        .where('placement_id', '=', placementId)
        .where('done_at', 'is', null)
        .where('due_on', '>', afterDueOn)
        .execute();
    },

    /** Check-ins due on or before `today` whose checkin.due event has not gone out. */
    dueUnnotified(today: string, limit: number) {
      return checkinBase()
        .innerJoin('territories as t', 't.id', 'p.territory_id')
        .select('t.code as territory_code')
        .where('c.done_at', 'is', null)
        .where('c.due_notified_at', 'is', null)
        .where('c.due_on', '<=', today)
        .orderBy('c.due_on')
        .limit(limit)
        .execute();
    },

    markNotified(id: string) {
      return db.updateTable('placement_checkins').set({ due_notified_at: sql`now()` }).where('id', '=', id).execute();
    },

    /**
     * Retention at `months` after the start: of the placements started at least that long before
     * `today`, how many had not ended by then. Ended placements count as left on their end date.
     */
    async retention(territoryId: string, months: number, today: string) {
      const row = await sql<{ eligible: number; retained: number; recorded: number }>`
        SELECT count(*) AS eligible,
               count(*) FILTER (WHERE p.ended_on IS NULL OR p.ended_on >= (p.started_on + make_interval(months => ${months}))::date) AS retained,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM placement_checkins c WHERE c.placement_id = p.id AND c.months = ${months} AND c.done_at IS NOT NULL)) AS recorded
        FROM placements p
        WHERE p.territory_id = ${territoryId}
          AND (p.started_on + make_interval(months => ${months}))::date <= ${today}::date
      `.execute(db);
      const r = row.rows[0];
      return { eligible: Number(r.eligible), retained: Number(r.retained), recorded: Number(r.recorded) };
    },
  };
}
export type PlacementRepository = ReturnType<typeof createPlacementRepository>;
