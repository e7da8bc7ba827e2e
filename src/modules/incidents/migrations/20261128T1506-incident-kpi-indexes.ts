import type { ModuleMigration } from '../../../platform/db/migrator.js';

/** KPI queries: resolutions in a period, and earlier major incidents on the same service. */
export const incidentKpiIndexesMigration: ModuleMigration = {
  name: '20261128T1506-incident-kpi-indexes',
  async up(db) {
    await db.schema.createIndex('incidents_resolved').on('incidents').column('resolved_at').execute();
    await db.schema.createIndex('incidents_major_service_created').on('incidents').columns(['major', 'service', 'created_at']).execute();
  },
};
