/** Countdown text for the queue: how long until a clock breaches, or how long since it did. */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const pad = (n: number) => String(n).padStart(2, '0');

/** `1h 02m 05s`, `3d 04h`, `45s`: precise when it is close, shorter when it is far off. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / second) * second);
  const days = Math.floor(total / day);
  const hours = Math.floor((total % day) / hour);
  const minutes = Math.floor((total % hour) / minute);
  const seconds = Math.floor((total % minute) / second);
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

export interface CountdownClock {
  status: string;
  pauseReason: string | null;
  dueAt: number | null;
  breached: boolean;
  breachedAt: number | null;
}

/** `awaiting-caller` → `awaiting caller`. */
export function humanStatus(status: string): string {
  return status.replace(/[-_]/g, ' ');
}

/**
 * What the queue shows in the "time left" column at instant `now` (the server's time, as the
 * client keeps it). A running clock counts down to its due instant and then counts the time
 * overdue; a paused clock says why.
 */
export function countdownText(clock: CountdownClock | null, now: number): string {
  if (!clock) return 'no SLA';
  if (clock.status === 'paused') return `paused: ${humanStatus(clock.pauseReason ?? 'paused')}`;
  if (clock.status !== 'running') return clock.status;
  if (clock.dueAt === null) return 'no target';
  const left = clock.dueAt - now;
  return left > 0 ? formatSpan(left) : `overdue ${formatSpan(-left)}`;
}

export type SlaState = 'breached' | 'at-risk' | 'paused' | 'on-track' | 'none';

/** The row's state at `now`: a running clock turns at risk or breached as time passes, between server answers. */
export function slaState(clock: (CountdownClock & { atRisk: boolean; atRiskAt?: number | null }) | null, now: number): SlaState {
  if (!clock) return 'none';
  if (clock.breached || (clock.status === 'running' && clock.dueAt !== null && clock.dueAt <= now)) return 'breached';
  if (clock.atRisk || (clock.status === 'running' && clock.atRiskAt != null && clock.atRiskAt <= now)) return 'at-risk';
  if (clock.status === 'paused') return 'paused';
  return 'on-track';
}
