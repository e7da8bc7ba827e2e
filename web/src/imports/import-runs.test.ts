import { describe, expect, it } from 'vitest';
import { canImport, outcomeText, progressText, stepLabel } from './import-runs';

const report = { rows: 141712, incidents: 24918, imported: 0, alreadyImported: 0, issueCount: 0, notes: [], seconds: 4.25 };

describe('import run helpers', () => {
  it('describes progress with an estimated total while rows are still being counted', () => {
    expect(progressText({ progress: { processed: 1200, total: 4000, totalIsEstimate: true, percent: 30, rowsPerSecond: 600 } })).toBe('1,200 of about 4,000 rows · 30% · 600 rows/s');
    expect(progressText({ progress: { processed: 0, total: null, totalIsEstimate: false, percent: 0, rowsPerSecond: null } })).toBe('0 rows · 0%');
  });

  it('names the step from the status and phase', () => {
    expect(stepLabel({ status: 'queued', phase: null, mode: 'import' })).toBe('Waiting to start');
    expect(stepLabel({ status: 'running', phase: 'checking', mode: 'import' })).toBe('Checking rows');
    expect(stepLabel({ status: 'running', phase: 'writing', mode: 'import' })).toBe('Writing incidents');
  });

  it('allows an import only after a clean, finished dry run', () => {
    expect(canImport({ mode: 'dry-run', status: 'succeeded', report })).toBe(true);
    expect(canImport({ mode: 'dry-run', status: 'rejected', report: { ...report, issueCount: 5 } })).toBe(false);
    expect(canImport({ mode: 'dry-run', status: 'running', report: null })).toBe(false);
    expect(canImport({ mode: 'import', status: 'succeeded', report })).toBe(false);
    expect(canImport(null)).toBe(false);
  });

  it('sums up each outcome in a sentence', () => {
    expect(outcomeText({ mode: 'dry-run', status: 'rejected', error: null, report: { ...report, rows: 15, incidents: 3, issueCount: 5 } })).toBe('5 problems found in 15 rows, 3 incidents. Nothing was imported.');
    expect(outcomeText({ mode: 'dry-run', status: 'succeeded', error: null, report })).toBe('No problems in 141,712 rows, 24,918 incidents. The file is ready to import.');
    expect(outcomeText({ mode: 'import', status: 'succeeded', error: null, report: { ...report, rows: 14, incidents: 3, imported: 1, alreadyImported: 2 } })).toBe('Imported 1 incident (2 already there) from 14 rows in 4.3 s.');
  });
});
