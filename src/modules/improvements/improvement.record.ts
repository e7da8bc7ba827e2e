import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { improvementWorkflow } from './improvement.workflow.js';

const sources = [
  { value: 'audit', label: 'Internal or external audit' },
  { value: 'management-review', label: 'Management review' },
  { value: 'incident-trend', label: 'Incident or problem trend' },
  { value: 'customer-feedback', label: 'Customer feedback or complaint' },
  { value: 'kpi', label: 'KPI or service report' },
  { value: 'staff', label: 'Staff suggestion' },
  { value: 'other', label: 'Other' },
];

/** 10.2 Continual improvement: the register of opportunities for improvement. */
export const improvementRecord: RecordTypeDefinition = {
  type: 'improvement',
  plural: 'improvements',
  table: 'improvements',
  prefix: 'IMP',
  label: 'Improvement',
  labelPlural: 'Improvements',
  clause: '10.2',
  titleField: 'title',
  listFields: ['title', 'source', 'priority', 'targetDate'],
  workflow: improvementWorkflow,
  access: {
    read: ['top-management', 'sms-manager', 'process-owner', 'service-level-manager', 'change-release-manager', 'incident-problem-manager', 'configuration-manager', 'capacity-availability-manager', 'continuity-manager', 'security-manager', 'supplier-manager', 'service-desk-agent'],
    create: ['top-management', 'sms-manager', 'process-owner', 'service-level-manager', 'change-release-manager', 'incident-problem-manager', 'configuration-manager', 'capacity-availability-manager', 'continuity-manager', 'security-manager', 'supplier-manager', 'service-desk-agent'],
    update: ['sms-manager', 'process-owner', 'service-level-manager', 'change-release-manager', 'incident-problem-manager', 'configuration-manager', 'capacity-availability-manager', 'continuity-manager', 'security-manager', 'supplier-manager'],
  },
  fields: {
    title: { kind: 'text', label: 'Title', required: true, maxLength: 200, sortable: true },
    description: { kind: 'longText', label: 'Description', help: 'What should improve, and why' },
    source: { kind: 'enum', label: 'Source', required: true, options: sources, filterable: true, sortable: true },
    priority: {
      kind: 'enum', label: 'Priority', required: true, filterable: true, sortable: true,
      options: [{ value: 'low', label: 'Low' }, { value: 'medium', label: 'Medium' }, { value: 'high', label: 'High' }],
    },
    expectedBenefit: { kind: 'longText', label: 'Expected benefit', help: 'The measurable effect hoped for, used to judge the outcome' },
    targetDate: { kind: 'date', label: 'Target date', filterable: true, sortable: true },
    decisionReason: { kind: 'longText', label: 'Reason for the decision', transitionOnly: true, help: 'Why it was approved or rejected' },
    outcome: { kind: 'longText', label: 'Outcome', transitionOnly: true, help: 'What was achieved, measured against the expected benefit' },
  },
};
