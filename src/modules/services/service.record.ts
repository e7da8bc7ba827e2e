import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { serviceHooks } from './service.hooks.js';
import { catalogueEditors, serviceWorkflow } from './service.workflow.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';

const serviceTypes = [
  { value: 'customer-facing', label: 'Customer-facing' },
  { value: 'supporting', label: 'Supporting (internal or shared)' },
];

const criticalities = [
  { value: 'critical', label: 'Critical' },
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];

/**
 * 8.2.4 Service catalogue management: the services delivered, their owners, dependencies on
 * calendars and agreements, and the customers they serve.
 */
export const serviceRecord: RecordTypeDefinition = {
  type: 'service',
  plural: 'services',
  table: 'services',
  prefix: 'SVC',
  label: 'Service',
  labelPlural: 'Services',
  clause: '8.2.4',
  titleField: 'name',
  listFields: ['name', 'serviceType', 'category', 'criticality', 'serviceOwner'],
  workflow: serviceWorkflow,
  hooks: serviceHooks,
  access: {
    // Requesters read the catalogue in the portal (live services only, see readScope).
    read: [...staffRoles, 'requester'],
    create: catalogueEditors,
    update: catalogueEditors,
  },
  // A requester sees what they can ask for: live services, not the pipeline or the retired.
  readScope: (principal) => (isRequesterOnly(principal) ? { column: 'status', equals: 'live' } : null),
  fields: {
    name: { kind: 'text', label: 'Name', required: true, maxLength: 200, sortable: true },
    description: { kind: 'longText', label: 'Description', help: 'What the service does for the customer, in their words' },
    serviceOwner: { kind: 'user', label: 'Service owner', filterable: true, help: 'Accountable for the service end to end' },
    serviceType: { kind: 'enum', label: 'Service type', required: true, options: serviceTypes, filterable: true, sortable: true },
    category: { kind: 'text', label: 'Category', maxLength: 100, filterable: true, sortable: true, help: 'e.g. Hosting, End-user, Network, Security' },
    criticality: { kind: 'enum', label: 'Criticality', required: true, options: criticalities, filterable: true, sortable: true },
    supportCalendarId: { kind: 'text', label: 'Support calendar', maxLength: 63, filterable: true, help: 'The business calendar support hours follow (see Service levels → Business calendars)', lookup: 'calendar' },
    customersServed: { kind: 'longText', label: 'Customers served', help: 'One customer a line, starting with its reference (e.g. CUS-000001 Contoso Retail Ltd)' },
    requestTypesOffered: { kind: 'longText', label: 'Request types offered', help: 'What customers can request under this service, one a line' },
    retirementReason: { kind: 'longText', label: 'Reason for retirement', transitionOnly: true, help: 'Why the service is withdrawn, and what replaces it' },
  },
};
