import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../../platform/db/database.js';
import { readJson, writeJson } from '../../../platform/db/columns.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/app-error.js';
import { enqueueJob } from '../../../platform/jobs/job-queue.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { isZip, rangeSource } from './csv-source.js';
import { notTextReason, sniffBytes } from './servicenow-export.js';
import { exportIssues } from './incident-import.service.js';
import type { ImportRunSummaryView, ImportRunView } from './incident-import.schemas.js';
import { blobReader, findImportRun, insertImportRun, pageImportRuns, storeBlob, unfinishedImportOf, type ImportRunRow } from './incident-import-runs.repository.js';
import type { ImportRunMode } from './incident-import-runs.tables.js';
import type { ImportIssue } from './servicenow-incidents.js';
import { xesDetailsView, xesRunIssues } from './xes-import-runs.js';

export const incidentImportJob = 'incidents.import';
/** Bumped whenever the row checks change, so an import never relies on a dry run the rules have outgrown. */
export const importFormatVersion = 1;

export interface Upload {
  filename: string;
  content: Buffer;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function summaryOf(row: ImportRunRow): Omit<ImportRunSummaryView, 'report'> {
  return {
    id: row.id, fileName: row.file_name, fileSize: row.file_size, sha256: row.sha256, format: row.source_format === 'xes' ? 'xes' : 'servicenow-csv', mode: row.mode, status: row.status, phase: row.phase,
    uploadedBy: { id: row.uploaded_by, name: row.uploaded_by_name },
    createdAt: new Date(row.created_at).toISOString(), startedAt: iso(row.started_at), finishedAt: iso(row.finished_at),
    checkedBy: row.checked_by_run, error: row.error,
    progress: { processed: row.rows_processed, total: row.rows_total, totalIsEstimate: row.rows_total_estimated === 1, percent: row.percent, rowsPerSecond: row.rows_per_second },
  };
}

function reportOf(row: ImportRunRow) {
  if (row.status !== 'succeeded' && row.status !== 'rejected') return null;
  return {
    rows: row.rows_total ?? row.rows_processed, incidents: row.incidents ?? 0, imported: row.imported ?? 0, alreadyImported: row.already_imported ?? 0,
    issueCount: row.issue_count, notes: readJson<string[]>(row.notes),
    seconds: row.started_at !== null && row.finished_at !== null ? (row.finished_at - row.started_at) / 1000 : 0,
    xes: xesDetailsView(row),
  };
}

export function runSummaryView(row: ImportRunRow): ImportRunSummaryView {
  return { ...summaryOf(row), report: reportOf(row) };
}

export function runView(row: ImportRunRow): ImportRunView {
  const report = reportOf(row);
  return { ...summaryOf(row), report: report && { ...report, issues: readJson<ImportIssue[]>(row.issues) } };
}

export async function getImportRun(db: Executor, id: string): Promise<ImportRunRow> {
  const row = await findImportRun(db, id);
  if (!row) throw AppError.notFound(`Import run ${id}`);
  return row;
}

export async function listImportRuns(db: Executor, query: { limit?: number; cursor?: string }): Promise<{ items: ImportRunSummaryView[]; nextCursor: string | null }> {
  const limit = query.limit ?? 20;
  const rows = await pageImportRuns(db, limit, query.cursor);
  const page = rows.slice(0, limit);
  return { items: page.map(runSummaryView), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Only CSV text or a zip: anything else is refused before it is stored. */
function checkUpload(upload: Upload): void {
  const name = upload.filename.toLowerCase();
  const unsupported = (reason: string) => new AppError('unsupported-media-type', `The file ${reason}; send a ServiceNow export as .csv or .zip`, { errors: [{ field: 'file', reason }] });
  if (!name.endsWith('.csv') && !name.endsWith('.zip')) throw unsupported('is not a .csv or .zip file');
  if (upload.content.length === 0) throw AppError.validation('file', 'is empty');
  const zip = isZip(name, upload.content);
  if (name.endsWith('.zip') && upload.content.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') throw unsupported('is named .zip but is not a zip file');
  if (zip) return;
  const reason = notTextReason(upload.content.subarray(0, sniffBytes)) ?? (upload.content.subarray(0, 64 * 1024).includes(0) ? 'is not text' : null);
  if (reason) throw unsupported(reason);
}

/** The fields of a new run; an XES log's run also carries its format and the request's mapping overrides. */
export interface NewRunFields {
  fileName: string;
  fileSize: number;
  sha256: string;
  mode: ImportRunMode;
  checkedBy: string | null;
  format?: string | null;
  xes?: unknown;
}

export async function createRun(trx: Executor, fields: NewRunFields, principal: Principal, now: number): Promise<string> {
  if (fields.mode === 'import') {
    const running = await unfinishedImportOf(trx, fields.sha256);
    if (running) throw new AppError('conflict', `An import of this file is already queued or running (run ${running.id})`, { errors: [{ field: 'file', reason: 'is already being imported' }] });
  }
  const id = newId();
  await insertImportRun(trx, {
    id, file_name: fields.fileName, file_size: fields.fileSize, sha256: fields.sha256, uploaded_by: principal.userId, created_at: now,
    mode: fields.mode, status: 'queued', phase: null, rows_processed: 0, rows_total: null, rows_total_estimated: 0, percent: 0, rows_per_second: null,
    incidents: null, imported: null, already_imported: null, issue_count: 0, issues: writeJson([]), notes: writeJson([]), error: null,
    checked_by_run: fields.checkedBy, format_version: importFormatVersion, started_at: null, finished_at: null, heartbeat_at: null,
    source_format: fields.format ?? null, xes: fields.xes === undefined ? null : writeJson(fields.xes),
  });
  // The job exists exactly when the run does (same transaction); it runs once (see the job handler).
  await enqueueJob(trx, { kind: incidentImportJob, payload: { runId: id }, maxAttempts: 1 }, now);
  return id;
}

/** Stores the upload and queues its run: a dry run checks, an import checks (or relies on a clean dry run) and writes. */
export async function submitImport(database: Database, upload: Upload, mode: ImportRunMode, principal: Principal, now = Date.now()): Promise<ImportRunRow> {
  checkUpload(upload);
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  const fileName = upload.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 255);
  const id = await database.db.transaction().execute(async (trx) => {
    await storeBlob(trx, sha256, upload.content);
    return createRun(trx, { fileName, fileSize: upload.content.length, sha256, mode, checkedBy: null }, principal, now);
  });
  return getImportRun(database.db, id);
}

/** Imports the file a dry run checked, without sending it again; only a clean dry run qualifies. */
export async function importCheckedFile(database: Database, dryRunId: string, principal: Principal, now = Date.now()): Promise<ImportRunRow> {
  const id = await database.db.transaction().execute(async (trx) => {
    const dryRun = await getImportRun(trx, dryRunId);
    if (dryRun.mode !== 'dry-run') throw new AppError('conflict', `Run ${dryRunId} is an import, not a dry run`);
    if (dryRun.status !== 'succeeded') throw new AppError('conflict', `Run ${dryRunId} is ${dryRun.status}; only a dry run that found no problem can be imported`);
    return createRun(trx, {
      fileName: dryRun.file_name, fileSize: dryRun.file_size, sha256: dryRun.sha256, mode: 'import', checkedBy: dryRun.id,
      format: dryRun.source_format, xes: dryRun.xes === null ? undefined : readJson(dryRun.xes),
    }, principal, now);
  });
  return getImportRun(database.db, id);
}

/**
 * Every issue of a run, a page at a time. The first 200 are stored with the run; when there
 * are more, the stored file is read again: the check is a function of its bytes.
 */
export async function* runIssues(db: Executor, row: ImportRunRow): AsyncGenerator<ImportIssue[]> {
  const stored = readJson<ImportIssue[]>(row.issues);
  if (stored.length >= row.issue_count) {
    yield stored;
    return;
  }
  if (row.source_format === 'xes') {
    yield* xesRunIssues(db, row);
    return;
  }
  yield* exportIssues(rangeSource(blobReader(db, row.sha256, row.file_size), row.file_name));
}
