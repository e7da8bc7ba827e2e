import type { ModuleMigration } from '../../../platform/db/migrator.js';

/** 8.6.1 / 8.3.2: when someone handling the incident first acted on it, which stops the response clock. */
export const incidentFirstResponseMigration: ModuleMigration = {
  name: '20261128T1701-incident-first-response',
  async up(db, t) {
    await db.schema.alterTable('incidents').addColumn('first_responded_at', t.instant).execute();
  },
};
