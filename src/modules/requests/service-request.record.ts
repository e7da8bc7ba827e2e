import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { serviceRecord } from '../services/index.js';
import { requestModelRecord } from './request-model.record.js';
import { Answers } from './request-model.schemas.js';
import { createTasksOnStart } from './service-request.hooks.js';
import { noticeRequestParties } from './request-notices.js';
import { deriveServiceRequest, initialRequestStatus } from './service-request.rules.js';
import { approverRoles, fulfillers, serviceRequestWorkflow } from './service-request.workflow.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';

/** 8.6.2 Service request management: a request raised from a published request model. */
export const serviceRequestRecord: RecordTypeDefinition = {
  type: 'service-request',
  plural: 'service-requests',
  table: 'service_requests',
  prefix: 'REQ',
  label: 'Service request',
  labelPlural: 'Service requests',
  clause: '8.6.2',
  titleField: 'shortDescription',
  listFields: ['shortDescription', 'service', 'assignmentGroup', 'assigneeId', 'dueAt'],
  workflow: serviceRequestWorkflow,
  access: {
    read: [...staffRoles, 'requester'],
    create: [...fulfillers, 'requester'],
    update: fulfillers,
    comment: [...fulfillers, 'requester'],
    transition: [...approverRoles, 'requester'],
  },
  // Requesters see the requests they raised, nothing else.
  readScope: (principal) => (isRequesterOnly(principal) ? { column: 'requester_id', equals: principal.userId } : null),
  // 8.6.2: a requester asks for a model's service in their own name and answers its questions;
  // routing and assignment are the fulfillers'. Later they only answer, confirm with a rating,
  // reopen with what is not done, or cancel with a reason.
  fieldWrites: {
    requester: {
      create: ['model', 'shortDescription', 'answers'],
      selfOnly: ['requesterId'],
      transitions: { closed: ['satisfaction', 'satisfactionComment'], 'in-fulfilment': ['reopenReason'], cancelled: ['cancelReason'] },
    },
  },
  hooks: { derive: deriveServiceRequest, initialStatus: initialRequestStatus, afterWrite: async (context) => { await createTasksOnStart(context); await noticeRequestParties(context); } },
  fields: {
    model: { kind: 'reference', target: requestModelRecord, label: 'Request model', required: true, filterable: true, sortable: true, help: 'What is requested: a published model from the catalogue' },
    service: { kind: 'reference', target: serviceRecord, label: 'Service', readOnly: true, filterable: true, sortable: true },
    shortDescription: { kind: 'text', label: 'Short description', maxLength: 200, sortable: true, help: "The model's name when left empty" },
    answers: { kind: 'json', label: 'Answers', schema: Answers, help: "Answers to the model's questions" },
    requesterId: { kind: 'user', label: 'Requester', filterable: true, help: 'Who it is for; defaults to whoever raises it', emptyLabel: 'You (whoever raises it)' },
    assignmentGroup: { kind: 'text', label: 'Assignment group', maxLength: 100, filterable: true, sortable: true },
    assigneeId: { kind: 'user', label: 'Assignee', filterable: true },
    approverId: { kind: 'user', label: 'Approver', readOnly: true, filterable: true, help: "The model's approver, or the service owner" },
    approvalDecision: { kind: 'enum', label: 'Approval decision', readOnly: true, filterable: true, options: [{ value: 'approved', label: 'Approved' }, { value: 'rejected', label: 'Rejected' }] },
    approvalReason: { kind: 'longText', label: 'Reason for the decision', transitionOnly: true },
    decidedBy: { kind: 'user', label: 'Decided by', readOnly: true },
    decidedAt: { kind: 'instant', label: 'Decided at', readOnly: true, sortable: true },
    targetMinutes: { kind: 'integer', label: 'Fulfilment target', unit: 'minutes', readOnly: true, help: "Business time of the service's calendar" },
    calendarId: { kind: 'text', label: 'Calendar', readOnly: true, help: "The service's support calendar; round the clock when empty", lookup: 'calendar' },
    dueAt: { kind: 'instant', label: 'Due', readOnly: true, sortable: true, filterable: true, help: 'When the target is reached if work continues; empty while awaiting approval or the requester' },
    fulfilledAt: { kind: 'instant', label: 'Fulfilled at', readOnly: true, sortable: true, filterable: true },
    closedAt: { kind: 'instant', label: 'Closed at', readOnly: true, sortable: true },
    fulfilledWithinTarget: { kind: 'boolean', label: 'Fulfilled within target', readOnly: true, filterable: true },
    fulfilmentBusinessMinutes: { kind: 'integer', label: 'Fulfilment time (business)', unit: 'minutes', readOnly: true, sortable: true },
    reopenCount: { kind: 'integer', label: 'Reopened', readOnly: true },
    reopenReason: { kind: 'longText', label: 'What is not done', transitionOnly: true },
    cancelReason: { kind: 'longText', label: 'Why cancelled', transitionOnly: true },
    satisfaction: { kind: 'integer', label: 'Satisfaction (1–5)', minimum: 1, maximum: 5, transitionOnly: true, filterable: true },
    satisfactionComment: { kind: 'longText', label: 'Satisfaction comment', transitionOnly: true },
  },
};
