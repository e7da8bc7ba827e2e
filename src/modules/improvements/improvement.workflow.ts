import type { Workflow } from '../../kernel/workflow/workflow.js';

const approvers = ['top-management', 'sms-manager', 'process-owner'] as const;
const doers = ['sms-manager', 'process-owner', 'service-level-manager', 'change-release-manager', 'incident-problem-manager', 'configuration-manager', 'capacity-availability-manager', 'continuity-manager', 'security-manager', 'supplier-manager'] as const;

/**
 * 10.2: an opportunity is evaluated before work starts, and its outcome is checked against the
 * expected benefit before it is closed.
 */
export const improvementWorkflow: Workflow = {
  initial: 'proposed',
  states: [
    { id: 'proposed', label: 'Proposed', category: 'open' },
    { id: 'approved', label: 'Approved', category: 'open' },
    { id: 'in-progress', label: 'In progress', category: 'open' },
    { id: 'completed', label: 'Completed', category: 'done' },
    { id: 'rejected', label: 'Rejected', category: 'done' },
  ],
  transitions: [
    { from: ['proposed'], to: 'approved', label: 'Approve', roles: [...approvers], requires: ['decisionReason'] },
    { from: ['proposed', 'approved'], to: 'rejected', label: 'Reject', roles: [...approvers], requires: ['decisionReason'] },
    { from: ['approved'], to: 'in-progress', label: 'Start work', roles: [...doers] },
    { from: ['in-progress'], to: 'completed', label: 'Complete', roles: [...doers], requires: ['outcome'] },
    { from: ['completed', 'rejected'], to: 'proposed', label: 'Reopen', roles: [...approvers] },
  ],
};
