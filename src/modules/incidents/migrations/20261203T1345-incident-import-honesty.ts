import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * Imported incidents say what their source did not know and what it concluded: whether the
 * resolution time is unknown (no resolved_at in the export; such incidents count in no duration
 * KPI) and the SLA outcome the source exported (ServiceNow made_sla). Both are null for incidents
 * raised in Certus. Incidents imported before this migration keep null: import them again into a
 * fresh store for the figures.
 */
export const incidentImportHonestyMigration: ModuleMigration = {
  name: '20261203T1345-incident-import-honesty',
  async up(db, t) {
    await db.schema.alterTable('incidents').addColumn('resolved_at_unknown', t.bool).execute();
    await db.schema.alterTable('incidents').addColumn('imported_made_sla', t.bool).execute();
  },
};
