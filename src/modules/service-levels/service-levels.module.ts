import type { CertusModule } from '../../kernel/module.js';
import { staffRoles } from '../../platform/auth/roles.js';
import { agreementEditors } from './agreement.workflow.js';
import { calendarLookup } from './calendar.lookup.js';
import { contractRecord } from './contract.record.js';
import { olaRecord } from './ola.record.js';
import { slaRecord } from './sla.record.js';
import { loadServiceLevelsDemo } from './service-levels.demo.js';
import { serviceLevelsRoutes } from './service-levels.routes.js';
import { serviceLevelsMigration } from './migrations/20261128T1501-service-levels.js';
import { slaBreachesMigration } from './migrations/20261128T1504-sla-breaches.js';
import { slaBreachRequestMigration } from './migrations/20261208T0031-sla-breach-request.js';
import { slaBreachRecord } from './sla-breach.record.js';
import { slaDashboardRoutes } from './sla-dashboard.routes.js';
import { slaWatchJob, watchSlas } from './sla-watch.js';
import './service-levels.tables.js';

/**
 * 8.3.3 Service level management: business calendars, SLAs and the OLAs and underpinning
 * contracts that support them; the SLA watch, the breach records it keeps and the service level
 * dashboard, over the clocks of the tickets other modules register (ticket-clocks.ts: incidents
 * today). Registered after the services module, whose catalogue it reads.
 */
export const serviceLevelsModule: CertusModule = {
  name: 'service-levels',
  clause: '8.3.3',
  recordTypes: [slaRecord, olaRecord, contractRecord, slaBreachRecord],
  migrations: [serviceLevelsMigration, slaBreachesMigration, slaBreachRequestMigration],
  grants: { 'calendars:read': staffRoles, 'calendars:write': agreementEditors, 'service-level-dashboard:read': staffRoles },
  routes: async (app) => {
    await app.register(serviceLevelsRoutes);
    await app.register(slaDashboardRoutes);
  },
  demo: loadServiceLevelsDemo,
  menu: [
    { label: 'Business calendars', path: '/calendars', group: 'relationship', description: 'Working hours and holidays targets count in', permission: 'calendars:read' },
    { label: 'Service level dashboard', path: '/service-levels/dashboard', group: 'relationship', description: 'SLA attainment by month and service', permission: 'service-level-dashboard:read' },
  ],
  jobs: { [slaWatchJob]: async (_payload, { database, now }) => { await watchSlas(database, now); } },
  schedules: [{ name: 'sla-watch', kind: slaWatchJob, intervalMs: 60_000 }],
  // Agreements, services and requests name calendars by id; pages show their names.
  lookups: [calendarLookup],
};
