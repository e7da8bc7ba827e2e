import { sql, type RawBuilder } from 'kysely';

/**
 * A condition for a query over one record type's table: the record whose id is in `idColumn`
 * has a public comment (an update its requester can read) written by someone other than the
 * user in `otherThanColumn`, e.g. an incident's caller. Counts "users kept informed" in SQL.
 */
export function publiclyUpdated(idColumn: string, otherThanColumn: string): RawBuilder<boolean> {
  const author = sql.ref(otherThanColumn);
  return sql<boolean>`exists (select 1 from record_comments rc where rc.record_id = ${sql.ref(idColumn)}
    and rc.visibility = 'public' and (${author} is null or rc.author_id <> ${author}))`;
}
