/**
 * From agents on the phones to people, seats, floor area and hiring (DOMAIN.md §3).
 * Every function is pure and takes one options object.
 */

const HOURS_PER_WEEK = 168;
const WEEKS_PER_YEAR = 52;
/** Rounding noise allowed before a ceiling counts one more seat (14/0.7 = 20.000000000000004). */
const CEIL_TOLERANCE = 1e-9;

/** Scheduled staff = required / (1 − shrinkage); shrinkage (0–1) covers breaks, training, absence. */
export function scheduledAgents(options: { requiredAgents: number; shrinkage?: number }): number {
  const shrinkage = options.shrinkage ?? 0;
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  return options.requiredAgents / (1 - shrinkage);
}

/**
 * Full-time equivalents: scheduled agent-hours of the horizon scaled to one week, divided by the
 * contract hours of one person. A horizon shorter than a week is taken as repeating (a typical day
 * ×7); a longer one is averaged to one week the same way: fte = agentHours × (168 / horizonHours) /
 * contractHoursPerWeek.
 */
export function fullTimeEquivalents(options: { agentHours: number; horizonHours: number; contractHoursPerWeek: number }): number {
  const { agentHours, horizonHours, contractHoursPerWeek } = options;
  if (!(horizonHours > 0)) throw new RangeError(`horizonHours must be > 0, got ${horizonHours}`);
  if (!(contractHoursPerWeek > 0)) throw new RangeError(`contractHoursPerWeek must be > 0, got ${contractHoursPerWeek}`);
  return (agentHours * (HOURS_PER_WEEK / horizonHours)) / contractHoursPerWeek;
}

/** ceil() that ignores floating-point noise just above an integer. */
export function ceilTolerant(value: number): number {
  const rounded = Math.ceil(value - CEIL_TOLERANCE * Math.max(1, Math.abs(value)));
  return rounded === 0 ? 0 : rounded; // not −0
}

export interface StaffingPlanOptions {
  /** Agents on the phones per interval (whole or fractional requirements). */
  agentsPerInterval: readonly number[];
  intervalMinutes: number;
  /** Share (0–1) of paid time not on the phones. Default 0. */
  shrinkage?: number;
  /** Contract hours per week of one full-time agent: 35 in France, 44 in Morocco. Default 35. */
  contractHoursPerWeek?: number;
  /** Seats per scheduled agent at the peak (hot-desking < 1). Default 1. */
  seatSharing?: number;
  /** Floor area per seat including shared areas, m². Default 10. */
  m2PerSeat?: number;
}

export interface StaffingPlan {
  /** Most agents needed on the phones in one interval. */
  peakAgents: number;
  /** Scheduled staff per interval: agents / (1 − shrinkage). */
  scheduledPerInterval: number[];
  /** Most scheduled staff in one interval (not rounded). */
  scheduledPeak: number;
  /** Scheduled agent-hours over the horizon. */
  agentHours: number;
  horizonHours: number;
  /** Full-time equivalents for one week (see fullTimeEquivalents). */
  fte: number;
  /** ceil(scheduledPeak × seatSharing). */
  seats: number;
  /** seats × m2PerSeat. */
  floorAreaM2: number;
}

export const PLAN_DEFAULTS = Object.freeze({ shrinkage: 0, contractHoursPerWeek: 35, seatSharing: 1, m2PerSeat: 10 });

/** Scheduled staff, agent-hours, FTE, seats and floor area for a forecast horizon. */
export function planStaffing(options: StaffingPlanOptions): StaffingPlan {
  const {
    agentsPerInterval,
    intervalMinutes,
    shrinkage = PLAN_DEFAULTS.shrinkage,
    contractHoursPerWeek = PLAN_DEFAULTS.contractHoursPerWeek,
    seatSharing = PLAN_DEFAULTS.seatSharing,
    m2PerSeat = PLAN_DEFAULTS.m2PerSeat,
  } = options;
  if (agentsPerInterval.length === 0) throw new RangeError('agentsPerInterval must not be empty');
  if (!(intervalMinutes > 0)) throw new RangeError(`intervalMinutes must be > 0, got ${intervalMinutes}`);
  if (!(seatSharing > 0)) throw new RangeError(`seatSharing must be > 0, got ${seatSharing}`);
  if (!(m2PerSeat >= 0)) throw new RangeError(`m2PerSeat must be ≥ 0, got ${m2PerSeat}`);
  const intervalHours = intervalMinutes / 60;
  const scheduledPerInterval = agentsPerInterval.map((requiredAgents) => scheduledAgents({ requiredAgents, shrinkage }));
  const peakAgents = Math.max(...agentsPerInterval);
  const scheduledPeak = Math.max(...scheduledPerInterval);
  const agentHours = scheduledPerInterval.reduce((sum, s) => sum + s, 0) * intervalHours;
  const horizonHours = agentsPerInterval.length * intervalHours;
  const seats = ceilTolerant(scheduledPeak * seatSharing);
  return {
    peakAgents,
    scheduledPerInterval,
    scheduledPeak,
    agentHours,
    horizonHours,
    fte: fullTimeEquivalents({ agentHours, horizonHours, contractHoursPerWeek }),
    seats,
    floorAreaM2: seats * m2PerSeat,
  };
}

// ── Hiring ───────────────────────────────────────────────────────────────────────────────────────────

export interface HiringPlanOptions {
  /** People to hold in post (e.g. ceil of the FTE, or FTE ÷ a part-time ratio). */
  headcount: number;
  /** Share of the headcount leaving per year (0.3 = 30 %/year); ≈ headcount·a/52 leave each week. */
  annualAttritionRate: number;
  /** Weeks of initial training before a hire can take calls: hires start that many weeks ahead. */
  trainingWeeks: number;
  /** Weeks after go-live over which the headcount in post grows linearly to `headcount`. Default 0. */
  rampUpWeeks?: number;
  /** Weeks planned from go-live (week 0). Default 52. */
  weeksAfterGoLive?: number;
}

export interface HiringWeek {
  /** Week relative to go-live: negative before it, 0 is the go-live week. */
  week: number;
  /** Headcount wanted in post at the end of the week. */
  targetInPost: number;
  /** People starting initial training this week (expected value). */
  hires: number;
  /** The same, rounded so that cumulative integer hires follow the cumulative expected hires. */
  hiresRounded: number;
  /** People in training this week (training seats needed). */
  inTraining: number;
  /** Expected leavers this week among those in post. */
  leavers: number;
  /** People in post (able to take calls) at the end of the week. */
  inPost: number;
}

export interface HiringPlan {
  weeks: HiringWeek[];
  /** Hires per week that hold the headcount once reached: headcount × attrition / 52. */
  steadyWeeklyHires: number;
  totalHires: number;
  /** Most people in training in one week: the training seats to plan ahead of go-live. */
  peakInTraining: number;
}

/**
 * Weekly hiring to reach a headcount at go-live (or over a ramp-up) and hold it under attrition.
 * Model: a hire starting in week w trains for trainingWeeks and is in post from week w + trainingWeeks;
 * each week inPost·a/52 leave (trainees are assumed not to leave); hires are the shortfall between
 * the target and those still in post, ordered trainingWeeks ahead. Expected (fractional) values.
 */
export function planHiring(options: HiringPlanOptions): HiringPlan {
  const { headcount, annualAttritionRate, trainingWeeks, rampUpWeeks = 0, weeksAfterGoLive = 52 } = options;
  if (!(headcount >= 0)) throw new RangeError(`headcount must be ≥ 0, got ${headcount}`);
  if (!(annualAttritionRate >= 0)) throw new RangeError(`annualAttritionRate must be ≥ 0, got ${annualAttritionRate}`);
  for (const [name, value] of [['trainingWeeks', trainingWeeks], ['rampUpWeeks', rampUpWeeks], ['weeksAfterGoLive', weeksAfterGoLive]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const weeklyAttrition = annualAttritionRate / WEEKS_PER_YEAR;
  const target = (week: number): number =>
    week < 0 ? 0 : rampUpWeeks === 0 ? headcount : headcount * Math.min(1, (week + 1) / rampUpWeeks);

  const first = -trainingWeeks;
  const last = weeksAfterGoLive - 1;
  // hires[w − first] start in week w; they are in post from week w + trainingWeeks.
  const hires = new Map<number, number>();
  const rows: HiringWeek[] = [];
  let inPost = 0;
  let cumulative = 0;
  let cumulativeRounded = 0;
  // Walk the weeks in which people can be in post, deciding each cohort trainingWeeks ahead; run the
  // cohorts on past `last` so that the last weeks of the table show their trainees too.
  const inPostByWeek = new Map<number, number>();
  const leaversByWeek = new Map<number, number>();
  for (let week = first; week <= last + trainingWeeks; week++) {
    const leavers = inPost * weeklyAttrition;
    const remaining = inPost - leavers;
    const cohort = Math.max(0, target(week) - remaining);
    hires.set(week - trainingWeeks, cohort);
    inPost = remaining + cohort;
    inPostByWeek.set(week, inPost);
    leaversByWeek.set(week, leavers);
  }
  let peakInTraining = 0;
  let totalHires = 0;
  for (let week = first; week <= last; week++) {
    const started = hires.get(week) ?? 0;
    let inTraining = 0;
    for (let k = week - trainingWeeks + 1; k <= week; k++) inTraining += hires.get(k) ?? 0;
    cumulative += started;
    const rounded = Math.round(cumulative) - cumulativeRounded;
    cumulativeRounded += rounded;
    totalHires += started;
    peakInTraining = Math.max(peakInTraining, inTraining);
    rows.push({
      week,
      targetInPost: target(week),
      hires: started,
      hiresRounded: rounded,
      inTraining,
      leavers: leaversByWeek.get(week) ?? 0,
      inPost: inPostByWeek.get(week) ?? 0,
    });
  }
  return { weeks: rows, steadyWeeklyHires: (headcount * annualAttritionRate) / WEEKS_PER_YEAR, totalHires, peakInTraining };
}
