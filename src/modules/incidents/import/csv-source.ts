import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../../platform/http/app-error.js';

/** Opens a CSV, or the first .csv inside a .zip, as a stream; called once per pass. */
export type CsvSource = () => Promise<Readable>;

function firstCsvInZip(open: (callback: (error: Error | null, zip: yauzl.ZipFile) => void) => void): Promise<Readable> {
  return new Promise((resolve, reject) => {
    open((error, zip) => {
      if (error) return reject(AppError.validation('file', `is not a readable zip file: ${error.message}`));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.toLowerCase().endsWith('.csv')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => (streamError ? reject(streamError) : resolve(stream)));
      });
      zip.on('end', () => reject(AppError.validation('file', 'the zip file holds no .csv file')));
      zip.readEntry();
    });
  });
}

export function fileSource(path: string): CsvSource {
  return async () => (path.toLowerCase().endsWith('.zip')
    ? firstCsvInZip((cb) => yauzl.open(path, { lazyEntries: true }, (e, z) => cb(e, z!)))
    : createReadStream(path));
}

export function bufferSource(content: Buffer, filename: string): CsvSource {
  return async () => (filename.toLowerCase().endsWith('.zip') || content.subarray(0, 2).toString('latin1') === 'PK'
    ? firstCsvInZip((cb) => yauzl.fromBuffer(content, { lazyEntries: true }, (e, z) => cb(e, z!)))
    : Readable.from(content));
}
