import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { agreementAccess, agreementFields } from './agreement.fields.js';
import { slaHooks } from './agreement.hooks.js';
import { agreementWorkflow } from './agreement.workflow.js';

/** 8.3.2 Service level management: the agreed targets for a service, optionally for one customer. */
export const slaRecord: RecordTypeDefinition = {
  type: 'sla',
  plural: 'slas',
  table: 'slas',
  prefix: 'SLA',
  label: 'Service level agreement',
  labelPlural: 'Service level agreements',
  clause: '8.3.2',
  titleField: 'title',
  listFields: ['title', 'service', 'customer', 'calendarId', 'reviewDate'],
  workflow: agreementWorkflow,
  access: agreementAccess,
  hooks: slaHooks,
  fields: {
    ...agreementFields('Id of the business calendar the targets count in (see GET /api/calendars)', true),
    service: { kind: 'text', label: 'Service', required: true, maxLength: 20, filterable: true, sortable: true, help: 'Reference of the catalogue service, e.g. SVC-000001' },
    customer: { kind: 'text', label: 'Customer', maxLength: 20, filterable: true, help: 'Reference of the customer, e.g. CUS-000001; empty for every customer of the service' },
    atRiskPercent: { kind: 'integer', label: 'At risk at (%)', minimum: 1, maximum: 100, help: 'A clock is at risk once it has used this share of its target; 75 when left empty' },
    pauseStatuses: { kind: 'text', label: 'Pause statuses', maxLength: 500, help: 'Ticket statuses that stop the clock counting, comma-separated, e.g. awaiting-caller' },
  },
};
