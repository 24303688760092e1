import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createSiteRepository, type SiteRow } from './repository.ts';
import type { Site } from './schema.ts';

export function toSite(s: SiteRow): z.infer<typeof Site> {
  return {
    id: s.id,
    name: s.name,
    communeName: s.commune_name,
    areaM2: s.area_m2,
    availableM2: s.available_m2,
    description: s.description,
    incentives: s.incentives,
  };
}

export function createSiteService({ db }: { db: Kysely<DB> }) {
  const repo = createSiteRepository(db);
  return {
    async list(auth: AuthContext, code: string): Promise<z.infer<typeof Site>[]> {
      const t = await resolveTerritory(db, auth, code);
      return (await repo.findByTerritory(t.id)).map(toSite);
    },
  };
}
export type SiteService = ReturnType<typeof createSiteService>;
