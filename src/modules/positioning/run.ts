import type { Kysely } from 'kysely';
import { applyTraining, DEFAULT_PATHWAY_MARGINS, isNearMiss, pathwayArcs, type TrainingContent } from '../../core/matching/pathway.ts';
import { IntList } from '../../core/int-list.ts';
import { assignRound } from '../../core/matching/round.ts';
import { fitScore, fitValue, type FitCandidate, type FitOffer, type FitPart } from '../../core/matching/score.ts';
import type { DB } from '../../db/schema.ts';
import { findLatestScores } from '../evaluations/repository.ts';
import { toFitCandidate, toFitOffer, toTrainingContent } from '../offers/fit.ts';
import { createPositioningRepository, type NewProposal } from './repository.ts';

/** Thrown at the next step after a cancel was requested: the run stores nothing. */
export class RunCancelled extends Error {
  constructor() {
    super('the run was cancelled');
  }
}

export interface ExecuteOptions {
  /** The territory's today (YYYY-MM-DD): sessions must start after it. */
  today: string;
  /** Candidates read, scored and reported per step (progress and cancel are checked between batches). */
  batchSize?: number;
}

/** Progress shares of the phases, in %: loading up to 3, scoring up to 70, solving up to 85, storing up to 100. */
const PROGRESS = { loaded: 3, scored: 70, solved: 85 } as const;

function distanceOf(parts: readonly FitPart[]): number {
  const d = parts.find((p) => p.code === 'distance-within' || p.code === 'distance-over');
  return d && 'distanceKm' in d ? Math.round(d.distanceKm * 100) / 100 : 0;
}

/**
 * One positioning run (DOMAIN.md §4), end to end:
 * 1. loading: open offers and upcoming sessions of the scope with their seats left;
 * 2. scoring: candidates in id-ordered batches; SQL pre-filters (radius, languages within the pathway
 *    margin, vetoed/declined pairs) give the pairs, `fitScore` drops those failing a hard requirement
 *    and values the rest; near misses give training arcs valued by the fit gained (`pathwayArcs`);
 * 3. solving: `assignRound`, the exact optimum with its certificate checked;
 * 4. storing: in ONE transaction, under a lock of the run row, unpublished proposals of the scope are
 *    superseded and the new ones inserted, and the run marked completed. A cancel, an error or a killed
 *    process before the commit leaves no proposal of this run.
 * Progress is written between steps; each write also reads the cancel flag.
 */
export async function executeRun(db: Kysely<DB>, runId: string, options: ExecuteOptions): Promise<void> {
  const repo = createPositioningRepository(db);
  const run = await repo.startAttempt(runId);
  if (!run) {
    const current = await repo.findRun(runId);
    if (current && (current.status === 'queued' || current.status === 'running') && current.cancel_requested) throw new RunCancelled();
    return; // finished already (a duplicate delivery of the job)
  }
  const scope = run.territory_id;
  const step = async (phase: 'loading' | 'scoring' | 'solving' | 'storing', progress: number, counts?: Parameters<typeof repo.progress>[3]) => {
    if (await repo.progress(runId, phase, progress, counts)) throw new RunCancelled();
  };

  // ---- loading -------------------------------------------------------------------------------------
  await repo.refreshStatistics();
  const offers = await repo.offerTargets(scope);
  const sessions = run.include_sessions ? await repo.sessionTargets(scope, options.today) : [];
  const offerFit: FitOffer[] = offers.map(toFitOffer);
  const sessionContent: TrainingContent[] = sessions.map(toTrainingContent);
  const sessionIndex = new Map(sessions.map((s, j) => [s.id, j]));
  const total = Math.max(1, await repo.countCandidates(scope));
  await step('loading', PROGRESS.loaded, { offers_considered: offers.length, sessions_considered: sessions.length });

  // ---- scoring -------------------------------------------------------------------------------------
  const candidateIds: string[] = [];
  const candidateFit: FitCandidate[] = [];
  // arcs in growable typed lists: 4 bytes an entry, handed to the solver without a copy
  const arcCandidate = new IntList();
  const arcTarget = new IntList();
  const arcValue = new IntList();
  /** For a session arc, the offer index the training opens; −1 for an offer arc. */
  const arcVia = new IntList();
  const batchSize = options.batchSize ?? 2000;
  const margin = run.include_sessions ? DEFAULT_PATHWAY_MARGINS.maxLanguageGapLevels : 0;
  let after: string | null = null;
  let read = 0;
  while (offers.length > 0) {
    const batch = await repo.candidateBatch(scope, after, batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((c) => c.id);
    const scores = await findLatestScores(db, ids);
    const offerPairs = await repo.offerPairs(ids, offers, margin);
    const sessionPairs = sessions.length
      ? groupBy(await repo.sessionPairs(ids, [...sessionIndex.keys()]), (p) => p.candidate_id, (p) => sessionIndex.get(p.session_id)!)
      : new Map<string, number[]>();
    for (const row of batch) {
      const reachable = offerPairs.get(row.id);
      if (!reachable) continue;
      const fit = toFitCandidate(row, scores.get(row.id));
      if (!fit) continue;
      const i = candidateIds.length;
      let arcs = 0;
      /** Sessions the candidate can reach (none: no near miss is worth finding). */
      const open = sessionPairs.get(row.id);
      /** The best eligible offer (it alone sets the fit today) and the near misses, in offer order. */
      let best = -1;
      let bestScore = -1;
      const nearMisses: number[] = [];
      for (const j of reachable) {
        // the score alone first (no parts built); the parts of an ineligible pair only when a session
        // could open it, i.e. when training is on the table
        const score = fitValue(fit, offerFit[j]);
        if (score >= 0) {
          if (score > bestScore) {
            best = j;
            bestScore = score;
          }
          if (score < 1) continue;
          arcCandidate.push(i);
          arcTarget.push(j);
          arcValue.push(score);
          arcVia.push(-1);
          arcs++;
        } else if (open && isNearMiss(fit, offerFit[j])) {
          nearMisses.push(j);
        }
      }
      if (open && nearMisses.length > 0) {
        // the best eligible offer sets the fit today as all of them would (the gain is measured against
        // it), and the near misses keep their order (ties go to the lowest offer index): the same arcs as
        // with every reachable offer, without scoring them all again
        const considered = best >= 0 ? [best, ...nearMisses].sort((a, b) => a - b) : nearMisses;
        const paths = pathwayArcs(
          [fit],
          considered.map((j) => offerFit[j]),
          open.map((s) => sessionContent[s]),
        );
        for (const p of paths) {
          arcCandidate.push(i);
          arcTarget.push(offers.length + open[p.session]);
          arcValue.push(p.gain);
          arcVia.push(considered[p.offer]);
          arcs++;
        }
      }
      if (arcs > 0) {
        candidateIds.push(row.id);
        candidateFit.push(fit);
      }
    }
    after = batch[batch.length - 1].id;
    read += batch.length;
    await step('scoring', PROGRESS.loaded + ((PROGRESS.scored - PROGRESS.loaded) * Math.min(read, total)) / total, {
      candidates_considered: read,
      arcs: arcCandidate.length,
    });
  }

  // ---- solving -------------------------------------------------------------------------------------
  await step('solving', PROGRESS.scored, { candidates_considered: read, arcs: arcCandidate.length });
  const started = performance.now();
  const arcTargets = arcTarget.view();
  const arcValues = arcValue.view();
  const arcVias = arcVia.view();
  const round = assignRound({
    candidateCount: candidateIds.length,
    capacity: [...offers.map((o) => o.seats_left), ...sessions.map((s) => s.seats_left)],
    arcCandidate: arcCandidate.view(),
    arcTarget: arcTargets,
    arcValue: arcValues,
  });
  const solveMs = Math.round(performance.now() - started);
  await step('storing', PROGRESS.solved);

  // ---- storing -------------------------------------------------------------------------------------
  const rows: NewProposal[] = [];
  round.arcOf.forEach((a, i) => {
    if (a < 0) return;
    const fit = candidateFit[i];
    const t = arcTargets[a];
    if (t < offers.length) {
      const r = fitScore(fit, offerFit[t]);
      if (!r.eligible) throw new Error('positioning: an assigned pair is no longer eligible (scoring is not deterministic?)');
      rows.push({
        run_id: runId,
        territory_id: offers[t].territory_id,
        candidate_id: candidateIds[i],
        kind: 'offer',
        offer_id: offers[t].id,
        session_id: null,
        target_offer_id: null,
        score: r.score,
        value: arcValues[a],
        parts: r.parts,
        closes: [],
        distance_km: distanceOf(r.parts),
      });
    } else {
      const s = t - offers.length;
      const j = arcVias[a];
      const before = fitScore(fit, offerFit[j]);
      const after = fitScore(applyTraining(fit, sessionContent[s]), offerFit[j]);
      if (!after.eligible) throw new Error('positioning: a training arc does not open its offer (pathway is not deterministic?)');
      rows.push({
        run_id: runId,
        territory_id: sessions[s].territory_id,
        candidate_id: candidateIds[i],
        kind: 'session',
        offer_id: null,
        session_id: sessions[s].id,
        target_offer_id: offers[j].id,
        score: after.score,
        value: arcValues[a],
        parts: after.parts,
        closes: before.parts.filter((p) => p.blocking),
        distance_km: distanceOf(after.parts),
      });
    }
  });

  await db.transaction().execute(async (tx) => {
    const r = createPositioningRepository(tx);
    const locked = await r.lockRun(runId);
    if (!locked || locked.status !== 'running' || locked.cancel_requested) throw new RunCancelled();
    await r.supersedeUnpublished(scope);
    await r.insertProposals(rows);
    await r.finishRun(runId, 'completed', {
      proposals: rows.length,
      total_score: round.totalValue,
      certified: true,
      solve_ms: solveMs,
      arcs: arcCandidate.length,
    });
  });
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
}
