import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { NotFoundError } from '../../http/errors.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createCandidateRepository } from './repository.ts';
import type { CandidatePage, MyCandidateProfile } from './schema.ts';

export function createCandidateService({ db }: { db: Kysely<DB> }) {
  const repo = createCandidateRepository(db);
  return {
    /** Agency staff list the candidates of a territory they act on. */
    async list(auth: AuthContext, code: string, query: { page: number; pageSize: number; q?: string }): Promise<z.infer<typeof CandidatePage>> {
      const t = await resolveTerritory(db, auth, code);
      const { items, total } = await repo.findPage(t.id, query);
      return {
        items: items.map((c) => ({
          id: c.id,
          firstName: c.first_name,
          lastName: c.last_name,
          communeName: c.commune_name,
          postcode: c.postcode,
          languages: c.languages,
          createdAt: c.created_at.toISOString(),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** A candidate's own profile. */
    async mine(auth: AuthContext): Promise<z.infer<typeof MyCandidateProfile>> {
      const c = await repo.findByUserId(auth.userId);
      if (!c) throw new NotFoundError('candidate profile');
      return {
        id: c.id,
        firstName: c.first_name,
        lastName: c.last_name,
        email: c.email,
        communeName: c.commune_name,
        postcode: c.postcode,
        languages: c.languages,
        mobilityKm: c.mobility_km,
      };
    },
  };
}
export type CandidateService = ReturnType<typeof createCandidateService>;
