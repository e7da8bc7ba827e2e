import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

/** Who keeps the request catalogue. */
export const modelEditors: Role[] = ['sms-manager', 'service-level-manager', 'process-owner'];

/**
 * 8.6.2: a model is drafted, published to the catalogue, and retired. A published model never
 * changes, so every request follows exactly the form and tasks it was raised with; to change
 * one, retire it and publish a copy.
 */
export const requestModelWorkflow: Workflow = {
  initial: 'draft',
  states: [
    { id: 'draft', label: 'Draft', category: 'open' },
    { id: 'published', label: 'Published', category: 'open' },
    { id: 'retired', label: 'Retired', category: 'done' },
  ],
  transitions: [
    { from: ['draft'], to: 'published', label: 'Publish', roles: modelEditors, requires: ['fulfilmentGroup', 'fulfilmentTargetHours'] },
    { from: ['draft', 'published'], to: 'retired', label: 'Retire', roles: modelEditors },
  ],
};
