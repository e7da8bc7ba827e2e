import type { Role } from '../../platform/auth/roles.js';
import { staffRoles } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

/** The service desk and the resolver groups that fulfil requests. */
export const fulfillers: Role[] = ['service-desk-agent', 'incident-problem-manager', 'sms-manager', 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager', 'supplier-manager', 'service-level-manager'];

/** Who may be named to approve: anyone working in the SMS except the internal auditor, who changes nothing. */
export const approverRoles: Role[] = staffRoles.filter((r) => r !== 'internal-auditor');

/**
 * 8.6.2: submitted (or awaiting approval when the model asks for it) → approved or rejected →
 * in fulfilment ⇄ awaiting the requester → fulfilled → closed when the requester confirms and
 * rates it, or back into fulfilment when they say it is not done. Cancelled by the requester
 * before fulfilment starts. Who may approve is checked against the request's approver.
 */
export const serviceRequestWorkflow: Workflow = {
  initial: 'submitted',
  states: [
    { id: 'submitted', label: 'Submitted', category: 'open' },
    { id: 'awaiting-approval', label: 'Awaiting approval', category: 'open' },
    { id: 'approved', label: 'Approved', category: 'open' },
    { id: 'in-fulfilment', label: 'In fulfilment', category: 'open' },
    { id: 'awaiting-requester', label: 'Awaiting requester', category: 'open' },
    { id: 'fulfilled', label: 'Fulfilled', category: 'done' },
    { id: 'closed', label: 'Closed', category: 'done' },
    { id: 'rejected', label: 'Rejected', category: 'done' },
    { id: 'cancelled', label: 'Cancelled', category: 'done' },
  ],
  transitions: [
    { from: ['awaiting-approval'], to: 'approved', label: 'Approve', roles: approverRoles },
    { from: ['awaiting-approval'], to: 'rejected', label: 'Reject', roles: approverRoles, requires: ['approvalReason'] },
    { from: ['submitted', 'approved'], to: 'in-fulfilment', label: 'Start fulfilment', roles: fulfillers },
    { from: ['in-fulfilment'], to: 'awaiting-requester', label: 'Wait for requester', roles: fulfillers },
    { from: ['awaiting-requester'], to: 'in-fulfilment', label: 'Resume fulfilment', roles: [...fulfillers, 'requester'] },
    { from: ['in-fulfilment'], to: 'fulfilled', label: 'Mark fulfilled', roles: fulfillers },
    { from: ['fulfilled'], to: 'closed', label: 'Confirm and close', roles: ['requester', 'service-desk-agent', 'sms-manager'] },
    { from: ['fulfilled'], to: 'in-fulfilment', label: 'Not fulfilled', roles: ['requester', ...fulfillers], requires: ['reopenReason'] },
    { from: ['submitted', 'awaiting-approval', 'approved'], to: 'cancelled', label: 'Cancel', roles: ['requester', 'service-desk-agent', 'sms-manager'] },
  ],
};

/** States in which the fulfilment clock is paused, and in which it has stopped for good or for now. */
export const pausedStates = ['awaiting-requester'];
export const stoppedStates = ['fulfilled', 'closed', 'rejected', 'cancelled'];
/** Before approval, fulfilment may not start and the clock does not run. */
export const notStartedStates = ['awaiting-approval'];
