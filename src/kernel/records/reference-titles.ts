import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { recordTables, type RecordView } from './record-row.js';
import { columnOf, type RecordTypeDefinition } from './record-type.js';

/** The reference fields of a type, each with the type it names. */
export function referenceFields(def: RecordTypeDefinition): [string, RecordTypeDefinition][] {
  return Object.entries(def.fields).flatMap(([name, field]) => (field.kind === 'reference' && field.target ? [[name, field.target] as [string, RecordTypeDefinition]] : []));
}

/**
 * Adds to each view `referenceTitles`: the name of every record its reference fields name
 * (SVC-000004 → "Payment gateway hosting"), so pages, lists and exports show names beside codes.
 * One query per target type for the whole page; a record the person may not read keeps its code only.
 */
export async function withReferenceTitles(db: Executor, def: RecordTypeDefinition, principal: Principal, mayRead: (target: RecordTypeDefinition) => boolean, views: RecordView[]): Promise<RecordView[]> {
  const fields = referenceFields(def);
  if (fields.length === 0 || views.length === 0) return views;
  const titles = new Map<string, string>();
  const byTarget = new Map<RecordTypeDefinition, Set<string>>();
  for (const [name, target] of fields) {
    if (!mayRead(target)) continue;
    const wanted = byTarget.get(target) ?? new Set<string>();
    for (const view of views) {
      const value = view[name];
      if (typeof value === 'string') wanted.add(value);
    }
    byTarget.set(target, wanted);
  }
  for (const [target, references] of byTarget) {
    if (references.size === 0) continue;
    // Only what the names need: the reference, the title and the column the reader's scope checks.
    const titleColumn = columnOf(target.titleField, target.fields[target.titleField]!);
    const scope = target.readScope?.(principal);
    const columns = [...new Set(['reference', titleColumn, ...(scope ? [scope.column] : [])])];
    const rows = await recordTables(db).selectFrom(target.table).select(columns).where('reference', 'in', [...references]).execute();
    for (const row of rows) {
      if (!scope || row[scope.column] === scope.equals) titles.set(String(row.reference), String(row[titleColumn] ?? ''));
    }
  }
  return views.map((view) => {
    const named: Record<string, string> = {};
    for (const [name] of fields) {
      const value = view[name];
      const title = typeof value === 'string' ? titles.get(value) : undefined;
      if (title !== undefined) named[name] = title;
    }
    return { ...view, referenceTitles: named };
  });
}
