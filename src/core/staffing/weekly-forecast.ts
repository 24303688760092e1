/**
 * A typical week of calls on an interval grid: slot i covers minutes [i·T, (i+1)·T) of the week,
 * Monday 00:00 first, T = intervalMinutes. Two ways to fill it:
 * - a profile: a weekly volume spread over the open days by weekday weights, then within each day
 *   over its open intervals by hourly weights (each interval takes the weight of its hour);
 * - interval rows (weekday, start, calls), e.g. from an uploaded CSV file.
 * The grid always spans the whole week (168 h), closed intervals at 0, so that plan.ts counts FTE
 * over a real week rather than scaling a shorter horizon up.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Interval lengths that divide an hour, so that an hourly profile maps onto whole intervals. */
export const INTERVAL_MINUTES = [15, 30, 60] as const;

const MINUTES_PER_DAY = 1440;

/** One opening range per day, 'HH:MM' (closes may be '24:00'); null when closed. */
export interface DailyHours {
  opens: string;
  closes: string;
}
export type OpeningHours = Record<Weekday, DailyHours | null>;

export interface ProfileForecastOptions {
  /** Calls offered in a typical week (≥ 0). */
  weeklyCalls: number;
  /** 7 non-negative weights, Monday first; only open days count, renormalised over them. */
  weekdayProfile: readonly number[];
  /** 24 non-negative weights, hour 0 (00:00–01:00) first; renormalised over each day's open intervals. */
  hourlyProfile: readonly number[];
  openingHours: OpeningHours;
  intervalMinutes: number;
}

export interface IntervalCalls {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Start of the interval, minutes after midnight. */
  startMinute: number;
  calls: number;
}

/** A problem with a forecast, named by the field to fix. */
export interface ForecastIssue {
  path: string;
  message: string;
}

/** Intervals in one day. */
export function slotsPerDay(intervalMinutes: number): number {
  assertIntervalMinutes(intervalMinutes);
  return MINUTES_PER_DAY / intervalMinutes;
}

/** 'HH:MM' → minutes after midnight ('24:00' → 1440); NaN when malformed. */
export function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : Number.NaN;
}

/** Minutes after midnight → 'HH:MM'. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Weekday (1–7) and start ('HH:MM') of slot i of the week grid. */
export function slotLabel(slot: number, intervalMinutes: number): { weekday: number; start: string } {
  const perDay = slotsPerDay(intervalMinutes);
  return { weekday: Math.floor(slot / perDay) + 1, start: timeOf((slot % perDay) * intervalMinutes) };
}

/**
 * Cross-field checks of a profile forecast, each naming its field: opening hours on the interval grid
 * and in order, at least one open day with weight, and hourly weight inside every weighted open day.
 */
export function checkProfileForecast(options: Omit<ProfileForecastOptions, 'weeklyCalls'>): ForecastIssue[] {
  const { weekdayProfile, hourlyProfile, openingHours, intervalMinutes } = options;
  const issues: ForecastIssue[] = [];
  if (!(INTERVAL_MINUTES as readonly number[]).includes(intervalMinutes)) {
    return [{ path: 'intervalMinutes', message: `must be one of ${INTERVAL_MINUTES.join(', ')}` }];
  }
  if (weekdayProfile.length !== 7 || !weekdayProfile.every(isWeight)) {
    issues.push({ path: 'weekdayProfile', message: 'must list 7 non-negative weights, Monday first' });
  }
  if (hourlyProfile.length !== 24 || !hourlyProfile.every(isWeight)) {
    issues.push({ path: 'hourlyProfile', message: 'must list 24 non-negative weights, 00:00–01:00 first' });
  }
  for (const day of WEEKDAYS) {
    const hours = openingHours[day];
    if (!hours) continue;
    const opens = minutesOf(hours.opens);
    const closes = minutesOf(hours.closes);
    for (const [key, value] of [['opens', opens], ['closes', closes]] as const) {
      if (Number.isNaN(value)) issues.push({ path: `openingHours.${day}.${key}`, message: 'must be a time HH:MM between 00:00 and 24:00' });
      else if (value % intervalMinutes !== 0) {
        issues.push({ path: `openingHours.${day}.${key}`, message: `must fall on the ${intervalMinutes}-minute interval grid` });
      }
    }
    if (!Number.isNaN(opens) && !Number.isNaN(closes) && closes <= opens) {
      issues.push({ path: `openingHours.${day}.closes`, message: `must be after the opening time (${hours.opens})` });
    }
  }
  if (issues.length > 0) return issues;
  const openDays = WEEKDAYS.map((day, d) => ({ day, d, hours: openingHours[day] })).filter((x) => x.hours !== null);
  if (openDays.length === 0) return [{ path: 'openingHours', message: 'must open on at least one day' }];
  if (!openDays.some(({ d }) => weekdayProfile[d] > 0)) {
    return [{ path: 'weekdayProfile', message: 'must give some weight to at least one open day' }];
  }
  for (const { day, d, hours } of openDays) {
    if (!(weekdayProfile[d] > 0)) continue;
    const opens = minutesOf(hours!.opens);
    const closes = minutesOf(hours!.closes);
    let weight = 0;
    for (let minute = opens; minute < closes; minute += intervalMinutes) weight += hourlyProfile[Math.floor(minute / 60)];
    if (!(weight > 0)) {
      issues.push({ path: 'hourlyProfile', message: `must give some weight to the opening hours of ${day} (${hours!.opens}–${hours!.closes})` });
    }
  }
  return issues;
}

/** Which slots of the week grid are within the opening hours. */
export function openSlots(options: { openingHours: OpeningHours; intervalMinutes: number }): boolean[] {
  const { openingHours, intervalMinutes } = options;
  const perDay = slotsPerDay(intervalMinutes);
  const open = new Array<boolean>(7 * perDay).fill(false);
  WEEKDAYS.forEach((day, d) => {
    const hours = openingHours[day];
    if (!hours) return;
    const from = Math.ceil(minutesOf(hours.opens) / intervalMinutes);
    const to = Math.floor(minutesOf(hours.closes) / intervalMinutes);
    for (let k = from; k < to; k++) open[d * perDay + k] = true;
  });
  return open;
}

/**
 * Calls per slot of the week grid from a weekly volume and profiles:
 * calls(d, k) = weeklyCalls × w_d / Σ_open w × h(k) / Σ_{open k' of d} h(k').
 * Throws RangeError when checkProfileForecast reports an issue.
 */
export function profileForecast(options: ProfileForecastOptions): number[] {
  const issues = checkProfileForecast(options);
  if (issues.length > 0) throw new RangeError(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  if (!(Number.isFinite(options.weeklyCalls) && options.weeklyCalls >= 0)) {
    throw new RangeError(`weeklyCalls must be a finite number ≥ 0, got ${options.weeklyCalls}`);
  }
  const { weeklyCalls, weekdayProfile, hourlyProfile, intervalMinutes } = options;
  const perDay = slotsPerDay(intervalMinutes);
  const open = openSlots(options);
  const calls = new Array<number>(7 * perDay).fill(0);
  const dayWeight = (d: number) => (options.openingHours[WEEKDAYS[d]] ? weekdayProfile[d] : 0);
  const weekWeight = [0, 1, 2, 3, 4, 5, 6].reduce((sum, d) => sum + dayWeight(d), 0);
  for (let d = 0; d < 7; d++) {
    const w = dayWeight(d);
    if (!(w > 0)) continue;
    const dayCalls = (weeklyCalls * w) / weekWeight;
    let hourWeight = 0;
    for (let k = 0; k < perDay; k++) if (open[d * perDay + k]) hourWeight += hourlyProfile[Math.floor((k * intervalMinutes) / 60)];
    for (let k = 0; k < perDay; k++) {
      if (open[d * perDay + k]) calls[d * perDay + k] = (dayCalls * hourlyProfile[Math.floor((k * intervalMinutes) / 60)]) / hourWeight;
    }
  }
  return calls;
}

/** Calls per slot of the week grid from interval rows; slots not listed get 0. */
export function intervalsForecast(options: { intervals: readonly IntervalCalls[]; intervalMinutes: number }): number[] {
  const { intervals, intervalMinutes } = options;
  const perDay = slotsPerDay(intervalMinutes);
  const calls = new Array<number>(7 * perDay).fill(0);
  for (const row of intervals) {
    if (!(Number.isInteger(row.weekday) && row.weekday >= 1 && row.weekday <= 7)) throw new RangeError(`weekday must be 1–7, got ${row.weekday}`);
    if (!(Number.isInteger(row.startMinute) && row.startMinute >= 0 && row.startMinute < MINUTES_PER_DAY && row.startMinute % intervalMinutes === 0)) {
      throw new RangeError(`startMinute must be on the ${intervalMinutes}-minute grid of one day, got ${row.startMinute}`);
    }
    if (!(Number.isFinite(row.calls) && row.calls >= 0)) throw new RangeError(`calls must be a finite number ≥ 0, got ${row.calls}`);
    calls[(row.weekday - 1) * perDay + row.startMinute / intervalMinutes] += row.calls;
  }
  return calls;
}

function isWeight(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

function assertIntervalMinutes(intervalMinutes: number): void {
  if (!(INTERVAL_MINUTES as readonly number[]).includes(intervalMinutes)) {
    throw new RangeError(`intervalMinutes must be one of ${INTERVAL_MINUTES.join(', ')}, got ${intervalMinutes}`);
  }
}
