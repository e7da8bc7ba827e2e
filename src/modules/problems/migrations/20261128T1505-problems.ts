import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

export const problemsMigration: ModuleMigration = {
  name: '20261128T1505-problems',
  async up(db, t) {
    await createRecordTableV1(db, t, 'problems')
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('service', t.text)
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('priority', t.text, (c) => c.notNull())
      .addColumn('root_cause', t.text)
      .addColumn('workaround', t.text)
      .addColumn('known_error', t.bool)
      .addColumn('closure_reason', t.text)
      .addColumn('closure_justification', t.text)
      .addColumn('closed_at', t.instant)
      .addColumn('recurrences', t.integer)
      .addColumn('last_recurrence_at', t.instant)
      .execute();
    await db.schema.createIndex('problems_created').on('problems').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('problems_status').on('problems').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('problems_service_category').on('problems').columns(['service', 'category']).execute();
  },
};
