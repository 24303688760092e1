import { sql, type Kysely } from 'kysely';
import type { ApplicationStatus, DB, RejectionReason } from '../../db/schema.ts';
import type { OfferListQuery } from './schema.ts';

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createOfferRepository(db: Kysely<DB>) {
  const offerBase = () =>
    db
      .selectFrom('offers as o')
      .innerJoin('employers as e', 'e.id', 'o.employer_id')
      .innerJoin('sites as s', 's.id', 'o.site_id')
      .innerJoin('territories as t', 't.id', 'o.territory_id')
      .leftJoin('communes as c', 'c.code', 's.commune_code')
      .selectAll('o')
      .select([
        'e.name as employer_name',
        's.name as site_name',
        'c.name as commune_name',
        't.code as territory_code',
        // a site without a commune is placed at the territory's centre
        sql<number>`coalesce(c.lat, t.centre_lat)`.as('lat'),
        sql<number>`coalesce(c.lon, t.centre_lon)`.as('lon'),
      ]);

  const applicationBase = () =>
    db
      .selectFrom('applications as a')
      .innerJoin('offers as o', 'o.id', 'a.offer_id')
      .innerJoin('employers as e', 'e.id', 'o.employer_id')
      .innerJoin('candidates as k', 'k.id', 'a.candidate_id')
      .leftJoin('employer_stages as st', 'st.id', 'a.stage_id')
      .selectAll('a')
      .select([
        'o.title as offer_title',
        'o.employer_id',
        'o.territory_id',
        'o.status as offer_status',
        'e.name as employer_name',
        'k.first_name',
        'k.last_name',
        'k.email',
        'k.user_id as candidate_user_id',
        'st.label as stage_label',
        'st.status as stage_status',
        'st.position as stage_position',
        (eb) => eb.selectFrom('application_comments as ac').whereRef('ac.application_id', '=', 'a.id').select(sql<number>`count(*)`.as('n')).as('comments'),
      ]);

  return {
    findOffer(id: string) {
      return offerBase().where('o.id', '=', id).executeTakeFirst();
    },

    /** Locks the offer row (hires against its seats are counted under this lock). */
    lockOffer(id: string) {
      return db.selectFrom('offers').select(['id', 'seats']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    findSite(id: string) {
      return db.selectFrom('sites').select(['id', 'territory_id']).where('id', '=', id).executeTakeFirst();
    },

    findEmployer(id: string) {
      return db.selectFrom('employers').select(['id', 'territory_id', 'name']).where('id', '=', id).executeTakeFirst();
    },

    insertOffer(row: DB['offers'] extends infer R ? { [K in keyof R]?: any } : never) {
      return db.insertInto('offers').values(row as any).returning('id').executeTakeFirstOrThrow();
    },

    updateOffer(id: string, set: Record<string, unknown>) {
      return db
        .updateTable('offers')
        .set({ ...(set as any), updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    async listOffers(territoryId: string, query: OfferListQuery, scope: { employerId?: string; openOnly?: boolean; limit?: number; offset?: number }) {
      let base = offerBase().where('o.territory_id', '=', territoryId);
      if (scope.employerId) base = base.where('o.employer_id', '=', scope.employerId);
      if (scope.openOnly) base = base.where('o.status', '=', 'open');
      else if (query.status) base = base.where('o.status', '=', query.status);
      if (query.contract) base = base.where('o.contract', '=', query.contract);
      if (query.workTime) base = base.where('o.work_time', '=', query.workTime);
      if (query.occupation) base = base.where('o.occupation_code', '=', query.occupation);
      if (query.siteId) base = base.where('o.site_id', '=', query.siteId);
      if (query.shift) base = base.where(sql<boolean>`${query.shift} = ANY(o.shifts)`);
      if (query.language) {
        // offers requiring this language, or requiring none
        base = base.where(sql<boolean>`(o.languages = '[]'::jsonb OR o.languages @> ${JSON.stringify([{ code: query.language }])}::jsonb)`);
      }
      if (query.startFrom) base = base.where('o.start_date', '>=', query.startFrom);
      if (query.startTo) base = base.where('o.start_date', '<=', query.startTo);
      for (const word of (query.q ?? '').split(/\s+/).filter(Boolean)) {
        const pattern = `%${escapeLike(word)}%`;
        base = base.where((eb) => eb.or([eb('o.title', 'ilike', pattern), eb('o.description', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
      }
      const limit = scope.limit ?? query.pageSize;
      const offset = scope.offset ?? (query.page - 1) * query.pageSize;
      const [items, total] = await Promise.all([
        base.orderBy('o.start_date').orderBy('o.created_at', 'desc').orderBy('o.id').limit(limit).offset(offset).execute(),
        base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    async offerCounts(offerIds: string[]) {
      if (offerIds.length === 0) return new Map<string, { applications: number; hired: number }>();
      const rows = await db
        .selectFrom('applications')
        .select(['offer_id', sql<number>`count(*) FILTER (WHERE status <> 'withdrawn')`.as('applications'), sql<number>`count(*) FILTER (WHERE status = 'hired')`.as('hired')])
        .where('offer_id', 'in', offerIds)
        .groupBy('offer_id')
        .execute();
      return new Map(rows.map((r) => [r.offer_id, { applications: Number(r.applications), hired: Number(r.hired) }]));
    },

    async applicationsOfCandidate(candidateId: string, offerIds: string[]) {
      if (offerIds.length === 0) return new Map<string, { id: string; status: ApplicationStatus }>();
      const rows = await db
        .selectFrom('applications')
        .select(['id', 'offer_id', 'status'])
        .where('candidate_id', '=', candidateId)
        .where('offer_id', 'in', offerIds)
        .execute();
      return new Map(rows.map((r) => [r.offer_id, { id: r.id, status: r.status }]));
    },

    // ---- candidates for the fit score --------------------------------------------------------------

    candidatesForFit(territoryId: string, ids?: string[]) {
      let q = db
        .selectFrom('candidates as k')
        .leftJoin('communes as c', 'c.code', 'k.commune_code')
        .select([
          'k.id',
          'k.first_name',
          'k.last_name',
          'k.email',
          'k.mobility_km',
          'k.languages',
          'k.shifts',
          'k.work_time',
          'k.contract_wishes',
          'c.lat',
          'c.lon',
        ])
        .where('k.territory_id', '=', territoryId)
        .where('k.anonymised_at', 'is', null)
        .where('k.merged_into_id', 'is', null);
      if (ids) {
        if (ids.length === 0) return Promise.resolve([]);
        q = q.where('k.id', 'in', ids);
      }
      return q.orderBy('k.id').execute();
    },

    findCandidateByUser(userId: string) {
      return db.selectFrom('candidates').select(['id', 'territory_id', 'first_name', 'last_name']).where('user_id', '=', userId).executeTakeFirst();
    },

    // ---- applications ------------------------------------------------------------------------------

    insertApplication(row: { offer_id: string; candidate_id: string; message: string; stage_id: string | null }) {
      return db
        .insertInto('applications')
        .values(row)
        .onConflict((oc) => oc.columns(['offer_id', 'candidate_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    findApplication(id: string) {
      return applicationBase().where('a.id', '=', id).executeTakeFirst();
    },

    lockApplication(id: string) {
      return db.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    listApplicationsOfOffer(offerId: string, status?: ApplicationStatus) {
      let q = applicationBase().where('a.offer_id', '=', offerId);
      if (status) q = q.where('a.status', '=', status);
      return q.orderBy('a.created_at').orderBy('a.id').execute();
    },

    listApplicationsOfCandidate(candidateId: string) {
      return applicationBase().where('a.candidate_id', '=', candidateId).orderBy('a.created_at', 'desc').orderBy('a.id').execute();
    },

    updateApplication(id: string, set: { status: ApplicationStatus; stage_id: string | null; rejection_reason: RejectionReason | null; rejection_note: string }) {
      return db
        .updateTable('applications')
        .set({ ...set, status_changed_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    insertEvent(row: { application_id: string; from_status: ApplicationStatus | null; to_status: ApplicationStatus; stage_id: string | null; actor_id: string | null }) {
      return db.insertInto('application_events').values(row).execute();
    },

    countHired(offerId: string) {
      return db
        .selectFrom('applications')
        .select(sql<number>`count(*)`.as('n'))
        .where('offer_id', '=', offerId)
        .where('status', '=', 'hired')
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },

    comments(applicationId: string) {
      return db
        .selectFrom('application_comments as c')
        .innerJoin('users as u', 'u.id', 'c.author_id')
        .select(['c.id', 'c.body', 'c.created_at', 'u.display_name', 'u.role'])
        .where('c.application_id', '=', applicationId)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
    },

    insertComment(row: { application_id: string; author_id: string; body: string }) {
      return db.insertInto('application_comments').values(row).returning('id').executeTakeFirstOrThrow();
    },

    // ---- stages ------------------------------------------------------------------------------------

    stages(employerId: string) {
      return db
        .selectFrom('employer_stages')
        .select(['id', 'label', 'status', 'position'])
        .where('employer_id', '=', employerId)
        .where('is_active', '=', true)
        .orderBy('position')
        .execute();
    },

    findStage(id: string) {
      return db.selectFrom('employer_stages').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async replaceStages(employerId: string, stages: { id?: string; label: string; status: 'applied' | 'interview' | 'offer' }[]) {
      await db.updateTable('employer_stages').set({ is_active: false }).where('employer_id', '=', employerId).execute();
      for (const [position, s] of stages.entries()) {
        if (s.id) {
          await db
            .updateTable('employer_stages')
            .set({ label: s.label, status: s.status, position, is_active: true })
            .where('id', '=', s.id)
            .where('employer_id', '=', employerId)
            .execute();
        } else {
          await db.insertInto('employer_stages').values({ employer_id: employerId, label: s.label, status: s.status, position }).execute();
        }
      }
    },

    /** Stages dropped from the list but still holding an open application. */
    async stagesInUse(employerId: string, keep: string[]) {
      let q = db
        .selectFrom('applications as a')
        .innerJoin('employer_stages as s', 's.id', 'a.stage_id')
        .select(['s.id', 's.label'])
        .distinct()
        .where('s.employer_id', '=', employerId)
        .where('a.status', 'in', ['applied', 'interview', 'offer']);
      if (keep.length) q = q.where('s.id', 'not in', keep);
      return q.execute();
    },
  };
}
export type OfferRepository = ReturnType<typeof createOfferRepository>;
