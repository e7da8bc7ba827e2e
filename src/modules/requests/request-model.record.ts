import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { serviceRecord } from '../services/index.js';
import { deriveRequestModel } from './request-model.rules.js';
import { FormFields, TaskTemplates } from './request-model.schemas.js';
import { modelEditors, requestModelWorkflow } from './request-model.workflow.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';

/**
 * 8.6.2 Service request management: a request model is one entry of the request catalogue —
 * what can be asked for on a service, the information needed, whether it is approved first,
 * the tasks that fulfil it and the target time to fulfil it.
 */
export const requestModelRecord: RecordTypeDefinition = {
  type: 'request-model',
  plural: 'request-models',
  table: 'request_models',
  prefix: 'RQM',
  label: 'Request model',
  labelPlural: 'Request models',
  clause: '8.6.2',
  titleField: 'name',
  listFields: ['name', 'service', 'fulfilmentGroup', 'fulfilmentTargetHours', 'approvalRequired'],
  workflow: requestModelWorkflow,
  access: { read: [...staffRoles, 'requester'], create: modelEditors, update: modelEditors },
  // Requesters see the catalogue: published models only.
  readScope: (principal) => (isRequesterOnly(principal) ? { column: 'status', equals: 'published' } : null),
  hooks: { derive: deriveRequestModel },
  fields: {
    name: { kind: 'text', label: 'Name', required: true, maxLength: 120, sortable: true, help: 'What the requester asks for, e.g. "New starter laptop"' },
    description: { kind: 'longText', label: 'Description', help: 'What the requester gets, and anything they should know first' },
    service: { kind: 'reference', target: serviceRecord, label: 'Service', required: true, filterable: true, sortable: true, help: 'The catalogue service it is requested under; it must be live to publish' },
    fulfilmentGroup: { kind: 'text', label: 'Fulfilment group', maxLength: 100, filterable: true, help: 'The group requests are assigned to' },
    fulfilmentTargetHours: { kind: 'integer', label: 'Fulfilment target (business hours)', minimum: 1, maximum: 8760, sortable: true, help: "Counted in the service's support hours (round the clock when it has no calendar), from submission or approval" },
    approvalRequired: { kind: 'boolean', label: 'Approval required', filterable: true },
    approverId: { kind: 'user', label: 'Approver', help: 'Who approves; the service owner when empty' },
    formFields: { kind: 'json', label: 'Form fields', schema: FormFields, help: 'The questions the request form asks' },
    tasks: { kind: 'json', label: 'Fulfilment tasks', schema: TaskTemplates, help: 'Done in this order once fulfilment starts' },
  },
};
