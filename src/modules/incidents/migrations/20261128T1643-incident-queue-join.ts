import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * The (lead, due_at) index let SQLite's planner join each open incident to every lead clock
 * (lead = 1 looked selective without statistics): quadratic in the queue's length. The queue
 * joins by the primary key (incident_id first) instead; due_at has its own index.
 */
export const incidentQueueJoinMigration: ModuleMigration = {
  name: '20261128T1643-incident-queue-join',
  async up(db) {
    await db.schema.dropIndex('incident_sla_clocks_lead_due').execute();
  },
};
