import type { ImportRunStatus, ImportRunSummary } from './types';

const number = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number) => number.format(n);

export function isFinished(status: ImportRunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'rejected';
}

/** What the run is doing, in a few words, for the progress bar's label. */
export function stepLabel(run: Pick<ImportRunSummary, 'status' | 'phase' | 'mode'>): string {
  if (run.status === 'queued') return 'Waiting to start';
  if (run.status === 'running') return run.phase === 'writing' ? 'Writing incidents' : 'Checking rows';
  if (run.status === 'succeeded') return run.mode === 'dry-run' ? 'Check finished' : 'Import finished';
  if (run.status === 'rejected') return 'Check found problems';
  return 'Stopped on an error';
}

/** "1,200 of about 4,000 rows · 30% · 600 rows/s" */
export function progressText(run: Pick<ImportRunSummary, 'progress'>): string {
  const { processed, total, totalIsEstimate, percent, rowsPerSecond } = run.progress;
  const of = total === null ? '' : ` of ${totalIsEstimate ? 'about ' : ''}${formatCount(total)}`;
  const speed = rowsPerSecond === null ? '' : ` · ${formatCount(rowsPerSecond)} rows/s`;
  return `${formatCount(processed)}${of} rows · ${percent}%${speed}`;
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

export function outcomeText(run: Pick<ImportRunSummary, 'mode' | 'status' | 'report' | 'error'>): string {
  const r = run.report;
  if (run.status === 'failed') return `The run stopped on an error: ${run.error ?? 'unknown error'}. Nothing more was written; run it again to finish.`;
  if (!r) return '';
  const counts = `${formatCount(r.rows)} rows, ${formatCount(r.incidents)} incidents`;
  if (run.status === 'rejected') return `${formatCount(r.issueCount)} problem${r.issueCount === 1 ? '' : 's'} found in ${counts}. Nothing was imported.`;
  if (run.mode === 'dry-run') return `No problems in ${counts}. The file is ready to import.`;
  return `Imported ${formatCount(r.imported)} incident${r.imported === 1 ? '' : 's'} (${formatCount(r.alreadyImported)} already there) from ${formatCount(r.rows)} rows in ${r.seconds.toFixed(1)} s.`;
}
