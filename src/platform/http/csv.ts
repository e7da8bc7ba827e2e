import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition.js';

/**
 * Streams rows as CSV page by page, so an export of a large list never holds it in memory.
 * Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
 */
export async function sendCsv(reply: FastifyReply, filename: string, header: string[], pages: AsyncIterable<unknown[][]>): Promise<void> {
  const csv = stringify({ header: true, columns: header, cast: { string: guardFormula } });
  reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(filename));
  const sending = reply.send(csv);
  for await (const rows of pages) {
    for (const row of rows) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await sending;
}

export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
