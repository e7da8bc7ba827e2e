import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ModuleMigration } from '../../../platform/db/migrator.js';
import type { ColumnTypes } from '../../../platform/db/columns.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

/** The kernel's shared record columns plus what every agreement has, as they stood then. */
function agreementColumns<T extends string>(table: CreateTableBuilder<T, never>, t: ColumnTypes) {
  let builder = table
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('description', t.text)
    .addColumn('calendar_id', t.text)
    .addColumn('review_date', t.text)
    .addColumn('review_notes', t.text)
    .addColumn('retirement_reason', t.text);
  for (const priority of ['p1', 'p2', 'p3', 'p4']) {
    builder = builder.addColumn(`${priority}_response_minutes`, t.integer).addColumn(`${priority}_resolution_minutes`, t.integer);
  }
  return builder;
}

async function indexes(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema.createIndex(`${table}_created`).on(table).columns(['created_at', 'id']).execute();
  await db.schema.createIndex(`${table}_status`).on(table).columns(['status', 'created_at']).execute();
  await db.schema.createIndex(`${table}_owner`).on(table).column('owner_id').execute();
}

export const serviceLevelsMigration: ModuleMigration = {
  name: '20261128T1501-service-levels',
  async up(db, t) {
    await db.schema.createTable('business_calendars')
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('definition', t.json, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();

    await agreementColumns(createRecordTableV1(db, t, 'slas'), t)
      .addColumn('service', t.text, (c) => c.notNull())
      .addColumn('customer', t.text)
      .addColumn('at_risk_percent', t.integer)
      .addColumn('pause_statuses', t.text)
      .execute();
    await indexes(db, 'slas');
    await db.schema.createIndex('slas_service').on('slas').columns(['service', 'status']).execute();

    await agreementColumns(createRecordTableV1(db, t, 'olas'), t)
      .addColumn('assignment_group', t.text, (c) => c.notNull())
      .addColumn('supports_sla', t.text, (c) => c.notNull())
      .execute();
    await indexes(db, 'olas');
    await db.schema.createIndex('olas_supports').on('olas').column('supports_sla').execute();

    await agreementColumns(createRecordTableV1(db, t, 'underpinning_contracts'), t)
      .addColumn('supplier', t.text, (c) => c.notNull())
      .addColumn('supports_sla', t.text, (c) => c.notNull())
      .addColumn('contract_end', t.text)
      .execute();
    await indexes(db, 'underpinning_contracts');
    await db.schema.createIndex('underpinning_contracts_supports').on('underpinning_contracts').column('supports_sla').execute();
  },
};
