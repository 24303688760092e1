import { describe, expect, it } from 'vitest';
import { planHiring } from './plan.ts';
import { requiredAgents, sweepStaffing } from './required-agents.ts';
import { addDays, sizeWeek, type WeekSizingOptions } from './week-sizing.ts';
import { openSlots, profileForecast, type OpeningHours } from './weekly-forecast.ts';

const weekdays = { opens: '08:00', closes: '20:00' };
const openingHours: OpeningHours = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: null, sun: null };
// A typical inbound day: a morning peak around 10:00–11:00 and a smaller one after lunch.
const hourlyProfile = [0, 0, 0, 0, 0, 0, 0, 0, 6, 9, 11, 10, 7, 8, 9, 8, 7, 6, 4, 3, 0, 0, 0, 0];

function options(overrides: Partial<WeekSizingOptions> = {}): WeekSizingOptions {
  const calls = profileForecast({ weeklyCalls: 12_000, weekdayProfile: [1.2, 1, 1, 1, 0.9, 0, 0], hourlyProfile, openingHours, intervalMinutes: 30 });
  return {
    calls,
    isOpen: openSlots({ openingHours, intervalMinutes: 30 }),
    intervalMinutes: 30,
    ahtSeconds: 240,
    targetAnswerSeconds: 20,
    serviceLevel: 0.8,
    shrinkage: 0.3,
    seatSharing: 1,
    m2PerSeat: 10,
    contractHoursPerWeek: 35,
    annualAttritionRate: 0.3,
    trainingWeeks: 4,
    goLiveOn: '2026-09-07',
    ...overrides,
  };
}

describe('sizeWeek', () => {
  it('the 80/20 textbook interval: 100 calls, AHT 180 s ⇒ 14 agents, 20 scheduled at 30 % shrinkage', () => {
    const calls = new Array(336).fill(0);
    calls[20] = 100;
    const s = sizeWeek({ ...options(), calls, isOpen: undefined, ahtSeconds: 180 });
    expect(s.intervals).toHaveLength(1);
    expect(s.intervals[0]).toMatchObject({ slot: 20, weekday: 1, start: '10:00', calls: 100, agents: 14, trafficErlangs: 10 });
    expect(s.peak).toMatchObject({ weekday: 1, start: '10:00', agents: 14 });
    expect(s.scheduledPeak).toBeCloseTo(20, 12);
    expect(s.seats).toBe(20);
    expect(s.floorAreaM2).toBe(200);
    expect(s.agentHours).toBeCloseTo(10, 12);
    expect(s.fte).toBeCloseTo(10 / 35, 12);
    expect(s.headcount).toBe(1);
  });

  it('matches the engine called interval by interval', () => {
    const o = options();
    const s = sizeWeek(o);
    expect(s.model).toBe('erlang-c');
    expect(s.weeklyCalls).toBeCloseTo(12_000, 8);
    expect(s.intervals).toHaveLength(5 * 24);
    let agentHours = 0;
    for (const row of s.intervals) {
      const direct = requiredAgents({ callsPerInterval: o.calls[row.slot], intervalMinutes: 30, ahtSeconds: 240, targetAnswerSeconds: 20, serviceLevel: 0.8 });
      expect(row.agents).toBe(direct.agents);
      expect(row.serviceLevel).toBe(direct.evaluation.serviceLevel);
      expect(row.serviceLevel).toBeGreaterThanOrEqual(0.8);
      expect(row.scheduledAgents).toBeCloseTo(direct.agents / 0.7, 12);
      agentHours += (direct.agents / 0.7) * 0.5;
    }
    const peak = Math.max(...s.intervals.map((r) => r.agents));
    expect(s.peakAgents).toBe(peak);
    expect(s.peak?.agents).toBe(peak);
    expect(s.agentHours).toBeCloseTo(agentHours, 9);
    expect(s.fte).toBeCloseTo(agentHours / 35, 9);
    expect(s.headcount).toBe(Math.ceil(s.fte));
    expect(s.seats).toBe(Math.ceil(peak / 0.7 - 1e-9));
    expect(s.floorAreaM2).toBe(s.seats * 10);
    expect(s.week.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(s.week.occupancy).toBeGreaterThan(0.5);
    expect(s.week.abandonRate).toBeNull();
  });

  it('sweeps around the peak: the requirement is the first level meeting the targets', () => {
    const o = options();
    const s = sizeWeek(o);
    const peak = s.peak!;
    const at = s.sweep.findIndex((p) => p.agents === peak.agents);
    expect(at).toBeGreaterThan(0);
    expect(s.sweep[at].meetsTargets).toBe(true);
    expect(s.sweep[at - 1].meetsTargets).toBe(false);
    expect(s.sweep.at(-1)!.agents).toBe(peak.agents + 5);
    const direct = sweepStaffing({ callsPerInterval: peak.calls, intervalMinutes: 30, ahtSeconds: 240, targetAnswerSeconds: 20, fromAgents: s.sweep[0].agents, toAgents: peak.agents + 5 });
    expect(s.sweep.map((p) => p.serviceLevel)).toEqual(direct.map((e) => e.serviceLevel));
  });

  it('a tighter target, a longer AHT and more shrinkage each need more people', () => {
    const base = sizeWeek(options());
    expect(sizeWeek(options({ serviceLevel: 0.9 })).fte).toBeGreaterThan(base.fte);
    expect(sizeWeek(options({ ahtSeconds: 300 })).fte).toBeGreaterThan(base.fte);
    expect(sizeWeek(options({ shrinkage: 0.4 })).seats).toBeGreaterThan(base.seats);
    expect(sizeWeek(options({ contractHoursPerWeek: 44 })).fte).toBeCloseTo((base.fte * 35) / 44, 9);
    expect(sizeWeek(options({ seatSharing: 0.8 })).seats).toBeLessThan(base.seats);
  });

  it('switches to Erlang A with a patience and reports abandonment', () => {
    const s = sizeWeek(options({ patienceSeconds: 120 }));
    expect(s.model).toBe('erlang-a');
    expect(s.week.abandonRate).toBeGreaterThan(0);
    expect(s.week.abandonRate).toBeLessThan(0.1);
    expect(s.intervals.every((r) => r.abandonRate !== null)).toBe(true);
    expect(s.peakAgents).toBeLessThanOrEqual(sizeWeek(options()).peakAgents);
  });

  it('plans hiring from training start to go-live and after, with dates', () => {
    const o = options();
    const s = sizeWeek(o);
    const direct = planHiring({ headcount: s.headcount, annualAttritionRate: 0.3, trainingWeeks: 4, weeksAfterGoLive: 12 });
    expect(s.hiring.weeks.map(({ startsOn: _, ...w }) => w)).toEqual(direct.weeks);
    expect(s.hiring.weeks[0]).toMatchObject({ week: -4, startsOn: '2026-08-10' });
    expect(s.hiring.weeks.find((w) => w.week === 0)).toMatchObject({ startsOn: '2026-09-07' });
    expect(s.hiring.weeks.find((w) => w.week === 0)!.inPost).toBeCloseTo(s.headcount, 9);
    // the first cohort, plus replacements for early leavers trained alongside it
    expect(s.hiring.peakInTraining).toBeGreaterThanOrEqual(s.headcount);
    expect(s.hiring.peakInTraining).toBeLessThan(s.headcount * (1 + (0.3 / 52) * 4 + 1e-9));
    expect(sizeWeek(options({ goLiveOn: null })).hiring.weeks[0].startsOn).toBeNull();
  });

  it('an empty week needs nobody', () => {
    const s = sizeWeek(options({ calls: new Array(336).fill(0) }));
    expect(s).toMatchObject({ weeklyCalls: 0, peak: null, peakAgents: 0, fte: 0, headcount: 0, seats: 0, floorAreaM2: 0, sweep: [] });
    expect(s.week.serviceLevel).toBeNull();
    expect(s.intervals).toHaveLength(120); // the opening hours are still listed
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-02', -28)).toBe('2026-02-02');
    expect(() => addDays('soon', 1)).toThrow(/date/);
  });
});
