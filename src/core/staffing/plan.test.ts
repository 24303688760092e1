import { describe, expect, it } from 'vitest';
import { ceilTolerant, fullTimeEquivalents, planHiring, planStaffing, scheduledAgents } from './plan.ts';

describe('scheduledAgents and FTE', () => {
  it('grosses up for shrinkage', () => {
    expect(scheduledAgents({ requiredAgents: 14, shrinkage: 0.3 })).toBeCloseTo(20, 12);
    expect(scheduledAgents({ requiredAgents: 14 })).toBe(14);
    expect(() => scheduledAgents({ requiredAgents: 14, shrinkage: 1 })).toThrow(RangeError);
  });

  it('scales the horizon to one week: a day repeats, two weeks average', () => {
    // one day of 10 agents for 24 h = 240 agent-hours ⇒ 1,680 a week ⇒ 48 FTE at 35 h
    expect(fullTimeEquivalents({ agentHours: 240, horizonHours: 24, contractHoursPerWeek: 35 })).toBeCloseTo(48, 12);
    // exactly one week
    expect(fullTimeEquivalents({ agentHours: 1680, horizonHours: 168, contractHoursPerWeek: 35 })).toBeCloseTo(48, 12);
    // two weeks: average week
    expect(fullTimeEquivalents({ agentHours: 3360, horizonHours: 336, contractHoursPerWeek: 35 })).toBeCloseTo(48, 12);
    // Morocco: 44 h contracts
    expect(fullTimeEquivalents({ agentHours: 1680, horizonHours: 168, contractHoursPerWeek: 44 })).toBeCloseTo(1680 / 44, 12);
  });

  it('ceilTolerant ignores float noise above an integer', () => {
    expect(0.1 * 3 * 100).toBeGreaterThan(30); // 30.000000000000004
    expect(ceilTolerant(0.1 * 3 * 100)).toBe(30);
    expect(ceilTolerant(20.001)).toBe(21);
    expect(ceilTolerant(0)).toBe(0);
  });
});

describe('planStaffing', () => {
  it('derives scheduled peak, agent-hours, FTE, seats and floor area', () => {
    const plan = planStaffing({ agentsPerInterval: [14, 24, 10, 0], intervalMinutes: 30, shrinkage: 0.3, seatSharing: 0.9, m2PerSeat: 12 });
    expect(plan.peakAgents).toBe(24);
    expect(plan.scheduledPeak).toBeCloseTo(24 / 0.7, 12);
    expect(plan.agentHours).toBeCloseTo((48 / 0.7) * 0.5, 12);
    expect(plan.horizonHours).toBe(2);
    expect(plan.fte).toBeCloseTo((((48 / 0.7) * 0.5) * 84) / 35, 10);
    expect(plan.seats).toBe(Math.ceil((24 / 0.7) * 0.9)); // 30.857… ⇒ 31
    expect(plan.floorAreaM2).toBe(plan.seats * 12);
  });

  it('uses the documented defaults: shrinkage 0, 35 h, 1 seat per agent, 10 m²', () => {
    const plan = planStaffing({ agentsPerInterval: Array.from({ length: 336 }, () => 10), intervalMinutes: 30 });
    expect(plan).toMatchObject({ peakAgents: 10, scheduledPeak: 10, agentHours: 1680, seats: 10, floorAreaM2: 100 });
    expect(plan.fte).toBeCloseTo(48, 12);
  });

  it('counts 20 seats, not 21, for 14 agents at 30 % shrinkage', () => {
    expect(planStaffing({ agentsPerInterval: [14], intervalMinutes: 30, shrinkage: 0.3 }).seats).toBe(20);
  });
});

describe('planHiring', () => {
  it('hires the whole team one training period ahead of go-live, then replaces attrition', () => {
    const plan = planHiring({ headcount: 104, annualAttritionRate: 0.25, trainingWeeks: 3, weeksAfterGoLive: 20 });
    expect(plan.steadyWeeklyHires).toBeCloseTo(0.5, 12); // 104 × 25 % / 52
    const [first, second, third] = plan.weeks;
    expect(first).toMatchObject({ week: -3, hires: 104, inTraining: 104, inPost: 0 });
    // Week −2 already trains the replacements of week 1's leavers (3 weeks later).
    expect(second).toMatchObject({ week: -2, hires: 0.5, inTraining: 104.5 });
    expect(third).toMatchObject({ week: -1, hires: 0.5, inTraining: 105 });
    const goLive = plan.weeks.find((w) => w.week === 0);
    expect(goLive).toMatchObject({ inPost: 104, leavers: 0 });
    expect(goLive?.inTraining).toBeCloseTo(1.5, 12);
    // Each week's hires replace the leavers of three weeks later: H·a/52 = 0.5.
    for (const week of plan.weeks.filter((w) => w.week >= -2)) expect(week.hires).toBeCloseTo(0.5, 12);
    for (const week of plan.weeks.filter((w) => w.week >= 0)) expect(week.inPost).toBeCloseTo(104, 9);
    expect(plan.peakInTraining).toBe(105); // week −1: the 104 plus two weeks of replacements
    // Rounded hires are whole and add up to the rounded expected total.
    const rounded = plan.weeks.reduce((sum, w) => sum + w.hiresRounded, 0);
    expect(Number.isInteger(rounded)).toBe(true);
    expect(Math.abs(rounded - plan.totalHires)).toBeLessThanOrEqual(0.5);
  });

  it('spreads the build-up over a ramp-up after go-live', () => {
    const plan = planHiring({ headcount: 100, annualAttritionRate: 0, trainingWeeks: 2, rampUpWeeks: 4, weeksAfterGoLive: 8 });
    const hires = plan.weeks.map((w) => w.hires);
    expect(hires.slice(0, 4)).toEqual([25, 25, 25, 25]); // weeks −2 … 1 feed weeks 0 … 3
    expect(plan.weeks.find((w) => w.week === 3)?.inPost).toBe(100);
    expect(plan.peakInTraining).toBe(50);
    expect(plan.totalHires).toBe(100);
  });

  it('without training the hires are in post the same week', () => {
    const plan = planHiring({ headcount: 10, annualAttritionRate: 0.52, trainingWeeks: 0, weeksAfterGoLive: 3 });
    expect(plan.weeks.map((w) => w.hires)).toEqual([10, expect.closeTo(0.1, 12), expect.closeTo(0.1, 12)]);
    expect(plan.peakInTraining).toBe(0);
  });
});
