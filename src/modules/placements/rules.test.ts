import { describe, expect, it } from 'vitest';
import { addMonths, mayTakeJob } from './rules.ts';

describe('mayTakeJob: one full-time job or two part-time jobs', () => {
  it('allows a first job of either kind and a second part-time job', () => {
    expect(mayTakeJob([], 'full_time').ok).toBe(true);
    expect(mayTakeJob([], 'part_time').ok).toBe(true);
    expect(mayTakeJob(['part_time'], 'part_time').ok).toBe(true);
  });
  it('refuses two full-time jobs, a mix, and a third part-time job', () => {
    expect(mayTakeJob(['full_time'], 'full_time').ok).toBe(false);
    expect(mayTakeJob(['full_time'], 'part_time').ok).toBe(false);
    expect(mayTakeJob(['part_time'], 'full_time').ok).toBe(false);
    expect(mayTakeJob(['part_time', 'part_time'], 'part_time')).toEqual({ ok: false, reason: 'at most 2 part-time jobs at once' });
  });
});

describe('addMonths', () => {
  it('adds calendar months and clamps to the end of shorter months', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
  });
});
