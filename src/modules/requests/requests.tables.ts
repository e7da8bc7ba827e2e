import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface RequestModelTable extends RecordColumns {
  name: string;
  description: string | null;
  service: string;
  fulfilment_group: string | null;
  fulfilment_target_hours: number | null;
  approval_required: number | null;
  approver_id: string | null;
  /** JSON text: the questions the request form asks. */
  form_fields: string | null;
  /** JSON text: the ordered fulfilment tasks. */
  tasks: string | null;
}

export interface ServiceRequestTable extends RecordColumns {
  model: string;
  service: string | null;
  short_description: string | null;
  answers: string | null;
  requester_id: string | null;
  assignment_group: string | null;
  assignee_id: string | null;
  approver_id: string | null;
  approval_decision: string | null;
  approval_reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  target_minutes: number | null;
  calendar_id: string | null;
  due_at: number | null;
  fulfilled_at: number | null;
  closed_at: number | null;
  fulfilled_within_target: number | null;
  fulfilment_business_minutes: number | null;
  reopen_count: number | null;
  reopen_reason: string | null;
  cancel_reason: string | null;
  satisfaction: number | null;
  satisfaction_comment: string | null;
}

export interface RequestTaskTable extends RecordColumns {
  request: string;
  position: number | null;
  title: string;
  group_name: string | null;
  assignee_id: string | null;
  skip_reason: string | null;
  completed_at: number | null;
  completed_by: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    request_models: RequestModelTable;
    service_requests: ServiceRequestTable;
    request_tasks: RequestTaskTable;
  }
}
