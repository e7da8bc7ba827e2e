import { staffRoles } from '../../platform/auth/roles.js';
import type { FieldDefinition, RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { targetFields } from './agreement-targets.js';
import { agreementApprovers, agreementEditors } from './agreement.workflow.js';

/**
 * Read by all staff; drafted by the service level and SMS managers. The approvers are in
 * `update` too because the kernel guards transitions with the update permission.
 */
export const agreementAccess: RecordTypeDefinition['access'] = {
  read: staffRoles,
  create: agreementEditors,
  update: [...new Set([...agreementEditors, ...agreementApprovers])],
};


/** Fields every agreement has around its targets. */
export function agreementFields(calendarHelp: string, calendarRequired: boolean): Record<string, FieldDefinition> {
  return {
    title: { kind: 'text', label: 'Title', required: true, maxLength: 200, sortable: true },
    description: { kind: 'longText', label: 'Scope and terms', help: 'What is covered, exclusions, reporting and review arrangements' },
    calendarId: { kind: 'text', label: 'Business calendar', required: calendarRequired, maxLength: 63, filterable: true, help: calendarHelp, lookup: 'calendar' },
    ...targetFields,
    reviewDate: { kind: 'date', label: 'Next review', filterable: true, sortable: true, help: 'When the agreement is next reviewed with the other party' },
    reviewNotes: { kind: 'longText', label: 'Review outcome', transitionOnly: true, help: 'What the review found and changed' },
    retirementReason: { kind: 'longText', label: 'Reason for retirement', transitionOnly: true },
  };
}
