import type { ModuleMigration } from '../../../platform/db/migrator.js';

/**
 * One row per incident and clock: the clock as last computed from the incident's history, so
 * that queues and dashboards read figures instead of replaying every ticket (8.3.2, 8.6.1).
 */
export const incidentSlaClocksMigration: ModuleMigration = {
  name: '20261128T1641-incident-sla-clocks',
  async up(db, t) {
    await db.schema.createTable('incident_sla_clocks')
      .addColumn('incident_id', t.id, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
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
      .addColumn('lead', t.bool, (c) => c.notNull())
      .addColumn('escalate_at', t.instant)
      .addColumn('computed_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_sla_clocks_pk', ['incident_id', 'clock_id'])
      .execute();
    // The queue orders by when a clock breaches; the watch finds clocks whose due or at-risk time came.
    await db.schema.createIndex('incident_sla_clocks_due').on('incident_sla_clocks').column('due_at').execute();
    await db.schema.createIndex('incident_sla_clocks_lead_due').on('incident_sla_clocks').columns(['lead', 'due_at']).execute();
    await db.schema.createIndex('incident_sla_clocks_at_risk').on('incident_sla_clocks').column('at_risk_at').execute();
    await db.schema.createIndex('incident_sla_clocks_escalate').on('incident_sla_clocks').column('escalate_at').execute();
    await db.schema.createIndex('incident_sla_clocks_computed').on('incident_sla_clocks').column('computed_at').execute();
    // The watch looks for incidents changed since its last pass.
    await db.schema.createIndex('incidents_updated').on('incidents').column('updated_at').execute();
    // The dashboard counts SLA clocks stopped or breached in a period.
    await db.schema.createIndex('incident_sla_clocks_stopped').on('incident_sla_clocks').columns(['kind', 'stopped_at']).execute();
    await db.schema.createIndex('incident_sla_clocks_breached').on('incident_sla_clocks').columns(['kind', 'breached_at']).execute();
  },
};
