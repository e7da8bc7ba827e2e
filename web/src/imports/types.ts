/** The import-run resource of /api/incident-imports, as the server sends it. */

export type ImportRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'rejected';

export interface ImportIssue {
  line: number;
  number: string | null;
  field: string;
  reason: string;
}

export interface ImportProgress {
  processed: number;
  total: number | null;
  totalIsEstimate: boolean;
  percent: number;
  rowsPerSecond: number | null;
}

export interface ImportReportSummary {
  rows: number;
  incidents: number;
  imported: number;
  alreadyImported: number;
  issueCount: number;
  notes: string[];
  seconds: number;
}

export interface ImportRunSummary {
  id: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  mode: 'dry-run' | 'import';
  status: ImportRunStatus;
  phase: 'checking' | 'writing' | null;
  uploadedBy: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  checkedBy: string | null;
  error: string | null;
  progress: ImportProgress;
  report: ImportReportSummary | null;
}

export interface ImportRun extends Omit<ImportRunSummary, 'report'> {
  report: (ImportReportSummary & { issues: ImportIssue[] }) | null;
}
