import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database.js';

export function formatReference(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(6, '0')}`;
}

export async function ensureCounter(db: Executor, prefix: string): Promise<void> {
  await db.insertInto('reference_counters').values({ prefix, last_value: 0 })
    .onConflict((oc) => oc.column('prefix').doNothing()).execute();
}

/**
 * The next human reference for a prefix. The counter row is bumped inside the caller's
 * transaction: PostgreSQL holds its row lock until commit and SQLite holds the write lock,
 * so concurrent writers queue, and a rolled-back transaction gives its number back — no gaps,
 * no duplicates.
 */
export async function nextReference(trx: Trx, prefix: string): Promise<string> {
  const row = await trx.updateTable('reference_counters')
    .set({ last_value: sql`last_value + 1` })
    .where('prefix', '=', prefix)
    .returning('last_value')
    .executeTakeFirst();
  if (!row) throw new Error(`No reference counter for prefix ${prefix}; was the record type registered?`);
  return formatReference(prefix, row.last_value);
}
