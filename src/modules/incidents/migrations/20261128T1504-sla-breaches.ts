import type { ModuleMigration } from '../../../platform/db/migrator.js';

export const slaBreachesMigration: ModuleMigration = {
  name: '20261128T1504-sla-breaches',
  async up(db, t) {
    await db.schema.createTable('sla_breaches')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('reference', t.text, (c) => c.notNull().unique())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('owner_id', t.id, (c) => c.references('users.id'))
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('summary', t.text, (c) => c.notNull())
      .addColumn('incident', t.text)
      .addColumn('sla', t.text)
      .addColumn('clock', t.text)
      .addColumn('priority', t.text)
      .addColumn('breached_at', t.instant)
      .addColumn('cause', t.text)
      .addColumn('action', t.text)
      // One breach record per incident and clock, however many processes watch.
      .addUniqueConstraint('sla_breaches_incident_clock', ['incident', 'clock'])
      .execute();
    await db.schema.createIndex('sla_breaches_breached').on('sla_breaches').columns(['breached_at', 'id']).execute();
  },
};
