import { formatDuration } from './duration-text.js';
import type { SlaClockResult } from './sla-clock.js';

/** A clock result with its name and its business time in words, as a ticket page shows it. */
export type ExplainedClockResult = SlaClockResult & { name: string; elapsedText: string; remainingText: string | null };

/**
 * Names a clock and puts its elapsed and remaining business time into words. The kernel's
 * `remainingMillis` stops at zero; here it goes negative once the target is used up, so a page
 * can say by how much a clock is overdue (or, once stopped, over its target).
 */
export function explainClock(result: SlaClockResult, name: string): ExplainedClockResult {
  const remaining = result.targetMillis === null ? null : result.targetMillis - result.elapsedMillis;
  return {
    ...result,
    name,
    remainingMillis: remaining,
    elapsedText: formatDuration(result.elapsedMillis),
    remainingText: remaining === null ? null : formatDuration(Math.abs(remaining)),
  };
}
