import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * One row per service request and clock (its fulfilment target): the clock as last replayed
 * from the request's history, so that service level management's watch, breach records,
 * dashboard and KPIs read figures for requests as they do for incidents (8.3.3, 8.6.2).
 */
export const requestSlaClocksMigration: ModuleMigration = {
  name: '20261208T0030-request-sla-clocks',
  async up(db, t) {
    await db.schema.createTable('request_sla_clocks')
      .addColumn('request_id', t.id, (c) => c.notNull().references('service_requests.id').onDelete('cascade'))
      .addColumn('clock_id', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('measure', t.text, (c) => c.notNull())
      .addColumn('sla', t.text)
      .addColumn('calendar_id', t.text)
      .addColumn('priority', t.text)
      .addColumn('target_ms', t.bigint)
      .addColumn('elapsed_ms', t.bigint, (c) => c.notNull())
      .addColumn('paused_ms', t.bigint, (c) => c.notNull())
      .addColumn('remaining_ms', t.bigint)
      .addColumn('due_at', t.instant)
      .addColumn('at_risk_at', t.instant)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('pause_reason', t.text)
      .addColumn('at_risk', t.bool, (c) => c.notNull())
      .addColumn('breached', t.bool, (c) => c.notNull())
      .addColumn('breached_at', t.instant)
      .addColumn('stopped_at', t.instant)
      .addColumn('met', t.bool)
      .addColumn('computed_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('request_sla_clocks_pk', ['request_id', 'clock_id'])
      .execute();
    // The watch finds clocks whose due or at-risk time came, and requests changed since its last pass.
    await db.schema.createIndex('request_sla_clocks_due').on('request_sla_clocks').column('due_at').execute();
    await db.schema.createIndex('request_sla_clocks_at_risk').on('request_sla_clocks').column('at_risk_at').execute();
    await db.schema.createIndex('request_sla_clocks_computed').on('request_sla_clocks').column('computed_at').execute();
    await db.schema.createIndex('service_requests_updated').on('service_requests').column('updated_at').execute();
    // The dashboard counts clocks stopped or breached in a period.
    await db.schema.createIndex('request_sla_clocks_stopped').on('request_sla_clocks').columns(['kind', 'stopped_at']).execute();
    await db.schema.createIndex('request_sla_clocks_breached').on('request_sla_clocks').columns(['kind', 'breached_at']).execute();
  },
};
