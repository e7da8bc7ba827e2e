import type { Kysely } from 'kysely';
import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

async function indexes(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema.createIndex(`${table}_created`).on(table).columns(['created_at', 'id']).execute();
  await db.schema.createIndex(`${table}_status`).on(table).columns(['status', 'created_at']).execute();
  await db.schema.createIndex(`${table}_owner`).on(table).column('owner_id').execute();
}

export const servicesMigration: ModuleMigration = {
  name: '20261128T1500-services',
  async up(db, t) {
    await createRecordTableV1(db, t, 'services')
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('service_owner', t.id, (c) => c.references('users.id'))
      .addColumn('service_type', t.text, (c) => c.notNull())
      .addColumn('category', t.text)
      .addColumn('criticality', t.text, (c) => c.notNull())
      .addColumn('support_calendar_id', t.text)
      .addColumn('customers_served', t.text)
      .addColumn('request_types_offered', t.text)
      .addColumn('retirement_reason', t.text)
      .execute();
    await indexes(db, 'services');

    await createRecordTableV1(db, t, 'customers')
      .addColumn('organisation_name', t.text, (c) => c.notNull())
      .addColumn('sector', t.text)
      .addColumn('account_manager', t.id, (c) => c.references('users.id'))
      .addColumn('contacts', t.text)
      .execute();
    await indexes(db, 'customers');
  },
};
