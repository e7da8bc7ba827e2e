import type { ModuleMigration } from '../../../platform/db/migrator.js';

/** 8.6.1 escalation: the levels an organisation sets, and the level each incident has reached. */
export const incidentEscalationMigration: ModuleMigration = {
  name: '20261128T1642-incident-escalation',
  async up(db, t) {
    await db.schema.createTable('incident_escalation_settings')
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('updated_by', t.id)
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.alterTable('incidents').addColumn('escalation_level', t.integer).execute();
  },
};
