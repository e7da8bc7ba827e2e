/**
 * Paging a list through the API's keyset cursors (`limit`, `cursor`, `nextCursor`): the cursors
 * of the pages before this one, so "Previous" can go back without loading everything.
 */
export interface CursorTrail {
  /** The cursor of each page before the current one; the first page's is null. */
  before: (string | null)[];
  /** The current page's cursor; null on the first. */
  current: string | null;
}

export const firstPage: CursorTrail = { before: [], current: null };

export function nextPage(trail: CursorTrail, nextCursor: string): CursorTrail {
  return { before: [...trail.before, trail.current], current: nextCursor };
}

export function previousPage(trail: CursorTrail): CursorTrail {
  if (trail.before.length === 0) return trail;
  return { before: trail.before.slice(0, -1), current: trail.before[trail.before.length - 1] ?? null };
}

/**
 * Which rows a page shows, said honestly: "1–10 of 37"; without a total, whether more follow.
 * `noun` is plural ("requests").
 */
export function pageSummary(trail: CursorTrail, pageSize: number, shown: number, total: number | null, more: boolean, noun: string): string {
  if (shown === 0) return trail.before.length === 0 ? `No ${noun}` : `No more ${noun}`;
  const first = trail.before.length * pageSize + 1;
  const last = first + shown - 1;
  if (total !== null) return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${first}–${last} of ${total}`;
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${first}–${last}${more ? ', more on the next page' : ''}`;
}
