import { DateTime } from 'luxon';
import type { BusinessCalendarDefinition, Weekday } from './calendar-definition.js';

/**
 * A deliberately simple reference: walks the calendar day by day with Luxon, converting each
 * working period to instants. Used only by the tests (as an independent oracle) and the bench
 * (as the baseline); the real implementation is business-calendar.ts.
 *
 * Limits: full-day holidays only, and Luxon's own rule for wall times inside a DST gap (so
 * compare only calendars whose period boundaries never fall in a gap).
 */

const weekdayNames: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function periodsOfDay(definition: BusinessCalendarDefinition, day: DateTime): { start: number; end: number }[] {
  const date = day.toISODate() ?? '';
  if ((definition.holidays ?? []).some((holiday) => holiday.date === date)) return [];
  const periods = definition.workingHours[weekdayNames[day.weekday - 1] as Weekday] ?? [];
  return periods.map((period) => {
    const at = (text: string): number => {
      const [hour, minute] = text.split(':').map(Number) as [number, number];
      if (hour === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
      return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: definition.timeZone }).toMillis();
    };
    return { start: at(period.start), end: at(period.end) };
  });
}

export function naiveBusinessMillisBetween(definition: BusinessCalendarDefinition, start: number, end: number): number {
  if (!(end > start)) return 0;
  let total = 0;
  let day = DateTime.fromMillis(start, { zone: definition.timeZone }).startOf('day').minus({ days: 1 });
  while (day.toMillis() < end) {
    for (const period of periodsOfDay(definition, day)) {
      const from = Math.max(start, period.start);
      const to = Math.min(end, period.end);
      if (to > from) total += to - from;
    }
    day = day.plus({ days: 1 });
  }
  return total;
}

export function naiveAddBusinessMillis(definition: BusinessCalendarDefinition, start: number, duration: number): number {
  if (duration <= 0) return start;
  let left = duration;
  let day = DateTime.fromMillis(start, { zone: definition.timeZone }).startOf('day').minus({ days: 1 });
  for (;;) {
    for (const period of periodsOfDay(definition, day)) {
      const from = Math.max(start, period.start);
      if (period.end <= from) continue;
      if (period.end - from >= left) return from + left;
      left -= period.end - from;
    }
    day = day.plus({ days: 1 });
  }
}
