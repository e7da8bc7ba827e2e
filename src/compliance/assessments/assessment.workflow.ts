import type { Workflow } from '../../kernel/workflow/workflow.js';

/** Who runs an assessment (plans it, answers it, completes it) and who accepts its result. */
export const assessmentRunners = ['sms-manager', 'internal-auditor'] as const;
export const assessmentApprovers = ['top-management', 'sms-manager'] as const;

/**
 * 9.2: an audit is planned, performed and reported; its report is accepted by management. Once
 * completed, the answers are the audit's record and no longer change.
 */
export const assessmentWorkflow: Workflow = {
  initial: 'planned',
  states: [
    { id: 'planned', label: 'Planned', category: 'open' },
    { id: 'in-progress', label: 'In progress', category: 'open' },
    { id: 'completed', label: 'Completed', category: 'done' },
    { id: 'approved', label: 'Approved', category: 'done' },
  ],
  transitions: [
    { from: ['planned'], to: 'in-progress', label: 'Start', roles: [...assessmentRunners] },
    { from: ['in-progress'], to: 'completed', label: 'Complete', roles: [...assessmentRunners], requires: ['conclusion'] },
    { from: ['completed'], to: 'approved', label: 'Approve', roles: [...assessmentApprovers], requires: ['approvalNote'] },
  ],
};

/** States in which the answers are a closed record. */
export const closedAssessmentStates = ['completed', 'approved'];
