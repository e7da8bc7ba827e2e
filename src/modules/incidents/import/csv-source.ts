import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../../platform/http/app-error.js';

/** The CSV text of an export, and its size in bytes when known (for progress before rows are counted). */
export interface CsvStream {
  stream: Readable;
  bytes: number | null;
}

/** Opens a CSV, or the first .csv inside a .zip, as a stream; called once per pass. */
export type CsvSource = () => Promise<CsvStream>;

type ZipOpener = (callback: (error: Error | null, zip: yauzl.ZipFile) => void) => void;

function firstCsvInZip(open: ZipOpener): Promise<CsvStream> {
  return new Promise((resolve, reject) => {
    open((error, zip) => {
      if (error) return reject(AppError.validation('file', `is not a readable zip file: ${error.message}`));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.toLowerCase().endsWith('.csv')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => (streamError ? reject(streamError) : resolve({ stream, bytes: entry.uncompressedSize })));
      });
      zip.on('end', () => reject(AppError.validation('file', 'the zip file holds no .csv file')));
      zip.readEntry();
    });
  });
}

export function isZip(filename: string, head: Buffer): boolean {
  return filename.toLowerCase().endsWith('.zip') || head.subarray(0, 2).toString('latin1') === 'PK';
}

export function fileSource(path: string): CsvSource {
  return async () => (path.toLowerCase().endsWith('.zip')
    ? firstCsvInZip((cb) => yauzl.open(path, { lazyEntries: true }, (e, z) => cb(e, z!)))
    : { stream: createReadStream(path), bytes: (await stat(path)).size });
}

export function bufferSource(content: Buffer, filename: string): CsvSource {
  return async () => (isZip(filename, content)
    ? firstCsvInZip((cb) => yauzl.fromBuffer(content, { lazyEntries: true }, (e, z) => cb(e, z!)))
    : { stream: Readable.from([content]), bytes: content.length });
}

/** Reads byte ranges of a stored file, e.g. from the database in chunks. */
export interface RangeReader {
  size: number;
  read(start: number, length: number): Promise<Buffer>;
}

const chunkBytes = 1024 * 1024;

async function* chunksOf(reader: RangeReader, start: number, end: number): AsyncGenerator<Buffer> {
  for (let at = start; at < end; at += chunkBytes) yield await reader.read(at, Math.min(chunkBytes, end - at));
}

/** yauzl reads a zip by random access: its central directory at the end, then each entry. */
class RangeZipReader extends yauzl.RandomAccessReader {
  constructor(private readonly reader: RangeReader) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(chunksOf(this.reader, start, end));
  }
}

/**
 * A file read in 1 MB ranges rather than loaded whole: a CSV streams chunk by chunk, and a zip
 * is opened by random access, so only the compressed bytes being inflated are in memory.
 */
export function rangeSource(reader: RangeReader, filename: string): CsvSource {
  return async () => {
    const head = await reader.read(0, Math.min(4, reader.size));
    if (!isZip(filename, head)) return { stream: Readable.from(chunksOf(reader, 0, reader.size)), bytes: reader.size };
    return firstCsvInZip((cb) => yauzl.fromRandomAccessReader(new RangeZipReader(reader), reader.size, { lazyEntries: true }, cb));
  };
}
