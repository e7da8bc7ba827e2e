import { parse } from 'csv-parse';
import type { Database, Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/app-error.js';
import { writeNewHistory } from '../../../kernel/history/history.service.js';
import { newId } from '../../../platform/db/ids.js';
import { nextReference } from '../../../kernel/records/references.js';
import { columnsFor, recordTables } from '../../../kernel/records/record-row.js';
import { incidentRecord } from '../incident.record.js';
import type { CsvSource } from './csv-source.js';
import { lostState, servicenowColumns, type ServicenowRow } from './servicenow-format.js';
import { checkRow, incidentFromRows, type ImportIssue, type NumberedRow } from './servicenow-incidents.js';

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

export interface ImportOptions {
  dryRun: boolean;
  actorId: string;
  onProgress?: (rowsDone: number, rowsTotal: number | null) => void;
  batchSize?: number;
}

const maxIssuesReported = 200;

/** Streams the rows of an incident at a time: the rows of one number must stand together. */
async function* incidentsIn(source: CsvSource, onRow: (line: number) => void, onIssue: (issue: ImportIssue) => void): AsyncGenerator<NumberedRow[]> {
  const parser = (await source()).pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let header: string[] | null = null;
  let group: NumberedRow[] = [];
  const finished = new Set<string>();
  for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; columns: unknown[] | boolean } }>) {
    const line = record.info.lines;
    onRow(line);
    if (!header) {
      header = Object.keys(record.record);
      const missing = servicenowColumns.filter((c) => !header!.includes(c));
      if (missing.length) throw AppError.validation('file', `is not a ServiceNow incident audit export: missing columns ${missing.join(', ')}`);
    }
    if (Object.keys(record.record).length !== header.length) {
      onIssue({ line, number: record.record.number ?? null, field: 'row', reason: `has ${Object.keys(record.record).length} cells; the header has ${header.length}` });
      continue;
    }
    const row = record.record as ServicenowRow;
    const issues = checkRow({ line, row });
    issues.forEach(onIssue);
    if (issues.length) continue;
    if (group.length && group[0]!.row.number !== row.number) {
      finished.add(group[0]!.row.number);
      yield group;
      group = [];
    }
    if (finished.has(row.number)) {
      onIssue({ line, number: row.number, field: 'number', reason: `rows of ${row.number} are not together; sort the file by number` });
      continue;
    }
    group.push({ line, row });
  }
  if (group.length) yield group;
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
    await recordTables(trx).insertInto(incidentRecord.table).values({
      id, reference, status: incident.status, owner_id: null, created_by: actorId, created_at: incident.openedAt,
      updated_by: actorId, updated_at: lastAt, version: incident.events.length, ...columnsFor(incidentRecord, incident.fields),
    }).execute();
    await writeNewHistory(trx, incidentRecord.type, id, incident.events.map((e) => ({ ...e, actorId: null })));
    imported += 1;
  }
  return { imported, existing: existing.size };
}

/**
 * Imports a ServiceNow incident audit export. The first pass checks every row and reports
 * row-level issues; nothing is written unless there are none. The second pass writes
 * incidents in batches, each batch one transaction; an incident already imported (same
 * number) is skipped, so a rerun after an interruption completes the job.
 */
export async function importServicenowIncidents(database: Database, source: CsvSource, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  let lostStates = 0;
  let rows = 0;
  let incidents = 0;
  const onIssue = (issue: ImportIssue) => {
    issueCount += 1;
    if (issues.length < maxIssuesReported) issues.push(issue);
  };
  for await (const group of incidentsIn(source, (line) => { rows += 1; if (rows % 5000 === 0) options.onProgress?.(rows, null); void line; }, onIssue)) {
    incidents += 1;
    lostStates += group.filter((r) => r.row.incident_state === lostState).length;
  }
  const totalRows = rows;
  const notes = [
    'States: Active → in progress; Awaiting User Info and Awaiting Evidence → awaiting caller; Awaiting Vendor → awaiting supplier; Awaiting Problem → in progress.',
    'Times are read as UTC. Callers, groups and categories keep their anonymised names from the export (in the description and assignment group).',
    ...(lostStates ? [`${lostStates} row(s) carry state -100 (lost by ServiceNow); their other changes are kept and the state is left as it was.`] : []),
  ];
  const report = (imported: number, alreadyImported: number, dryRun: boolean): ImportReport => {
    const seconds = (performance.now() - started) / 1000;
    return { format: 'servicenow-audit', dryRun, rows: totalRows, incidents, imported, alreadyImported, issueCount, issues, notes, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(totalRows / Math.max(seconds, 0.001)) };
  };
  if (options.dryRun) return report(0, 0, true);
  if (issueCount > 0) {
    throw new AppError('validation', `The file has ${issueCount} row-level problem(s); nothing was imported. Run a dry run to see them.`, { errors: issues.slice(0, 50).map((i) => ({ field: `line ${i.line}: ${i.field}`, reason: i.reason })) });
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
    options.onProgress?.(done, totalRows);
  };
  for await (const group of incidentsIn(source, () => { done += 1; }, () => undefined)) {
    batch.push(group);
    if (batch.length >= (options.batchSize ?? 250)) await flush();
  }
  await flush();
  options.onProgress?.(totalRows, totalRows);
  return report(imported, alreadyImported, false);
}
