import { describe, expect, it } from 'vitest';
import { instantOf, intervalText, normaliseTime, periodText, wallClockOf } from './calendar-time';

describe('times of day on the calendar pages', () => {
  it('reads what people type as 24-hour HH:mm, seconds and twelve-hour habits included', () => {
    expect(['9', '9:00', '09:00', '0900', '930', '9.30', '9h30', '09:00:00', '9:00 AM', '9 am', '12:15 a.m.'].map(normaliseTime))
      .toEqual(['09:00', '09:00', '09:00', '09:00', '09:30', '09:30', '09:30', '09:00', '09:00', '09:00', '00:15']);
    expect(['5:30 pm', '12 pm', '17:30', '24:00'].map(normaliseTime)).toEqual(['17:30', '12:00', '17:30', '24:00']);
  });

  it('refuses what is not a time of day', () => {
    expect(['', 'noon', '25:00', '24:30', '9:60', '13 pm', '0 am', '9:5'].map(normaliseTime)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('writes a part-day closure the same way', () => {
    expect(periodText({ start: '13:00', end: '18:00' })).toBe('13:00–18:00');
    expect(periodText({ start: '9:00', end: '12:30:00' })).toBe('09:00–12:30');
  });
});

describe('the preview\'s wall clock', () => {
  it('takes a date and time on London\'s clocks, in summer and in winter', () => {
    expect(new Date(instantOf('2027-07-05', '09:00', 'Europe/London')!).toISOString()).toBe('2027-07-05T08:00:00.000Z');
    expect(new Date(instantOf('2026-12-24', '9:00', 'Europe/London')!).toISOString()).toBe('2026-12-24T09:00:00.000Z');
    expect(new Date(instantOf('2026-12-24', '09:00', 'Asia/Kolkata')!).toISOString()).toBe('2026-12-24T03:30:00.000Z');
    expect(instantOf('2026-12-24', 'noon', 'UTC')).toBeNull();
    expect(instantOf('24/12/2026', '09:00', 'UTC')).toBeNull();
  });

  it('gives the hour after for a time the clocks skip when they go forward', () => {
    // 28 March 2027: London's clocks go from 01:00 to 02:00.
    expect(wallClockOf(instantOf('2027-03-28', '01:30', 'Europe/London')!, 'Europe/London')).toEqual({ date: '2027-03-28', time: '02:30' });
  });

  it('reads a working interval in 24-hour time, naming the end\'s day only when it differs', () => {
    expect(intervalText('2026-12-24T09:00:00Z', '2026-12-24T13:00:00Z', 'Europe/London')).toBe('Thu 24 Dec 2026, 09:00–13:00');
    expect(intervalText('2027-07-05T23:00:00Z', '2027-07-06T23:00:00Z', 'Europe/London')).toBe('Tue 6 Jul 2027, 00:00–24:00');
    expect(intervalText('2026-12-24T20:00:00Z', '2026-12-25T02:00:00Z', 'UTC')).toBe('Thu 24 Dec 2026, 20:00–Fri 25 Dec 2026, 02:00');
  });
});
