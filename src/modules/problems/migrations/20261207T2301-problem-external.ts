import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * A problem brought in from another tool's log keeps where it came from and its number there, so
 * importing the same log again finds it instead of writing it twice. Problems raised in Certus
 * have neither; NULLs never clash in the unique index.
 */
export const problemExternalMigration: ModuleMigration = {
  name: '20261207T2301-problem-external',
  async up(db, t) {
    await db.schema.alterTable('problems').addColumn('source', t.text).execute();
    await db.schema.alterTable('problems').addColumn('external_id', t.text).execute();
    await db.schema.createIndex('problems_external').unique().on('problems').columns(['source', 'external_id']).execute();
  },
};
