/**
 * Finishing touches on the demo candidates: the synthetic population is marked as demo data, and the
 * demo candidate accounts have given their consent to processing, as a real registration would.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { PRIVACY_NOTICE_VERSION } from '../candidates/schema.ts';

export async function seedDemoCandidateRecords(tx: Transaction<DB>): Promise<void> {
  await tx.updateTable('candidates').set({ source: 'demo' }).where('user_id', 'is', null).execute();
  const accounts = await tx.selectFrom('candidates').select('id').where('user_id', 'is not', null).orderBy('id').execute();
  await tx.updateTable('candidates').set({ source: 'self_registration' }).where('user_id', 'is not', null).execute();
  if (accounts.length) {
    await tx
      .insertInto('candidate_consents')
      .values(accounts.map((a) => ({ candidate_id: a.id, purpose: 'processing' as const, notice_version: PRIVACY_NOTICE_VERSION })))
      .execute();
  }
}
