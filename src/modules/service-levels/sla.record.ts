import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { customerRecord, serviceRecord } from '../services/index.js';
import { agreementAccess, agreementFields } from './agreement.fields.js';
import { slaHooks } from './agreement.hooks.js';
import { agreementWorkflow } from './agreement.workflow.js';

/** 8.3.3 Service level management: the agreed targets for a service, optionally for one customer. */
export const slaRecord: RecordTypeDefinition = {
  type: 'sla',
  plural: 'slas',
  table: 'slas',
  prefix: 'SLA',
  label: 'Service level agreement',
  labelPlural: 'Service level agreements',
  clause: '8.3.3',
  titleField: 'title',
  listFields: ['title', 'service', 'customer', 'calendarId', 'reviewDate'],
  workflow: agreementWorkflow,
  access: agreementAccess,
  hooks: slaHooks,
  fields: {
    ...agreementFields('Id of the business calendar the targets count in (see GET /api/calendars)', true),
    // A retired service takes no new agreement; one being designed (pipeline) may agree its levels first.
    service: { kind: 'reference', target: serviceRecord, targetStates: ['pipeline', 'live'], label: 'Service', required: true, filterable: true, sortable: true, help: 'The catalogue service the agreement covers' },
    customer: { kind: 'reference', target: customerRecord, label: 'Customer', filterable: true, help: 'The customer it is agreed with; empty for every customer of the service' },
    atRiskPercent: { kind: 'integer', label: 'At risk at (%)', minimum: 1, maximum: 100, help: 'A clock is at risk once it has used this share of its target; 75 when left empty' },
    pauseStatuses: { kind: 'text', label: 'Pause statuses', maxLength: 500, help: 'Ticket statuses that stop the clock counting, comma-separated, e.g. awaiting-caller' },
  },
};
