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

export type XesKind = 'bpic2013-incidents' | 'bpic2013-problems' | 'bpic2014-incident-activity' | 'generic';

/** Which attributes of an XES log say what (GET /api/incident-imports/xes-kinds gives each kind's defaults). */
export interface XesMapping {
  reference: string;
  status: string;
  subStatus: string | null;
  statusSeparator: string | null;
  impact: string | null;
  group: string | null;
  product: string | null;
  resource: string | null;
  timestamp: string;
  wallClock: boolean;
}

export interface XesKindDefault {
  kind: XesKind;
  label: string;
  recordType: 'incidents' | 'problems';
  mapping: XesMapping;
}

/** What a run of an XES log read it as, and the throughput it measured (first event to last, per case). */
export interface XesRunDetails {
  kind: XesKind | null;
  detected: XesKind | null;
  recordType: 'incidents' | 'problems' | null;
  mapping: XesMapping | null;
  overrides: Record<string, string | boolean>;
  throughput: { cases: number; meanMs: number | null; medianMs: number | null } | null;
}

export interface ImportReportSummary {
  rows: number;
  incidents: number;
  imported: number;
  alreadyImported: number;
  issueCount: number;
  notes: string[];
  seconds: number;
  xes?: XesRunDetails | null;
}

export interface ImportRunSummary {
  id: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  format?: 'servicenow-csv' | 'xes';
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
