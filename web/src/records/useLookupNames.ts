import { get } from '../shared/api';
import type { FieldMeta, RecordType } from '../shared/types';
import { useAsync } from '../shared/ui/useAsync';
import type { LookupItem } from './lookup';

/**
 * The names of what a record type's lookup fields may hold (every business calendar), for
 * pages that show past values the record's referenceTitles do not name, such as its history.
 * One read per lookup; an id it cannot name, or a list the reader may not read, stays its id.
 */
export function useLookupNames(recordType: RecordType): (field: FieldMeta, id: string) => string {
  const paths = [...new Set(recordType.fields.flatMap((f) => (f.lookup ? [f.lookup.listPath] : [])))];
  const lists = useAsync(`lookup-names ${paths.join(' ')}`, async (signal) => {
    const named = new Map<string, Map<string, string>>();
    for (const path of paths) {
      const page = await get<{ items: LookupItem[] }>(`${path}?limit=200`, signal).catch(() => ({ items: [] }));
      named.set(path, new Map(page.items.map((i) => [i.id, i.name])));
    }
    return named;
  });
  return (field, id) => (field.lookup ? lists.data?.get(field.lookup.listPath)?.get(id) : undefined) ?? id;
}
