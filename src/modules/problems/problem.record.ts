import { staffRoles } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/http/app-error.js';
import type { DeriveContext, RecordTypeDefinition } from '../../kernel/records/record-type.js';
import type { FieldValues } from '../../kernel/records/record-row.js';
import { problemWorkflow } from './problem.workflow.js';
import { serviceRecord } from '../services/index.js';

/** Closure reasons that stand without a root cause, provided they are justified. */
export const reasonsWithoutRootCause = ['no-root-cause-found', 'duplicate', 'accepted-risk'];

/** 8.6.3: a closed problem has its root cause, or a reason why not that someone justified. */
function deriveProblem({ after, status, previousStatus, now }: DeriveContext): FieldValues {
  const values: FieldValues = {};
  if (status === 'closed' && previousStatus !== 'closed') {
    const reason = String(after.closureReason ?? '');
    const hasCause = typeof after.rootCause === 'string' && after.rootCause.trim() !== '';
    if (!hasCause && !reasonsWithoutRootCause.includes(reason)) {
      throw AppError.validation('rootCause', `is required to close with reason "${reason}"; otherwise choose no root cause found, duplicate or accepted risk and justify it`);
    }
    if (!hasCause && !(typeof after.closureJustification === 'string' && after.closureJustification.trim() !== '')) {
      throw AppError.validation('closureJustification', 'is required to close a problem without a root cause');
    }
    values.closedAt = new Date(now).toISOString();
  }
  if (previousStatus === 'closed' && status !== 'closed') values.closedAt = null;
  if (status === 'known-error' && previousStatus !== 'known-error') values.knownError = true;
  return values;
}

export const problemRecord: RecordTypeDefinition = {
  type: 'problem',
  plural: 'problems',
  table: 'problems',
  prefix: 'PRB',
  label: 'Problem',
  labelPlural: 'Problems',
  clause: '8.6.3',
  titleField: 'title',
  listFields: ['title', 'service', 'category', 'priority', 'knownError'],
  workflow: problemWorkflow,
  access: {
    read: staffRoles,
    create: ['incident-problem-manager', 'sms-manager', 'service-desk-agent', 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager'],
    update: ['incident-problem-manager', 'sms-manager', 'change-release-manager', 'configuration-manager', 'capacity-availability-manager', 'security-manager', 'service-desk-agent'],
  },
  hooks: { derive: deriveProblem },
  fields: {
    title: { kind: 'text', label: 'Title', required: true, maxLength: 200, sortable: true },
    description: { kind: 'longText', label: 'Description' },
    service: { kind: 'reference', target: serviceRecord, label: 'Service', filterable: true, sortable: true, help: 'The catalogue service whose incidents it explains' },
    category: {
      kind: 'enum', label: 'Category', required: true, filterable: true,
      options: ['hardware', 'software', 'network', 'access', 'security', 'data', 'other'].map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) })),
    },
    priority: { kind: 'enum', label: 'Priority', required: true, filterable: true, sortable: true, options: ['P1', 'P2', 'P3', 'P4'].map((p) => ({ value: p, label: p })) },
    rootCause: { kind: 'longText', label: 'Root cause', help: 'What causes the incidents, as found by the analysis' },
    workaround: { kind: 'longText', label: 'Workaround', help: 'How to restore service until the cause is removed; agents search the known-error database for it' },
    knownError: { kind: 'boolean', label: 'Known error', readOnly: true, filterable: true },
    closureReason: {
      kind: 'enum', label: 'Closure reason', transitionOnly: true, filterable: true,
      options: [
        { value: 'cause-removed', label: 'Cause removed' }, { value: 'resolved-by-change', label: 'Resolved by a change' },
        { value: 'no-root-cause-found', label: 'No root cause found' }, { value: 'duplicate', label: 'Duplicate' }, { value: 'accepted-risk', label: 'Risk accepted' },
      ],
    },
    closureJustification: { kind: 'longText', label: 'Justification', transitionOnly: true, help: 'Why it may close without a root cause' },
    closedAt: { kind: 'instant', label: 'Closed at', readOnly: true, sortable: true },
    recurrences: { kind: 'integer', label: 'Recurrences since closure', readOnly: true, sortable: true, help: 'Incidents on the same service and category opened after the problem was closed' },
    lastRecurrenceAt: { kind: 'instant', label: 'Last recurrence', readOnly: true },
    source: { kind: 'text', label: 'Source', readOnly: true, filterable: true, help: 'Where an imported problem came from' },
    externalId: { kind: 'text', label: 'External number', readOnly: true },
  },
};
