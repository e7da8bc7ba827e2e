/** An agreement's targets as the record holds them: `p1ResponseMinutes` … `p4ResolutionMinutes`. */

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export const measures = ['response', 'resolution'] as const;
export type Measure = (typeof measures)[number];

export function targetField(priority: string, measure: Measure): string {
  return `${priority.toLowerCase()}${measure === 'response' ? 'Response' : 'Resolution'}Minutes`;
}

/** Business minutes as a target is spoken of: "30m", "4h", "2h 30m", "3 × 8h days" is not assumed. */
export function businessDuration(minutes: unknown): string {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return '—';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m ? `${h}h ${m}m` : `${h}h`;
}

/** How many of the eight targets are set, for "6 of 8 targets set". */
export function targetsSet(record: Record<string, unknown>): number {
  return priorities.reduce((n, p) => n + measures.filter((m) => typeof record[targetField(p, m)] === 'number').length, 0);
}
