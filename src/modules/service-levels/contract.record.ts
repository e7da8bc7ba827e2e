import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { slaRecord } from './sla.record.js';
import { agreementAccess, agreementFields } from './agreement.fields.js';
import { contractHooks } from './agreement.hooks.js';
import { agreementWorkflow } from './agreement.workflow.js';

/** 8.3.3 (with 8.3.4): a supplier's underpinning contract and the targets it commits to. */
export const contractRecord: RecordTypeDefinition = {
  type: 'contract',
  plural: 'contracts',
  table: 'underpinning_contracts',
  prefix: 'UC',
  label: 'Underpinning contract',
  labelPlural: 'Underpinning contracts',
  clause: '8.3.3',
  titleField: 'title',
  listFields: ['title', 'supplier', 'supportsSla', 'contractEnd'],
  workflow: agreementWorkflow,
  access: agreementAccess,
  hooks: contractHooks,
  fields: {
    ...agreementFields('Id of the business calendar the supplier\'s targets count in; the SLA\'s calendar when empty', false),
    supplier: { kind: 'text', label: 'Supplier', required: true, maxLength: 200, filterable: true, sortable: true, help: 'The supplier, exactly as tickets name it when they are with the supplier' },
    // Underpins a live agreement (draft, agreed or under review), never a retired one.
    supportsSla: { kind: 'reference', target: slaRecord, targetStates: ['draft', 'agreed', 'under-review'], label: 'Supports SLA', required: true, filterable: true, help: 'The SLA it underpins' },
    contractEnd: { kind: 'date', label: 'Contract end', filterable: true, sortable: true },
  },
};
