import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ColumnTypes } from '../../platform/db/columns.js';

/**
 * A record type's table with the kernel's shared columns as they were in version 1. Frozen:
 * migrations already written depend on exactly these columns, so a change to the kernel's
 * columns gets a new function (v2) and a migration of its own, never an edit here.
 */
export function createRecordTableV1(db: Kysely<unknown>, t: ColumnTypes, table: string): CreateTableBuilder<string, never> {
  return db.schema.createTable(table)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('reference', t.text, (c) => c.notNull().unique())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.references('users.id'))
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', t.integer, (c) => c.notNull());
}
