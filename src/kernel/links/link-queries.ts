import { sql, type RawBuilder } from 'kysely';

/**
 * A condition for a query over one record type's table: the record whose id is in `idColumn`
 * is linked, either way round and by any link type, to a record of one of `otherTypes`. Facts
 * and KPIs count linked records with it in SQL instead of reading each record's links.
 */
export function linkedToTypes(idColumn: string, otherTypes: readonly string[]): RawBuilder<boolean> {
  const id = sql.ref(idColumn);
  const types = sql.join([...otherTypes]);
  return sql<boolean>`(exists (select 1 from record_links rl where rl.from_id = ${id} and rl.to_type in (${types}))
    or exists (select 1 from record_links rl where rl.to_id = ${id} and rl.from_type in (${types})))`;
}
