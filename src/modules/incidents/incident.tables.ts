import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface IncidentTable extends RecordColumns {
  short_description: string;
  description: string | null;
  caller_id: string | null;
  service: string | null;
  sla: string | null;
  category: string;
  configuration_item: string | null;
  impact: string;
  urgency: string;
  priority: string;
  assignment_group: string | null;
  assignee_id: string | null;
  supplier: string | null;
  reassignment_count: number;
  reopen_count: number;
  resolution_code: string | null;
  resolution_notes: string | null;
  first_responded_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  resolved_at_unknown: number | null;
  imported_made_sla: number | null;
  major: number;
  major_incident_manager_id: string | null;
  major_declared_at: number | null;
  pir_summary: string | null;
  source: string | null;
  external_id: string | null;
}

export interface IncidentPriorityMatrixTable {
  impact: string;
  urgency: string;
  priority: string;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    incidents: IncidentTable;
    incident_priority_matrix: IncidentPriorityMatrixTable;
  }
}
