import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';

/** Who drafts and maintains agreements and calendars. */
export const agreementEditors: Role[] = ['service-level-manager', 'sms-manager'];
/** Who agrees, re-confirms and retires them. */
export const agreementApprovers: Role[] = ['service-level-manager', 'top-management'];

/**
 * 8.3.3: agreements are agreed with the customer (or internal group or supplier), reviewed at
 * planned intervals, and retired with a reason. While agreed, their terms are frozen: a change
 * goes through a review, which the history shows.
 */
export const agreementWorkflow: Workflow = {
  initial: 'draft',
  states: [
    { id: 'draft', label: 'Draft', category: 'open' },
    { id: 'agreed', label: 'Agreed', category: 'open' },
    { id: 'under-review', label: 'Under review', category: 'open' },
    { id: 'retired', label: 'Retired', category: 'done' },
  ],
  transitions: [
    { from: ['draft'], to: 'agreed', label: 'Agree', roles: agreementApprovers },
    { from: ['agreed'], to: 'under-review', label: 'Start review', roles: [...agreementEditors, 'top-management'] },
    { from: ['under-review'], to: 'agreed', label: 'Confirm after review', roles: agreementApprovers, requires: ['reviewNotes'] },
    { from: ['draft', 'agreed', 'under-review'], to: 'retired', label: 'Retire', roles: agreementApprovers, requires: ['retirementReason'] },
  ],
};

/** States in which an agreement is in force and its clocks run. */
export const inForce = ['agreed', 'under-review'];
/** States in which its terms may not be edited. */
export const frozen = ['agreed', 'retired'];
