import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

export const incidentsMigration: ModuleMigration = {
  name: '20261128T1502-incidents',
  async up(db, t) {
    await createRecordTableV1(db, t, 'incidents')
      .addColumn('short_description', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('caller_id', t.id, (c) => c.references('users.id'))
      .addColumn('service', t.text)
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('configuration_item', t.text)
      .addColumn('impact', t.text, (c) => c.notNull())
      .addColumn('urgency', t.text, (c) => c.notNull())
      .addColumn('priority', t.text, (c) => c.notNull())
      .addColumn('assignment_group', t.text)
      .addColumn('assignee_id', t.id, (c) => c.references('users.id'))
      .addColumn('supplier', t.text)
      .addColumn('reassignment_count', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('reopen_count', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('resolution_code', t.text)
      .addColumn('resolution_notes', t.text)
      .addColumn('resolved_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('major', t.bool, (c) => c.notNull().defaultTo(0))
      .addColumn('major_incident_manager_id', t.id, (c) => c.references('users.id'))
      .addColumn('major_declared_at', t.instant)
      .addColumn('pir_summary', t.text)
      .addColumn('source', t.text)
      .addColumn('external_id', t.text)
      .execute();
    // Lists and KPIs: the queue (status, priority), per-service figures over time, my tickets.
    await db.schema.createIndex('incidents_created').on('incidents').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('incidents_status_created').on('incidents').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('incidents_service_created').on('incidents').columns(['service', 'created_at']).execute();
    await db.schema.createIndex('incidents_assignee').on('incidents').column('assignee_id').execute();
    await db.schema.createIndex('incidents_caller').on('incidents').column('caller_id').execute();
    await db.schema.createIndex('incidents_external').on('incidents').columns(['source', 'external_id']).execute();
    await db.schema.createTable('incident_priority_matrix')
      .addColumn('impact', t.text, (c) => c.notNull())
      .addColumn('urgency', t.text, (c) => c.notNull())
      .addColumn('priority', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_priority_matrix_pk', ['impact', 'urgency'])
      .execute();
  },
};
