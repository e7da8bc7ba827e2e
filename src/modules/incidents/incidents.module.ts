import { staffRoles } from '../../platform/auth/roles.js';
import type { CertusModule } from '../../kernel/module.js';
import { incidentRecord } from './incident.record.js';
import { registerTicketClockSource, watchTicketsOf } from '../service-levels/index.js';
import { incidentClockSource, openStates } from './incident-clock-source.js';
import { incidentKpiIndexesMigration } from './migrations/20261128T1506-incident-kpi-indexes.js';
import { incidentQueueIndexMigration } from './migrations/20261128T1559-incident-queue-index.js';
import { incidentRecurrenceIndexMigration } from './migrations/20261128T1700-incident-recurrence-index.js';
import { incidentFirstResponseMigration } from './migrations/20261128T1701-incident-first-response.js';
import { incidentExternalUniqueMigration } from './migrations/20261128T1800-incident-external-unique.js';
import { incidentImportHonestyMigration } from './migrations/20261203T1345-incident-import-honesty.js';
import { xesImportRunsMigration } from './migrations/20261207T2300-xes-import-runs.js';
import { loadIncidentDemo } from './incident.demo.js';
import { incidentSettingsRoutes } from './incident-settings.routes.js';
import { incidentKpiRoutes } from './incident-kpis.routes.js';
import { incidentImportRoutes } from './import/incident-import.routes.js';
import { xesImportRoutes } from './import/xes-import.routes.js';
import { incidentImportJob } from './import/incident-import-runs.service.js';
import { runIncidentImport } from './import/incident-import.job.js';
import { incidentImportRunsMigration } from './migrations/20261128T1652-incident-import-runs.js';
import { incidentsMigration } from './migrations/20261128T1502-incidents.js';
import { incidentSlaMigration } from './migrations/20261128T1503-incident-sla.js';
import { incidentClockRoutes } from './incident-clocks.routes.js';
import { incidentSlaClocksMigration } from './migrations/20261128T1641-incident-sla-clocks.js';
import { backfillIncidentClocks } from './sla-snapshots.js';
import { loadOpenIncidentDemo } from './open-incidents.demo.js';
import { incidentEscalationMigration } from './migrations/20261128T1642-incident-escalation.js';
import { incidentQueueJoinMigration } from './migrations/20261128T1643-incident-queue-join.js';
import { escalationSettingsRoutes } from './escalation-settings.routes.js';
import { incidentQueueRoutes } from './incident-queue.routes.js';
import './incident.tables.js';
import './incident-sla-clocks.tables.js';

// Incidents' clocks are what service level management watches, counts and records breaches of.
registerTicketClockSource(incidentClockSource);

export const incidentsModule: CertusModule = {
  name: 'incidents',
  clause: '8.6.1',
  recordTypes: [incidentRecord],
  migrations: [incidentsMigration, incidentSlaMigration, incidentKpiIndexesMigration, incidentQueueIndexMigration, incidentSlaClocksMigration, incidentEscalationMigration, incidentQueueJoinMigration, incidentImportRunsMigration, incidentRecurrenceIndexMigration, incidentFirstResponseMigration, incidentExternalUniqueMigration, incidentImportHonestyMigration, xesImportRunsMigration],
  grants: {
    'incident-settings:read': staffRoles,
    'incident-settings:manage': ['incident-problem-manager', 'sms-manager'],
    'incident-kpis:read': staffRoles,
    'incident-queue:read': staffRoles,
    'incident-imports:manage': ['incident-problem-manager', 'sms-manager'],
    // Import runs say where imported records came from: their managers and auditors read them.
    'incident-imports:read': ['incident-problem-manager', 'sms-manager'],
  },
  routes: async (app) => {
    await app.register(incidentSettingsRoutes);
    await app.register(incidentKpiRoutes);
    await app.register(incidentImportRoutes);
    await app.register(xesImportRoutes);
    await app.register(incidentClockRoutes);
    await app.register(incidentQueueRoutes);
    await app.register(escalationSettingsRoutes);
  },
  // The demo's clocks are snapshotted at load, so the queue and dashboard have figures on first
  // start; then the watch's first pass over the open incidents escalates them and records every
  // breach, the closed history's included (see watchTicketsOf).
  demo: async (context) => {
    await loadIncidentDemo(context);
    await loadOpenIncidentDemo(context);
    await backfillIncidentClocks(context.database.db, context.now);
    const open = await context.database.db.selectFrom('incidents').select('id').where('status', 'in', openStates).orderBy('id').execute();
    await watchTicketsOf(context.database, incidentRecord.type, open.map((r) => r.id), context.now);
  },
  jobs: {
    [incidentImportJob]: async (payload, { database }) => { await runIncidentImport(database, String(payload.runId)); },
  },
  menu: [
    { label: 'Queue', path: '/queue', group: 'work', description: 'Open incidents by SLA due time', permission: 'incident-queue:read' },
    { label: 'Incident KPIs', path: '/incidents/kpis', group: 'resolution', description: 'Clause 8.6.1', permission: 'incident-kpis:read' },
    { label: 'Incident settings', path: '/incidents/settings', group: 'resolution', description: 'Priority matrix and escalation levels', permission: 'incident-settings:read' },
    { label: 'Import incidents', path: '/imports/incidents', group: 'resolution', description: 'From a ServiceNow export or an XES event log', permission: 'incident-imports:manage' },
  ],
};
