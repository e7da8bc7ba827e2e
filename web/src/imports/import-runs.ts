import type { ImportReportSummary, ImportRunStatus, ImportRunSummary } from './types';

const number = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number) => number.format(n);

export function isFinished(status: ImportRunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'rejected';
}

/** What a run counts: rows and incidents of a CSV export; events and incidents (or problems) of an XES log. */
export function unitsOf(run: { format?: ImportRunSummary['format']; report?: Pick<ImportReportSummary, 'xes'> | null }): { rows: string; records: string; one: string } {
  if (run.format !== 'xes') return { rows: 'rows', records: 'incidents', one: 'incident' };
  const problems = run.report?.xes?.recordType === 'problems';
  return { rows: 'events', records: problems ? 'problems' : 'incidents', one: problems ? 'problem' : 'incident' };
}

/** What the run is doing, in a few words, for the progress bar's label. */
export function stepLabel(run: Pick<ImportRunSummary, 'status' | 'phase' | 'mode'> & { format?: ImportRunSummary['format'] }): string {
  if (run.status === 'queued') return 'Waiting to start';
  if (run.status === 'running') return run.phase === 'writing' ? (run.format === 'xes' ? 'Writing records' : 'Writing incidents') : (run.format === 'xes' ? 'Checking traces' : 'Checking rows');
  if (run.status === 'succeeded') return run.mode === 'dry-run' ? 'Check finished' : 'Import finished';
  if (run.status === 'rejected') return 'Check found problems';
  return 'Stopped on an error';
}

/** "1,200 of about 4,000 rows · 30% · 600 rows/s" */
export function progressText(run: Pick<ImportRunSummary, 'progress'> & { format?: ImportRunSummary['format'] }): string {
  const { processed, total, totalIsEstimate, percent, rowsPerSecond } = run.progress;
  const rows = unitsOf(run).rows;
  const of = total === null ? '' : ` of ${totalIsEstimate ? 'about ' : ''}${formatCount(total)}`;
  const speed = rowsPerSecond === null ? '' : ` · ${formatCount(rowsPerSecond)} ${rows}/s`;
  return `${formatCount(processed)}${of} ${rows} · ${percent}%${speed}`;
}

export const statusLabels: Record<ImportRunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rejected: 'Rejected',
};

export const statusColours: Record<ImportRunStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  rejected: 'orange',
};

/** Only a finished dry run that found no problem lets its file be imported. */
export function canImport(dryRun: Pick<ImportRunSummary, 'mode' | 'status' | 'report'> | null): boolean {
  return dryRun !== null && dryRun.mode === 'dry-run' && dryRun.status === 'succeeded' && dryRun.report?.issueCount === 0;
}

export function outcomeText(run: Pick<ImportRunSummary, 'mode' | 'status' | 'report' | 'error'> & { format?: ImportRunSummary['format'] }): string {
  const r = run.report;
  if (run.status === 'failed') return `The run stopped on an error: ${run.error ?? 'unknown error'}. Nothing more was written; run it again to finish.`;
  if (!r) return '';
  const units = unitsOf(run);
  const counts = `${formatCount(r.rows)} ${units.rows}, ${formatCount(r.incidents)} ${units.records}`;
  if (run.status === 'rejected') return `${formatCount(r.issueCount)} problem${r.issueCount === 1 ? '' : 's'} found in ${counts}. Nothing was imported.`;
  if (run.mode === 'dry-run') return `No problems in ${counts}. The file is ready to import.`;
  return `Imported ${formatCount(r.imported)} ${r.imported === 1 ? units.one : units.records} (${formatCount(r.alreadyImported)} already there) from ${formatCount(r.rows)} ${units.rows} in ${r.seconds.toFixed(1)} s.`;
}

/** A throughput as people read it: hours below two days, days above. */
export function durationText(ms: number): string {
  const hours = ms / 3_600_000;
  const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  return hours < 48 ? `${one.format(hours)} hours` : `${one.format(hours / 24)} days`;
}

export const isXesFile = (name: string) => /\.xes(\.gz)?$/i.test(name);
