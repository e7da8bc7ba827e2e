import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

export const improvementsMigration: ModuleMigration = {
  name: '20261128T1200-improvements',
  async up(db, t) {
    await createRecordTableV1(db, t, 'improvements')
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
