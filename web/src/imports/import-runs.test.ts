import { describe, expect, it } from 'vitest';
import { canImport, durationText, isXesFile, outcomeText, progressText, stepLabel } from './import-runs';
import { xesQuery } from './XesOptions';

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

describe('import run helpers for XES event logs', () => {
  const xes = { kind: 'bpic2013-problems' as const, detected: 'bpic2013-problems' as const, recordType: 'problems' as const, mapping: null, overrides: {}, throughput: null };

  it('counts events and problems rather than rows and incidents', () => {
    expect(outcomeText({ format: 'xes', mode: 'dry-run', status: 'succeeded', error: null, report: { ...report, rows: 6660, incidents: 1487, xes } })).toBe('No problems in 6,660 events, 1,487 problems. The file is ready to import.');
    expect(progressText({ format: 'xes', progress: { processed: 10, total: 20, totalIsEstimate: false, percent: 50, rowsPerSecond: 5 } })).toBe('10 of 20 events · 50% · 5 events/s');
    expect(stepLabel({ format: 'xes', status: 'running', phase: 'checking', mode: 'dry-run' })).toBe('Checking traces');
  });

  it('reads throughput in hours below two days and in days above', () => {
    expect(durationText(40.7 * 3_600_000)).toBe('40.7 hours');
    expect(durationText(1_043_655_350)).toBe('12.1 days');
  });

  it('sends only the kind and the attributes the user changed', () => {
    expect(xesQuery({ kind: 'detect', overrides: { group: ' ', product: '-' }, wallClock: null })).toBe('dryRun=true&product=-');
    expect(xesQuery({ kind: 'bpic2014-incident-activity', overrides: {}, wallClock: true })).toBe('dryRun=true&kind=bpic2014-incident-activity&wallClock=true');
    expect(isXesFile('bpic2013_incidents.xes.gz')).toBe(true);
    expect(isXesFile('export.csv')).toBe(false);
  });
});
