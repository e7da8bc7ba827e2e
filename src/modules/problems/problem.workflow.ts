import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

const managers: Role[] = ['incident-problem-manager', 'sms-manager'];
const analysts: Role[] = [...managers, 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager', 'service-desk-agent'];

/** 8.6.3: investigate, record the known error and its workaround, remove the cause, close. */
export const problemWorkflow: Workflow = {
  initial: 'new',
  states: [
    { id: 'new', label: 'New', category: 'open' },
    { id: 'investigating', label: 'Investigating', category: 'open' },
    { id: 'known-error', label: 'Known error', category: 'open' },
    { id: 'resolved', label: 'Resolved', category: 'done' },
    { id: 'closed', label: 'Closed', category: 'done' },
  ],
  transitions: [
    { from: ['new'], to: 'investigating', label: 'Investigate', roles: analysts },
    { from: ['new', 'investigating'], to: 'known-error', label: 'Record known error', roles: analysts, requires: ['rootCause', 'workaround'] },
    { from: ['investigating', 'known-error'], to: 'resolved', label: 'Cause removed', roles: analysts, requires: ['rootCause', 'closureReason'] },
    { from: ['new', 'investigating', 'known-error', 'resolved'], to: 'closed', label: 'Close', roles: managers, requires: ['closureReason'] },
    { from: ['resolved', 'closed'], to: 'investigating', label: 'Reopen', roles: managers },
  ],
};
