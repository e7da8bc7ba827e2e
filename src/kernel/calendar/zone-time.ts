import { IANAZone } from 'luxon';

/**
 * Wall-clock arithmetic for one IANA zone. Luxon supplies the zone's UTC offsets (from the
 * runtime's tz database); the rules for wall times that do not exist (spring-forward gap) or
 * exist twice (fall-back overlap) are ours, because a business calendar needs a different
 * answer from Luxon's default: a working period that "starts at 02:30" on a day when the clocks
 * jump from 02:00 to 03:00 starts when the clocks show 03:00, not at 03:30.
 *
 * Rules, applied to every working-interval boundary:
 *  - a wall time inside a gap maps to the instant of the transition (the first instant whose
 *    wall time is at or after it);
 *  - a wall time inside an overlap maps to its first occurrence.
 */

export const minuteMillis = 60_000;
export const hourMillis = 3_600_000;
export const dayMillis = 86_400_000;

/** Offsets of a zone over a span of instants: offsetMillis[i] applies from startsAt[i]. */
export interface OffsetTable {
  readonly startsAt: readonly number[];
  readonly offsetMillis: readonly number[];
}

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * Samples the zone every 12 hours and pins each change of offset to the millisecond by
 * bisection. Assumes no zone changes its offset twice within 12 hours, which holds for every
 * zone in the tz database since 1970.
 */
export function offsetTable(timeZone: string, fromMs: number, toMs: number): OffsetTable {
  const zone = IANAZone.create(timeZone);
  const offsetAt = (t: number): number => Math.round(zone.offset(t) * minuteMillis);
  const step = dayMillis / 2;
  const startsAt: number[] = [fromMs];
  const offsetMillis: number[] = [offsetAt(fromMs)];
  let previous = fromMs;
  let previousOffset = offsetMillis[0] as number;
  for (let t = fromMs + step; t < toMs + step; t += step) {
    const offset = offsetAt(t);
    if (offset !== previousOffset) {
      let lo = previous;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === previousOffset) lo = mid;
        else hi = mid;
      }
      startsAt.push(hi);
      offsetMillis.push(offset);
      previousOffset = offset;
    }
    previous = t;
  }
  return { startsAt, offsetMillis };
}

export function offsetFromTable(table: OffsetTable, t: number): number {
  const { startsAt, offsetMillis } = table;
  let i = startsAt.length - 1;
  while (i > 0 && (startsAt[i] as number) > t) i--;
  return offsetMillis[i] as number;
}

/**
 * The instant at which the zone's wall clock first shows `wallMillis` (a wall time written as
 * if it were UTC epoch milliseconds), following the gap and overlap rules above.
 */
export function instantOfWallTime(table: OffsetTable, wallMillis: number): number {
  const before = offsetFromTable(table, wallMillis - dayMillis);
  const after = offsetFromTable(table, wallMillis + dayMillis);
  const candidateBefore = wallMillis - before;
  if (before === after) return candidateBefore;
  const candidateAfter = wallMillis - after;
  const beforeValid = offsetFromTable(table, candidateBefore) === before;
  const afterValid = offsetFromTable(table, candidateAfter) === after;
  if (beforeValid && afterValid) return Math.min(candidateBefore, candidateAfter);
  if (beforeValid) return candidateBefore;
  if (afterValid) return candidateAfter;
  // In the gap: the transition lies in (candidateAfter, candidateBefore]; it is in the table.
  const { startsAt } = table;
  for (const at of startsAt) {
    if (at > candidateAfter && at <= candidateBefore) return at;
  }
  return candidateBefore;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number from daysFromCivil. */
export function isoWeekdayOfDay(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}
