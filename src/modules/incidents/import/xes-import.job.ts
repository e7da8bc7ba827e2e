import type { Updateable } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { readJson, writeJson } from '../../../platform/db/columns.js';
import { progressRecorder } from './import-progress.js';
import { updateImportRun, type ImportRunRow } from './incident-import-runs.repository.js';
import type { IncidentImportRunTable } from './incident-import-runs.tables.js';
import { storedXesSource, type StoredXesDetails } from './xes-import-runs.js';
import { checkXesLog, writeXesRecords } from './xes-import.service.js';

/**
 * Runs one claimed run of an XES log: checks every trace through the mapping (a log is checked
 * again on import: the check is a fast stream, and it fixes the settings the writing pass uses)
 * and, for an import of a clean log, writes. A log with problems is `rejected` and nothing is
 * written.
 */
export async function runClaimedXesImport(database: Database, run: ImportRunRow, started: number): Promise<void> {
  const { db } = database;
  const source = storedXesSource(db, run);
  const stored = readJson<StoredXesDetails>(run.xes);
  const progress = progressRecorder((changes) => updateImportRun(db, run.id, { ...changes, heartbeat_at: Date.now() }));
  const finish = async (changes: Updateable<IncidentImportRunTable>) => {
    await progress.settle();
    const finishedAt = Date.now();
    const rows = changes.rows_total ?? run.rows_total ?? 0;
    const seconds = (finishedAt - started) / 1000;
    await updateImportRun(db, run.id, { rows_per_second: Math.round(Number(rows) / Math.max(seconds, 0.001)), ...changes, finished_at: finishedAt, heartbeat_at: finishedAt });
  };
  try {
    const check = await checkXesLog(source, run.file_name, stored.overrides, (step) => progress.step(step));
    const details: StoredXesDetails = { overrides: stored.overrides, settings: check.settings, throughput: check.throughput };
    const counted = { rows_total: check.rows, rows_total_estimated: 0, incidents: check.incidents, notes: writeJson(check.notes), xes: writeJson(details) };
    if (check.issueCount > 0) {
      return await finish({
        status: 'rejected', phase: null, rows_processed: check.rows, percent: 100, issue_count: check.issueCount, issues: writeJson(check.issues),
        imported: 0, already_imported: 0, ...counted,
      });
    }
    if (run.mode === 'dry-run') {
      return await finish({ status: 'succeeded', phase: null, rows_processed: check.rows, percent: 100, issue_count: 0, issues: writeJson([]), ...counted });
    }
    await updateImportRun(db, run.id, counted);
    const written = await writeXesRecords(database, source, run.file_name, check, { actorId: run.uploaded_by, onStep: (step) => progress.step(step) });
    progress.step({ phase: 'writing', rows: check.rows, bytes: 0, totalBytes: null, totalRows: check.rows }, true);
    await finish({ status: 'succeeded', phase: null, percent: 100, rows_processed: check.rows, imported: written.imported, already_imported: written.alreadyImported, ...counted });
  } catch (error) {
    await finish({ status: 'failed', phase: null, error: error instanceof Error ? error.message.slice(0, 2000) : String(error) });
    throw error;
  }
}
