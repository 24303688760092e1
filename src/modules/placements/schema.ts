import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';

export const EndReason = z.enum(['resigned', 'dismissed', 'contract_ended', 'trial_period', 'other']);

export const Placement = z
  .object({
    id: z.uuid(),
    candidateId: z.uuid(),
    candidateName: z.string(),
    employerId: z.uuid(),
    employerName: z.string(),
    offerId: z.uuid(),
    offerTitle: z.string(),
    workTime: z.enum(['full_time', 'part_time']),
    contract: z.enum(['cdi', 'cdd', 'temp', 'work_study']),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    endReason: EndReason.nullable(),
    counselorId: z.uuid().nullable(),
    counselorName: z.string().nullable(),
  })
  .meta({ id: 'Placement' });
export type Placement = z.infer<typeof Placement>;

export const PlacementListQuery = PageQuery.extend({ active: z.enum(['true', 'false']).optional().describe('only running (true) or ended (false) placements') });
export const PlacementPage = pageOf(Placement);

export const Checkin = z
  .object({
    id: z.uuid(),
    placementId: z.uuid(),
    months: z.number().int(),
    dueOn: z.string(),
    counselorId: z.uuid().nullable(),
    counselorName: z.string().nullable(),
    candidateName: z.string(),
    candidatePhone: z.string().nullable(),
    candidateEmail: z.string().nullable(),
    employerName: z.string(),
    offerTitle: z.string(),
    startedOn: z.string(),
    doneAt: z.string().nullable(),
    outcome: z.enum(['still_employed', 'left']).nullable(),
    leftReason: EndReason.nullable(),
    notes: z.string(),
  })
  .meta({ id: 'Checkin' });
export type Checkin = z.infer<typeof Checkin>;

export const CheckinListQuery = PageQuery.extend({
  state: z.enum(['due', 'open', 'done', 'all']).default('due').describe('due: open and due today or earlier'),
  mine: z.enum(['true', 'false']).default('false').describe("counsellors: only the check-ins assigned to me"),
});
export const CheckinPage = pageOf(Checkin);

export const RecordCheckinBody = z
  .object({
    outcome: z.enum(['still_employed', 'left']),
    leftReason: EndReason.optional(),
    leftOn: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional().describe('left: last day of work (default today)'),
    notes: z.string().max(4000).default(''),
  })
  .refine((b) => b.outcome !== 'left' || b.leftReason !== undefined, { error: 'say why the person left', path: ['leftReason'] });

export const Retention = z
  .object({
    asOf: z.string(),
    placements: z.number().int(),
    active: z.number().int(),
    horizons: z.array(
      z.object({
        months: z.number().int(),
        eligible: z.number().int().describe('placements started at least this many months ago'),
        retained: z.number().int().describe('of those, still employed that many months after the start'),
        rate: z.number().nullable().describe('retained / eligible, null when none is eligible'),
        checkinsRecorded: z.number().int().describe('eligible placements whose check-in at this horizon was recorded'),
      }),
    ),
  })
  .meta({ id: 'Retention' });
