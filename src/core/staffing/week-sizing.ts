/**
 * Sizing of a typical week, end to end: agents per interval (requiredAgents), scheduled staff, FTE,
 * seats and floor area (planStaffing), the service-level sweep at the peak interval (sweepAroundRequirement)
 * and the weekly hiring plan to go-live (planHiring). The API and the browser's what-if sliders both
 * call this function, so they agree to the last digit.
 */
import { ceilTolerant, planHiring, planStaffing, type HiringPlan, type HiringWeek } from './plan.ts';
import { meetsTargets, requiredAgents, sweepAroundRequirement } from './required-agents.ts';
import type { QueueModel, StaffingTargets } from './types.ts';
import { slotLabel } from './weekly-forecast.ts';

export interface WeekSizingOptions extends StaffingTargets {
  /** Calls per slot of the week grid (weekly-forecast.ts): 7 × 1440/intervalMinutes values, Monday 00:00 first. */
  calls: readonly number[];
  intervalMinutes: number;
  ahtSeconds: number;
  targetAnswerSeconds: number;
  /** Mean caller patience, seconds: Erlang A instead of Erlang C. */
  patienceSeconds?: number;
  /** Share (0–1) of paid time off the phones. */
  shrinkage: number;
  /** Seats per scheduled agent at the peak. */
  seatSharing: number;
  m2PerSeat: number;
  /** The territory's full-time week: 35 h in France, 44 h in Morocco. */
  contractHoursPerWeek: number;
  /** Share of the headcount leaving per year. */
  annualAttritionRate: number;
  /** Weeks of initial training before a hire takes calls. */
  trainingWeeks: number;
  /** Weeks of the hiring plan after go-live. Default 12. */
  weeksAfterGoLive?: number;
  /** Go-live day 'YYYY-MM-DD': dates the hiring weeks (week 0 starts that day). */
  goLiveOn?: string | null;
  /** Slots to report even without calls (the opening hours); slots with calls are always reported. */
  isOpen?: readonly boolean[];
}

export interface SizedInterval {
  /** Index in the week grid. */
  slot: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** 'HH:MM' */
  start: string;
  calls: number;
  trafficErlangs: number;
  /** Agents on the phones: the least meeting every target. */
  agents: number;
  /** agents / (1 − shrinkage). */
  scheduledAgents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  /** Erlang A only. */
  abandonRate: number | null;
}

export interface SweepPoint {
  agents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  abandonRate: number | null;
  meetsTargets: boolean;
}

export interface DatedHiringWeek extends HiringWeek {
  /** First day of the week, 'YYYY-MM-DD' (null without a go-live date). */
  startsOn: string | null;
}

export interface WeekSizing {
  model: QueueModel;
  weeklyCalls: number;
  intervals: SizedInterval[];
  /** Over the week: SL and abandon rate weighted by calls, ASA by answered calls, occupancy by agent time. Null without calls. */
  week: { serviceLevel: number | null; asaSeconds: number | null; occupancy: number | null; abandonRate: number | null };
  /** The interval needing the most agents (then the most calls, then the earliest). Null without calls. */
  peak: { slot: number; weekday: number; start: string; calls: number; trafficErlangs: number; agents: number } | null;
  peakAgents: number;
  scheduledPeak: number;
  /** Scheduled agent-hours in the week. */
  agentHours: number;
  fte: number;
  /** People to hold in post: FTE rounded up. */
  headcount: number;
  seats: number;
  floorAreaM2: number;
  /** Performance at the peak interval for agent counts around the requirement. */
  sweep: SweepPoint[];
  hiring: Omit<HiringPlan, 'weeks'> & { weeks: DatedHiringWeek[] };
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' plus a number of days (calendar arithmetic in UTC: no time zone, no clock). */
export function addDays(isoDate: string, days: number): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`not a date YYYY-MM-DD: ${isoDate}`);
  return new Date(time + days * DAY_MS).toISOString().slice(0, 10);
}

/** Agents counted either side of the peak requirement in the sweep: ±15 %, at least 5. */
function sweepRadius(peakAgents: number): number {
  return Math.max(5, Math.ceil(peakAgents * 0.15));
}

export function sizeWeek(options: WeekSizingOptions): WeekSizing {
  const { calls, intervalMinutes, shrinkage, isOpen } = options;
  if (isOpen !== undefined && isOpen.length !== calls.length) {
    throw new RangeError(`isOpen must have the length of calls (${calls.length}), got ${isOpen.length}`);
  }
  const queue = {
    intervalMinutes,
    ahtSeconds: options.ahtSeconds,
    targetAnswerSeconds: options.targetAnswerSeconds,
    ...(options.patienceSeconds !== undefined ? { patienceSeconds: options.patienceSeconds } : {}),
  };
  const targets: StaffingTargets = {
    serviceLevel: options.serviceLevel,
    ...(options.asaSeconds !== undefined ? { asaSeconds: options.asaSeconds } : {}),
    ...(options.maxOccupancy !== undefined ? { maxOccupancy: options.maxOccupancy } : {}),
  };
  const requirements = calls.map((callsPerInterval) => requiredAgents({ ...queue, ...targets, callsPerInterval }));
  const plan = planStaffing({
    agentsPerInterval: requirements.map((r) => r.agents),
    intervalMinutes,
    shrinkage,
    contractHoursPerWeek: options.contractHoursPerWeek,
    seatSharing: options.seatSharing,
    m2PerSeat: options.m2PerSeat,
  });

  const intervals: SizedInterval[] = [];
  let weeklyCalls = 0;
  let answered = 0;
  let slSum = 0;
  let asaSum = 0;
  let abandonSum = 0;
  let busyAgents = 0;
  let agentSlots = 0;
  let peakSlot = -1;
  requirements.forEach((r, slot) => {
    const c = calls[slot];
    const e = r.evaluation;
    if (c > 0 || isOpen?.[slot]) {
      intervals.push({
        slot,
        ...slotLabel(slot, intervalMinutes),
        calls: c,
        trafficErlangs: r.trafficErlangs,
        agents: r.agents,
        scheduledAgents: plan.scheduledPerInterval[slot],
        serviceLevel: e.serviceLevel,
        asaSeconds: e.asaSeconds,
        occupancy: e.occupancy,
        abandonRate: e.abandonRate ?? null,
      });
    }
    if (c > 0) {
      const abandon = e.abandonRate ?? 0;
      weeklyCalls += c;
      slSum += c * e.serviceLevel;
      abandonSum += c * abandon;
      if (e.asaSeconds !== null) {
        answered += c * (1 - abandon);
        asaSum += c * (1 - abandon) * e.asaSeconds;
      }
      busyAgents += e.occupancy * r.agents;
      agentSlots += r.agents;
      const best = peakSlot < 0 ? undefined : requirements[peakSlot];
      if (!best || r.agents > best.agents || (r.agents === best.agents && c > calls[peakSlot])) peakSlot = slot;
    }
  });

  const peakRequirement = peakSlot < 0 ? undefined : requirements[peakSlot];
  const peak = peakRequirement
    ? { slot: peakSlot, ...slotLabel(peakSlot, intervalMinutes), calls: calls[peakSlot], trafficErlangs: peakRequirement.trafficErlangs, agents: peakRequirement.agents }
    : null;
  let sweep: SweepPoint[] = [];
  if (peak) {
    sweep = sweepAroundRequirement({ ...queue, ...targets, callsPerInterval: peak.calls, radius: sweepRadius(peak.agents) }).sweep.map((e) => ({
      agents: e.agents,
      serviceLevel: e.serviceLevel,
      asaSeconds: e.asaSeconds,
      occupancy: e.occupancy,
      abandonRate: e.abandonRate ?? null,
      meetsTargets: meetsTargets(e, targets),
    }));
  }

  const headcount = ceilTolerant(plan.fte);
  const hiring = planHiring({
    headcount,
    annualAttritionRate: options.annualAttritionRate,
    trainingWeeks: options.trainingWeeks,
    weeksAfterGoLive: options.weeksAfterGoLive ?? 12,
  });
  const goLiveOn = options.goLiveOn ?? null;

  return {
    model: options.patienceSeconds === undefined ? 'erlang-c' : 'erlang-a',
    weeklyCalls,
    intervals,
    week: {
      serviceLevel: weeklyCalls > 0 ? slSum / weeklyCalls : null,
      asaSeconds: answered > 0 ? asaSum / answered : null,
      occupancy: agentSlots > 0 ? busyAgents / agentSlots : null,
      abandonRate: weeklyCalls > 0 && options.patienceSeconds !== undefined ? abandonSum / weeklyCalls : null,
    },
    peak,
    peakAgents: plan.peakAgents,
    scheduledPeak: plan.scheduledPeak,
    agentHours: plan.agentHours,
    fte: plan.fte,
    headcount,
    seats: plan.seats,
    floorAreaM2: plan.floorAreaM2,
    sweep,
    hiring: {
      ...hiring,
      weeks: hiring.weeks.map((w) => ({ ...w, startsOn: goLiveOn === null ? null : addDays(goLiveOn, 7 * w.week) })),
    },
  };
}
