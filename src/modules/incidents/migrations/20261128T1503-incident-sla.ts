import type { ModuleMigration } from '../../../platform/db/migrator.js';

export const incidentSlaMigration: ModuleMigration = {
  name: '20261128T1503-incident-sla',
  async up(db, t) {
    await db.schema.alterTable('incidents').addColumn('sla', t.text).execute();
  },
};
