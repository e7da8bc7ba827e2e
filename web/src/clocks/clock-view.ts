/** How an SLA or fulfilment clock, replayed by the server, is put into words on a record page. */

import { businessDuration } from '../agreements/agreement-targets';
import type { ApiResponse } from '../shared/api-schema';

/** One clock as `GET /api/incidents/:key/clocks` and `GET /api/service-requests/:key/clocks` return it (the generated type; both routes share its schema). */
export type Clock = ApiResponse<'incident-clocks'>['clocks'][number];
/** A stretch of the clock's life, its `text` e.g. `paused 2h 10m awaiting customer`. */
export type ClockSegment = Clock['segments'][number];

export type ClockTone = 'breached' | 'at-risk' | 'paused' | 'running' | 'met' | 'stopped' | 'idle';

export interface ClockStatusView {
  tone: ClockTone;
  /** Says it in words, so the colour is never the only sign. */
  label: string;
  colour: string;
}

const colours: Record<ClockTone, string> = {
  breached: 'red', 'at-risk': 'orange', paused: 'yellow', running: 'indigo', met: 'green', stopped: 'gray', idle: 'gray',
};

/** `awaiting-customer` → `awaiting customer`. */
function humanise(status: string): string {
  return status.replace(/[-_]/g, ' ');
}

/** Why a paused clock waits: the reason of its last paused stretch. */
export function pauseReason(clock: Clock): string | null {
  if (clock.status !== 'paused') return null;
  const last = clock.segments.findLast((s) => s.state === 'paused');
  return last?.reason ? humanise(last.reason) : null;
}

/** The clock's state in words: running, paused and why, stopped within or outside target, at risk, breached. */
export function clockStatus(clock: Clock): ClockStatusView {
  const view = (tone: ClockTone, label: string): ClockStatusView => ({ tone, label, colour: colours[tone] });
  const paused = clock.status === 'paused' ? `paused${pauseReason(clock) ? `: ${pauseReason(clock)}` : ''}` : null;
  switch (clock.status) {
    case 'not-applicable': return view('idle', 'Not applicable');
    case 'inactive': return view('idle', 'Not started');
    case 'stopped':
      if (clock.targetMillis === null) return view('stopped', 'Stopped');
      return clock.breached ? view('breached', 'Stopped, target missed') : view('met', 'Stopped, within target');
  }
  if (clock.breached) return view('breached', paused ? `Breached, ${paused}` : 'Breached');
  if (paused) return view('paused', paused.charAt(0).toUpperCase() + paused.slice(1));
  if (clock.atRisk) return view('at-risk', 'At risk');
  return view('running', 'Running');
}

/** Business time left, overdue, or (once stopped) to spare or over the target. */
export function remainingLabel(clock: Clock): string {
  if (clock.remainingMillis === null || clock.remainingText === null) return 'No target';
  const stopped = clock.status === 'stopped';
  if (clock.remainingMillis >= 0) return `${clock.remainingText} ${stopped ? 'to spare' : 'left'}`;
  return `${clock.remainingText} ${stopped ? 'over the target' : 'overdue'}`;
}

/** The target as business time, e.g. `8h`, `1h 30m`. */
export function targetLabel(clock: Clock): string {
  return clock.targetMillis === null ? 'No target' : businessDuration(Math.floor(clock.targetMillis / 60_000));
}

/** The progress bar's fill (0–100) and its spoken label; past 100 % the bar stays full and the label says how far. */
export function percentView(clock: Clock): { value: number; label: string } | null {
  if (clock.percentUsed === null) return null;
  const percent = Math.max(0, Math.round(clock.percentUsed));
  return { value: Math.min(100, percent), label: `${clock.name}: ${percent}% of the target used` };
}

/** A segment as a sentence: `Paused 2h 10m awaiting customer`. */
export function segmentSentence(segment: ClockSegment): string {
  return segment.text.charAt(0).toUpperCase() + segment.text.slice(1);
}

/** Epoch milliseconds as the ISO text the date formatters take. */
export function isoOf(millis: number | null): string | null {
  return millis === null ? null : new Date(millis).toISOString();
}
