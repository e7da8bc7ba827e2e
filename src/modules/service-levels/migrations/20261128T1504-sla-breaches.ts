import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

export const slaBreachesMigration: ModuleMigration = {
  name: '20261128T1504-sla-breaches',
  async up(db, t) {
    await createRecordTableV1(db, t, 'sla_breaches')
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
