import { z } from 'zod';
import { PageQuery, pageOf } from '../../http/schemas.ts';
import { Contract, FitPart, WorkTime } from '../offers/schema.ts';

export const RunStatus = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export const RunPhase = z.enum(['queued', 'loading', 'scoring', 'solving', 'storing', 'done']);
export const ProposalStatus = z.enum(['pending', 'approved', 'vetoed', 'published', 'accepted', 'declined', 'superseded']);
export const ProposalKind = z.enum(['offer', 'session']);
export const VetoReason = z.enum(['not_available', 'not_ready', 'employer_fit', 'already_placed', 'other'], {
  error: 'must be one of not_available, not_ready, employer_fit, already_placed, other',
});

export const StartRunBody = z
  .object({ includeSessions: z.boolean().default(true).describe('also propose training sessions that open an offer (training pathway)') })
  .strict();

export const ProposalCounts = z.object({
  pending: z.number().int(),
  approved: z.number().int(),
  vetoed: z.number().int(),
  published: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  superseded: z.number().int(),
});

export const PositioningRun = z
  .object({
    id: z.uuid(),
    territoryCode: z.string().nullable().describe('null: a national run over every territory'),
    status: RunStatus,
    phase: RunPhase,
    progress: z.number().int().describe('0–100'),
    cancelRequested: z.boolean(),
    includeSessions: z.boolean(),
    candidatesConsidered: z.number().int(),
    offersConsidered: z.number().int(),
    sessionsConsidered: z.number().int(),
    arcs: z.number().int().describe('candidate → offer/session pairs left after the pre-filters and hard requirements'),
    proposalCount: z.number().int(),
    totalScore: z.number().int().describe('the optimum: Σ value of the proposals'),
    certified: z.boolean().describe('the optimality certificate (reduced costs) was checked'),
    solveMs: z.number().int().nullable(),
    error: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    proposals: ProposalCounts,
  })
  .meta({ id: 'PositioningRun' });
export type PositioningRun = z.infer<typeof PositioningRun>;

export const RunListQuery = PageQuery;
export const RunPage = pageOf(PositioningRun);

const OfferRef = z.object({ id: z.uuid(), title: z.string(), employerName: z.string(), siteName: z.string(), startDate: z.string() });
const SessionRef = z.object({ id: z.uuid(), title: z.string(), trainingBodyName: z.string(), startsOn: z.string(), endsOn: z.string(), mode: z.enum(['on_site', 'distance']) });

export const StaffProposal = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    status: ProposalStatus,
    kind: ProposalKind,
    candidate: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), communeName: z.string().nullable() }),
    offer: OfferRef.nullable(),
    session: SessionRef.nullable(),
    /** For a session: the offer the training opens. */
    targetOffer: OfferRef.nullable(),
    score: z.number().int().describe('fit 0–1000 (after training, for a session)'),
    value: z.number().int().describe('what the assignment maximised: the fit, or the fit gained by training'),
    distanceKm: z.number(),
    parts: z.array(FitPart),
    closes: z.array(FitPart).describe('for a session: the gaps the training closes'),
    vetoReason: VetoReason.nullable(),
    reviewNote: z.string(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    declineReason: z.string(),
  })
  .meta({ id: 'StaffProposal' });
export type StaffProposal = z.infer<typeof StaffProposal>;

export const ProposalListQuery = PageQuery.extend({
  status: ProposalStatus.optional(),
  kind: ProposalKind.optional(),
});
export const StaffProposalPage = pageOf(StaffProposal);

export const ReviewBody = z
  .object({
    decision: z.enum(['approve', 'veto'], { error: 'must be approve or veto' }),
    vetoReason: VetoReason.optional().describe('required with veto'),
    note: z.string().trim().max(2000, { error: 'at most 2000 characters' }).default(''),
  })
  .strict()
  .refine((b) => b.decision !== 'veto' || b.vetoReason !== undefined, { error: 'give the reason of the veto', path: ['vetoReason'] });

export const BulkResult = z.object({ count: z.number().int() });

export const CandidateProposal = z
  .object({
    id: z.uuid(),
    status: z.enum(['published', 'accepted', 'declined']),
    kind: ProposalKind,
    offer: OfferRef.extend({ contract: Contract, workTime: WorkTime }).nullable(),
    session: SessionRef.nullable(),
    targetOffer: OfferRef.nullable(),
    score: z.number().int(),
    distanceKm: z.number(),
    parts: z.array(FitPart),
    closes: z.array(FitPart),
    publishedAt: z.string(),
    answeredAt: z.string().nullable(),
    declineReason: z.string(),
    /** What accepting created. */
    applicationId: z.uuid().nullable(),
    enrolment: z.object({ id: z.uuid(), status: z.string() }).nullable(),
  })
  .meta({ id: 'CandidateProposal' });
export type CandidateProposal = z.infer<typeof CandidateProposal>;

export const AnswerBody = z
  .object({
    decision: z.enum(['accept', 'decline'], { error: 'must be accept or decline' }),
    reason: z.string().trim().max(2000, { error: 'at most 2000 characters' }).default('').describe('why you decline (optional)'),
  })
  .strict();

export const EmployerProposal = z
  .object({
    id: z.uuid(),
    candidateRef: z.string().describe('pseudonymous reference, stable for this employer'),
    /** Only once the candidate accepted (or applied): the identity is disclosed to the employer. */
    identity: z.object({ candidateId: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string().nullable() }).nullable(),
    status: z.enum(['published', 'accepted', 'declined']),
    score: z.number().int(),
    distanceKm: z.number(),
    parts: z.array(FitPart),
    publishedAt: z.string(),
    answeredAt: z.string().nullable(),
    applicationId: z.uuid().nullable(),
  })
  .meta({ id: 'EmployerProposal' });
export type EmployerProposal = z.infer<typeof EmployerProposal>;
