import type { Updateable } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { readJson, writeJson } from '../../../platform/db/columns.js';
import { rangeSource } from './csv-source.js';
import { checkServicenowExport, writeServicenowIncidents, type ExportCheck } from './incident-import.service.js';
import { progressRecorder } from './import-progress.js';
import { blobReader, claimImportRun, findImportRun, latestCleanDryRun, updateImportRun } from './incident-import-runs.repository.js';
import { importFormatVersion } from './incident-import-runs.service.js';
import type { IncidentImportRunTable } from './incident-import-runs.tables.js';
import { runClaimedXesImport } from './xes-import.job.js';

/** A running run whose worker has not written for this long is taken over. */
const staleAfterMs = 2 * 60_000;

function checkOf(dryRun: IncidentImportRunTable): ExportCheck {
  return { rows: dryRun.rows_total ?? 0, incidents: dryRun.incidents ?? 0, issueCount: 0, issues: [], notes: readJson<string[]>(dryRun.notes) };
}

/**
 * Runs one import run: checks the stored file (or relies on a clean dry run of the same bytes)
 * and, for an import, writes. A file with problems is `rejected` and nothing is written. A run
 * is taken only when queued or abandoned by a dead worker, so a job that comes back while its
 * run is still going (a lease that ran out under a long import) leaves it to its worker.
 */
export async function runIncidentImport(database: Database, runId: string): Promise<void> {
  const { db } = database;
  const started = Date.now();
  const run = await findImportRun(db, runId);
  if (!run || !(await claimImportRun(db, runId, started, started - staleAfterMs))) return;
  if (run.source_format === 'xes') return runClaimedXesImport(database, run, started);
  const source = rangeSource(blobReader(db, run.sha256, run.file_size), run.file_name);
  const progress = progressRecorder((changes) => updateImportRun(db, runId, { ...changes, heartbeat_at: Date.now() }));
  const finish = async (changes: Updateable<IncidentImportRunTable>) => {
    await progress.settle();
    const finishedAt = Date.now();
    const rows = changes.rows_total ?? run.rows_total ?? 0;
    const seconds = (finishedAt - started) / 1000;
    await updateImportRun(db, runId, { rows_per_second: Math.round(Number(rows) / Math.max(seconds, 0.001)), ...changes, finished_at: finishedAt, heartbeat_at: finishedAt });
  };
  const rejected = (check: ExportCheck) => finish({
    status: 'rejected', phase: null, rows_processed: check.rows, rows_total: check.rows, rows_total_estimated: 0, percent: 100,
    issue_count: check.issueCount, issues: writeJson(check.issues), notes: writeJson(check.notes), incidents: check.incidents, imported: 0, already_imported: 0,
  });
  try {
    const dryRun = run.mode === 'import' ? await latestCleanDryRun(db, run.sha256, importFormatVersion) : undefined;
    const check = dryRun ? checkOf(dryRun) : await checkServicenowExport(source, (step) => progress.step(step));
    const counted = { rows_total: check.rows, rows_total_estimated: 0, incidents: check.incidents, notes: writeJson(check.notes) };
    if (check.issueCount > 0) return await rejected(check);
    if (run.mode === 'dry-run') {
      return await finish({ status: 'succeeded', phase: null, rows_processed: check.rows, percent: 100, issue_count: 0, issues: writeJson([]), ...counted });
    }
    await updateImportRun(db, runId, { ...counted, checked_by_run: dryRun?.id ?? null });
    const written = await writeServicenowIncidents(database, source, check, { actorId: run.uploaded_by, onStep: (step) => progress.step(step) });
    progress.step({ phase: 'writing', rows: check.rows, bytes: 0, totalBytes: null, totalRows: check.rows }, true);
    await finish({ status: 'succeeded', phase: null, percent: 100, rows_processed: check.rows, imported: written.imported, already_imported: written.alreadyImported, ...counted });
  } catch (error) {
    await finish({ status: 'failed', phase: null, error: error instanceof Error ? error.message.slice(0, 2000) : String(error) });
    throw error;
  }
}
