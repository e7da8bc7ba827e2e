import type { ImportStep } from './incident-import.service.js';

/** The progress columns of a run, as the recorder writes them. */
export interface ProgressChanges {
  phase: ImportStep['phase'];
  rows_processed: number;
  rows_total: number | null;
  rows_total_estimated: number;
  percent: number;
  rows_per_second: number | null;
}

/** Progress is written at most this often, never per row. */
export const progressEveryMs = 1_000;

/** Where a step stands: while the first pass counts rows, the total is estimated from the bytes read. */
export function progressOf(step: ImportStep, phaseSeconds: number): ProgressChanges {
  const estimate = step.totalRows === null;
  const total = step.totalRows ?? (step.totalBytes && step.bytes ? Math.max(step.rows, Math.round((step.rows * step.totalBytes) / step.bytes)) : null);
  const fraction = estimate ? (step.totalBytes ? step.bytes / step.totalBytes : 0) : step.rows / Math.max(step.totalRows ?? 1, 1);
  return {
    phase: step.phase, rows_processed: step.rows, rows_total: total, rows_total_estimated: estimate ? 1 : 0,
    percent: Math.max(0, Math.min(100, Math.floor(fraction * 100))), rows_per_second: phaseSeconds > 0 ? Math.round(step.rows / phaseSeconds) : null,
  };
}

/**
 * Offered every row, writes one update a second. Writes are chained so they land in order and
 * `settle` waits for the last of them before a run's final update.
 */
export function progressRecorder(write: (changes: ProgressChanges) => Promise<void>, clock: () => number = () => performance.now()) {
  let last = Number.NEGATIVE_INFINITY;
  let phase: ImportStep['phase'] | null = null;
  let phaseStarted = clock();
  let written: Promise<void> = Promise.resolve();
  return {
    step(step: ImportStep, force = false): void {
      const now = clock();
      if (step.phase !== phase) {
        phase = step.phase;
        phaseStarted = now;
      }
      if (!force && now - last < progressEveryMs) return;
      last = now;
      const changes = progressOf(step, (now - phaseStarted) / 1000);
      written = written.then(() => write(changes));
    },
    settle(): Promise<void> {
      return written;
    },
  };
}
