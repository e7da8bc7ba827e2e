import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { slaRecord } from './sla.record.js';
import { agreementAccess, agreementFields } from './agreement.fields.js';
import { olaHooks } from './agreement.hooks.js';
import { agreementWorkflow } from './agreement.workflow.js';

/** 8.3.3: an operational level agreement with an internal group, underpinning an SLA. */
export const olaRecord: RecordTypeDefinition = {
  type: 'ola',
  plural: 'olas',
  table: 'olas',
  prefix: 'OLA',
  label: 'Operational level agreement',
  labelPlural: 'Operational level agreements',
  clause: '8.3.3',
  titleField: 'title',
  listFields: ['title', 'assignmentGroup', 'supportsSla', 'reviewDate'],
  workflow: agreementWorkflow,
  access: agreementAccess,
  hooks: olaHooks,
  fields: {
    ...agreementFields('Id of the business calendar the targets count in; the SLA\'s calendar when empty', false),
    assignmentGroup: { kind: 'text', label: 'Assignment group', required: true, maxLength: 100, filterable: true, sortable: true, help: 'The resolver group, exactly as tickets name it, e.g. Network' },
    // Underpins a live agreement (draft, agreed or under review), never a retired one.
    supportsSla: { kind: 'reference', target: slaRecord, targetStates: ['draft', 'agreed', 'under-review'], label: 'Supports SLA', required: true, filterable: true, help: 'The SLA it underpins' },
  },
};
