import type { FieldMeta } from '../shared/types';

/** What a text field names by id when it is not a record (a business calendar), as the metadata describes it. */
export type FieldLookup = NonNullable<FieldMeta['lookup']>;

/** One entry of a lookup's list (GET listPath): a calendar's id and name. */
export interface LookupItem {
  id: string;
  name: string;
}

export interface LookupOption {
  value: string;
  label: string;
}

/**
 * A picker's choices, by name: a name two entries share is told apart by the id. The current
 * value stays choosable, by the name the record gave it, when the list does not hold it (it was
 * removed, or lies beyond the page read).
 */
export function lookupOptions(items: readonly LookupItem[], value: string | null, valueName?: string | null): LookupOption[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  const options = items.map((item) => ({ value: item.id, label: (counts.get(item.name) ?? 0) > 1 || item.name.trim() === '' ? `${item.name} (${item.id})`.trim() : item.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueName || value });
  return options;
}

/** The web page of what a lookup field names, e.g. /calendars/london-business-hours; null when it has none. */
export function lookupPage(lookup: FieldLookup, id: string): string | null {
  return lookup.pagePath ? lookup.pagePath.replace(':id', encodeURIComponent(id)) : null;
}
