import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * Breach records of service requests' fulfilment clocks name the request. Existing records keep
 * their incident and have no request (null: their history events are not rewritten).
 */
export const slaBreachRequestMigration: ModuleMigration = {
  name: '20261208T0031-sla-breach-request',
  async up(db, t) {
    await db.schema.alterTable('sla_breaches').addColumn('request', t.text).execute();
    // One breach record per request and clock, as per incident and clock: both databases let
    // nulls repeat in a unique index, so incidents' records (request null) are not constrained.
    await db.schema.createIndex('sla_breaches_request_clock').on('sla_breaches').columns(['request', 'clock']).unique().execute();
  },
};
