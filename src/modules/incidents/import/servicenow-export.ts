import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../../platform/http/app-error.js';
import type { CsvSource } from './csv-source.js';
import { servicenowColumns, type ServicenowRow } from './servicenow-format.js';
import { checkRow, type ImportIssue, type NumberedRow } from './servicenow-incidents.js';

/** What reading an export yields, in file order: the rows of one incident, or a row's problem. */
export type ExportItem = { incident: NumberedRow[] } | { issue: ImportIssue };

/** How far a pass has read: rows so far, bytes of CSV text so far and in all (when known). */
export interface ReadPosition {
  rows: number;
  bytes: number;
  totalBytes: number | null;
}

type ParsedRecord = { record: Record<string, string>; info: { lines: number; bytes: number } };

/** A file-level problem (not a ServiceNow export, broken quoting): the whole file is refused. */
export function fileProblem(line: number, reason: string): AppError {
  return new AppError('validation', `file: ${reason}`, { errors: [{ field: 'file', reason }], line });
}

/** A file-level problem as an issue of the file; null for any other error. */
export function fileProblemOf(error: unknown): ImportIssue | null {
  if (!(error instanceof AppError) || error.code !== 'validation') return null;
  const reason = error.extra.errors?.[0]?.reason ?? error.message;
  return { line: typeof error.extra.line === 'number' ? error.extra.line : 0, number: null, field: 'file', reason };
}

/**
 * Streams an export an incident at a time: the rows of one number must stand together (the
 * export is sorted by number), so only the current incident's rows are held in memory.
 */
export async function* readExport(source: CsvSource, onRow?: (position: ReadPosition) => void): AsyncGenerator<ExportItem> {
  const { stream, bytes: totalBytes } = await source();
  const parser = stream.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  stream.on('error', (error) => parser.destroy(error));
  let header: string[] | null = null;
  let group: NumberedRow[] = [];
  const finished = new Set<string>();
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      const line = info.lines;
      rows += 1;
      onRow?.({ rows, bytes: info.bytes, totalBytes });
      if (!header) {
        header = Object.keys(record);
        const missing = servicenowColumns.filter((c) => !header!.includes(c));
        if (missing.length) throw fileProblem(1, `is not a ServiceNow incident audit export: missing columns ${missing.join(', ')}`);
      }
      if (Object.keys(record).length !== header.length) {
        yield { issue: { line, number: record.number ?? null, field: 'row', reason: `has ${Object.keys(record).length} cells; the header has ${header.length}` } };
        continue;
      }
      const row = record as ServicenowRow;
      const issues = checkRow({ line, row });
      if (issues.length) {
        for (const issue of issues) yield { issue };
        continue;
      }
      if (group.length && group[0]!.row.number !== row.number) {
        finished.add(group[0]!.row.number);
        yield { incident: group };
        group = [];
      }
      if (finished.has(row.number)) {
        yield { issue: { line, number: row.number, field: 'number', reason: `rows of ${row.number} are not together; sort the file by number` } };
        continue;
      }
      group.push({ line, row });
    }
  } catch (error) {
    if (error instanceof CsvError) throw fileProblem(Number(error.lines ?? 0), `cannot be read as CSV: ${error.message}`);
    throw error;
  }
  if (group.length) yield { incident: group };
}
