import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * The queue ("open, newest first") reads each state's incidents in (created_at, id) order. With
 * id in the index, SQLite keeps choosing it when a page's cursor adds a created_at bound, instead
 * of walking every incident by date.
 */
export const incidentQueueIndexMigration: ModuleMigration = {
  name: '20261128T1559-incident-queue-index',
  async up(db) {
    await db.schema.dropIndex('incidents_status_created').execute();
    await db.schema.createIndex('incidents_status_created_id').on('incidents').columns(['status', 'created_at', 'id']).execute();
  },
};
