/** Dates shown in the signed-in user's time zone, in British English. */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', withTime ? { timeZone, dateStyle: 'medium', timeStyle: 'short' } : { timeZone, dateStyle: 'medium' });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', withTime ? { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' } : { timeZone: 'UTC', dateStyle: 'medium' });
    }
    cache.set(key, f);
  }
  return f;
}

/** An instant (ISO 8601, UTC) as a date and time in the given zone. */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(timeZone, true).format(d);
}

/** A calendar date (YYYY-MM-DD) has no zone: format it as the same day everywhere. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : formatter('UTC', false).format(d);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function shortId(id: string): string {
  return id.slice(-6);
}
