import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import {
  addBusinessMillis, businessMillisBetween, businessPosition, createBusinessCalendar, isWorkingInstant,
  nextWorkingInstant, workingIntervalsBetween,
} from './business-calendar.js';
import type { BusinessCalendarDefinition, WorkingPeriod } from './calendar-definition.js';

const hour = 3_600_000;
const minute = 60_000;
const at = (iso: string): number => Date.parse(iso);
const office: WorkingPeriod[] = [{ start: '08:00', end: '18:00' }];
const weekdaysOnly = { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office };
const allDay: WorkingPeriod[] = [{ start: '00:00', end: '24:00' }];

const london = createBusinessCalendar({
  timeZone: 'Europe/London',
  workingHours: weekdaysOnly,
  holidays: [
    { date: '2025-12-25', name: 'Christmas Day' },
    { date: '2025-12-26', name: 'Boxing Day' },
    { date: '2026-01-01', name: "New Year's Day" },
  ],
});

describe('business time on a Mon–Fri 08:00–18:00 London calendar', () => {
  it('counts a span inside one working day', () => {
    // Tue 10 June 2025 (BST, UTC+1): 09:00–11:30 local = 08:00Z–10:30Z → 2h 30m
    expect(businessMillisBetween(london, at('2025-06-10T08:00:00Z'), at('2025-06-10T10:30:00Z'))).toBe(2.5 * hour);
  });

  it('skips the weekend for a ticket spanning it', () => {
    // Fri 13 June 16:00 BST → 18:00 = 2h; Sat, Sun 0; Mon 16 June 08:00 → 10:00 BST = 2h; total 4h
    expect(businessMillisBetween(london, at('2025-06-13T15:00:00Z'), at('2025-06-16T09:00:00Z'))).toBe(4 * hour);
    // Fri 16:00 + 3h = 2h on Friday + 1h on Monday → Mon 09:00 BST = 08:00Z
    expect(addBusinessMillis(london, at('2025-06-13T15:00:00Z'), 3 * hour)).toBe(at('2025-06-16T08:00:00Z'));
  });

  it('puts a due time that uses up the day at 18:00, not the next morning', () => {
    // Fri 16:00 BST + 2h = Fri 18:00 BST = 17:00Z
    expect(addBusinessMillis(london, at('2025-06-13T15:00:00Z'), 2 * hour)).toBe(at('2025-06-13T17:00:00Z'));
  });

  it('skips holidays and the year end', () => {
    // Wed 24 Dec 2025 17:00 GMT → 18:00 = 1h; 25, 26 holidays; 27, 28 weekend; Mon 29 08:00 + 1h = 09:00Z
    expect(addBusinessMillis(london, at('2025-12-24T17:00:00Z'), 2 * hour)).toBe(at('2025-12-29T09:00:00Z'));
    // Wed 31 Dec 17:00 → 18:00 = 1h; 1 Jan holiday; Fri 2 Jan 08:00 → 09:00 = 1h; total 2h
    expect(businessMillisBetween(london, at('2025-12-31T17:00:00Z'), at('2026-01-02T09:00:00Z'))).toBe(2 * hour);
  });

  it('answers working-instant questions at the edges of the day', () => {
    // 08:30 BST = 07:30Z in July: working; 18:00 BST exactly is the end (exclusive)
    expect(isWorkingInstant(london, at('2025-07-01T07:30:00Z'))).toBe(true);
    expect(isWorkingInstant(london, at('2025-07-01T17:00:00Z'))).toBe(false);
    expect(isWorkingInstant(london, at('2025-07-01T16:59:59.999Z'))).toBe(true);
    // Sat 5 July → next working instant Mon 7 July 08:00 BST = 07:00Z
    expect(nextWorkingInstant(london, at('2025-07-05T12:00:00Z'))).toBe(at('2025-07-07T07:00:00Z'));
    // inside working time it is the instant itself
    expect(nextWorkingInstant(london, at('2025-07-01T10:00:00Z'))).toBe(at('2025-07-01T10:00:00Z'));
    // 24 Dec 2025 19:00 GMT → 29 Dec 08:00 GMT (Christmas, Boxing Day, weekend skipped)
    expect(nextWorkingInstant(london, at('2025-12-24T19:00:00Z'))).toBe(at('2025-12-29T08:00:00Z'));
  });

  it('follows the change of UTC offset across a weekend', () => {
    // Fri 28 Mar 2025 17:00 GMT = 17:00Z; clocks go forward Sun 30 Mar; Mon 31 Mar 08:00 BST = 07:00Z
    // Fri 1h + Mon 1h = 2h → Mon 09:00 BST = 08:00Z
    expect(addBusinessMillis(london, at('2025-03-28T17:00:00Z'), 2 * hour)).toBe(at('2025-03-31T08:00:00Z'));
  });

  it('returns zero for an empty or reversed span and refuses a negative duration', () => {
    expect(businessMillisBetween(london, at('2025-06-10T10:00:00Z'), at('2025-06-10T09:00:00Z'))).toBe(0);
    expect(addBusinessMillis(london, at('2025-06-14T10:00:00Z'), 0)).toBe(at('2025-06-14T10:00:00Z'));
    expect(() => addBusinessMillis(london, 0, -1)).toThrow(RangeError);
  });

  it('keeps business positions stable when it compiles years on demand', () => {
    const fresh = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: weekdaysOnly });
    const a = at('2027-03-01T12:00:00Z');
    const before = businessPosition(fresh, a);
    // Reaching back to 2019 and forward to 2031 recompiles the index; positions must not move.
    businessPosition(fresh, at('2019-01-01T00:00:00Z'));
    businessPosition(fresh, at('2031-06-01T00:00:00Z'));
    expect(businessPosition(fresh, a)).toBe(before);
    // 2030 spans compute the same in pieces as in one go
    const s = at('2020-02-03T09:00:00Z');
    const m = at('2025-07-04T13:00:00Z');
    const e = at('2030-11-20T10:00:00Z');
    expect(businessMillisBetween(fresh, s, m) + businessMillisBetween(fresh, m, e)).toBe(businessMillisBetween(fresh, s, e));
  });

  it('lists the working intervals of a span, clipped', () => {
    // Fri 13 June 2025 17:00 BST → Mon 16 June 09:00 BST: Fri 16:00Z–17:00Z, Mon 07:00Z–08:00Z
    expect(workingIntervalsBetween(london, at('2025-06-13T16:00:00Z'), at('2025-06-16T08:00:00Z'))).toEqual([
      { start: at('2025-06-13T16:00:00Z'), end: at('2025-06-13T17:00:00Z') },
      { start: at('2025-06-16T07:00:00Z'), end: at('2025-06-16T08:00:00Z') },
    ]);
  });
});

describe('partial holidays, split shifts, overnight shifts and 24×7', () => {
  it('closes only part of a half-day holiday', () => {
    const cal = createBusinessCalendar({
      timeZone: 'Europe/London', workingHours: weekdaysOnly,
      holidays: [{ date: '2025-12-24', closed: [{ start: '12:00', end: '24:00' }] }, { date: '2025-12-25' }, { date: '2025-12-26' }],
    });
    // Wed 24 Dec 10:00 → 12:00 = 2h (closed after noon); 25, 26, 27, 28 none; Mon 29 08:00 + 1h = 09:00Z
    expect(addBusinessMillis(cal, at('2025-12-24T10:00:00Z'), 3 * hour)).toBe(at('2025-12-29T09:00:00Z'));
  });

  it('counts a split shift with a lunch break', () => {
    const split = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
    const cal = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { monday: split, tuesday: split } });
    // Mon 6 Jan 2025 (GMT): 11:00 + 2h = 11:00–12:00 (1h) + 13:00–14:00 (1h) → 14:00Z
    expect(addBusinessMillis(cal, at('2025-01-06T11:00:00Z'), 2 * hour)).toBe(at('2025-01-06T14:00:00Z'));
    // 11:30 → 13:30 = 30m + 30m = 1h
    expect(businessMillisBetween(cal, at('2025-01-06T11:30:00Z'), at('2025-01-06T13:30:00Z'))).toBe(hour);
    expect(isWorkingInstant(cal, at('2025-01-06T12:30:00Z'))).toBe(false);
    expect(nextWorkingInstant(cal, at('2025-01-06T12:30:00Z'))).toBe(at('2025-01-06T13:00:00Z'));
    // 4h exactly from 08:00 ends at the start of lunch: 12:00Z
    expect(addBusinessMillis(cal, at('2025-01-06T08:00:00Z'), 4 * hour)).toBe(at('2025-01-06T12:00:00Z'));
    // Tue 17:00 + 1h → next Monday 13 Jan 09:00
    expect(addBusinessMillis(cal, at('2025-01-07T17:00:00Z'), hour)).toBe(at('2025-01-13T09:00:00Z'));
  });

  it('joins an overnight shift written as two periods', () => {
    const cal = createBusinessCalendar({ timeZone: 'UTC', workingHours: { monday: [{ start: '22:00', end: '24:00' }], tuesday: [{ start: '00:00', end: '06:00' }] } });
    // Mon 6 Jan 2025 23:00 → Tue 01:00 = 2h across midnight
    expect(businessMillisBetween(cal, at('2025-01-06T23:00:00Z'), at('2025-01-07T01:00:00Z'))).toBe(2 * hour);
    // Mon 22:00 + 8h = Tue 06:00
    expect(addBusinessMillis(cal, at('2025-01-06T22:00:00Z'), 8 * hour)).toBe(at('2025-01-07T06:00:00Z'));
  });

  it('counts real elapsed time on a 24×7 calendar, even across a clock change', () => {
    const cal = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
    // Sat 29 Mar 2025 00:00 GMT (00:00Z) → Mon 31 Mar 00:00 BST (30 Mar 23:00Z): 47 real hours
    expect(businessMillisBetween(cal, at('2025-03-29T00:00:00Z'), at('2025-03-30T23:00:00Z'))).toBe(47 * hour);
    // Sat 25 Oct 2025 00:00 BST (24 Oct 23:00Z) → Mon 27 Oct 00:00 GMT (27 Oct 00:00Z): 49 real hours
    expect(businessMillisBetween(cal, at('2025-10-24T23:00:00Z'), at('2025-10-27T00:00:00Z'))).toBe(49 * hour);
    // 16h from Sat 29 Mar 22:00Z is 14:00Z on Sunday whatever the wall clock says
    expect(addBusinessMillis(cal, at('2025-03-29T22:00:00Z'), 16 * hour)).toBe(at('2025-03-30T14:00:00Z'));
    expect(isWorkingInstant(cal, at('2025-03-30T01:30:00Z'))).toBe(true);
  });
});

describe('daylight-saving changes inside working hours', () => {
  it('London spring forward: a 00:00–04:00 Sunday shift lasts 3 real hours on 30 March 2025', () => {
    const cal = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { sunday: [{ start: '00:00', end: '04:00' }] } });
    // 00:00 GMT = 00:00Z; clocks jump 01:00 GMT → 02:00 BST; 04:00 BST = 03:00Z → 3h
    expect(businessMillisBetween(cal, at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'))).toBe(3 * hour);
    // an ordinary Sunday (23 March): 00:00Z–04:00Z → 4h
    expect(businessMillisBetween(cal, at('2025-03-22T12:00:00Z'), at('2025-03-23T12:00:00Z'))).toBe(4 * hour);
    // 2h30m from 00:00Z on the 30th: 00:00Z + 2h30m = 02:30Z (03:30 BST), not 02:30 wall time
    expect(addBusinessMillis(cal, at('2025-03-30T00:00:00Z'), 2.5 * hour)).toBe(at('2025-03-30T02:30:00Z'));
  });

  it('London fall back: a 00:00–04:00 Sunday shift lasts 5 real hours on 26 October 2025', () => {
    const cal = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { sunday: [{ start: '00:00', end: '04:00' }] } });
    // 00:00 BST = 25 Oct 23:00Z; 02:00 BST → 01:00 GMT; 04:00 GMT = 04:00Z → 5h
    expect(businessMillisBetween(cal, at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'))).toBe(5 * hour);
    // 4h from the shift start: 23:00Z + 4h = 03:00Z (03:00 GMT), an hour before the wall-clock end
    expect(addBusinessMillis(cal, at('2025-10-25T23:00:00Z'), 4 * hour)).toBe(at('2025-10-26T03:00:00Z'));
  });

  it('New York spring forward: a shift that starts inside the gap starts when the clocks show 03:00', () => {
    const cal = createBusinessCalendar({ timeZone: 'America/New_York', workingHours: { sunday: [{ start: '02:30', end: '04:00' }] } });
    // 9 Mar 2025: 02:00 EST → 03:00 EDT. 02:30 does not exist → the transition, 07:00Z (03:00 EDT);
    // 04:00 EDT = 08:00Z → 1h
    expect(businessMillisBetween(cal, at('2025-03-09T00:00:00Z'), at('2025-03-10T00:00:00Z'))).toBe(hour);
    expect(nextWorkingInstant(cal, at('2025-03-09T05:00:00Z'))).toBe(at('2025-03-09T07:00:00Z'));
    // a normal Sunday (2 Mar, EST −5): 02:30 = 07:30Z → 04:00 = 09:00Z → 1h 30m
    expect(businessMillisBetween(cal, at('2025-03-02T00:00:00Z'), at('2025-03-03T00:00:00Z'))).toBe(90 * minute);
  });

  it('New York weekday calendar across the spring-forward weekend', () => {
    const cal = createBusinessCalendar({ timeZone: 'America/New_York', workingHours: weekdaysOnly });
    // Fri 7 Mar 2025 16:00 EST = 21:00Z → 18:00 EST = 23:00Z: 2h; Mon 10 Mar 08:00 EDT = 12:00Z + 6h = 18:00Z
    expect(addBusinessMillis(cal, at('2025-03-07T21:00:00Z'), 8 * hour)).toBe(at('2025-03-10T18:00:00Z'));
  });

  it('Sydney fall back: a shift starting in the repeated hour starts at its first occurrence', () => {
    const cal = createBusinessCalendar({ timeZone: 'Australia/Sydney', workingHours: { sunday: [{ start: '02:30', end: '04:00' }] } });
    // 6 Apr 2025: 03:00 AEDT (+11) → 02:00 AEST (+10). First 02:30 is AEDT = 5 Apr 15:30Z;
    // 04:00 AEST = 18:00Z → 2h 30m
    expect(businessMillisBetween(cal, at('2025-04-05T00:00:00Z'), at('2025-04-06T12:00:00Z'))).toBe(2.5 * hour);
    expect(nextWorkingInstant(cal, at('2025-04-05T12:00:00Z'))).toBe(at('2025-04-05T15:30:00Z'));
  });

  it('Sydney spring forward: a 00:00–06:00 shift lasts 5 hours on 5 October 2025', () => {
    const cal = createBusinessCalendar({ timeZone: 'Australia/Sydney', workingHours: { sunday: [{ start: '00:00', end: '06:00' }] } });
    // 00:00 AEST (+10) = 4 Oct 14:00Z; 02:00 AEST → 03:00 AEDT; 06:00 AEDT (+11) = 4 Oct 19:00Z → 5h
    expect(businessMillisBetween(cal, at('2025-10-04T00:00:00Z'), at('2025-10-05T12:00:00Z'))).toBe(5 * hour);
    expect(addBusinessMillis(cal, at('2025-10-04T14:00:00Z'), 5 * hour)).toBe(at('2025-10-04T19:00:00Z'));
  });
});

describe('calendar validation', () => {
  const problemsOf = (definition: unknown): string[] => {
    try {
      createBusinessCalendar(definition as BusinessCalendarDefinition);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return ((error as AppError).extra.errors ?? []).map((p) => `${p.field}: ${p.reason}`);
    }
    throw new Error('expected the calendar to be rejected');
  };

  it('names every field that is wrong', () => {
    const problems = problemsOf({
      timeZone: 'Europe/Lundun',
      workingHours: { monday: [{ start: '09:00', end: '08:00' }], tuesday: [{ start: '8:00', end: '18:00' }], funday: [] },
      holidays: [{ date: '2025-02-30' }, { date: '2025-12-25' }, { date: '2025-12-25' }],
    });
    expect(problems).toEqual([
      'timeZone: "Europe/Lundun" is not an IANA time zone such as Europe/London',
      'workingHours.funday: is not a weekday (monday … sunday)',
      'workingHours.monday[0]: starts at 09:00 but ends at 08:00; a period must end after it starts on the same day (split an overnight shift into …–24:00 and 00:00–…)',
      'workingHours.tuesday[0].start: "8:00" is not a time between 00:00 and 24:00 written HH:mm',
      'holidays[0].date: 2025-02-30 is not a real date',
      'holidays[2].date: 2025-12-25 is listed twice',
    ]);
  });

  it('rejects overlapping periods, times past 24:00 and a calendar with no working time', () => {
    expect(problemsOf({ timeZone: 'UTC', workingHours: { monday: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }))
      .toEqual(['workingHours.monday: periods overlap (08:00–12:00 and 11:00–13:00)']);
    expect(problemsOf({ timeZone: 'UTC', workingHours: { monday: [{ start: '08:00', end: '24:30' }] } }))
      .toEqual(['workingHours.monday[0].end: "24:30" is not a time between 00:00 and 24:00 written HH:mm']);
    expect(problemsOf({ timeZone: 'UTC', workingHours: {} }))
      .toEqual(['workingHours: has no working period on any weekday; a clock on this calendar would never run']);
  });

  it('rejects an empty list of closed periods on a holiday', () => {
    expect(problemsOf({ timeZone: 'UTC', workingHours: { monday: [{ start: '08:00', end: '18:00' }] }, holidays: [{ date: '2025-01-06', closed: [] }] }))
      .toEqual(['holidays[0].closed: is empty; leave it out to close the whole day']);
  });

  it('works at the edges of the supported years and refuses instants outside them', () => {
    const utc = createBusinessCalendar({ timeZone: 'UTC', workingHours: { monday: office } });
    // Mon 1 Jan 1900 08:00–18:00 UTC → 10h (1900 began on a Monday)
    expect(businessMillisBetween(utc, at('1900-01-01T00:00:00Z'), at('1900-01-02T00:00:00Z'))).toBe(10 * hour);
    expect(() => businessPosition(utc, at('1899-12-31T00:00:00Z'))).toThrow(RangeError);
    expect(() => businessPosition(london, at('2600-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => businessPosition(london, Number.NaN)).toThrow(RangeError);
  });
});
