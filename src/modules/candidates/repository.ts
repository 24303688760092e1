import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ConsentPurpose, DB, DuplicateReason } from '../../db/schema.ts';
import { distanceKm } from '../../db/sql-geo.ts';

type CandidateInsert = Insertable<DB['candidates']>;

/** Columns of the candidates table a profile update may set. */
export type CandidatePatch = Partial<
  Pick<
    Selectable<DB['candidates']>,
    | 'first_name'
    | 'last_name'
    | 'email'
    | 'phone'
    | 'birth_date'
    | 'commune_code'
    | 'mobility_km'
    | 'mobility_minutes'
    | 'education_level'
    | 'education_detail'
    | 'experience_months'
    | 'experience_detail'
    | 'shifts'
    | 'work_time'
    | 'contract_wishes'
  > & { languages: string }
>;

/** The only SQL of candidates and their GDPR records. Takes a db or a transaction. */
export function createCandidateRepository(db: Kysely<DB>) {
  const profileQuery = () =>
    db
      .selectFrom('candidates')
      .innerJoin('territories', 'territories.id', 'candidates.territory_id')
      .leftJoin('communes', 'communes.code', 'candidates.commune_code')
      .leftJoin('users', 'users.id', 'candidates.user_id')
      .selectAll('candidates')
      .select([
        'territories.code as territory_code',
        'territories.country as territory_country',
        'communes.name as commune_name',
        'communes.postcode',
        'users.is_active as user_is_active',
        'users.email as user_email',
        'users.locale as user_locale',
        'users.created_at as user_created_at',
      ])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('candidate_tokens')
              .select('candidate_tokens.token_hash')
              .whereRef('candidate_tokens.user_id', '=', 'candidates.user_id')
              .where('candidate_tokens.used_at', 'is', null),
          )
          .as('has_pending_token'),
      );

  return {
    async findPage(territoryId: string, options: { page: number; pageSize: number; q?: string }) {
      let base = db
        .selectFrom('candidates')
        .leftJoin('communes', 'communes.code', 'candidates.commune_code')
        .where('candidates.territory_id', '=', territoryId)
        // erased and merged records keep their statistics but leave the working list
        .where('candidates.anonymised_at', 'is', null)
        .where('candidates.merged_into_id', 'is', null);
      if (options.q) {
        // every word must start a first or last name; LIKE metacharacters are escaped
        for (const word of options.q.split(/\s+/).filter(Boolean)) {
          const pattern = `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          base = base.where((eb) => eb.or([eb('candidates.first_name', 'ilike', pattern), eb('candidates.last_name', 'ilike', pattern)]));
        }
      }
      const [items, total] = await Promise.all([
        base
          .select([
            'candidates.id',
            'candidates.first_name',
            'candidates.last_name',
            'candidates.languages',
            'candidates.created_at',
            'communes.name as commune_name',
            'communes.postcode',
          ])
          .orderBy('candidates.last_name')
          .orderBy('candidates.first_name')
          .orderBy('candidates.id')
          .limit(options.pageSize)
          .offset((options.page - 1) * options.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    findProfileById(id: string) {
      return profileQuery().where('candidates.id', '=', id).executeTakeFirst();
    },

    findProfileByUserId(userId: string) {
      return profileQuery().where('candidates.user_id', '=', userId).executeTakeFirst();
    },

    /** The candidate row locked for an update (FOR UPDATE): merges and erasures do not interleave. */
    lockCandidate(id: string) {
      return db.selectFrom('candidates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async insertCandidate(values: CandidateInsert): Promise<string> {
      const row = await db.insertInto('candidates').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async updateCandidate(id: string, patch: CandidatePatch, now: Date) {
      await db
        .updateTable('candidates')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    /** The communes of a territory's catchment area (centre and radius), by name: the choices of its forms. */
    catchmentCommunes(territory: { country: string; centre_lat: number; centre_lon: number; catchment_km: number }) {
      const latSpan = territory.catchment_km / 111; // 1° of latitude ≈ 111 km: an index range first
      return db
        .selectFrom('communes')
        .select(['code', 'name', 'postcode'])
        .where('country', '=', territory.country)
        .where('lat', '>=', territory.centre_lat - latSpan)
        .where('lat', '<=', territory.centre_lat + latSpan)
        .where(distanceKm(sql.lit(territory.centre_lat), sql.lit(territory.centre_lon), 'lat', 'lon'), '<=', territory.catchment_km)
        .orderBy('name')
        .orderBy('code')
        .execute();
    },

    communeExists(code: string, country: string) {
      return db.selectFrom('communes').select('code').where('code', '=', code).where('country', '=', country).executeTakeFirst();
    },

    listConsents(candidateId: string) {
      // given_at, then the purposes in their usual order (consents given together share a time)
      return db
        .selectFrom('candidate_consents')
        .selectAll()
        .where('candidate_id', '=', candidateId)
        .orderBy('given_at')
        .orderBy(sql`array_position(ARRAY['processing', 'job_alerts', 'training_contact'], purpose)`)
        .orderBy('id')
        .execute();
    },

    async giveConsents(candidateId: string, purposes: readonly ConsentPurpose[], noticeVersion: string, recordedBy: string | null, now: Date) {
      if (purposes.length === 0) return;
      await db
        .insertInto('candidate_consents')
        .values(purposes.map((purpose) => ({ candidate_id: candidateId, purpose, notice_version: noticeVersion, recorded_by: recordedBy, given_at: now })))
        .execute();
    },

    async withdrawConsents(candidateId: string, purposes: readonly ConsentPurpose[] | 'all', now: Date) {
      let q = db.updateTable('candidate_consents').set({ withdrawn_at: now }).where('candidate_id', '=', candidateId).where('withdrawn_at', 'is', null);
      if (purposes !== 'all') {
        if (purposes.length === 0) return;
        q = q.where('purpose', 'in', purposes);
      }
      await q.execute();
    },

    listDocuments(candidateId: string) {
      return db
        .selectFrom('candidate_documents')
        .select(['id', 'kind', 'filename', 'mime_type', 'size_bytes', 'sha256', 'uploaded_at', 'uploaded_by'])
        .where('candidate_id', '=', candidateId)
        .orderBy('uploaded_at')
        .orderBy('id')
        .execute();
    },

    async insertDocument(doc: { candidateId: string; kind: 'cv' | 'other'; filename: string; mimeType: string; content: Buffer; sha256: string; uploadedBy: string }) {
      const row = await db
        .insertInto('candidate_documents')
        .values({
          candidate_id: doc.candidateId,
          kind: doc.kind,
          filename: doc.filename,
          mime_type: doc.mimeType,
          size_bytes: doc.content.length,
          sha256: doc.sha256,
          content: doc.content,
          uploaded_by: doc.uploadedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findDocument(candidateId: string, documentId: string) {
      return db.selectFrom('candidate_documents').selectAll().where('candidate_id', '=', candidateId).where('id', '=', documentId).executeTakeFirst();
    },

    async deleteDocuments(candidateId: string, documentId?: string): Promise<number> {
      let q = db.deleteFrom('candidate_documents').where('candidate_id', '=', candidateId);
      if (documentId) q = q.where('id', '=', documentId);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async insertToken(token: { tokenHash: string; userId: string; purpose: 'verify_email' | 'invitation'; expiresAt: Date }) {
      await db
        .insertInto('candidate_tokens')
        .values({ token_hash: token.tokenHash, user_id: token.userId, purpose: token.purpose, expires_at: token.expiresAt })
        .execute();
    },

    /** An unused, unexpired token and its user, locked so it is used once. */
    findLiveToken(tokenHash: string, now: Date) {
      return db
        .selectFrom('candidate_tokens')
        .innerJoin('users', 'users.id', 'candidate_tokens.user_id')
        .select(['candidate_tokens.token_hash', 'candidate_tokens.purpose', 'users.id as user_id', 'users.email'])
        .where('candidate_tokens.token_hash', '=', tokenHash)
        .where('candidate_tokens.used_at', 'is', null)
        .where('candidate_tokens.expires_at', '>', now)
        .forUpdate()
        .executeTakeFirst();
    },

    async useToken(tokenHash: string, now: Date) {
      await db.updateTable('candidate_tokens').set({ used_at: now }).where('token_hash', '=', tokenHash).execute();
    },

    async deleteTokensOfUser(userId: string) {
      await db.deleteFrom('candidate_tokens').where('user_id', '=', userId).execute();
    },

    async activateUser(userId: string, passwordHash?: string) {
      await db
        .updateTable('users')
        .set({ is_active: true, ...(passwordHash ? { password_hash: passwordHash, password_changed_at: new Date() } : {}) })
        .where('id', '=', userId)
        .execute();
    },

    async linkUser(candidateId: string, userId: string) {
      await db.updateTable('candidates').set({ user_id: userId }).where('id', '=', candidateId).execute();
    },

    userByEmail(email: string) {
      return db.selectFrom('users').select(['id', 'role']).where('email', '=', email).executeTakeFirst();
    },

    /** Disables an account: anonymised email and name, a password that never verifies, sessions closed. */
    async disableUser(userId: string, placeholderEmail: string | null): Promise<number> {
      await db
        .updateTable('users')
        .set({
          is_active: false,
          ...(placeholderEmail ? { email: placeholderEmail, display_name: '—', password_hash: '!' } : {}),
        })
        .where('id', '=', userId)
        .execute();
      await db.deleteFrom('candidate_tokens').where('user_id', '=', userId).execute();
      const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Empties the personal fields; territory, commune, languages, wishes, scores and dates stay for statistics. */
    async anonymise(candidateId: string, by: string, now: Date) {
      await db
        .updateTable('candidates')
        .set({
          first_name: '—',
          last_name: '—',
          email: null,
          phone: null,
          birth_date: null,
          education_detail: '',
          experience_detail: '',
          anonymised_at: now,
          anonymised_by: by,
          updated_at: now,
        })
        .where('id', '=', candidateId)
        .execute();
      // assessors' free comments are about the person; the ratings stay
      await db
        .updateTable('evaluation_assessments')
        .set({ comment: '' })
        .where('result_id', 'in', (eb) => eb.selectFrom('evaluation_results').select('id').where('candidate_id', '=', candidateId))
        .execute();
      await db
        .updateTable('candidate_duplicates')
        .set({ status: 'dismissed', resolved_at: now, resolved_by: by })
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('candidate_a_id', '=', candidateId), eb('candidate_b_id', '=', candidateId)]))
        .execute();
    },

    listAttempts(candidateId: string) {
      return db.selectFrom('evaluation_attempts').selectAll().where('candidate_id', '=', candidateId).orderBy('started_at').execute();
    },

    listResults(candidateId: string) {
      return db
        .selectFrom('evaluation_results')
        .leftJoin('evaluation_assessments', 'evaluation_assessments.result_id', 'evaluation_results.id')
        .selectAll('evaluation_results')
        .select(['evaluation_assessments.rubric', 'evaluation_assessments.ratings', 'evaluation_assessments.comment'])
        .where('evaluation_results.candidate_id', '=', candidateId)
        .orderBy('evaluation_results.assessed_at')
        .execute();
    },

    listDisclosures(candidateId: string) {
      return db
        .selectFrom('candidate_disclosures')
        .innerJoin('employers', 'employers.id', 'candidate_disclosures.employer_id')
        .select(['employers.name as employer', 'candidate_disclosures.reason', 'candidate_disclosures.disclosed_at'])
        .where('candidate_disclosures.candidate_id', '=', candidateId)
        .orderBy('candidate_disclosures.disclosed_at')
        .execute();
    },

    listDuplicatesOf(candidateId: string) {
      return db
        .selectFrom('candidate_duplicates')
        .select(['id', 'candidate_a_id', 'candidate_b_id', 'reasons', 'status', 'detected_at', 'resolved_at'])
        .where((eb) => eb.or([eb('candidate_a_id', '=', candidateId), eb('candidate_b_id', '=', candidateId)]))
        .execute();
    },

    listMergesOf(candidateId: string) {
      return db
        .selectFrom('candidate_merges')
        .select(['id', 'kept_candidate_id', 'merged_candidate_id', 'moved', 'merged_at'])
        .where((eb) => eb.or([eb('kept_candidate_id', '=', candidateId), eb('merged_candidate_id', '=', candidateId)]))
        .execute();
    },

    /**
     * Every (table, column) of the database holding a foreign key to candidates(id), from the catalog:
     * tables other modules add later are found without changing this code.
     */
    async referencingColumns(): Promise<{ table: string; column: string }[]> {
      const rows = await sql<{ table_name: string; column_name: string }>`
        SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'candidates'::regclass AND cardinality(c.conkey) = 1
        ORDER BY 1, 2
      `.execute(db);
      return rows.rows.map((r) => ({ table: r.table_name, column: r.column_name }));
    },

    /** Rows of a table that reference the candidate, without binary columns (document bytes). */
    async rowsReferencing(table: string, column: string, candidateId: string): Promise<Record<string, unknown>[]> {
      const cols = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} AND data_type <> 'bytea'
        ORDER BY ordinal_position
      `.execute(db);
      if (cols.rows.length === 0) return [];
      const list = sql.join(cols.rows.map((c) => sql.id(c.column_name)));
      const rows = await sql<Record<string, unknown>>`SELECT ${list} FROM ${sql.id(table)} WHERE ${sql.id(column)} = ${candidateId}`.execute(db);
      return rows.rows;
    },

    /**
     * Columns of each unique index of a table that contains `column` (plain column indexes only; an
     * expression index yields null, meaning "unknown: move row by row").
     */
    async uniqueSiblings(table: string, column: string): Promise<(string[] | null)[]> {
      const rows = await sql<{ cols: string[] | null }>`
        SELECT CASE WHEN 0 = ANY (i.indkey::int2[]) THEN NULL ELSE
          ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) AS k(n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n) END AS cols
        FROM pg_index i
        WHERE i.indrelid = ${table}::regclass AND i.indisunique
          AND (0 = ANY (i.indkey::int2[]) OR EXISTS (
            SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = ${column} AND a.attnum = ANY (i.indkey::int2[])))
      `.execute(db);
      return rows.rows.map((r) => (r.cols ? r.cols.filter((c) => c !== column) : null));
    },

    /**
     * Moves rows of `table` from one candidate to another, except those that would collide with a
     * unique index (the kept record already has the equivalent row). Returns [moved, left behind].
     */
    async moveRows(table: string, column: string, fromId: string, toId: string, siblings: string[][]): Promise<[number, number]> {
      const t = sql.id(table);
      const c = sql.id(column);
      const guards = siblings.map((others) => {
        const same = others.map((o) => sql`k.${sql.id(o)} IS NOT DISTINCT FROM ${t}.${sql.id(o)}`);
        return sql`AND NOT EXISTS (SELECT 1 FROM ${t} AS k WHERE k.${c} = ${toId} ${same.length ? sql`AND ${sql.join(same, sql` AND `)}` : sql``})`;
      });
      const moved = await sql`UPDATE ${t} SET ${c} = ${toId} WHERE ${c} = ${fromId} ${sql.join(guards, sql` `)}`.execute(db);
      const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t} WHERE ${c} = ${fromId}`.execute(db);
      return [Number(moved.numAffectedRows ?? 0), left.rows[0].n];
    },
  };
}
export type CandidateRepository = ReturnType<typeof createCandidateRepository>;
export type CandidateProfileRow = NonNullable<Awaited<ReturnType<CandidateRepository['findProfileById']>>>;

/** Flags suspected duplicate pairs, each once (ordered pair); returns the ids of the pairs inserted or reopened. */
export async function insertDuplicatePairs(
  db: Kysely<DB>,
  territoryId: string,
  pairs: readonly { a: string; b: string; reasons: DuplicateReason[]; nameDistance: number | null }[],
): Promise<{ id: string; a: string; b: string; reasons: DuplicateReason[] }[]> {
  if (pairs.length === 0) return [];
  const out: { id: string; a: string; b: string; reasons: DuplicateReason[] }[] = [];
  for (let i = 0; i < pairs.length; i += 1000) {
    const batch = pairs.slice(i, i + 1000).map((p) => {
      const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
      return { territory_id: territoryId, candidate_a_id: a, candidate_b_id: b, reasons: p.reasons, name_distance: p.nameDistance };
    });
    const rows = await db
      .insertInto('candidate_duplicates')
      .values(batch)
      .onConflict((oc) => oc.columns(['candidate_a_id', 'candidate_b_id']).doNothing())
      .returning(['id', 'candidate_a_id', 'candidate_b_id', 'reasons'])
      .execute();
    out.push(...rows.map((r) => ({ id: r.id, a: r.candidate_a_id, b: r.candidate_b_id, reasons: r.reasons })));
  }
  return out;
}
