import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import type { Workflow } from '../../kernel/workflow/workflow.js';
import { deriveRequestTask } from './request-task.rules.js';
import { fulfillers } from './service-request.workflow.js';

/** 8.6.2: each task is done, or skipped with a reason, in the order the model gives. */
const requestTaskWorkflow: Workflow = {
  initial: 'open',
  states: [
    { id: 'open', label: 'Open', category: 'open' },
    { id: 'done', label: 'Done', category: 'done' },
    { id: 'skipped', label: 'Skipped', category: 'done' },
  ],
  transitions: [
    { from: ['open'], to: 'done', label: 'Complete', roles: fulfillers },
    { from: ['open'], to: 'skipped', label: 'Skip', roles: fulfillers, requires: ['skipReason'] },
  ],
};

/** One step of fulfilling a service request, created from its model when fulfilment starts. */
export const requestTaskRecord: RecordTypeDefinition = {
  type: 'request-task',
  plural: 'request-tasks',
  table: 'request_tasks',
  prefix: 'RTK',
  label: 'Fulfilment task',
  labelPlural: 'Fulfilment tasks',
  clause: '8.6.2',
  titleField: 'title',
  listFields: ['title', 'request', 'position', 'group', 'assigneeId'],
  workflow: requestTaskWorkflow,
  access: { read: staffRoles, create: fulfillers, update: fulfillers },
  hooks: { derive: deriveRequestTask },
  fields: {
    request: { kind: 'text', label: 'Service request', required: true, filterable: true, sortable: true, help: 'The request it fulfils (reference such as REQ-000001); a task added by hand goes last' },
    position: { kind: 'integer', label: 'Order', readOnly: true, sortable: true },
    title: { kind: 'text', label: 'Title', required: true, maxLength: 200 },
    group: { kind: 'text', label: 'Group', column: 'group_name', maxLength: 100, filterable: true },
    assigneeId: { kind: 'user', label: 'Assignee', filterable: true },
    skipReason: { kind: 'longText', label: 'Why skipped', transitionOnly: true },
    completedAt: { kind: 'instant', label: 'Finished at', readOnly: true, sortable: true },
    completedBy: { kind: 'user', label: 'Finished by', readOnly: true },
  },
};
