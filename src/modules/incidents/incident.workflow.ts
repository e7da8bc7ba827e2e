import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

const desk: Role[] = ['service-desk-agent', 'incident-problem-manager'];
const resolvers: Role[] = [...desk, 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager', 'supplier-manager'];

/** 8.6.1: new → assigned → in progress ⇄ awaiting → resolved → closed, with reopening. */
export const incidentWorkflow: Workflow = {
  initial: 'new',
  states: [
    { id: 'new', label: 'New', category: 'open' },
    { id: 'assigned', label: 'Assigned', category: 'open' },
    { id: 'in-progress', label: 'In progress', category: 'open' },
    { id: 'awaiting-caller', label: 'Awaiting caller', category: 'open' },
    { id: 'awaiting-supplier', label: 'Awaiting supplier', category: 'open' },
    { id: 'resolved', label: 'Resolved', category: 'done' },
    { id: 'closed', label: 'Closed', category: 'done' },
  ],
  transitions: [
    { from: ['new', 'assigned', 'in-progress', 'awaiting-caller', 'awaiting-supplier'], to: 'assigned', label: 'Assign', roles: resolvers, requires: ['assignmentGroup'] },
    { from: ['new', 'assigned', 'awaiting-caller', 'awaiting-supplier'], to: 'in-progress', label: 'Work on it', roles: resolvers },
    { from: ['assigned', 'in-progress'], to: 'awaiting-caller', label: 'Wait for caller', roles: resolvers },
    { from: ['assigned', 'in-progress'], to: 'awaiting-supplier', label: 'Wait for supplier', roles: resolvers, requires: ['supplier'] },
    { from: ['new', 'assigned', 'in-progress', 'awaiting-caller', 'awaiting-supplier'], to: 'resolved', label: 'Resolve', roles: resolvers, requires: ['resolutionCode', 'resolutionNotes'] },
    { from: ['resolved'], to: 'closed', label: 'Confirm and close', roles: [...desk, 'requester'] },
    { from: ['resolved'], to: 'in-progress', label: 'Reopen', roles: [...resolvers, 'requester'] },
  ],
};
