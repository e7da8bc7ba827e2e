import { staffRoles } from '../../platform/auth/roles.js';
import type { CertusModule } from '../../kernel/module.js';
import { requestModelRecord } from './request-model.record.js';
import { serviceRequestRecord } from './service-request.record.js';
import { requestTaskRecord } from './request-task.record.js';
import { requestRoutes } from './requests.routes.js';
import { requestClockRoutes } from './request-clock.routes.js';
import { loadRequestDemo } from './requests.demo.js';
import { requestsMigration } from './migrations/20261128T1611-requests.js';
import { requestSlaClocksMigration } from './migrations/20261208T0030-request-sla-clocks.js';
import { registerTicketClockSource, watchTicketsOf } from '../service-levels/index.js';
import { requestClockSource } from './request-clock-source.js';
import './requests.tables.js';
import './request-sla-clocks.tables.js';

// Requests' fulfilment clocks are watched, counted and have their breaches recorded by service
// level management, as incidents' clocks are.
registerTicketClockSource(requestClockSource);

export const requestsModule: CertusModule = {
  name: 'requests',
  clause: '8.6.2',
  recordTypes: [requestModelRecord, serviceRequestRecord, requestTaskRecord],
  migrations: [requestsMigration, requestSlaClocksMigration],
  grants: { 'request-kpis:read': staffRoles },
  routes: async (app) => {
    await app.register(requestRoutes);
    await app.register(requestClockRoutes);
  },
  // The watch's first pass replays and stores every demo request's fulfilment clock (only open
  // requests are notified) and records every breach, the closed history's included.
  demo: async (context) => {
    await loadRequestDemo(context);
    const targeted = await context.database.db.selectFrom('service_requests').select('id').where('target_minutes', 'is not', null).orderBy('id').execute();
    await watchTicketsOf(context.database, serviceRequestRecord.type, targeted.map((r) => r.id), context.now);
  },
  menu: [
    { label: 'Request portal', path: '/portal', group: 'work', description: 'Ask for something, follow your requests', permission: 'service-requests:create' },
    { label: 'Request model editor', path: '/requests/models/new', group: 'resolution', description: 'Clause 8.6.2: a request form and its tasks', permission: 'request-models:create' },
    { label: 'Request KPIs', path: '/requests/kpis', group: 'resolution', description: 'Clause 8.6.2', permission: 'request-kpis:read' },
  ],
};
