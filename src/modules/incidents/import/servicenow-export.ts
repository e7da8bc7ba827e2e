import { Transform, type TransformCallback } from 'node:stream';
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

export const sniffBytes = 8 * 1024;
const signatures: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]], ['a JPEG image', [0xff, 0xd8, 0xff]], ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]], ['a zip archive (an Excel workbook or similar)', [0x50, 0x4b, 0x03, 0x04]], ['a gzip archive', [0x1f, 0x8b]],
];

/** Why the file's first bytes cannot be CSV text, or null when they can. */
export function notTextReason(head: Buffer): string | null {
  const kind = signatures.find(([, bytes]) => bytes.every((b, i) => head[i] === b))?.[0];
  if (kind) return `is not a CSV file: it is ${kind}`;
  // Text has no NUL and hardly any control characters besides tab, line feed, form feed and carriage
  // return; an image, a workbook or random bytes have plenty (about one byte in ten).
  const controls = head.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d).length;
  const binary = head.includes(0) || controls > head.length / 100;
  return binary ? 'is not a CSV file: it holds binary data, not text' : null;
}

/** Passes the bytes through once the first ones are known to be text; refuses binary with a plain reason. */
function textOnly(): Transform {
  let head: Buffer[] = [];
  let seen = 0;
  let checked = false;
  const check = (self: Transform, callback: TransformCallback) => {
    checked = true;
    const buffered = Buffer.concat(head);
    head = [];
    const reason = notTextReason(buffered.subarray(0, sniffBytes));
    if (reason) return callback(fileProblem(0, `${reason}; export the incidents from ServiceNow as CSV`));
    self.push(buffered);
    callback();
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (checked) return callback(null, chunk);
      head.push(chunk);
      seen += chunk.length;
      if (seen < sniffBytes) return callback();
      check(this, callback);
    },
    flush(callback) {
      if (!checked) check(this, callback);
      else callback();
    },
  });
}

/** csv-parse's messages quote the cells they choke on; a file's bytes are never echoed back. */
function csvReason(error: CsvError): string {
  const where = error.lines ? ` near line ${error.lines}` : '';
  // csv-parse throws CSV_INVALID_OPENING_QUOTE though its type of codes leaves it out.
  switch (error.code as string) {
    case 'CSV_QUOTE_NOT_CLOSED': return `cannot be read as CSV: a quoted cell is never closed${where}`;
    case 'CSV_INVALID_OPENING_QUOTE': return `cannot be read as CSV: a quote opens in the middle of a cell${where}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE': return `cannot be read as CSV: a quoted cell is followed by other characters${where}`;
    default: return `cannot be read as CSV${where} (${error.code})`;
  }
}

/**
 * Streams an export an incident at a time: the rows of one number must stand together (the
 * export is sorted by number), so only the current incident's rows are held in memory.
 */
export async function* readExport(source: CsvSource, onRow?: (position: ReadPosition) => void): AsyncGenerator<ExportItem> {
  const { stream, bytes: totalBytes } = await source();
  const text = stream.pipe(textOnly());
  const parser = text.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  stream.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
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
    if (error instanceof CsvError) throw fileProblem(Number(error.lines ?? 0), csvReason(error));
    throw error;
  }
  if (group.length) yield { incident: group };
}
