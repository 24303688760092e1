import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Clock } from '../auth/service.ts';
import { resolveTerritory } from '../territories/service.ts';
import { createPlacementRepository } from './repository.ts';
import { isoDay } from './rules.ts';
import type { Checkin, Placement, RecordCheckinBody, Retention } from './schema.ts';

type PlacementRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createPlacementRepository>['findPlacement']>>>;
type CheckinRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createPlacementRepository>['findCheckin']>>>;

export function toPlacement(p: PlacementRow): Placement {
  return {
    id: p.id,
    candidateId: p.candidate_id,
    candidateName: `${p.first_name} ${p.last_name}`,
    employerId: p.employer_id,
    employerName: p.employer_name,
    offerId: p.offer_id,
    offerTitle: p.offer_title,
    workTime: p.work_time,
    contract: p.contract,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    endReason: p.end_reason,
    counselorId: p.counselor_id,
    counselorName: p.counselor_name,
  };
}

export function toCheckin(c: CheckinRow): Checkin {
  return {
    id: c.id,
    placementId: c.placement_id,
    months: c.months,
    dueOn: c.due_on,
    counselorId: c.counselor_id,
    counselorName: c.counselor_name,
    candidateName: `${c.first_name} ${c.last_name}`,
    candidatePhone: c.phone,
    candidateEmail: c.email,
    employerName: c.employer_name,
    offerTitle: c.offer_title,
    startedOn: c.started_on,
    doneAt: c.done_at ? new Date(c.done_at).toISOString() : null,
    outcome: c.outcome,
    leftReason: c.left_reason,
    notes: c.notes,
  };
}

export const RETENTION_MONTHS = [3, 6, 12] as const;

export function createPlacementService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const repo = createPlacementRepository(db);
  return {
    /** Staff see the territory's placements; an employer its own hires (placement data is theirs too). */
    async list(auth: AuthContext, code: string, q: { page: number; pageSize: number; active?: 'true' | 'false' }, page?: { limit: number; offset: number }) {
      const t = await resolveTerritory(db, auth, code);
      const { items, total } = await repo.listPlacements(t.id, {
        employerId: auth.role === 'employer' ? auth.employerId! : undefined,
        active: q.active === undefined ? undefined : q.active === 'true',
        limit: page?.limit ?? q.pageSize,
        offset: page?.offset ?? (q.page - 1) * q.pageSize,
      });
      return { items: items.map(toPlacement), total, page: q.page, pageSize: q.pageSize };
    },

    async checkins(auth: AuthContext, code: string, q: { page: number; pageSize: number; state: 'due' | 'open' | 'done' | 'all'; mine: 'true' | 'false' }, page?: { limit: number; offset: number }) {
      const t = await resolveTerritory(db, auth, code);
      const { items, total } = await repo.listCheckins(t.id, {
        counselorId: q.mine === 'true' ? auth.userId : undefined,
        state: q.state,
        today: isoDay(clock.now()),
        limit: page?.limit ?? q.pageSize,
        offset: page?.offset ?? (q.page - 1) * q.pageSize,
      });
      return { items: items.map(toCheckin), total, page: q.page, pageSize: q.pageSize };
    },

    /** Records a check-in; "left" ends the placement and drops its later check-ins. */
    async record(auth: AuthContext, id: string, body: z.infer<typeof RecordCheckinBody>): Promise<Checkin> {
      const c = await repo.findCheckin(id);
      if (!c || (auth.role !== 'admin' && c.territory_id !== auth.territoryId)) throw new NotFoundError('check-in', id);
      if (c.done_at) throw new ConflictError('This check-in is already recorded.');
      if (c.ended_on) throw new ConflictError('This placement has ended: no check-in to record.');
      const today = isoDay(clock.now());
      const leftOn = body.leftOn ?? today;
      if (body.outcome === 'left' && (leftOn < c.started_on || leftOn > today)) {
        throw new ValidationError({ leftOn: `must be between the start (${c.started_on}) and today (${today})` });
      }
      await db.transaction().execute(async (tx) => {
        const r = createPlacementRepository(tx);
        const done = await r.recordCheckin(id, { outcome: body.outcome, left_reason: body.outcome === 'left' ? body.leftReason! : null, notes: body.notes, recorded_by: auth.userId });
        if (Number(done.numUpdatedRows) !== 1) throw new ConflictError('This check-in is already recorded.');
        if (body.outcome === 'left') {
          await r.endPlacement(c.placement_id, leftOn, body.leftReason!);
          await r.closeLaterCheckins(c.placement_id, c.due_on);
        }
      });
      return toCheckin((await repo.findCheckin(id))!);
    },

    /** Share of placements still running 3, 6 and 12 months after their start. */
    async retention(auth: AuthContext, code: string): Promise<z.infer<typeof Retention>> {
      const t = await resolveTerritory(db, auth, code);
      const today = isoDay(clock.now());
      const horizons = [];
      for (const months of RETENTION_MONTHS) {
        const r = await repo.retention(t.id, months, today);
        horizons.push({ months, eligible: r.eligible, retained: r.retained, rate: r.eligible ? Math.round((r.retained / r.eligible) * 1000) / 1000 : null, checkinsRecorded: r.recorded });
      }
      const all = await repo.listPlacements(t.id, { limit: 1, offset: 0 });
      const active = await repo.listPlacements(t.id, { active: true, limit: 1, offset: 0 });
      return { asOf: today, placements: all.total, active: active.total, horizons };
    },
  };
}
export type PlacementService = ReturnType<typeof createPlacementService>;
