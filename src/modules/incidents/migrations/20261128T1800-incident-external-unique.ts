import { sql } from 'kysely';
import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * An incident brought in from another tool is imported once: two imports of the same export
 * running at the same time (two jobs, or the CLI beside a job) could otherwise both find a number
 * missing and both write it. Incidents raised in Certus have no external number; NULLs never clash.
 */
export const incidentExternalUniqueMigration: ModuleMigration = {
  name: '20261128T1800-incident-external-unique',
  async up(db) {
    const duplicates = await sql<{ source: string; external_id: string }>`
      select source, external_id from incidents where external_id is not null
      group by source, external_id having count(*) > 1 limit 5`.execute(db);
    if (duplicates.rows.length) {
      const named = duplicates.rows.map((r) => `${r.source} ${r.external_id}`).join(', ');
      throw new Error(`Some imported incidents were written twice (${named}); remove the later copies before upgrading.`);
    }
    await db.schema.dropIndex('incidents_external').execute();
    await db.schema.createIndex('incidents_external').unique().on('incidents').columns(['source', 'external_id']).execute();
  },
};
