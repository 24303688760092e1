import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ContractType, DB, LanguageLevel, Pillar, PositioningPhase, ProposalStatus, Shift, VetoReason, WorkTime } from '../../db/schema.ts';
import { distanceKm } from '../../db/sql-geo.ts';
import { CEFR_LEVELS } from '../../core/matching/score.ts';

const CEFR = sql`ARRAY['A1', 'A2', 'B1', 'B2', 'C1', 'C2']`;

/** Scope of a run: one territory's id, or null for every territory. */
export type Scope = string | null;

export interface CandidateRow {
  id: string;
  territory_id: string;
  lat: number | null;
  lon: number | null;
  mobility_km: number;
  languages: LanguageLevel[];
  shifts: Shift[];
  work_time: WorkTime | null;
  contract_wishes: ContractType[];
}

export interface OfferTargetRow {
  id: string;
  territory_id: string;
  lat: number;
  lon: number;
  languages: LanguageLevel[];
  min_scores: Partial<Record<Pillar, number>>;
  shifts: Shift[];
  work_time: 'full_time' | 'part_time';
  contract: ContractType;
  seats_left: number;
}

export interface SessionTargetRow {
  id: string;
  territory_id: string;
  mode: 'on_site' | 'distance';
  lat: number | null;
  lon: number | null;
  min_scores: Partial<Record<Pillar, number>>;
  languages: LanguageLevel[];
  raises: { pillar: Pillar; languageCode: string | null; points: number }[];
  seats_left: number;
}

export interface NewProposal {
  run_id: string;
  territory_id: string;
  candidate_id: string;
  kind: 'offer' | 'session';
  offer_id: string | null;
  session_id: string | null;
  target_offer_id: string | null;
  score: number;
  value: number;
  parts: unknown[];
  closes: unknown[];
  distance_km: number;
}

/** The candidate is already in a process: an open application, a job, a training seat, or a published proposal. */
const busy = (k: string) => sql<SqlBool>`(
  EXISTS (SELECT 1 FROM proposals p WHERE p.candidate_id = ${sql.ref(k)} AND p.status = 'published')
  OR EXISTS (SELECT 1 FROM placements pl WHERE pl.candidate_id = ${sql.ref(k)} AND pl.ended_on IS NULL)
  OR EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = ${sql.ref(k)} AND a.status IN ('applied', 'interview', 'offer'))
  OR EXISTS (SELECT 1 FROM training_enrolments te JOIN training_sessions ts ON ts.id = te.session_id
             WHERE te.candidate_id = ${sql.ref(k)} AND te.status IN ('enrolled', 'waitlisted') AND ts.ends_on >= CURRENT_DATE)
)`;

export function createPositioningRepository(db: Kysely<DB>) {
  const runBase = () =>
    db
      .selectFrom('positioning_runs as r')
      .leftJoin('territories as t', 't.id', 'r.territory_id')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .selectAll('r')
      .select(['t.code as territory_code', 'u.display_name as created_by_name']);

  const proposalBase = () =>
    db
      .selectFrom('proposals as p')
      .innerJoin('candidates as k', 'k.id', 'p.candidate_id')
      .leftJoin('communes as kc', 'kc.code', 'k.commune_code')
      // the offer proposed, or for a session the offer the training opens
      .leftJoin('offers as o', (join) => join.on(sql<SqlBool>`o.id = coalesce(p.offer_id, p.target_offer_id)`))
      .leftJoin('employers as e', 'e.id', 'o.employer_id')
      .leftJoin('sites as s', 's.id', 'o.site_id')
      .leftJoin('training_sessions as ts', 'ts.id', 'p.session_id')
      .leftJoin('training_bodies as tb', 'tb.id', 'ts.training_body_id')
      .leftJoin('training_enrolments as te', 'te.id', 'p.enrolment_id')
      .leftJoin('users as rv', 'rv.id', 'p.reviewed_by')
      .selectAll('p')
      .select([
        'k.first_name',
        'k.last_name',
        'k.email',
        'k.user_id as candidate_user_id',
        'kc.name as commune_name',
        'o.title as offer_title',
        'o.employer_id',
        'o.contract as offer_contract',
        'o.work_time as offer_work_time',
        'o.start_date as offer_start_date',
        'e.name as employer_name',
        's.name as site_name',
        'ts.title as session_title',
        'ts.starts_on as session_starts_on',
        'ts.ends_on as session_ends_on',
        'ts.mode as session_mode',
        'tb.name as training_body_name',
        'te.status as enrolment_status',
        'rv.display_name as reviewed_by_name',
      ]);

  return {
    // ---- runs ----------------------------------------------------------------------------------------

    /**
     * Inserts a queued run (call inside a transaction); null when a queued or running run overlaps:
     * the same territory, or any run while a national one is active, or a national run while any is.
     * Overlapping runs would supersede each other's proposals. A transaction-scoped advisory lock
     * makes the check and the insert atomic (the unique index backs up the same-territory case).
     */
    async insertRun(row: { territory_id: string | null; include_sessions: boolean; created_by: string }) {
      await sql`SELECT pg_advisory_xact_lock(hashtext('guichet.positioning_runs'))`.execute(db);
      const active = await db
        .selectFrom('positioning_runs')
        .select('id')
        .where(sql<SqlBool>`(territory_id IS NULL OR ${row.territory_id}::uuid IS NULL OR territory_id = ${row.territory_id}::uuid)`)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (active) return null;
      return db.insertInto('positioning_runs').values(row).returning('id').executeTakeFirstOrThrow();
    },

    findRun(id: string) {
      return runBase().where('r.id', '=', id).executeTakeFirst();
    },

    lockRun(id: string) {
      return db.selectFrom('positioning_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** A territory's runs and the national ones (which hold its proposals too); scope null: the national runs only. */
    listRuns(scope: Scope, limit: number, offset: number) {
      const q = runBase().where(scope === null ? sql<SqlBool>`r.territory_id IS NULL` : sql<SqlBool>`(r.territory_id = ${scope} OR r.territory_id IS NULL)`);
      return Promise.all([
        q.orderBy('r.created_at', 'desc').orderBy('r.id').limit(limit).offset(offset).execute(),
        db
          .selectFrom('positioning_runs')
          .select(sql<number>`count(*)`.as('n'))
          .where(scope === null ? sql<SqlBool>`territory_id IS NULL` : sql<SqlBool>`(territory_id = ${scope} OR territory_id IS NULL)`)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
      ]);
    },

    /** Proposals per status of each run; with a territory, only that territory's proposals. */
    async proposalCounts(runIds: readonly string[], territoryId: string | null = null) {
      const out = new Map<string, Partial<Record<ProposalStatus, number>>>();
      if (runIds.length === 0) return out;
      let q = db
        .selectFrom('proposals')
        .select(['run_id', 'status', sql<number>`count(*)`.as('n')])
        .where('run_id', 'in', runIds);
      if (territoryId) q = q.where('territory_id', '=', territoryId);
      const rows = await q.groupBy(['run_id', 'status']).execute();
      for (const r of rows) {
        const entry = out.get(r.run_id) ?? {};
        entry[r.status] = Number(r.n);
        out.set(r.run_id, entry);
      }
      return out;
    },

    /** Marks the run running for a new attempt; returns null when it is no longer queued or running. */
    startAttempt(id: string) {
      return db
        .updateTable('positioning_runs')
        .set({ status: 'running', phase: 'loading', progress: 1, started_at: sql`coalesce(started_at, now())`, heartbeat_at: sql`now()`, attempts: sql`attempts + 1`, error: null })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .where('cancel_requested', '=', false)
        .returningAll()
        .executeTakeFirst();
    },

    /** Progress report; returns whether a cancel was requested meanwhile. */
    async progress(id: string, phase: PositioningPhase, progress: number, counts: Partial<{ candidates_considered: number; offers_considered: number; sessions_considered: number; arcs: number }> = {}) {
      const r = await db
        .updateTable('positioning_runs')
        .set({ phase, progress: Math.max(0, Math.min(99, Math.round(progress))), heartbeat_at: sql`now()`, ...counts })
        .where('id', '=', id)
        .returning('cancel_requested')
        .executeTakeFirst();
      return r?.cancel_requested ?? true;
    },

    finishRun(id: string, status: 'completed' | 'failed' | 'cancelled', set: Partial<{ proposals: number; total_score: number; certified: boolean; solve_ms: number; error: string | null; arcs: number }> = {}) {
      return db
        .updateTable('positioning_runs')
        .set({ status, phase: status === 'completed' ? 'done' : sql`phase`, progress: status === 'completed' ? 100 : sql`progress`, finished_at: sql`now()`, heartbeat_at: sql`now()`, ...set })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
    },

    noteError(id: string, error: string) {
      return db.updateTable('positioning_runs').set({ error }).where('id', '=', id).execute();
    },

    requestCancel(id: string) {
      return db.updateTable('positioning_runs').set({ cancel_requested: true }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    },

    // ---- what a run reads --------------------------------------------------------------------------

    /**
     * Fresh planner statistics for the tables a run reads. The embedded engine has no autovacuum: after
     * a bulk import or the demo seed the planner believed `candidates` had one row and joined every
     * candidate against a sequential scan of the communes (7.3 s for a batch of 2,000 instead of ms).
     */
    async refreshStatistics() {
      await sql`ANALYZE candidates, communes, evaluation_results, offers, training_sessions, proposals, applications, placements, training_enrolments`.execute(db);
    },

    /**
     * A batch of candidates of the scope who may receive a proposal, in id order after `afterId`: not
     * erased or merged, with a home commune, and not already in a process (see `busy`).
     */
    candidateBatch(scope: Scope, afterId: string | null, limit: number): Promise<CandidateRow[]> {
      let q = db
        .selectFrom('candidates as k')
        .innerJoin('communes as c', 'c.code', 'k.commune_code')
        .select(['k.id', 'k.territory_id', 'c.lat', 'c.lon', 'k.mobility_km', 'k.languages', 'k.shifts', 'k.work_time', 'k.contract_wishes'])
        .where('k.anonymised_at', 'is', null)
        .where('k.merged_into_id', 'is', null)
        .where(sql<SqlBool>`NOT ${busy('k.id')}`);
      if (scope !== null) q = q.where('k.territory_id', '=', scope);
      if (afterId !== null) q = q.where('k.id', '>', afterId);
      return q.orderBy('k.id').limit(limit).execute() as Promise<CandidateRow[]>;
    },

    countCandidates(scope: Scope) {
      let q = db
        .selectFrom('candidates as k')
        .select(sql<number>`count(*)`.as('n'))
        .where('k.anonymised_at', 'is', null)
        .where('k.merged_into_id', 'is', null)
        .where('k.commune_code', 'is not', null);
      if (scope !== null) q = q.where('k.territory_id', '=', scope);
      return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
    },

    /**
     * Open offers of the scope with their seats left: seats minus hires, published proposals awaiting
     * an answer, and accepted proposals whose application is still open.
     */
    async offerTargets(scope: Scope): Promise<OfferTargetRow[]> {
      const rows = await sql<OfferTargetRow>`
        SELECT o.id, o.territory_id, coalesce(c.lat, t.centre_lat) AS lat, coalesce(c.lon, t.centre_lon) AS lon,
               o.languages, o.min_scores, o.shifts, o.work_time, o.contract,
               o.seats
                 - (SELECT count(*) FROM placements pl WHERE pl.offer_id = o.id)
                 - (SELECT count(*) FROM proposals p WHERE p.offer_id = o.id AND p.status = 'published')
                 - (SELECT count(*) FROM proposals p JOIN applications a ON a.id = p.application_id
                    WHERE p.offer_id = o.id AND p.status = 'accepted' AND a.status IN ('applied', 'interview', 'offer')) AS seats_left
        FROM offers o
        JOIN sites s ON s.id = o.site_id
        JOIN territories t ON t.id = o.territory_id
        LEFT JOIN communes c ON c.code = s.commune_code
        WHERE o.status = 'open' AND (${scope}::uuid IS NULL OR o.territory_id = ${scope}::uuid)
        ORDER BY o.id
      `.execute(db);
      return rows.rows.map((r) => ({ ...r, seats_left: Number(r.seats_left) })).filter((r) => r.seats_left > 0);
    },

    /** Published sessions of the scope not started yet, with their seats left (held seats and published proposals). */
    async sessionTargets(scope: Scope, today: string): Promise<SessionTargetRow[]> {
      const rows = await sql<SessionTargetRow>`
        SELECT ts.id, ts.territory_id, ts.mode, coalesce(c.lat, sc.lat) AS lat, coalesce(c.lon, sc.lon) AS lon,
               ts.min_scores, ts.languages, ts.raises,
               ts.seats
                 - (SELECT count(*) FROM training_enrolments te WHERE te.session_id = ts.id AND te.status IN ('enrolled', 'completed', 'not_completed'))
                 - (SELECT count(*) FROM proposals p WHERE p.session_id = ts.id AND p.status = 'published') AS seats_left
        FROM training_sessions ts
        LEFT JOIN communes c ON c.code = ts.commune_code
        LEFT JOIN sites s ON s.id = ts.site_id
        LEFT JOIN communes sc ON sc.code = s.commune_code
        WHERE ts.status = 'published' AND ts.starts_on > ${today}::date
          AND (${scope}::uuid IS NULL OR ts.territory_id = ${scope}::uuid)
          AND jsonb_array_length(ts.raises) > 0
        ORDER BY ts.id
      `.execute(db);
      return rows.rows.map((r) => ({ ...r, seats_left: Number(r.seats_left) })).filter((r) => r.seats_left > 0);
    },

    /**
     * Candidate → offer pairs that survive the SQL pre-filters, as offer indices (into `offers`,
     * ascending) per candidate id; candidates with none are left out:
     * - the offer's place within the candidate's radius: the great-circle distance (a latitude band
     *   first), with a 0.1 % margin for the rounding of the exact check done in src/core;
     * - every required language within `languageMargin` CEFR levels of the candidate's best declared or
     *   evaluated level (the margin keeps the pairs that training could open);
     * - vetoed and declined pairs left out.
     *
     * Distances depend on the commune and the place only, so they are computed once per (commune of a
     * batch candidate, distinct offer place) and each candidate joins that table by commune: a batch of
     * 2,000 candidates from 60 communes to 500 offers on 20 sites takes 1,200 haversines instead of
     * 1,000,000. Languages become one integer column per language any offer requires, on both sides.
     */
    async offerPairs(
      candidateIds: readonly string[],
      offers: readonly Pick<OfferTargetRow, 'id' | 'lat' | 'lon' | 'languages'>[],
      languageMargin: number,
    ): Promise<Map<string, number[]>> {
      const out = new Map<string, number[]>();
      if (candidateIds.length === 0 || offers.length === 0) return out;
      const places: { lat: number; lon: number }[] = [];
      const placeIndex = new Map<string, number>();
      const placeOf = offers.map((o) => {
        const key = `${o.lat} ${o.lon}`;
        let k = placeIndex.get(key);
        if (k === undefined) {
          k = places.length + 1;
          placeIndex.set(key, k);
          places.push({ lat: o.lat, lon: o.lon });
        }
        return k;
      });
      const codes = [...new Set(offers.flatMap((o) => o.languages.map((l) => l.code)))].sort();
      /** needs[j * L + i]: the level (1..6) offer j requires in codes[i], less the margin; 0 when none. */
      const needs = offers.flatMap((o) =>
        codes.map((code) => {
          const req = o.languages.find((l) => l.code === code);
          return req ? Math.max(0, CEFR_LEVELS.indexOf(req.level) + 1 - languageMargin) : 0;
        }),
      );
      const L = codes.length;
      const col = (prefix: string, i: number) => sql.raw(`${prefix}${i + 1}`);
      const candidateLevels = codes.map((_, i) => sql`coalesce((k0.levels->>(${codes[i]}::text))::int, 0) AS ${col('l', i)}`);
      const offerNeeds = codes.map((_, i) => sql`n.needs[(u.j - 1) * ${L}::int + ${i + 1}::int] AS ${col('n', i)}`);
      const languageOk = codes.map((_, i) => sql`k.${col('l', i)} >= o.${col('n', i)}`);
      const rows = await sql<{ candidate_id: string; offers: number[] }>`
        WITH k0 AS MATERIALIZED (
          SELECT k.id, k.commune_code, (k.mobility_km * 1.001 + 0.01)::double precision AS reach,
            coalesce((
              SELECT jsonb_object_agg(code, level) FROM (
                SELECT code, max(array_position(${CEFR}, lv)) AS level FROM (
                  SELECT d->>'code' AS code, d->>'level' AS lv FROM jsonb_array_elements(k.languages) d
                  UNION ALL
                  SELECT er.language_code, er.cefr_level FROM evaluation_results er
                  WHERE er.candidate_id = k.id AND er.pillar = 'language' AND er.cefr_level IS NOT NULL
                ) declared_or_evaluated
                GROUP BY code
              ) best
            ), '{}'::jsonb) AS levels
          FROM candidates k
          WHERE k.id = ANY(${[...candidateIds]}::uuid[])
        ), k AS MATERIALIZED (
          -- haversine term allowed by the reach: d ≤ reach ⇔ h ≤ sin²(reach / 2R), both sides monotone
          SELECT k0.id, k0.commune_code, k0.reach, power(sin(least(k0.reach / (2 * 6371.0), pi() / 2)), 2) AS hmax
            ${L > 0 ? sql`, ${sql.join(candidateLevels)}` : sql``}
          FROM k0
        ), g AS MATERIALIZED (
          SELECT c.code, c.lat, radians(c.lat) AS rlat, radians(c.lon) AS rlon, cos(radians(c.lat)) AS coslat
          FROM communes c WHERE c.code IN (SELECT DISTINCT commune_code FROM k) AND c.lat IS NOT NULL AND c.lon IS NOT NULL
        ), p AS MATERIALIZED (
          SELECT u.place::int AS place, u.lat, radians(u.lat) AS rlat, radians(u.lon) AS rlon, cos(radians(u.lat)) AS coslat
          FROM unnest(${places.map((x) => x.lat)}::double precision[], ${places.map((x) => x.lon)}::double precision[]) WITH ORDINALITY AS u(lat, lon, place)
        ), cp AS MATERIALIZED (
          SELECT code, place, h FROM (
            SELECT g.code, p.place,
              power(sin((p.rlat - g.rlat) / 2), 2) + g.coslat * p.coslat * power(sin((p.rlon - g.rlon) / 2), 2) AS h
            FROM g CROSS JOIN p
            WHERE abs(p.lat - g.lat) * 111.0 <= (SELECT max(reach) FROM k)
          ) d
          WHERE h <= (SELECT max(hmax) FROM k)
        ), o AS MATERIALIZED (
          SELECT (u.j - 1)::int AS j, u.place ${L > 0 ? sql`, ${sql.join(offerNeeds)}` : sql``}
          FROM unnest(${placeOf}::int[]) WITH ORDINALITY AS u(place, j), (SELECT ${needs}::int[] AS needs) n
        ), ex AS MATERIALIZED (
          SELECT pr.candidate_id, (u.j - 1)::int AS j
          FROM proposals pr JOIN unnest(${offers.map((o) => o.id)}::uuid[]) WITH ORDINALITY AS u(id, j) ON u.id = pr.offer_id
          WHERE pr.candidate_id IN (SELECT id FROM k0) AND pr.status IN ('vetoed', 'declined')
        )
        SELECT k.id AS candidate_id, array_agg(o.j ORDER BY o.j) AS offers
        FROM k JOIN cp ON cp.code = k.commune_code AND cp.h <= k.hmax
        JOIN o ON o.place = cp.place
        WHERE ${L > 0 ? sql.join(languageOk, sql` AND `) : sql`true`}
          AND NOT EXISTS (SELECT 1 FROM ex WHERE ex.candidate_id = k.id AND ex.j = o.j)
        GROUP BY k.id
      `.execute(db);
      for (const r of rows.rows) out.set(r.candidate_id, r.offers.map(Number));
      return out;
    },

    /** Candidate → session pairs: distance learning, or the session's place within the candidate's radius; vetoed and declined pairs left out. */
    async sessionPairs(candidateIds: readonly string[], sessionIds: readonly string[]) {
      if (candidateIds.length === 0 || sessionIds.length === 0) return [];
      const rows = await sql<{ candidate_id: string; session_id: string }>`
        WITH k AS (
          SELECT k.id, k.mobility_km, c.lat, c.lon
          FROM candidates k JOIN communes c ON c.code = k.commune_code
          WHERE k.id = ANY(${[...candidateIds]}::uuid[])
        ), s AS (
          SELECT ts.id, ts.mode, coalesce(c.lat, sc.lat) AS lat, coalesce(c.lon, sc.lon) AS lon
          FROM training_sessions ts
          LEFT JOIN communes c ON c.code = ts.commune_code
          LEFT JOIN sites st ON st.id = ts.site_id
          LEFT JOIN communes sc ON sc.code = st.commune_code
          WHERE ts.id = ANY(${[...sessionIds]}::uuid[])
        )
        SELECT k.id AS candidate_id, s.id AS session_id
        FROM k JOIN s ON s.mode = 'distance' OR s.lat IS NULL
          OR ${distanceKm(sql`k.lat`, sql`k.lon`, sql`s.lat`, sql`s.lon`)} <= k.mobility_km
        WHERE NOT EXISTS (
          SELECT 1 FROM proposals p WHERE p.candidate_id = k.id AND p.session_id = s.id AND p.status IN ('vetoed', 'declined')
        )
        ORDER BY k.id, s.id
      `.execute(db);
      return rows.rows;
    },

    // ---- what a run writes -------------------------------------------------------------------------

    /** Unpublished proposals of the scope's candidates are replaced by the new round. */
    supersedeUnpublished(scope: Scope) {
      let q = db.updateTable('proposals').set({ status: 'superseded' }).where('status', 'in', ['pending', 'approved']);
      if (scope !== null) q = q.where('candidate_id', 'in', db.selectFrom('candidates').select('id').where('territory_id', '=', scope));
      return q.executeTakeFirst();
    },

    async insertProposals(rows: readonly NewProposal[]) {
      for (let k = 0; k < rows.length; k += 500) {
        const chunk = rows.slice(k, k + 500).map((r) => ({ ...r, parts: JSON.stringify(r.parts), closes: JSON.stringify(r.closes) }));
        await db.insertInto('proposals').values(chunk).execute();
      }
    },

    // ---- proposals ---------------------------------------------------------------------------------

    findProposal(id: string) {
      return proposalBase().where('p.id', '=', id).executeTakeFirst();
    },

    lockProposal(id: string) {
      return db.selectFrom('proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    listProposals(runId: string, filter: { status?: ProposalStatus; kind?: 'offer' | 'session'; territoryId?: string }, limit: number, offset: number) {
      let q = proposalBase().where('p.run_id', '=', runId);
      let c = db.selectFrom('proposals as p').select(sql<number>`count(*)`.as('n')).where('p.run_id', '=', runId);
      if (filter.status) {
        q = q.where('p.status', '=', filter.status);
        c = c.where('p.status', '=', filter.status);
      }
      if (filter.kind) {
        q = q.where('p.kind', '=', filter.kind);
        c = c.where('p.kind', '=', filter.kind);
      }
      if (filter.territoryId) {
        q = q.where('p.territory_id', '=', filter.territoryId);
        c = c.where('p.territory_id', '=', filter.territoryId);
      }
      return Promise.all([
        q.orderBy('p.value', 'desc').orderBy('p.id').limit(limit).offset(offset).execute(),
        c.executeTakeFirstOrThrow().then((r) => Number(r.n)),
      ]);
    },

    review(id: string, set: { status: 'approved' | 'vetoed'; veto_reason: VetoReason | null; review_note: string; reviewed_by: string }) {
      return db.updateTable('proposals').set({ ...set, reviewed_at: sql`now()` }).where('id', '=', id).execute();
    },

    approveAll(runId: string, reviewer: string, territoryId: string | null) {
      let q = db.updateTable('proposals').set({ status: 'approved', reviewed_by: reviewer, reviewed_at: sql`now()` }).where('run_id', '=', runId).where('status', '=', 'pending');
      if (territoryId) q = q.where('territory_id', '=', territoryId);
      return q.executeTakeFirst().then((r) => Number(r.numUpdatedRows));
    },

    publish(runId: string, territoryId: string | null) {
      let q = db.updateTable('proposals').set({ status: 'published', published_at: sql`now()` }).where('run_id', '=', runId).where('status', '=', 'approved');
      if (territoryId) q = q.where('territory_id', '=', territoryId);
      return q.executeTakeFirst().then((r) => Number(r.numUpdatedRows));
    },

    candidateProposals(userId: string) {
      return proposalBase()
        .where('k.user_id', '=', userId)
        .where('p.status', 'in', ['published', 'accepted', 'declined'])
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id')
        .limit(100)
        .execute();
    },

    answer(id: string, set: { status: 'accepted' | 'declined'; decline_reason: string; application_id: string | null; enrolment_id: string | null }) {
      return db.updateTable('proposals').set({ ...set, answered_at: sql`now()` }).where('id', '=', id).execute();
    },

    offerProposals(offerId: string) {
      return proposalBase()
        .where('p.offer_id', '=', offerId)
        .where('p.status', 'in', ['published', 'accepted', 'declined'])
        .orderBy('p.score', 'desc')
        .orderBy('p.id')
        .limit(200)
        .execute();
    },

    findApplicationId(offerId: string, candidateId: string) {
      return db.selectFrom('applications').select('id').where('offer_id', '=', offerId).where('candidate_id', '=', candidateId).executeTakeFirst();
    },

    findCandidateOfUser(userId: string) {
      return db.selectFrom('candidates').select(['id', 'territory_id']).where('user_id', '=', userId).executeTakeFirst();
    },
  };
}

export type PositioningRepository = ReturnType<typeof createPositioningRepository>;
export type RunRow = NonNullable<Awaited<ReturnType<PositioningRepository['findRun']>>>;
export type ProposalRow = NonNullable<Awaited<ReturnType<PositioningRepository['findProposal']>>>;
