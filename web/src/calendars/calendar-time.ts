/**
 * Times of day as the calendar pages write them: 24-hour HH:mm throughout (working hours,
 * part-day closures, the preview and its readout), whatever the browser's own habit, so that
 * "9:00 AM", "09:00" and "09:00:00" never stand side by side. 24:00 ends a day.
 */

/** What someone typed as a time of day, as HH:mm: `9` → `09:00`, `930` → `09:30`, `5:30 pm` → `17:30`, `09:00:00` → `09:00`; null when it is none. */
export function normaliseTime(typed: string): string | null {
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?(?::(\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[4]?.startsWith('p') ? 'pm' : match[4] ? 'am' : null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** A period of the day as read: `13:00–18:00`. */
export function periodText(period: { start: string; end: string }): string {
  return `${normaliseTime(period.start) ?? period.start}–${normaliseTime(period.end) ?? period.end}`;
}

interface WallClock {
  date: string;
  time: string;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallFormatters.set(timeZone, f);
  }
  return f;
}

/** An instant as the date (YYYY-MM-DD) and time (HH:mm) on the wall clocks of a zone. */
export function wallClockOf(instant: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(wallFormatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant a zone's wall clocks show this date and time (epoch milliseconds); null when the
 * date or time is not one. A time skipped when the clocks go forward reads as the hour after.
 */
export function instantOf(date: string, time: string, timeZone: string): number | null {
  const hhmm = normaliseTime(time);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!hhmm || !day) return null;
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), hours, minutes);
  if (Number.isNaN(wanted)) return null;
  // The zone's offset at a guess, then again at the answer, which settles it either side of a change.
  const offsetAt = (instant: number) => {
    const wall = wallClockOf(instant, timeZone);
    const [h, m] = wall.time.split(':').map(Number) as [number, number];
    const [y, mo, d] = wall.date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, mo - 1, d, h, m) - Math.floor(instant / 60_000) * 60_000;
  };
  const first = wanted - offsetAt(wanted);
  return wanted - offsetAt(first);
}

/** A working interval as read in a zone: `Wed 24 Dec 2026, 09:00–13:00`, the end's date named only when it differs. */
export function intervalText(startIso: string, endIso: string, timeZone: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  const from = wallClockOf(start, timeZone);
  const to = wallClockOf(end, timeZone);
  const day = (instant: number) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(instant)).replace(/,/g, '');
  // An interval running to midnight ends at 24:00 of its day, as the working hours say.
  const endsAtMidnight = to.time === '00:00' && end > start && wallClockOf(end - 60_000, timeZone).date === from.date;
  const endText = endsAtMidnight ? '24:00' : to.date === from.date ? to.time : `${day(end)}, ${to.time}`;
  return `${day(start)}, ${from.time}–${endText}`;
}
