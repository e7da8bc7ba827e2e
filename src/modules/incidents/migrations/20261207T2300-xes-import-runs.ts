import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * Import runs also read XES event logs (IEEE 1849): a run says which format its file is in (null
 * for the ServiceNow CSV runs before this migration) and, for a log, the kind detected, the
 * attribute mapping used and the figures measured (throughput per case).
 */
export const xesImportRunsMigration: ModuleMigration = {
  name: '20261207T2300-xes-import-runs',
  async up(db, t) {
    await db.schema.alterTable('incident_import_runs').addColumn('source_format', t.text).execute();
    await db.schema.alterTable('incident_import_runs').addColumn('xes', t.json).execute();
  },
};
