import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * The recurring-incidents KPI asks, for each incident, whether its caller reported the same
 * category in the 30 days before. Without this index each incident scanned a month of others.
 */
export const incidentRecurrenceIndexMigration: ModuleMigration = {
  name: '20261128T1700-incident-recurrence-index',
  async up(db) {
    await db.schema.createIndex('incidents_caller_category_created').on('incidents').columns(['caller_id', 'category', 'created_at']).execute();
  },
};
