import {
  normaliseCalendarDefinition, workingRangesOfDay,
  type BusinessCalendarDefinition, type NormalisedCalendar,
} from './calendar-definition.js';
import {
  dayMillis, daysFromCivil, instantOfWallTime, isoWeekdayOfDay, minuteMillis, offsetTable,
} from './zone-time.js';

/**
 * Business-time arithmetic on a calendar.
 *
 * Why not a library: the date libraries (Luxon, Temporal, date-fns) answer wall-clock
 * questions; none keeps an index of working intervals, and stepping through days with them is
 * two orders of magnitude slower than the SLA engine needs. Luxon still supplies the zone
 * offsets (see zone-time.ts).
 *
 * How: each local calendar year is compiled once into its working intervals as absolute
 * instants [start, end), adjacent intervals merged (so 24×7 is one interval per year), with a
 * running total of working milliseconds. "Business position" W(t) is the working time between a
 * fixed anchor and t; then
 *   businessMillisBetween(s, e) = W(e) − W(s)                       (two O(1) look-ups)
 *   addBusinessMillis(s, d)     = the earliest t with W(t) = W(s) + d (a look-up and a search)
 * A per-UTC-day table points at the first interval of each day, so a look-up is an array read
 * and a step or two. Years are compiled lazily when an instant outside the range appears.
 */

export interface BusinessCalendar {
  readonly definition: Readonly<BusinessCalendarDefinition>;
  readonly timeZone: string;
  /** Internal: the compiled interval index. Read only through this module's functions. */
  readonly compiled: CompiledIndex;
}

export interface WorkingInterval {
  start: number;
  end: number;
}

/** Years outside this range are refused: they are data errors, not tickets. */
export const firstSupportedYear = 1900;
export const lastSupportedYear = 2500;

interface YearBlock {
  year: number;
  start: number;
  end: number;
  starts: number[];
  ends: number[];
}

interface CompiledIndex {
  calendar: NormalisedCalendar;
  years: Map<number, YearBlock>;
  anchor: number;
  firstYear: number;
  lastYear: number;
  rangeStart: number;
  rangeEnd: number;
  /** Length count + 1: the last slot is a sentinel at +Infinity. */
  starts: Float64Array;
  ends: Float64Array;
  /** W at each interval's start. */
  cum: Float64Array;
  count: number;
  dayBase: number;
  dayIndex: Int32Array;
}

export function createBusinessCalendar(definition: BusinessCalendarDefinition): BusinessCalendar {
  const calendar = normaliseCalendarDefinition(definition);
  const frozen = Object.freeze(structuredClone(definition));
  const compiled: CompiledIndex = {
    calendar, years: new Map(), anchor: 0, firstYear: 0, lastYear: -1, rangeStart: 0, rangeEnd: 0,
    starts: new Float64Array([Infinity]), ends: new Float64Array([Infinity]), cum: new Float64Array([0]), count: 0,
    dayBase: 0, dayIndex: new Int32Array(1),
  };
  return { definition: frozen, timeZone: calendar.timeZone, compiled };
}

function compileYear(calendar: NormalisedCalendar, year: number): YearBlock {
  const firstDay = daysFromCivil(year, 1, 1);
  const lastDay = daysFromCivil(year + 1, 1, 1);
  const table = offsetTable(calendar.timeZone, (firstDay - 2) * dayMillis, (lastDay + 2) * dayMillis);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = firstDay; day < lastDay; day++) {
    const midnight = day * dayMillis;
    for (const range of workingRangesOfDay(calendar, day, isoWeekdayOfDay(day))) {
      const start = instantOfWallTime(table, midnight + range.start * minuteMillis);
      const end = instantOfWallTime(table, midnight + range.end * minuteMillis);
      if (end <= start) continue; // wholly inside a spring-forward gap
      const last = ends.length - 1;
      if (last >= 0 && (ends[last] as number) >= start) ends[last] = Math.max(ends[last] as number, end);
      else {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return {
    year,
    start: instantOfWallTime(table, firstDay * dayMillis),
    end: instantOfWallTime(table, lastDay * dayMillis),
    starts,
    ends,
  };
}

function rebuild(index: CompiledIndex, firstYear: number, lastYear: number): void {
  if (firstYear < firstSupportedYear || lastYear > lastSupportedYear) {
    throw new RangeError(`Business calendars cover the years ${firstSupportedYear}–${lastSupportedYear}; an instant in ${firstYear < firstSupportedYear ? firstYear : lastYear} is outside them`);
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    let block = index.years.get(year);
    if (!block) {
      block = compileYear(index.calendar, year);
      index.years.set(year, block);
    }
    for (let i = 0; i < block.starts.length; i++) {
      const start = block.starts[i] as number;
      const end = block.ends[i] as number;
      const last = ends.length - 1;
      if (last >= 0 && ends[last] === start) ends[last] = end;
      else {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  const count = starts.length;
  const s = new Float64Array(count + 1);
  const e = new Float64Array(count + 1);
  const cum = new Float64Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    s[i] = starts[i] as number;
    e[i] = ends[i] as number;
    cum[i] = total;
    total += (ends[i] as number) - (starts[i] as number);
  }
  s[count] = Infinity;
  e[count] = Infinity;
  cum[count] = total;
  const rangeStart = (index.years.get(firstYear) as YearBlock).start;
  const rangeEnd = (index.years.get(lastYear) as YearBlock).end;
  const dayBase = Math.floor(rangeStart / dayMillis) * dayMillis;
  const days = Math.ceil((rangeEnd - dayBase) / dayMillis) + 1;
  const dayIndex = new Int32Array(days);
  let pointer = 0;
  for (let k = 0; k < days; k++) {
    const dayStart = dayBase + k * dayMillis;
    while (pointer < count && (e[pointer] as number) <= dayStart) pointer++;
    dayIndex[k] = pointer;
  }
  const firstBuild = index.lastYear < index.firstYear;
  Object.assign(index, { firstYear, lastYear, rangeStart, rangeEnd, starts: s, ends: e, cum, count, dayBase, dayIndex });
  // Keep W anchored to the same instant across rebuilds, so positions taken before an
  // extension remain comparable with positions taken after it.
  if (firstBuild) index.anchor = rangeStart;
  const shift = positionInRange(index, index.anchor);
  if (shift !== 0) for (let i = 0; i <= count; i++) cum[i] = (cum[i] as number) - shift;
}

function ensureCovers(index: CompiledIndex, t: number): void {
  if (t >= index.rangeStart && t < index.rangeEnd) return;
  if (!Number.isFinite(t)) throw new RangeError(`${String(t)} is not an instant (epoch milliseconds)`);
  const year = new Date(t).getUTCFullYear();
  if (year < firstSupportedYear || year > lastSupportedYear) {
    throw new RangeError(`Business calendars cover the years ${firstSupportedYear}–${lastSupportedYear}; ${new Date(t).toISOString()} is outside them`);
  }
  // A local year can start or end a few hours either side of the UTC one: compile a year each side.
  const from = Math.max(firstSupportedYear, year - 1);
  const to = Math.min(lastSupportedYear, year + 1);
  if (index.lastYear < index.firstYear) rebuild(index, from, to);
  else rebuild(index, Math.min(index.firstYear, from), Math.max(index.lastYear, to));
}

/** Index of the first interval whose end is after t (the sentinel if none). t must be in range. */
function firstEndingAfter(index: CompiledIndex, t: number): number {
  const ends = index.ends;
  let i = index.dayIndex[Math.floor((t - index.dayBase) / dayMillis)] as number;
  while ((ends[i] as number) <= t) i++;
  return i;
}

function positionInRange(index: CompiledIndex, t: number): number {
  const i = firstEndingAfter(index, t);
  const start = index.starts[i] as number;
  return (index.cum[i] as number) + (t > start ? t - start : 0);
}

/**
 * Business position of an instant: working milliseconds from the calendar's anchor to t
 * (negative before the anchor). Differences of positions are business durations.
 */
export function businessPosition(calendar: BusinessCalendar, t: number): number {
  const index = calendar.compiled;
  if (!(t >= index.rangeStart && t < index.rangeEnd)) ensureCovers(index, t);
  return positionInRange(index, t);
}

/**
 * The earliest instant at or after `notBefore` whose business position is `position`.
 * When the position is reached at the end of a working interval (18:00 on a Friday), that end
 * is the answer, not the next morning.
 */
export function instantAtBusinessPosition(calendar: BusinessCalendar, position: number, notBefore: number): number {
  const index = calendar.compiled;
  if (!(notBefore >= index.rangeStart && notBefore < index.rangeEnd)) ensureCovers(index, notBefore);
  let first = firstEndingAfter(index, notBefore);
  const firstStart = index.starts[first] as number;
  if (position <= (index.cum[first] as number) + (notBefore > firstStart ? notBefore - firstStart : 0)) return notBefore;
  for (;;) {
    const { cum, starts, ends, count } = index;
    // Exponential then binary search for the first interval whose end position reaches it;
    // a due instant is usually in the first few intervals.
    let lo = first;
    let step = 1;
    let hi = lo;
    while (hi < count && (cum[hi] as number) + (ends[hi] as number) - (starts[hi] as number) < position) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > count) hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) + (ends[mid] as number) - (starts[mid] as number) < position) lo = mid + 1;
      else hi = mid;
    }
    if (lo < count) return (starts[lo] as number) + position - (cum[lo] as number);
    const years = index.lastYear - index.firstYear + 1;
    rebuild(index, index.firstYear, Math.min(lastSupportedYear, index.lastYear + Math.max(2, years)));
    if (index.lastYear === lastSupportedYear && (index.cum[index.count] as number) < position) {
      throw new RangeError(`The business duration runs past ${lastSupportedYear}`);
    }
    first = firstEndingAfter(index, notBefore);
  }
}

export function isWorkingInstant(calendar: BusinessCalendar, t: number): boolean {
  const index = calendar.compiled;
  if (!(t >= index.rangeStart && t < index.rangeEnd)) ensureCovers(index, t);
  return (index.starts[firstEndingAfter(index, t)] as number) <= t;
}

/** t itself when it is working time, otherwise the start of the next working interval. */
export function nextWorkingInstant(calendar: BusinessCalendar, t: number): number {
  const index = calendar.compiled;
  if (!(t >= index.rangeStart && t < index.rangeEnd)) ensureCovers(index, t);
  for (;;) {
    const i = firstEndingAfter(index, t);
    if (i < index.count) return Math.max(t, index.starts[i] as number);
    ensureCovers(index, index.rangeEnd + dayMillis);
  }
}

/** Working milliseconds in [start, end); zero when end is not after start. */
export function businessMillisBetween(calendar: BusinessCalendar, start: number, end: number): number {
  if (!(end > start)) {
    if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError('A business span needs two instants (epoch milliseconds)');
    return 0;
  }
  const index = calendar.compiled;
  if (!(start >= index.rangeStart && end < index.rangeEnd)) {
    ensureCovers(index, start);
    ensureCovers(index, end);
  }
  return positionInRange(index, end) - positionInRange(index, start);
}

/**
 * The due instant: the earliest instant t ≥ start with businessMillisBetween(start, t) equal
 * to the duration. A zero duration gives start itself.
 */
export function addBusinessMillis(calendar: BusinessCalendar, start: number, durationMillis: number): number {
  if (!(durationMillis >= 0) || !Number.isFinite(durationMillis)) {
    throw new RangeError(`A business duration must be zero or more milliseconds, not ${String(durationMillis)}`);
  }
  if (durationMillis === 0) return start;
  return instantAtBusinessPosition(calendar, businessPosition(calendar, start) + durationMillis, start);
}

/** The working intervals that overlap [start, end), clipped to it. */
export function workingIntervalsBetween(calendar: BusinessCalendar, start: number, end: number): WorkingInterval[] {
  const result: WorkingInterval[] = [];
  if (!(end > start)) return result;
  ensureCovers(calendar.compiled, start);
  ensureCovers(calendar.compiled, end);
  const index = calendar.compiled;
  for (let i = firstEndingAfter(index, start); i < index.count && (index.starts[i] as number) < end; i++) {
    result.push({ start: Math.max(start, index.starts[i] as number), end: Math.min(end, index.ends[i] as number) });
  }
  return result;
}
