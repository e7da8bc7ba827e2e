import { AppError, type FieldProblem } from '../../platform/http/app-error.js';
import { daysFromCivil, isValidTimeZone } from './zone-time.js';

/**
 * A business calendar as it is stored (plain JSON): where it is, when people work, and the
 * days they do not.
 */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export const weekdays: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Wall-clock times in the calendar's zone, `HH:mm`; `end` may be `24:00` (midnight after). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

export interface Holiday {
  /** `YYYY-MM-DD`, a date in the calendar's time zone. */
  date: string;
  name?: string;
  /** Periods closed on that date; omitted means closed all day (e.g. a half-day on 24 December). */
  closed?: WorkingPeriod[];
}

export interface BusinessCalendarDefinition {
  id?: string;
  name?: string;
  /** IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
  /** Working periods per weekday; a missing or empty day is not worked. */
  workingHours: Partial<Record<Weekday, WorkingPeriod[]>>;
  holidays?: Holiday[];
}

/** Minutes since local midnight, [start, end). */
export interface MinuteRange {
  start: number;
  end: number;
}

export interface NormalisedCalendar {
  timeZone: string;
  /** Index 0 = Monday … 6 = Sunday. */
  week: MinuteRange[][];
  /** Day number (days since 1970-01-01) → closed ranges on that date. */
  holidays: Map<number, MinuteRange[]>;
}

const timePattern = /^(\d{2}):(\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOf(value: unknown, field: string, problems: FieldProblem[]): number | null {
  if (typeof value !== 'string') {
    problems.push({ field, reason: 'must be a time written HH:mm' });
    return null;
  }
  const match = timePattern.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    problems.push({ field, reason: `"${value}" is not a time between 00:00 and 24:00 written HH:mm` });
    return null;
  }
  return hours * 60 + minutes;
}

function periodsOf(value: unknown, field: string, problems: FieldProblem[]): MinuteRange[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push({ field, reason: 'must be a list of { start, end } periods' });
    return [];
  }
  const ranges: MinuteRange[] = [];
  value.forEach((period: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof period !== 'object' || period === null) {
      problems.push({ field: at, reason: 'must be { start: "HH:mm", end: "HH:mm" }' });
      return;
    }
    const { start, end } = period as Record<string, unknown>;
    const from = minutesOf(start, `${at}.start`, problems);
    const to = minutesOf(end, `${at}.end`, problems);
    if (from === null || to === null) return;
    if (from >= to) {
      problems.push({ field: at, reason: `starts at ${String(start)} but ends at ${String(end)}; a period must end after it starts on the same day (split an overnight shift into …–24:00 and 00:00–…)` });
      return;
    }
    ranges.push({ start: from, end: to });
  });
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1] as MinuteRange;
    const current = ranges[i] as MinuteRange;
    if (current.start < previous.end) {
      problems.push({ field, reason: `periods overlap (${clock(previous.start)}–${clock(previous.end)} and ${clock(current.start)}–${clock(current.end)})` });
    }
  }
  return ranges;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function dayNumberOf(value: unknown, field: string, problems: FieldProblem[]): number | null {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (!match) {
    problems.push({ field, reason: `${JSON.stringify(value)} is not a date written YYYY-MM-DD` });
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = daysFromCivil(year, month, day);
  const check = new Date(dayNumber * 86_400_000);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() + 1 !== month) {
    problems.push({ field, reason: `${String(value)} is not a real date` });
    return null;
  }
  return dayNumber;
}

/**
 * Checks a stored definition and turns it into minute ranges. Every problem is reported at
 * once, each naming the field, as one `validation` AppError (a 400 at the HTTP edge).
 */
export function normaliseCalendarDefinition(definition: BusinessCalendarDefinition): NormalisedCalendar {
  const problems: FieldProblem[] = [];
  const raw = definition as unknown as Record<string, unknown>;
  if (typeof raw.timeZone !== 'string' || !isValidTimeZone(raw.timeZone)) {
    problems.push({ field: 'timeZone', reason: `${JSON.stringify(raw.timeZone)} is not an IANA time zone such as Europe/London` });
  }
  const week: MinuteRange[][] = [];
  const hours = raw.workingHours;
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    problems.push({ field: 'workingHours', reason: 'must map weekdays (monday … sunday) to lists of periods' });
  } else {
    for (const key of Object.keys(hours)) {
      if (!weekdays.includes(key as Weekday)) problems.push({ field: `workingHours.${key}`, reason: 'is not a weekday (monday … sunday)' });
    }
    for (const day of weekdays) week.push(periodsOf((hours as Record<string, unknown>)[day], `workingHours.${day}`, problems));
    if (week.every((periods) => periods.length === 0) && problems.length === 0) {
      problems.push({ field: 'workingHours', reason: 'has no working period on any weekday; a clock on this calendar would never run' });
    }
  }
  const holidays = new Map<number, MinuteRange[]>();
  const list = raw.holidays ?? [];
  if (!Array.isArray(list)) {
    problems.push({ field: 'holidays', reason: 'must be a list of { date, name?, closed? }' });
  } else {
    list.forEach((holiday: unknown, i) => {
      const at = `holidays[${i}]`;
      if (typeof holiday !== 'object' || holiday === null) {
        problems.push({ field: at, reason: 'must be { date: "YYYY-MM-DD", name?, closed? }' });
        return;
      }
      const entry = holiday as Record<string, unknown>;
      const dayNumber = dayNumberOf(entry.date, `${at}.date`, problems);
      const closed = entry.closed === undefined ? [{ start: 0, end: 1440 }] : periodsOf(entry.closed, `${at}.closed`, problems);
      if (Array.isArray(entry.closed) && entry.closed.length === 0) {
        problems.push({ field: `${at}.closed`, reason: 'is empty; leave it out to close the whole day' });
      }
      if (dayNumber === null) return;
      if (holidays.has(dayNumber)) {
        problems.push({ field: `${at}.date`, reason: `${String(entry.date)} is listed twice` });
        return;
      }
      holidays.set(dayNumber, closed);
    });
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.field} ${p.reason}`).join('; ');
    throw new AppError('validation', `The business calendar is not valid: ${summary}.`, { errors: problems });
  }
  return { timeZone: raw.timeZone as string, week, holidays };
}

/** Working minute ranges of one date: the weekday's periods minus the holiday's closures. */
export function workingRangesOfDay(calendar: NormalisedCalendar, dayNumber: number, isoWeekday: number): MinuteRange[] {
  const periods = calendar.week[isoWeekday - 1] ?? [];
  const closed = calendar.holidays.get(dayNumber);
  if (!closed) return periods;
  let open = periods;
  for (const closure of closed) {
    const next: MinuteRange[] = [];
    for (const period of open) {
      if (closure.end <= period.start || closure.start >= period.end) {
        next.push(period);
        continue;
      }
      if (closure.start > period.start) next.push({ start: period.start, end: closure.start });
      if (closure.end < period.end) next.push({ start: closure.end, end: period.end });
    }
    open = next;
  }
  return open;
}
