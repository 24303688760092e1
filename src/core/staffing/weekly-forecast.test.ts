import { describe, expect, it } from 'vitest';
import {
  checkProfileForecast,
  intervalsForecast,
  minutesOf,
  openSlots,
  profileForecast,
  slotLabel,
  slotsPerDay,
  timeOf,
  type OpeningHours,
} from './weekly-forecast.ts';

const weekdays = { opens: '08:00', closes: '20:00' };
const officeHours: OpeningHours = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: { opens: '09:00', closes: '12:00' }, sun: null };
const flatWeek = [1, 1, 1, 1, 1, 1, 1];
const flatDay = new Array(24).fill(1);

describe('week grid', () => {
  it('labels slots Monday 00:00 first and converts times', () => {
    expect(slotsPerDay(30)).toBe(48);
    expect(slotLabel(0, 30)).toEqual({ weekday: 1, start: '00:00' });
    expect(slotLabel(48 + 17, 30)).toEqual({ weekday: 2, start: '08:30' });
    expect(slotLabel(7 * 96 - 1, 15)).toEqual({ weekday: 7, start: '23:45' });
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:30')).toBeNaN();
    expect(minutesOf('8:00')).toBeNaN();
    expect(timeOf(510)).toBe('08:30');
    expect(() => slotsPerDay(20)).toThrow(/15, 30, 60/);
  });

  it('marks the opening hours open', () => {
    const open = openSlots({ openingHours: officeHours, intervalMinutes: 60 });
    expect(open).toHaveLength(168);
    expect(open.filter(Boolean)).toHaveLength(5 * 12 + 3);
    expect(open[8]).toBe(true);
    expect(open[7]).toBe(false);
    expect(open[19]).toBe(true);
    expect(open[20]).toBe(false);
    expect(open[5 * 24 + 9]).toBe(true);
    expect(open.slice(6 * 24).some(Boolean)).toBe(false);
  });
});

describe('profileForecast', () => {
  it('spreads the weekly volume over open days and hours, and keeps the total', () => {
    const calls = profileForecast({ weeklyCalls: 6300, weekdayProfile: flatWeek, hourlyProfile: flatDay, openingHours: officeHours, intervalMinutes: 30 });
    expect(calls).toHaveLength(7 * 48);
    expect(calls.reduce((a, b) => a + b, 0)).toBeCloseTo(6300, 9);
    // Sunday is closed: its weight goes to the six open days (1050 calls each).
    expect(calls.slice(6 * 48).every((c) => c === 0)).toBe(true);
    expect(calls.slice(0, 48).reduce((a, b) => a + b, 0)).toBeCloseTo(1050, 9);
    expect(calls[16]).toBeCloseTo(1050 / 24, 9); // Monday 08:00, 24 open half-hours
    expect(calls[15]).toBe(0);
    expect(calls[5 * 48 + 18]).toBeCloseTo(1050 / 6, 9); // Saturday 09:00, 6 open half-hours
  });

  it('weights days and hours, splitting an hour equally over its intervals', () => {
    const hourly = new Array(24).fill(0);
    hourly[9] = 3;
    hourly[10] = 1;
    const calls = profileForecast({
      weeklyCalls: 1000,
      weekdayProfile: [2, 1, 1, 1, 1, 0, 5],
      hourlyProfile: hourly,
      openingHours: { ...officeHours, sat: null },
      intervalMinutes: 15,
    });
    // Monday gets 2/6 of the week; 09:00–10:00 gets 3/4 of the day, 1/4 in each quarter hour.
    const monday = 1000 * (2 / 6);
    expect(calls[36]).toBeCloseTo((monday * 0.75) / 4, 9);
    expect(calls[40]).toBeCloseTo((monday * 0.25) / 4, 9);
    expect(calls[44]).toBe(0);
    expect(calls.reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 9);
  });

  it('refuses a profile that cannot place the calls, naming the field', () => {
    const base = { weekdayProfile: flatWeek, hourlyProfile: flatDay, openingHours: officeHours, intervalMinutes: 30 };
    expect(checkProfileForecast(base)).toEqual([]);
    expect(checkProfileForecast({ ...base, openingHours: { ...officeHours, mon: { opens: '08:15', closes: '20:00' } } })).toEqual([
      { path: 'openingHours.mon.opens', message: 'must fall on the 30-minute interval grid' },
    ]);
    expect(checkProfileForecast({ ...base, openingHours: { ...officeHours, tue: { opens: '20:00', closes: '08:00' } } })).toEqual([
      { path: 'openingHours.tue.closes', message: 'must be after the opening time (20:00)' },
    ]);
    const closed = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    expect(checkProfileForecast({ ...base, openingHours: closed })).toEqual([{ path: 'openingHours', message: 'must open on at least one day' }]);
    expect(checkProfileForecast({ ...base, weekdayProfile: [0, 0, 0, 0, 0, 0, 1] })[0].path).toBe('weekdayProfile');
    const night = new Array(24).fill(0);
    night[2] = 1;
    expect(checkProfileForecast({ ...base, hourlyProfile: night })[0]).toEqual({
      path: 'hourlyProfile',
      message: 'must give some weight to the opening hours of mon (08:00–20:00)',
    });
    expect(checkProfileForecast({ ...base, hourlyProfile: [1, 2] })[0].path).toBe('hourlyProfile');
    expect(checkProfileForecast({ ...base, intervalMinutes: 20 })).toEqual([{ path: 'intervalMinutes', message: 'must be one of 15, 30, 60' }]);
    expect(() => profileForecast({ ...base, weeklyCalls: 10, hourlyProfile: night })).toThrow(/hourlyProfile/);
    expect(() => profileForecast({ ...base, weeklyCalls: -1 })).toThrow(/weeklyCalls/);
  });
});

describe('intervalsForecast', () => {
  it('places rows on the grid and leaves the rest at 0', () => {
    const calls = intervalsForecast({
      intervals: [
        { weekday: 1, startMinute: 480, calls: 12 },
        { weekday: 7, startMinute: 1410, calls: 3.5 },
      ],
      intervalMinutes: 30,
    });
    expect(calls).toHaveLength(336);
    expect(calls[16]).toBe(12);
    expect(calls[335]).toBe(3.5);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(15.5);
  });

  it('refuses rows off the grid', () => {
    expect(() => intervalsForecast({ intervals: [{ weekday: 1, startMinute: 15, calls: 1 }], intervalMinutes: 30 })).toThrow(/grid/);
    expect(() => intervalsForecast({ intervals: [{ weekday: 8, startMinute: 0, calls: 1 }], intervalMinutes: 30 })).toThrow(/weekday/);
    expect(() => intervalsForecast({ intervals: [{ weekday: 1, startMinute: 0, calls: -1 }], intervalMinutes: 30 })).toThrow(/calls/);
  });
});
