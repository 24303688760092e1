// The only barrel of the project (STYLE.md §9): the pure core's public API.

// staffing — Erlang B/C/A, required agents, plan (FTE, seats, floor area), hiring
export { erlangB } from './staffing/erlang-b.ts';
export { erlangC, evaluateErlangC } from './staffing/erlang-c.ts';
export { evaluateErlangA } from './staffing/erlang-a.ts';
export {
  evaluateStaffing,
  meetsTargets,
  requiredAgents,
  requiredAgentsByInterval,
  sweepAroundRequirement,
  sweepStaffing,
  trafficErlangs,
} from './staffing/required-agents.ts';
export type { StaffingRequirement } from './staffing/required-agents.ts';
export { fullTimeEquivalents, PLAN_DEFAULTS, planHiring, planStaffing, scheduledAgents } from './staffing/plan.ts';
export type { HiringPlan, HiringPlanOptions, HiringWeek, StaffingPlan, StaffingPlanOptions } from './staffing/plan.ts';
export type { QueueModel, QueueOptions, StaffingEvaluation, StaffingTargets, TrafficOptions } from './staffing/types.ts';

// matching — stable matching (deferred acceptance with capacities), fit score, training pathway; geo
export { deferredAcceptance, findBlockingPairs, prepareStable, rankByScore, StableInputError, stableInstanceFromLists, stableMatching } from './matching/stable.ts';
export type { PreparedStable, StableInstance, StableResult, StableViolation } from './matching/stable.ts';
export { formatHr, HrFormatError, matchingFnv1a, parseHr } from './matching/stable-hr.ts';
export { formatJsonPath, formatMatchingJson, idAt, idCount, readStableJson, StableJsonError, stableInstanceFromIds } from './matching/stable-json.ts';
export type { IdList, StableIdInstance } from './matching/stable-json.ts';
export { CEFR_LEVELS, cefrIndex, explainPart, FIT_CURVES, FIT_WEIGHTS, fitScore, fitValue, languageName, PILLARS } from './matching/score.ts';
export type { CefrLevel, ContractType, FitCandidate, FitCode, FitOffer, FitPart, FitResult, Locale as ExplainLocale, Pillar, Shift, WorkingTime } from './matching/score.ts';
export { applyTraining, DEFAULT_PATHWAY_MARGINS, meetsPrerequisites, pathwayArcs, trainableGaps } from './matching/pathway.ts';
export type { PathwayArc, PathwayMargins, PathwayOptions, TrainingContent } from './matching/pathway.ts';
export { EARTH_MEAN_RADIUS_KM, haversineKm, isValidGeoPoint } from './geo/haversine.ts';
export type { GeoPoint } from './geo/haversine.ts';

// matching — exact min-cost flow (DIMACS I/O, network simplex, candidate → offer engine, certificate)
export { DimacsError, DimacsReader, parseDimacs, writeDimacsSolution } from './matching/dimacs.ts';
export { exactTotalCost, MAX_EXACT } from './matching/flow-problem.ts';
export type { FlowProblem, FlowSolution, IntArray } from './matching/flow-problem.ts';
export { solveNetworkSimplex } from './matching/network-simplex.ts';
export { detectBipartite } from './matching/bipartite-shape.ts';
export type { BipartiteInstance } from './matching/bipartite-shape.ts';
export { solveBipartite } from './matching/bipartite-assignment.ts';
export type { BipartiteStats } from './matching/bipartite-assignment.ts';
export { checkOptimality } from './matching/certificate.ts';
export type { CertificateResult } from './matching/certificate.ts';
export { solveMinCostFlow } from './matching/min-cost-flow.ts';
export type { FlowEngine } from './matching/min-cost-flow.ts';
export { assignRound, RoundInputError } from './matching/round.ts';
export type { RoundInput, RoundResult } from './matching/round.ts';
