import { sql, type Kysely } from 'kysely';
import { findDuplicatePairs, type DuplicatePair, type PersonKeys } from '../../core/identity/duplicates.ts';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Clock } from '../auth/service.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createCandidateRepository, insertDuplicatePairs } from './repository.ts';

/**
 * Flags the live records of the territory that look like the given (new) candidates, and those new
 * candidates among themselves: same email, same phone line, or same birth date and a close name (see
 * findDuplicatePairs in src/core/identity). One query fetches the records sharing a key with a new
 * one; the comparison runs in memory. `newPeople` spares re-reading rows the caller already holds
 * (an import). Returns the pairs newly flagged.
 */
export async function detectDuplicates(db: Kysely<DB>, territoryId: string, newIds: readonly string[], newPeople?: readonly PersonKeys[]) {
  if (newIds.length === 0) return [];
  const fresh: readonly PersonKeys[] =
    newPeople ??
    (
      await db
        .selectFrom('candidates')
        .select(['id', 'first_name', 'last_name', 'email', 'phone_key', 'birth_date'])
        .where('id', 'in', [...newIds])
        .execute()
    ).map(toKeys);
  const freshIds = new Set(fresh.map((p) => p.id));
  const emails = [...new Set(fresh.map((p) => p.email).filter((v): v is string => !!v))];
  const phones = [...new Set(fresh.map((p) => p.phoneKey).filter(Boolean))];
  const births = [...new Set(fresh.map((p) => p.birthDate).filter((v): v is string => !!v))];
  const existing = (
    await sql<{ id: string; first_name: string; last_name: string; email: string | null; phone_key: string; birth_date: string | null }>`
      SELECT id, first_name, last_name, email, phone_key, birth_date FROM candidates
      WHERE territory_id = ${territoryId} AND anonymised_at IS NULL AND merged_into_id IS NULL
        AND (email = ANY(${emails}::text[]) OR phone_key = ANY(${phones}::text[]) OR birth_date = ANY(${births}::date[]))`.execute(db)
  ).rows
    .filter((r) => !freshIds.has(r.id))
    .map(toKeys);
  const pairs: DuplicatePair[] = findDuplicatePairs(fresh, existing);
  return insertDuplicatePairs(db, territoryId, pairs);
}

function toKeys(r: { id: string; first_name: string; last_name: string; email: string | null; phone_key: string; birth_date: string | null }): PersonKeys {
  return { id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, phoneKey: r.phone_key, birthDate: r.birth_date };
}

export function createDuplicateService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** Suspected pairs of a territory (open first, newest first), both records side by side. */
    async list(auth: AuthContext, code: string, query: { status: 'open' | 'merged' | 'dismissed'; page: number; pageSize: number }) {
      const t = await resolveTerritory(db, auth, code);
      const base = db.selectFrom('candidate_duplicates').where('territory_id', '=', t.id).where('status', '=', query.status);
      const [rows, total] = await Promise.all([
        base
          .selectAll()
          .orderBy('detected_at', 'desc')
          .orderBy('id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const ids = [...new Set(rows.flatMap((r) => [r.candidate_a_id, r.candidate_b_id]))];
      const people = ids.length
        ? await db
            .selectFrom('candidates')
            .leftJoin('communes', 'communes.code', 'candidates.commune_code')
            .select([
              'candidates.id',
              'candidates.first_name',
              'candidates.last_name',
              'candidates.email',
              'candidates.phone',
              'candidates.birth_date',
              'candidates.source',
              'candidates.created_at',
              'candidates.user_id',
              'communes.name as commune_name',
            ])
            .where('candidates.id', 'in', ids)
            .execute()
        : [];
      const byId = new Map(people.map((p) => [p.id, p]));
      const side = (id: string) => {
        const p = byId.get(id)!;
        return {
          id: p.id,
          firstName: p.first_name,
          lastName: p.last_name,
          email: p.email,
          phone: p.phone,
          birthDate: p.birth_date,
          communeName: p.commune_name,
          source: p.source,
          hasAccount: p.user_id !== null,
          createdAt: p.created_at.toISOString(),
        };
      };
      return {
        items: rows.map((r) => ({
          id: r.id,
          reasons: r.reasons,
          nameDistance: r.name_distance,
          status: r.status,
          detectedAt: r.detected_at.toISOString(),
          a: side(r.candidate_a_id),
          b: side(r.candidate_b_id),
        })),
        total: Number(total.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async dismiss(auth: AuthContext, duplicateId: string) {
      const dup = await this.get(auth, duplicateId);
      if (dup.status !== 'open') throw new ConflictError(`This pair is already ${dup.status}.`);
      await db.updateTable('candidate_duplicates').set({ status: 'dismissed', resolved_at: clock.now(), resolved_by: auth.userId }).where('id', '=', duplicateId).execute();
      return { status: 'dismissed' as const };
    },

    async get(auth: AuthContext, duplicateId: string) {
      const dup = await db.selectFrom('candidate_duplicates').innerJoin('territories', 'territories.id', 'candidate_duplicates.territory_id').selectAll('candidate_duplicates').select('territories.code').where('candidate_duplicates.id', '=', duplicateId).executeTakeFirst();
      if (!dup || (auth.role !== 'admin' && auth.territoryId !== dup.territory_id)) throw new NotFoundError('duplicate pair', duplicateId);
      return dup;
    },

    /**
     * Merges a suspected pair: `keepId` stays, the other record's history (every row of every table
     * referencing it: consents, documents, evaluation attempts and results, disclosures, and those of
     * other modules) moves to it, except rows the kept record already has an equivalent of (a unique
     * index would collide), which stay on the merged record. The merged record is anonymised and
     * points to the kept one; its account is disabled, or moved to the kept record when that one has
     * none. The merge is recorded with the counts moved.
     */
    async merge(auth: AuthContext, duplicateId: string, keepId: string) {
      const dup = await this.get(auth, duplicateId);
      if (dup.status !== 'open') throw new ConflictError(`This pair is already ${dup.status}.`);
      if (keepId !== dup.candidate_a_id && keepId !== dup.candidate_b_id) throw new ValidationError({ keepId: 'must be one of the two candidates of the pair' });
      const mergedId = keepId === dup.candidate_a_id ? dup.candidate_b_id : dup.candidate_a_id;
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const repo = createCandidateRepository(tx);
        // lock both rows in id order so two merges of overlapping pairs cannot deadlock
        const [first, second] = [keepId, mergedId].sort();
        const lockedFirst = await repo.lockCandidate(first);
        const lockedSecond = await repo.lockCandidate(second);
        const kept = lockedFirst?.id === keepId ? lockedFirst : lockedSecond;
        const merged = lockedFirst?.id === mergedId ? lockedFirst : lockedSecond;
        if (!kept || !merged) throw new NotFoundError('candidate');
        if (kept.anonymised_at || kept.merged_into_id || merged.anonymised_at || merged.merged_into_id) {
          throw new ConflictError('One of the two records is already erased or merged.');
        }
        const moved: Record<string, number> = {};
        const leftBehind: Record<string, number> = {};
        const skip = new Set(['candidates', 'candidate_duplicates', 'candidate_merges']);
        for (const { table, column } of await repo.referencingColumns()) {
          if (skip.has(table)) continue;
          const siblings = await repo.uniqueSiblings(table, column);
          const key = column === 'candidate_id' ? table : `${table}.${column}`;
          if (siblings.some((s) => s === null)) {
            // an expression index we cannot reason about: try, and leave the rows if it collides
            await sql`SAVEPOINT merge_move`.execute(tx);
            try {
              const [m, l] = await repo.moveRows(table, column, mergedId, keepId, []);
              moved[key] = m;
              if (l) leftBehind[key] = l;
              await sql`RELEASE SAVEPOINT merge_move`.execute(tx);
            } catch {
              await sql`ROLLBACK TO SAVEPOINT merge_move`.execute(tx);
              leftBehind[key] = -1;
            }
          } else {
            const [m, l] = await repo.moveRows(table, column, mergedId, keepId, siblings as string[][]);
            moved[key] = m;
            if (l) leftBehind[key] = l;
          }
        }
        // The account: the kept record takes the merged one's when it has none; else it is disabled.
        if (merged.user_id) {
          await tx.updateTable('candidates').set({ user_id: null }).where('id', '=', mergedId).execute();
          if (!kept.user_id) await tx.updateTable('candidates').set({ user_id: merged.user_id }).where('id', '=', keepId).execute();
          else await repo.disableUser(merged.user_id, `merged-${mergedId}@erased.invalid`);
        }
        // Fill the kept record's empty fields from the merged one (an address or phone it lacked).
        await tx
          .updateTable('candidates')
          .set({
            email: kept.email ?? merged.email,
            phone: kept.phone ?? merged.phone,
            birth_date: kept.birth_date ?? merged.birth_date,
            commune_code: kept.commune_code ?? merged.commune_code,
            updated_at: now,
          })
          .where('id', '=', keepId)
          .execute();
        // Other open pairs of the merged record now concern the kept one.
        const others = await tx
          .selectFrom('candidate_duplicates')
          .select(['id', 'candidate_a_id', 'candidate_b_id', 'reasons', 'name_distance'])
          .where('status', '=', 'open')
          .where('id', '<>', duplicateId)
          .where((eb) => eb.or([eb('candidate_a_id', '=', mergedId), eb('candidate_b_id', '=', mergedId)]))
          .execute();
        const repointed = others
          .map((o) => ({ a: o.candidate_a_id === mergedId ? keepId : o.candidate_a_id, b: o.candidate_b_id === mergedId ? keepId : o.candidate_b_id, reasons: o.reasons, nameDistance: o.name_distance }))
          .filter((p) => p.a !== p.b);
        await repo.anonymise(mergedId, auth.userId, now); // also closes the merged record's open pairs
        await tx.updateTable('candidates').set({ merged_into_id: keepId }).where('id', '=', mergedId).execute();
        await tx.updateTable('candidate_duplicates').set({ status: 'merged', resolved_at: now, resolved_by: auth.userId }).where('id', '=', duplicateId).execute();
        await insertDuplicatePairs(tx, dup.territory_id, repointed);
        const merge = await tx
          .insertInto('candidate_merges')
          .values({
            territory_id: dup.territory_id,
            kept_candidate_id: keepId,
            merged_candidate_id: mergedId,
            duplicate_id: duplicateId,
            moved: JSON.stringify(moved),
            merged_by: auth.userId,
            merged_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { mergeId: merge.id, keptId: keepId, mergedId, moved, leftBehind };
      });
    },
  };
}
export type DuplicateService = ReturnType<typeof createDuplicateService>;
