import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Permission } from '../../platform/auth/permissions.js';
import type { FieldLookup } from './field-lookup.js';
import { recordTables, type RecordView } from './record-row.js';
import { columnOf, type FieldDefinition, type RecordTypeDefinition } from './record-type.js';

/** The reference fields of a type, each with the type it names. */
export function referenceFields(def: RecordTypeDefinition): [string, RecordTypeDefinition][] {
  return Object.entries(def.fields).flatMap(([name, field]) => (field.kind === 'reference' && field.target ? [[name, field.target] as [string, RecordTypeDefinition]] : []));
}

/** The fields whose value names something with a name: references, and text fields with a registered lookup. */
export function namedFields(def: RecordTypeDefinition, lookupOf: (field: FieldDefinition) => FieldLookup | undefined): string[] {
  return Object.entries(def.fields).filter(([, field]) => (field.kind === 'reference' && field.target) || lookupOf(field)).map(([name]) => name);
}

/** What withReferenceTitles asks of the server: the reader's permissions and the registered lookups. */
export interface TitleSources {
  allows(permission: Permission): boolean;
  lookupOf(field: FieldDefinition): FieldLookup | undefined;
  /** The permission that reads a record type. */
  readPermission(target: RecordTypeDefinition): Permission;
}

/**
 * Adds to each view `referenceTitles`: the name of every record its reference fields name
 * (SVC-000004 → "Payment gateway hosting"), and of everything its lookup fields name by id
 * (london-business-hours → "London business hours"), so pages, lists and exports show names
 * beside codes. One query per target type or lookup for the whole page; what the person may not
 * read keeps its code only.
 */
export async function withReferenceTitles(db: Executor, def: RecordTypeDefinition, principal: Principal, sources: TitleSources, views: RecordView[]): Promise<RecordView[]> {
  const fields = referenceFields(def);
  const lookups = Object.entries(def.fields).flatMap(([name, field]) => {
    const lookup = sources.lookupOf(field);
    return lookup ? [[name, lookup] as [string, FieldLookup]] : [];
  });
  if ((fields.length === 0 && lookups.length === 0) || views.length === 0) return views;
  const valuesOf = (names: string[]) => {
    const wanted = new Set<string>();
    for (const name of names) {
      for (const view of views) {
        const value = view[name];
        if (typeof value === 'string' && value !== '') wanted.add(value);
      }
    }
    return wanted;
  };
  // Names by field: a reference and a calendar id never share a map, so they cannot collide.
  const titlesByField = new Map<string, Map<string, string>>();
  const byTarget = new Map<RecordTypeDefinition, string[]>();
  for (const [name, target] of fields) {
    if (sources.allows(sources.readPermission(target))) byTarget.set(target, [...(byTarget.get(target) ?? []), name]);
  }
  for (const [target, names] of byTarget) {
    const references = valuesOf(names);
    const titles = new Map<string, string>();
    if (references.size > 0) {
      // Only what the names need: the reference, the title and the column the reader's scope checks.
      const titleColumn = columnOf(target.titleField, target.fields[target.titleField]!);
      const scope = target.readScope?.(principal);
      const columns = [...new Set(['reference', titleColumn, ...(scope ? [scope.column] : [])])];
      const rows = await recordTables(db).selectFrom(target.table).select(columns).where('reference', 'in', [...references]).execute();
      for (const row of rows) {
        if (!scope || row[scope.column] === scope.equals) titles.set(String(row.reference), String(row[titleColumn] ?? ''));
      }
    }
    for (const name of names) titlesByField.set(name, titles);
  }
  const byLookup = new Map<FieldLookup, string[]>();
  for (const [name, lookup] of lookups) {
    if (sources.allows(lookup.permission)) byLookup.set(lookup, [...(byLookup.get(lookup) ?? []), name]);
  }
  for (const [lookup, names] of byLookup) {
    const ids = valuesOf(names);
    const titles = ids.size > 0 ? await lookup.names(db, [...ids]) : new Map<string, string>();
    for (const name of names) titlesByField.set(name, titles);
  }
  const named = [...fields.map(([name]) => name), ...lookups.map(([name]) => name)];
  return views.map((view) => {
    const titles: Record<string, string> = {};
    for (const name of named) {
      const value = view[name];
      const title = typeof value === 'string' ? titlesByField.get(name)?.get(value) : undefined;
      if (title !== undefined) titles[name] = title;
    }
    return { ...view, referenceTitles: titles };
  });
}
