import { staffRoles } from '../../platform/auth/roles.js';
import type { CertusModule } from '../../kernel/module.js';
import { requestModelRecord } from './request-model.record.js';
import { serviceRequestRecord } from './service-request.record.js';
import { requestTaskRecord } from './request-task.record.js';
import { requestRoutes } from './requests.routes.js';
import { requestClockRoutes } from './request-clock.routes.js';
import { loadRequestDemo } from './requests.demo.js';
import { requestsMigration } from './migrations/20261128T1611-requests.js';
import './requests.tables.js';

export const requestsModule: CertusModule = {
  name: 'requests',
  clause: '8.6.2',
  recordTypes: [requestModelRecord, serviceRequestRecord, requestTaskRecord],
  migrations: [requestsMigration],
  grants: { 'request-kpis:read': staffRoles },
  routes: async (app) => {
    await app.register(requestRoutes);
    await app.register(requestClockRoutes);
  },
  demo: loadRequestDemo,
  menu: [
    { label: 'Request portal', path: '/portal', group: 'work', description: 'Ask for something, follow your requests', permission: 'service-requests:create' },
    { label: 'Request model editor', path: '/requests/models/new', group: 'resolution', description: 'Clause 8.6.2: a request form and its tasks', permission: 'request-models:create' },
    { label: 'Request KPIs', path: '/requests/kpis', group: 'resolution', description: 'Clause 8.6.2', permission: 'request-kpis:read' },
  ],
};
