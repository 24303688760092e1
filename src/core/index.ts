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
  sweepStaffing,
  trafficErlangs,
} from './staffing/required-agents.ts';
export type { StaffingRequirement } from './staffing/required-agents.ts';
export { fullTimeEquivalents, PLAN_DEFAULTS, planHiring, planStaffing, scheduledAgents } from './staffing/plan.ts';
export type { HiringPlan, HiringPlanOptions, HiringWeek, StaffingPlan, StaffingPlanOptions } from './staffing/plan.ts';
export type { QueueModel, QueueOptions, StaffingEvaluation, StaffingTargets, TrafficOptions } from './staffing/types.ts';
