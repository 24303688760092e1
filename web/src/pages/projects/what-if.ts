/**
 * What-if sizing in the browser: the same core engine as the API (src/core/staffing), run on the
 * forecast the API sized, with another AHT, service-level target or shrinkage. With the saved values
 * it reproduces the API's figures exactly.
 */
import { sizeWeek, type WeekSizing } from '../../../../src/core/staffing/week-sizing.ts';
import { intervalsForecast, minutesOf, openSlots } from '../../../../src/core/staffing/weekly-forecast.ts';
import type { Project, Sizing } from '../../api/types';

export interface WhatIf {
  ahtSeconds: number;
  /** 0–1 */
  serviceLevel: number;
  /** 0–1 */
  shrinkage: number;
}

export type { WeekSizing };

export function savedWhatIf(project: Project): WhatIf {
  return { ahtSeconds: project.ahtSeconds, serviceLevel: project.serviceLevel, shrinkage: project.shrinkage };
}

export function resize(project: Project, sizing: Sizing, whatIf: WhatIf): WeekSizing {
  const { intervalMinutes } = sizing;
  const calls = intervalsForecast({
    intervals: sizing.intervals.filter((i) => i.calls > 0).map((i) => ({ weekday: i.weekday, startMinute: minutesOf(i.start), calls: i.calls })),
    intervalMinutes,
  });
  return sizeWeek({
    calls,
    isOpen: openSlots({ openingHours: project.openingHours, intervalMinutes }),
    intervalMinutes,
    ahtSeconds: whatIf.ahtSeconds,
    targetAnswerSeconds: project.targetAnswerSeconds,
    serviceLevel: whatIf.serviceLevel,
    ...(project.maxOccupancy !== null ? { maxOccupancy: project.maxOccupancy } : {}),
    ...(project.asaSeconds !== null ? { asaSeconds: project.asaSeconds } : {}),
    ...(project.patienceSeconds !== null ? { patienceSeconds: project.patienceSeconds } : {}),
    shrinkage: whatIf.shrinkage,
    seatSharing: project.seatSharing,
    m2PerSeat: project.m2PerSeat,
    contractHoursPerWeek: sizing.contractHoursPerWeek,
    annualAttritionRate: project.annualAttritionRate,
    trainingWeeks: project.trainingWeeks,
    goLiveOn: project.goLiveOn,
  });
}
