import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { staffRoles } from '../../platform/auth/roles.js';
import { assessmentHooks } from './assessment.hooks.js';
import { assessmentApprovers, assessmentRunners, assessmentWorkflow, closedAssessmentStates } from './assessment.workflow.js';

export const assessmentKinds = [
  { value: 'gap-assessment', label: 'Gap assessment' },
  { value: 'internal-audit', label: 'Internal audit' },
  { value: 'pre-assessment', label: 'Pre-assessment' },
  { value: 'stage-1', label: 'Stage 1 audit' },
  { value: 'stage-2', label: 'Stage 2 audit' },
  { value: 'surveillance', label: 'Surveillance audit' },
  { value: 'recertification', label: 'Recertification audit' },
] as const;

export type AssessmentKind = (typeof assessmentKinds)[number]['value'];

/**
 * 9.2 and the certification cycle: one assessment of the SMS against the catalogue, over all
 * clauses or a chosen scope, with one answer per requirement (stored apart, see answers).
 */
export const assessmentRecord: RecordTypeDefinition = {
  type: 'assessment',
  plural: 'assessments',
  table: 'assessments',
  prefix: 'ASM',
  label: 'Assessment',
  labelPlural: 'Assessments',
  clause: '9.2',
  titleField: 'title',
  listFields: ['title', 'kind', 'plannedStart', 'leadAssessor'],
  workflow: assessmentWorkflow,
  access: {
    // Everyone working in the SMS may see how it was assessed; requesters may not.
    read: staffRoles,
    create: [...assessmentRunners],
    update: [...assessmentRunners],
    // Each transition names its own roles; top management needs the permission to approve.
    transition: [...new Set([...assessmentRunners, ...assessmentApprovers])],
  },
  hooks: assessmentHooks(() => assessmentRecord),
  // 9.2.2: the evidence an audit's result rests on is retained as it was when the result was given.
  frozenIn: { states: closedAssessmentStates, message: 'Start a follow-up assessment based on it to record new evidence.' },
  fields: {
    title: { kind: 'text', label: 'Title', required: true, maxLength: 200, sortable: true },
    kind: { kind: 'enum', label: 'Kind', required: true, options: assessmentKinds.map((k) => ({ ...k })), filterable: true, sortable: true },
    scope: {
      kind: 'text', label: 'Scope', maxLength: 2000,
      help: 'Empty for every clause 4-10; otherwise clause numbers and process names, comma-separated (5.3, 8.6, incident-management)',
    },
    basedOn: { kind: 'text', label: 'Started from', maxLength: 20, help: 'A completed or approved assessment (ASM-000001) whose answers are carried over' },
    leadAssessor: { kind: 'user', label: 'Lead assessor', filterable: true },
    plannedStart: { kind: 'date', label: 'Planned start', filterable: true, sortable: true },
    plannedEnd: { kind: 'date', label: 'Planned end', sortable: true },
    objectives: { kind: 'longText', label: 'Objectives and criteria', help: 'What the assessment is for and what it is measured against' },
    conclusion: { kind: 'longText', label: 'Conclusion', transitionOnly: true, help: 'The overall finding, written when the assessment is completed' },
    approvalNote: { kind: 'longText', label: 'Approval note', transitionOnly: true, help: 'Who accepted the result and any conditions' },
  },
};
