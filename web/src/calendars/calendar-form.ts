/** A business calendar as the API holds it, and the form's editable copy of it. */
import type { ApiResponse } from '../shared/api-schema';

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** GET /api/calendars/{id}: the generated type (`npm run api-types`). */
export type BusinessCalendar = ApiResponse<'get-calendar'>;
export type Holiday = BusinessCalendar['holidays'][number];
export type Period = NonNullable<Holiday['closed']>[number];

export type CalendarDefinition = Pick<BusinessCalendar, 'name' | 'timeZone' | 'workingHours' | 'holidays'>;

export const weekdayLabel: Record<Weekday, string> = {
  monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday',
};

/** A new calendar's starting point: office hours, Monday to Friday. */
export function officeHours(timeZone: string): CalendarDefinition {
  const day = [{ start: '09:00', end: '17:30' }];
  return { name: '', timeZone, workingHours: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day }, holidays: [] };
}

const minutesOf = (hhmm: string): number | null => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 && Number(match[2]) < 60 ? minutes : null;
};

/** Hours worked in a week, for the summary line ("42h 30m a week"). */
export function weeklyMinutes(hours: CalendarDefinition['workingHours']): number {
  let total = 0;
  for (const day of weekdays) {
    for (const p of hours[day] ?? []) {
      const start = minutesOf(p.start);
      const end = minutesOf(p.end);
      if (start !== null && end !== null && end > start) total += end - start;
    }
  }
  return total;
}

/**
 * Problems the form can point at before sending, keyed like the server's field names
 * (`workingHours.monday[0].end`). The server checks again and has the last word.
 */
export function calendarProblems(definition: CalendarDefinition): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!definition.name.trim()) problems.name = 'Give the calendar a name';
  if (!definition.timeZone) problems.timeZone = 'Choose a time zone';
  for (const day of weekdays) {
    const periods = definition.workingHours[day] ?? [];
    periods.forEach((p, i) => {
      const start = minutesOf(p.start);
      const end = minutesOf(p.end);
      const at = `workingHours.${day}[${i}]`;
      if (start === null) problems[`${at}.start`] = 'Use HH:mm';
      else if (end === null) problems[`${at}.end`] = 'Use HH:mm (24:00 for midnight)';
      else if (end <= start) problems[`${at}.end`] = 'Must be after the start';
      else if (i > 0) {
        const previousEnd = minutesOf(periods[i - 1]!.end);
        if (previousEnd !== null && start < previousEnd) problems[`${at}.start`] = 'Overlaps the period before';
      }
    });
  }
  const seen = new Set<string>();
  definition.holidays.forEach((h, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date)) problems[`holidays[${i}].date`] = 'Choose a date';
    else if (seen.has(h.date)) problems[`holidays[${i}].date`] = 'This date is listed twice';
    seen.add(h.date);
  });
  return problems;
}

/** What the API takes: periods in time order, holidays by date, blank names left out. */
export function definitionBody(definition: CalendarDefinition): CalendarDefinition {
  const workingHours: CalendarDefinition['workingHours'] = {};
  for (const day of weekdays) {
    const periods = [...(definition.workingHours[day] ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    if (periods.length > 0) workingHours[day] = periods;
  }
  const holidays = [...definition.holidays]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((h) => ({ date: h.date, ...(h.name?.trim() ? { name: h.name.trim() } : {}), ...(h.closed?.length ? { closed: h.closed } : {}) }));
  return { name: definition.name.trim(), timeZone: definition.timeZone, workingHours, holidays };
}

/** IANA zones the browser knows, with the calendar's own first if the browser lacks it. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/London'];
  const zones = known.includes('UTC') ? known : ['UTC', ...known];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}
