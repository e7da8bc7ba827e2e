import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

/** Who may add services to the catalogue and move them through their life. */
export const catalogueEditors: Role[] = ['sms-manager', 'service-level-manager', 'process-owner'];

/**
 * 8.2.4: a service is planned in the pipeline, delivered while live, and retired with a
 * recorded reason (the catalogue keeps retired services so that history still resolves).
 */
export const serviceWorkflow: Workflow = {
  initial: 'pipeline',
  states: [
    { id: 'pipeline', label: 'Pipeline', category: 'open' },
    { id: 'live', label: 'Live', category: 'open' },
    { id: 'retired', label: 'Retired', category: 'done' },
  ],
  transitions: [
    { from: ['pipeline'], to: 'live', label: 'Go live', roles: catalogueEditors },
    { from: ['pipeline', 'live'], to: 'retired', label: 'Retire', roles: catalogueEditors, requires: ['retirementReason'] },
  ],
};

/** A customer is active while we serve them; deactivating keeps the record and its history. */
export const customerWorkflow: Workflow = {
  initial: 'active',
  states: [
    { id: 'active', label: 'Active', category: 'open' },
    { id: 'inactive', label: 'Inactive', category: 'done' },
  ],
  transitions: [
    { from: ['active'], to: 'inactive', label: 'Deactivate', roles: catalogueEditors },
    { from: ['inactive'], to: 'active', label: 'Reactivate', roles: catalogueEditors },
  ],
};
