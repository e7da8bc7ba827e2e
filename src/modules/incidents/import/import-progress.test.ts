import { describe, expect, it } from 'vitest';
import { progressOf, progressRecorder, type ProgressChanges } from './import-progress.js';

describe('import progress', () => {
  it('estimates the rows of a file from the bytes read while the first pass counts them', () => {
    expect(progressOf({ phase: 'checking', rows: 1_000, bytes: 250_000, totalBytes: 1_000_000, totalRows: null }, 2)).toEqual({
      phase: 'checking', rows_processed: 1_000, rows_total: 4_000, rows_total_estimated: 1, percent: 25, rows_per_second: 500,
    });
    expect(progressOf({ phase: 'writing', rows: 3_000, bytes: 0, totalBytes: null, totalRows: 4_000 }, 0)).toEqual({
      phase: 'writing', rows_processed: 3_000, rows_total: 4_000, rows_total_estimated: 0, percent: 75, rows_per_second: null,
    });
  });

  it('writes at most once a second however many rows are offered, in order, and always when forced', async () => {
    let now = 0;
    const written: ProgressChanges[] = [];
    const recorder = progressRecorder(async (changes) => { written.push(changes); }, () => now);
    for (let rows = 1; rows <= 5_000; rows++) {
      now = rows; // one row a millisecond: five seconds in all
      recorder.step({ phase: 'writing', rows, bytes: 0, totalBytes: null, totalRows: 5_000 }, rows === 5_000);
    }
    await recorder.settle();
    expect(written.map((w) => w.rows_processed)).toEqual([1, 1_001, 2_001, 3_001, 4_001, 5_000]);
    expect(written[written.length - 1]).toMatchObject({ percent: 100, rows_per_second: 1_000 });
  });
});
