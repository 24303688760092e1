import { sizeWeek } from '../../src/core/staffing/week-sizing.ts';
export const probe = sizeWeek;
