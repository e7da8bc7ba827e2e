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
import './service-levels.tables.js';

/**
 * 8.3.3 Service level management: business calendars, SLAs and the OLAs and underpinning
 * contracts that support them. Registered after the services module, whose catalogue it reads.
 */
export const serviceLevelsModule: CertusModule = {
  name: 'service-levels',
  clause: '8.3.3',
  recordTypes: [slaRecord, olaRecord, contractRecord],
  migrations: [serviceLevelsMigration],
  grants: { 'calendars:read': staffRoles, 'calendars:write': agreementEditors },
  routes: serviceLevelsRoutes,
  demo: loadServiceLevelsDemo,
  menu: [
    { label: 'Business calendars', path: '/calendars', group: 'relationship', description: 'Working hours and holidays targets count in', permission: 'calendars:read' },
  ],
  // Agreements, services and requests name calendars by id; pages show their names.
  lookups: [calendarLookup],
};
