import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function createCandidateRepository(db: Kysely<DB>) {
  return {
    async findPage(territoryId: string, options: { page: number; pageSize: number; q?: string }) {
      let base = db
        .selectFrom('candidates')
        .leftJoin('communes', 'communes.code', 'candidates.commune_code')
        .where('candidates.territory_id', '=', territoryId);
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

    findByUserId(userId: string) {
      return db
        .selectFrom('candidates')
        .leftJoin('communes', 'communes.code', 'candidates.commune_code')
        .select([
          'candidates.id',
          'candidates.first_name',
          'candidates.last_name',
          'candidates.email',
          'candidates.languages',
          'candidates.mobility_km',
          'communes.name as commune_name',
          'communes.postcode',
        ])
        .where('candidates.user_id', '=', userId)
        .executeTakeFirst();
    },
  };
}
