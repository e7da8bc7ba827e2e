import { formatDuration } from './duration-text.js';
import type { SlaClockResult } from './sla-clock.js';

/** A clock result with its name and its business time in words, as a ticket page shows it. */
export type ExplainedClockResult = SlaClockResult & { name: string; elapsedText: string; remainingText: string | null };

/** Names a clock and puts its elapsed and remaining (or, once negative, overdue) business time into words. */
export function explainClock(result: SlaClockResult, name: string): ExplainedClockResult {
  return {
    ...result,
    name,
    elapsedText: formatDuration(result.elapsedMillis),
    remainingText: result.remainingMillis === null ? null : formatDuration(Math.abs(result.remainingMillis)),
  };
}
