import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import type { Database, Executor } from '../../../platform/db/database.js';
import { readJson } from '../../../platform/db/columns.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { RangeReader } from './csv-source.js';
import { blobReader, storeBlob, type ImportRunRow } from './incident-import-runs.repository.js';
import type { ImportRunMode } from './incident-import-runs.tables.js';
import type { ImportIssue } from './servicenow-incidents.js';
import { isGzip, notXmlReason, type XesSource } from './xes-reader.js';
import type { XesOverridesValue, XesSettings } from './xes-mapping.js';
import type { XesRunDetailsView } from './xes-import.schemas.js';
import { xesIssues, type Throughput } from './xes-import.service.js';

/** What a run of an XES log keeps in its `xes` column: the request's overrides, then what the check found. */
export interface StoredXesDetails {
  overrides: XesOverridesValue;
  settings?: XesSettings;
  throughput?: Throughput;
}

export const xesFormat = 'xes';

export function xesDetailsView(row: ImportRunRow): XesRunDetailsView | null {
  if (row.source_format !== xesFormat || row.xes === null) return null;
  const stored = readJson<StoredXesDetails>(row.xes);
  return {
    kind: stored.settings?.kind ?? null, detected: stored.settings?.detected ?? null, recordType: stored.settings?.recordType ?? null,
    mapping: stored.settings?.mapping ?? null, overrides: stored.overrides, throughput: stored.throughput ?? null,
  };
}

const chunkBytes = 1024 * 1024;

/** A stored log read in 1 MB ranges; readXes inflates it when it is gzip. */
export function xesRangeSource(reader: RangeReader): XesSource {
  return async () => ({
    stream: Readable.from((async function* () {
      for (let at = 0; at < reader.size; at += chunkBytes) yield await reader.read(at, Math.min(chunkBytes, reader.size - at));
    })()),
    bytes: reader.size,
  });
}

/** A log on disk, .xes or .xes.gz (readXes inflates gzip). */
export function xesFileSource(path: string): XesSource {
  return async () => ({ stream: createReadStream(path), bytes: (await stat(path)).size });
}

export const storedXesSource = (db: Executor, row: Pick<ImportRunRow, 'sha256' | 'file_size'>) => xesRangeSource(blobReader(db, row.sha256, row.file_size));

/** Every issue of a log's run, read again from its stored bytes. */
export async function* xesRunIssues(db: Executor, row: ImportRunRow): AsyncGenerator<ImportIssue[]> {
  const stored = readJson<StoredXesDetails>(row.xes);
  if (!stored.settings) return;
  yield* xesIssues(storedXesSource(db, row), row.file_name, stored.settings);
}

const headBytes = 64 * 1024;

/** The first 64 KB of the log's XML: inflated from at most the first megabyte when gzip. */
function xmlHead(content: Buffer): Promise<Buffer | null> {
  if (!isGzip(content)) return Promise.resolve(content.subarray(0, headBytes));
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(size > 0 ? Buffer.concat(chunks) : null);
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= headBytes) {
        gunzip.removeAllListeners();
        gunzip.destroy();
        done();
      }
    });
    gunzip.on('end', done);
    // A megabyte cut from a longer file ends early: what was inflated before that is the head.
    gunzip.on('error', done);
    gunzip.end(content.subarray(0, chunkBytes));
  });
}

/** The name of the first element, or why there is none. */
function rootOf(head: Buffer): { root: string } | { reason: string } {
  const parser = new SaxesParser({ xmlns: false });
  let root: string | null = null;
  const stop = new Error('root found');
  parser.on('opentag', (tag) => {
    root = tag.name;
    throw stop;
  });
  try {
    parser.write(head.toString('utf8'));
  } catch (error) {
    if (error !== stop) return { reason: 'is not an XES event log: it is not well-formed XML' };
  }
  return root === null ? { reason: 'is not an XES event log: no root element in its first 64 KB' } : { root };
}

/** Only an XES log (.xes, or .xes.gz) whose root is <log>; anything else is refused before it is stored. */
export async function checkXesUpload(fileName: string, content: Buffer): Promise<void> {
  const name = fileName.toLowerCase();
  const unsupported = (reason: string) => new AppError('unsupported-media-type', `The file ${reason}; send an XES event log as .xes or .xes.gz`, { errors: [{ field: 'file', reason }] });
  if (!name.endsWith('.xes') && !name.endsWith('.xes.gz')) throw unsupported('is not a .xes or .xes.gz file');
  if (content.length === 0) throw AppError.validation('file', 'is empty');
  if (name.endsWith('.gz') && !isGzip(content)) throw unsupported('is named .gz but is not gzip');
  const head = await xmlHead(content);
  if (head === null) throw unsupported('is not a readable gzip file');
  const notXml = notXmlReason(head);
  if (notXml) throw unsupported(notXml);
  const root = rootOf(head);
  if ('reason' in root) throw unsupported(root.reason);
  const local = root.root.slice(root.root.indexOf(':') + 1);
  if (local !== 'log') throw unsupported(`is not an XES event log: its root element is <${root.root.replace(/[^\w:.-]/g, '?').slice(0, 40)}>, not <log>`);
}

export type CreateRun = (trx: Executor, fields: { fileName: string; fileSize: number; sha256: string; mode: ImportRunMode; checkedBy: string | null; format: string; xes: StoredXesDetails }, principal: Principal, now: number) => Promise<string>;

/** Stores the log and queues its run, with the request's overrides of the detected kind and mapping. */
export async function submitXesImport(database: Database, createRun: CreateRun, upload: { filename: string; content: Buffer }, mode: ImportRunMode, overrides: XesOverridesValue, principal: Principal, now = Date.now()): Promise<string> {
  await checkXesUpload(upload.filename, upload.content);
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  const fileName = upload.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 255);
  return database.db.transaction().execute(async (trx) => {
    await storeBlob(trx, sha256, upload.content);
    return createRun(trx, { fileName, fileSize: upload.content.length, sha256, mode, checkedBy: null, format: xesFormat, xes: { overrides } }, principal, now);
  });
}
