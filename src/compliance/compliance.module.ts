import type { CertusModule } from '../kernel/module.js';
import { staffRoles } from '../platform/auth/roles.js';
import { catalogueRoutes } from './catalogue.routes.js';

/** The compliance engine: for now the requirement catalogue (clauses 4-10) and its exports. */
export const complianceModule: CertusModule = {
  name: 'compliance',
  clause: '4-10',
  recordTypes: [],
  migrations: [],
  grants: { 'catalogue:read': staffRoles },
  routes: catalogueRoutes,
};
