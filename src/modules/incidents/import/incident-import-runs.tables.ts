export type ImportRunMode = 'dry-run' | 'import';
export type ImportRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'rejected';
export type ImportRunPhase = 'checking' | 'writing';

export interface IncidentImportRunTable {
  id: string;
  file_name: string;
  file_size: number;
  sha256: string;
  uploaded_by: string;
  created_at: number;
  mode: ImportRunMode;
  status: ImportRunStatus;
  phase: ImportRunPhase | null;
  rows_processed: number;
  rows_total: number | null;
  rows_total_estimated: number;
  percent: number;
  rows_per_second: number | null;
  incidents: number | null;
  imported: number | null;
  already_imported: number | null;
  issue_count: number;
  issues: unknown;
  notes: unknown;
  error: string | null;
  checked_by_run: string | null;
  format_version: number;
  started_at: number | null;
  finished_at: number | null;
  heartbeat_at: number | null;
  /** 'xes' for an XES event log; null for a ServiceNow CSV export. */
  source_format: string | null;
  /** For an XES log: the kind, mapping and figures (XesRunDetails). */
  xes: unknown;
}

declare module '../../../platform/db/tables.js' {
  interface CertusTables {
    incident_import_runs: IncidentImportRunTable;
  }
}
