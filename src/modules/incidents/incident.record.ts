import type { Role } from '../../platform/auth/roles.js';
import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { incidentWorkflow } from './incident.workflow.js';
import { deriveIncident } from './incident.rules.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';
import { serviceRecord } from '../services/index.js';
import { slaRecord } from '../service-levels/index.js';

const levelOptions = [{ value: 'high', label: 'High' }, { value: 'medium', label: 'Medium' }, { value: 'low', label: 'Low' }];
const working: Role[] = ['service-desk-agent', 'incident-problem-manager', 'sms-manager', 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager', 'supplier-manager', 'continuity-manager', 'service-level-manager'];

/** 8.6.1 Incident management: the record of an unplanned interruption or degradation. */
export const incidentRecord: RecordTypeDefinition = {
  type: 'incident',
  plural: 'incidents',
  table: 'incidents',
  prefix: 'INC',
  label: 'Incident',
  labelPlural: 'Incidents',
  clause: '8.6.1',
  titleField: 'shortDescription',
  listFields: ['shortDescription', 'priority', 'service', 'assignmentGroup', 'assigneeId'],
  workflow: incidentWorkflow,
  access: {
    read: [...staffRoles, 'requester'],
    create: [...working, 'requester'],
    update: working,
    comment: [...working, 'requester'],
    transition: [...working, 'requester'],
  },
  // Requesters see the incidents they reported, nothing else.
  readScope: (principal) => (isRequesterOnly(principal) ? { column: 'caller_id', equals: principal.userId } : null),
  // 8.6.1: a requester reports in their own name and describes what is wrong; who handles it
  // (group, assignee, supplier, major-incident handling) is the service desk's decision. Later a
  // requester only confirms or reopens, and changes no field while doing so.
  fieldWrites: {
    requester: {
      create: ['shortDescription', 'description', 'service', 'category', 'impact', 'urgency', 'configurationItem'],
      selfOnly: ['callerId'],
    },
  },
  hooks: { derive: deriveIncident },
  fields: {
    shortDescription: { kind: 'text', label: 'Short description', required: true, maxLength: 200, sortable: true },
    description: { kind: 'longText', label: 'Description' },
    callerId: { kind: 'user', label: 'Caller', filterable: true, help: 'Who reported it; defaults to whoever records it', emptyLabel: 'You (whoever records it)' },
    // 8.6.1: an incident is logged against a live catalogue service, so its SLA can be found.
    service: { kind: 'reference', target: serviceRecord, targetStates: ['live'], label: 'Service', filterable: true, sortable: true, help: 'The affected service, chosen from the live services in the catalogue' },
    sla: { kind: 'reference', target: slaRecord, label: 'SLA', readOnly: true, filterable: true, help: 'The service level agreement in force for the service, found when the service is set' },
    category: {
      kind: 'enum', label: 'Category', required: true, filterable: true, sortable: true,
      options: ['hardware', 'software', 'network', 'access', 'security', 'data', 'other'].map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) })),
    },
    configurationItem: { kind: 'text', label: 'Configuration item', help: 'Free text until the CMDB exists' },
    impact: { kind: 'enum', label: 'Impact', required: true, options: levelOptions, filterable: true },
    urgency: { kind: 'enum', label: 'Urgency', required: true, options: levelOptions, filterable: true },
    priority: { kind: 'enum', label: 'Priority', readOnly: true, filterable: true, sortable: true, options: ['P1', 'P2', 'P3', 'P4'].map((p) => ({ value: p, label: p })), help: 'Set from impact and urgency by the priority matrix' },
    assignmentGroup: { kind: 'text', label: 'Assignment group', filterable: true, sortable: true },
    assigneeId: { kind: 'user', label: 'Assignee', filterable: true },
    supplier: { kind: 'text', label: 'Supplier', help: 'The supplier holding it, while awaiting a supplier' },
    reassignmentCount: { kind: 'integer', label: 'Reassignments', readOnly: true, sortable: true },
    reopenCount: { kind: 'integer', label: 'Reopened', readOnly: true },
    resolutionCode: {
      kind: 'enum', label: 'Resolution code', transitionOnly: true, filterable: true,
      options: [
        { value: 'fixed', label: 'Fixed' }, { value: 'workaround', label: 'Workaround applied' }, { value: 'no-fault-found', label: 'No fault found' },
        { value: 'duplicate', label: 'Duplicate' }, { value: 'user-error', label: 'User error' }, { value: 'withdrawn', label: 'Withdrawn by caller' },
      ],
    },
    resolutionNotes: { kind: 'longText', label: 'Resolution notes', transitionOnly: true },
    firstRespondedAt: { kind: 'instant', label: 'First response at', readOnly: true, sortable: true, help: 'When someone handling the incident first took it up (assigned it or started work); stops the SLA response clock' },
    resolvedAt: { kind: 'instant', label: 'Resolved at', readOnly: true, sortable: true, filterable: true },
    closedAt: { kind: 'instant', label: 'Closed at', readOnly: true },
    resolvedAtUnknown: { kind: 'boolean', label: 'Resolution time unknown', readOnly: true, filterable: true, help: 'Set by an import when the source gave no time for the resolution; such an incident counts in no time-to-resolve figure' },
    importedMadeSla: { kind: 'boolean', label: 'Met its SLA (as exported)', readOnly: true, filterable: true, help: 'The SLA outcome the source tool exported (ServiceNow made_sla); Certus ran no clock for it' },
    major: { kind: 'boolean', label: 'Major incident', filterable: true, help: 'Declared by an incident manager when the major-incident criteria are met' },
    majorIncidentManagerId: { kind: 'user', label: 'Major-incident manager' },
    majorDeclaredAt: { kind: 'instant', label: 'Declared major at', readOnly: true },
    pirSummary: { kind: 'longText', label: 'Post-incident review', help: 'Required before a major incident can be closed', notOnCreate: true },
    source: { kind: 'text', label: 'Source', readOnly: true, filterable: true, help: 'Where an imported incident came from' },
    externalId: { kind: 'text', label: 'External number', readOnly: true },
    escalationLevel: { kind: 'integer', label: 'Escalation level', readOnly: true, filterable: true, sortable: true, help: 'Set by the SLA watch as the resolution clock reaches each escalation level; empty for an incident the watch never followed while it was open (closed before the watch ran, or imported)' },
  },
};
