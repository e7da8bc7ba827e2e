import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { catalogueEditors, customerWorkflow } from './service.workflow.js';

const sectors = [
  { value: 'financial-services', label: 'Financial services' },
  { value: 'retail', label: 'Retail' },
  { value: 'public-sector', label: 'Public sector' },
  { value: 'healthcare', label: 'Healthcare' },
  { value: 'manufacturing', label: 'Manufacturing' },
  { value: 'education', label: 'Education' },
  { value: 'professional-services', label: 'Professional services' },
  { value: 'other', label: 'Other' },
];

/** 8.3.2 Business relationship management: the customers the services are delivered to. */
export const customerRecord: RecordTypeDefinition = {
  type: 'customer',
  plural: 'customers',
  table: 'customers',
  prefix: 'CUS',
  label: 'Customer',
  labelPlural: 'Customers',
  clause: '8.3.2',
  titleField: 'organisationName',
  listFields: ['organisationName', 'sector', 'accountManager'],
  workflow: customerWorkflow,
  access: { read: staffRoles, create: catalogueEditors, update: catalogueEditors },
  fields: {
    organisationName: { kind: 'text', label: 'Organisation', required: true, maxLength: 200, sortable: true },
    sector: { kind: 'enum', label: 'Sector', options: sectors, filterable: true, sortable: true },
    accountManager: { kind: 'user', label: 'Account manager', filterable: true, help: 'Owns the relationship with this customer' },
    contacts: { kind: 'longText', label: 'Contacts', help: 'Named contacts, one a line: name, role, e-mail, phone' },
  },
};
