/**
 * How many jobs a candidate may hold at once: one full-time job, or two part-time jobs — never two
 * full-time jobs, nor a full-time job beside another one. `active` are the work times of the
 * placements still running.
 */
export type JobTime = 'full_time' | 'part_time';

export const MAX_PART_TIME_JOBS = 2;

export function mayTakeJob(active: readonly JobTime[], next: JobTime): { ok: true } | { ok: false; reason: string } {
  if (active.length === 0) return { ok: true };
  if (next === 'full_time' || active.includes('full_time')) {
    return { ok: false, reason: 'a full-time job cannot be combined with another job' };
  }
  if (active.length >= MAX_PART_TIME_JOBS) return { ok: false, reason: `at most ${MAX_PART_TIME_JOBS} part-time jobs at once` };
  return { ok: true };
}

/** Follow-up check-ins after the start of a job, in months. */
export const CHECKIN_MONTHS = [1, 3, 6, 12] as const;

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
