import type { Database, Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/app-error.js';
import { writeNewHistory } from '../../../kernel/history/history.service.js';
import { newId } from '../../../platform/db/ids.js';
import { nextReference } from '../../../kernel/records/references.js';
import { columnsFor, recordTables } from '../../../kernel/records/record-row.js';
import { incidentRecord } from '../incident.record.js';
import type { CsvSource } from './csv-source.js';
import { lostState } from './servicenow-format.js';
import { fileProblemOf, readExport, type ReadPosition } from './servicenow-export.js';
import { incidentFromRows, resolutionTimeOf, type ImportIssue, type NumberedRow } from './servicenow-incidents.js';

export interface ImportReport {
  format: 'servicenow-audit';
  dryRun: boolean;
  rows: number;
  incidents: number;
  imported: number;
  alreadyImported: number;
  issueCount: number;
  /** The first issues found (at most 200), each naming its line and field. */
  issues: ImportIssue[];
  notes: string[];
  seconds: number;
  rowsPerSecond: number;
}

/** What the checking pass found; nothing may be written unless issueCount is 0. */
export interface ExportCheck {
  rows: number;
  incidents: number;
  issueCount: number;
  issues: ImportIssue[];
  notes: string[];
}

/** Where a pass has got to: checking reads every row; writing reads them again and writes. */
export interface ImportStep extends ReadPosition {
  phase: 'checking' | 'writing';
  totalRows: number | null;
}

export interface ImportOptions {
  dryRun: boolean;
  actorId: string;
  /** Rows done and, once counted, rows in all; called every 5,000 rows and after each batch. */
  onProgress?: (rowsDone: number, rowsTotal: number | null) => void;
  /** Called for every row read; a caller that records progress throttles it itself. */
  onStep?: (step: ImportStep) => void;
  batchSize?: number;
}

export const maxIssuesReported = 200;

/**
 * The checking pass: every row of the file is read and checked, and each incident's rows are
 * grouped, without writing anything. A problem with the whole file (not a ServiceNow export,
 * unreadable CSV or zip) ends the check as its last issue, with field "file".
 */
export async function checkServicenowExport(source: CsvSource, onStep?: (step: ImportStep) => void): Promise<ExportCheck> {
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  let lostStates = 0;
  let unknownInFirstRow = 0;
  let unknownOtherwise = 0;
  let rows = 0;
  let incidents = 0;
  try {
    for await (const item of readExport(source, (position) => { rows = position.rows; onStep?.({ ...position, phase: 'checking', totalRows: null }); })) {
      if ('issue' in item) {
        issueCount += 1;
        if (issues.length < maxIssuesReported) issues.push(item.issue);
        continue;
      }
      incidents += 1;
      lostStates += item.incident.filter((r) => r.row.incident_state === lostState).length;
      const resolution = resolutionTimeOf(item.incident);
      if (resolution.resolvedInFirstRow) unknownInFirstRow += 1;
      else if (resolution.unknown) unknownOtherwise += 1;
    }
  } catch (error) {
    // A problem with the file as a whole ends the check; it is reported after the rows' issues.
    const problem = fileProblemOf(error);
    if (!problem) throw error;
    issueCount += 1;
    issues.push(problem);
  }
  const notes = [
    'States: Active → in progress; Awaiting User Info and Awaiting Evidence → awaiting caller; Awaiting Vendor → awaiting supplier; Awaiting Problem → in progress.',
    'Times are read as UTC. Callers, groups and categories keep their anonymised names from the export (in the description and assignment group).',
    ...(lostStates ? [`${lostStates} row(s) carry state -100 (lost by ServiceNow); their other changes are kept and the state is left as it was.`] : []),
    ...unknownResolutionNotes(unknownInFirstRow, unknownOtherwise),
    'SLA: each incident keeps the outcome ServiceNow exported for it (made_sla, as "Met its SLA (as exported)"); Certus ran no SLA clock for imported history.',
  ];
  return { rows, incidents, issueCount, issues, notes };
}

const counted = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Resolution times the export does not give are left unknown, never made up; the notes say how many. */
function unknownResolutionNotes(inFirstRow: number, otherwise: number): string[] {
  const unknown = 'their time to resolve is unknown and they count in no time-to-resolve KPI';
  return [
    ...(inFirstRow ? [`${counted(inFirstRow, 'incident was', 'incidents were')} already resolved in their first row with no resolution time; ${unknown}.`] : []),
    ...(otherwise ? [`${counted(otherwise, 'incident was', 'incidents were')} resolved or closed with no resolution time in the export; ${unknown}.`] : []),
  ];
}

/** Every row of the file that has a problem, a page at a time (for the full issue list). */
export function exportIssues(source: CsvSource, pageSize = 500): AsyncGenerator<ImportIssue[]> {
  return issuePages(readExport(source), pageSize);
}

/**
 * The issues among what a reader yields, a page at a time; a file the reader cannot go on with
 * ends the list with its problem. Shared by the CSV and the XES imports.
 */
export async function* issuePages(items: AsyncIterable<object>, pageSize: number): AsyncGenerator<ImportIssue[]> {
  let page: ImportIssue[] = [];
  try {
    for await (const item of items) {
      if (!('issue' in item)) continue;
      page.push(item.issue as ImportIssue);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    const problem = fileProblemOf(error);
    if (!problem) throw error;
    page.push(problem);
  }
  if (page.length) yield page;
}

async function writeBatch(trx: Trx, batch: NumberedRow[][], actorId: string): Promise<{ imported: number; existing: number }> {
  const numbers = batch.map((rows) => rows[0]!.row.number);
  const existing = new Set((await trx.selectFrom('incidents').select('external_id').where('source', '=', 'servicenow').where('external_id', 'in', numbers).execute()).map((r) => r.external_id));
  let imported = 0;
  for (const rows of batch) {
    if (existing.has(rows[0]!.row.number)) continue;
    const reference = await nextReference(trx, incidentRecord.prefix);
    const incident = incidentFromRows(rows, reference);
    const id = newId();
    const lastAt = incident.events[incident.events.length - 1]!.at;
    // Another import of the same export may have written this number since the check above.
    const written = await recordTables(trx).insertInto(incidentRecord.table).values({
      id, reference, status: incident.status, owner_id: null, created_by: actorId, created_at: incident.openedAt,
      updated_by: actorId, updated_at: lastAt, version: incident.events.length, ...columnsFor(incidentRecord, incident.fields),
    }).onConflict((oc) => oc.columns(['source', 'external_id']).doNothing()).returning('id').executeTakeFirst();
    if (!written) {
      existing.add(rows[0]!.row.number);
      continue;
    }
    await writeNewHistory(trx, incidentRecord.type, id, incident.events.map((e) => ({ ...e, actorId: null })));
    imported += 1;
  }
  return { imported, existing: existing.size };
}

/**
 * The writing pass over a file that checked clean: incidents are written in batches, each batch
 * one transaction; an incident already imported (same number) is skipped, so a rerun after an
 * interruption completes the job.
 */
export async function writeServicenowIncidents(database: Database, source: CsvSource, check: ExportCheck, options: Pick<ImportOptions, 'actorId' | 'onProgress' | 'onStep' | 'batchSize'>): Promise<{ imported: number; alreadyImported: number }> {
  if (check.issueCount > 0) {
    throw new AppError('validation', `The file has ${check.issueCount} row-level problem(s); nothing was imported. Run a dry run to see them.`, { errors: check.issues.slice(0, 50).map((i) => ({ field: `line ${i.line}: ${i.field}`, reason: i.reason })) });
  }
  let imported = 0;
  let alreadyImported = 0;
  let done = 0;
  let batch: NumberedRow[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    const result = await database.db.transaction().execute((trx) => writeBatch(trx, current, options.actorId));
    imported += result.imported;
    alreadyImported += result.existing;
    options.onProgress?.(done, check.rows);
  };
  const onRow = (position: ReadPosition) => {
    done = position.rows;
    options.onStep?.({ ...position, phase: 'writing', totalRows: check.rows });
  };
  for await (const item of readExport(source, onRow)) {
    // The check found no issues in these bytes, so every item is an incident.
    if (!('incident' in item)) continue;
    batch.push(item.incident);
    if (batch.length >= (options.batchSize ?? 250)) await flush();
  }
  await flush();
  options.onProgress?.(check.rows, check.rows);
  return { imported, alreadyImported };
}

export function importReport(check: ExportCheck, written: { imported: number; alreadyImported: number } | null, startedAt: number): ImportReport {
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    format: 'servicenow-audit', dryRun: written === null, rows: check.rows, incidents: check.incidents, imported: written?.imported ?? 0, alreadyImported: written?.alreadyImported ?? 0,
    issueCount: check.issueCount, issues: check.issues, notes: check.notes, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(check.rows / Math.max(seconds, 0.001)),
  };
}

/**
 * Imports a ServiceNow incident audit export. The first pass checks every row and reports
 * row-level issues; nothing is written unless there are none. The second pass writes.
 */
export async function importServicenowIncidents(database: Database, source: CsvSource, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const check = await checkServicenowExport(source, (step) => {
    if (step.rows % 5000 === 0) options.onProgress?.(step.rows, null);
    options.onStep?.(step);
  });
  if (options.dryRun) return importReport(check, null, started);
  const written = await writeServicenowIncidents(database, source, check, options);
  return importReport(check, written, started);
}
