import type { ModuleMigration } from '../../../platform/db/migrator.js';

export const improvementsMigration: ModuleMigration = {
  name: '20261128T1200-improvements',
  async up(db, t) {
    await db.schema.createTable('improvements')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('reference', t.text, (c) => c.notNull().unique())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('owner_id', t.id, (c) => c.references('users.id'))
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('priority', t.text, (c) => c.notNull())
      .addColumn('expected_benefit', t.text)
      .addColumn('target_date', t.text)
      .addColumn('decision_reason', t.text)
      .addColumn('outcome', t.text)
      .execute();
    await db.schema.createIndex('improvements_created').on('improvements').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('improvements_status').on('improvements').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('improvements_owner').on('improvements').column('owner_id').execute();
  },
};
