import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Employers never see a candidate's identity (names, email, phone, birth date, documents) unless the
 * candidate applied to, or accepted a proposal for, one of their offers: the offers module records
 * that in candidate_disclosures (INSERT … ON CONFLICT DO NOTHING) and asks here before showing a
 * candidate. An erased (anonymised) or merged record discloses nothing. Takes a db or a transaction.
 */
export async function canEmployerSeeIdentity(db: Kysely<DB>, employerId: string, candidateId: string): Promise<boolean> {
  const visible = await employerVisibleCandidates(db, employerId, [candidateId]);
  return visible.has(candidateId);
}

/** The subset of `candidateIds` whose identity the employer may see (one query for a whole list). */
export async function employerVisibleCandidates(db: Kysely<DB>, employerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
  if (candidateIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('candidate_disclosures')
    .innerJoin('candidates', 'candidates.id', 'candidate_disclosures.candidate_id')
    .select('candidate_disclosures.candidate_id')
    .distinct()
    .where('candidate_disclosures.employer_id', '=', employerId)
    .where('candidate_disclosures.candidate_id', 'in', [...new Set(candidateIds)])
    .where('candidates.anonymised_at', 'is', null)
    .where('candidates.merged_into_id', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.candidate_id));
}

/** Records that the candidate's identity is disclosed to the employer (idempotent). */
export async function discloseToEmployer(db: Kysely<DB>, input: { candidateId: string; employerId: string; reason: 'applied' | 'accepted_proposal' }): Promise<void> {
  await db
    .insertInto('candidate_disclosures')
    .values({ candidate_id: input.candidateId, employer_id: input.employerId, reason: input.reason })
    .onConflict((oc) => oc.columns(['candidate_id', 'employer_id', 'reason']).doNothing())
    .execute();
}
