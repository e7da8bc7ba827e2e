/**
 * Durations as people read them on a ticket, in British English: "2h 10m", "3d 4h", "45s".
 * A day is 24 hours of the duration itself (a business duration of 10 working hours shows as
 * "10h", never "1d 0h"), because working days differ between calendars.
 */

export interface DurationTextOptions {
  /** How many units to show, largest first (default 2: "3d 4h", "2h 10m"). */
  units?: number;
  /** `short` (default) "2h 10m"; `long` "2 hours 10 minutes". */
  style?: 'short' | 'long';
}

const unitTable: readonly { millis: number; short: string; one: string; many: string }[] = [
  { millis: 86_400_000, short: 'd', one: 'day', many: 'days' },
  { millis: 3_600_000, short: 'h', one: 'hour', many: 'hours' },
  { millis: 60_000, short: 'm', one: 'minute', many: 'minutes' },
  { millis: 1_000, short: 's', one: 'second', many: 'seconds' },
];

/** Truncates towards zero at the last unit shown, so a clock never reads as further on than it is. */
export function formatDuration(millis: number, options: DurationTextOptions = {}): string {
  const units = Math.max(1, options.units ?? 2);
  const long = options.style === 'long';
  const sign = millis < 0 ? '-' : '';
  let rest = Math.abs(millis);
  const parts: string[] = [];
  let used = 0;
  for (let u = 0; u < unitTable.length && used < units; u++) {
    const unit = unitTable[u] as (typeof unitTable)[number];
    const amount = Math.floor(rest / unit.millis);
    // Seconds only appear when the whole duration is under a minute.
    if (unit.short === 's' && (used > 0 || Math.abs(millis) >= 60_000)) break;
    if (amount === 0 && used === 0) continue;
    rest -= amount * unit.millis;
    used++;
    // A zero inside ("3d 0h") is dropped; it still counts as a shown unit, so "2d 0h 5m" reads "2d".
    if (amount > 0) parts.push(long ? `${amount} ${amount === 1 ? unit.one : unit.many}` : `${amount}${unit.short}`);
  }
  if (parts.length === 0) return long ? '0 minutes' : '0m';
  return sign + parts.join(' ');
}

const partPattern = /(\d+(?:\.\d+)?)\s*(d|h|m|s|days?|hours?|minutes?|mins?|seconds?|secs?)(?![a-z])/gy;

/**
 * Reads "4h", "1d 4h", "2 hours 30 minutes", "90m" into milliseconds, for targets typed by
 * people. Returns null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const source = text.trim().toLowerCase();
  if (source.length === 0) return null;
  let total = 0;
  let position = 0;
  partPattern.lastIndex = 0;
  while (position < source.length) {
    while (source[position] === ' ' || source[position] === ',') position++;
    if (position >= source.length) break;
    partPattern.lastIndex = position;
    const match = partPattern.exec(source);
    if (!match) return null;
    const unit = (match[2] as string)[0];
    const millis = unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 1_000;
    total += Number(match[1]) * millis;
    position = partPattern.lastIndex;
  }
  return Math.round(total);
}
