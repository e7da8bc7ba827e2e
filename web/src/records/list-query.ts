import type { RecordType } from '../shared/types';

/** URL parameters the list page keeps; the same names as the API's, so the URL is the query. */
export function listFilterKeys(recordType: RecordType): string[] {
  const keys = ['q', 'status', 'category', 'owner', 'createdFrom', 'createdTo', 'sort'];
  for (const field of recordType.fields) {
    if (!field.filterable) continue;
    if (field.kind === 'date' || field.kind === 'instant') keys.push(`${field.name}From`, `${field.name}To`);
    else keys.push(field.name);
  }
  return keys;
}

/** The API query for the current URL: only known filter keys, with the cursor and page size. */
export function apiListQuery(recordType: RecordType, params: URLSearchParams, extra: Record<string, string | null>): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of listFilterKeys(recordType)) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
  return query;
}

export const defaultSort = '-createdAt';

export function sortableColumns(recordType: RecordType): Set<string> {
  return new Set(['reference', 'status', 'createdAt', 'updatedAt', ...recordType.fields.filter((f) => f.sortable).map((f) => f.name)]);
}

/** Clicking a column sorts by it ascending, again descending. */
export function nextSort(current: string, column: string): string {
  if (current === column) return `-${column}`;
  return column;
}

const categoryPrefix = 'category:';

/**
 * The status filter's choices: all open or all closed work (the API's `category`), then each
 * state. Values never repeat, even where a type has a state named "open" or "done".
 */
export function statusOptions(recordType: RecordType): { value: string; label: string }[] {
  return [
    { value: `${categoryPrefix}open`, label: 'All open' },
    { value: `${categoryPrefix}done`, label: 'All closed' },
    ...recordType.states.map((s) => ({ value: s.id, label: s.label })),
  ];
}

/** The chosen status option for the address; an older `status=open` on a type with no such state reads as the category. */
export function statusSelection(recordType: RecordType, params: URLSearchParams): string | null {
  const category = params.get('category');
  if (category) return `${categoryPrefix}${category}`;
  const status = params.get('status');
  if ((status === 'open' || status === 'done') && !recordType.states.some((s) => s.id === status)) return `${categoryPrefix}${status}`;
  return status;
}

/** The address parameters a status choice sets; clearing it clears both. */
export function statusChange(value: string | null): { status: string | null; category: string | null } {
  if (value?.startsWith(categoryPrefix)) return { status: null, category: value.slice(categoryPrefix.length) };
  return { status: value, category: null };
}
