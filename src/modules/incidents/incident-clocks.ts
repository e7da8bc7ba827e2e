import type { Executor } from '../../platform/db/database.js';
import { listHistory } from '../../kernel/history/history.service.js';
import { computeSlaClocks, formatDuration, timelineFromHistory, type SlaClockResult } from '../../kernel/calendar/index.js';
import { clockDefinitionsFor } from '../service-levels/index.js';

export interface IncidentClocks {
  sla: { reference: string; title: string } | null;
  clocks: (SlaClockResult & { name: string; elapsedText: string; remainingText: string | null })[];
}

/**
 * The incident's SLA, OLA and underpinning-contract clocks, recomputed from its whole history
 * with the agreements in force: a change of priority, service or SLA is applied as if it had
 * been so from the start, and every pause is explained.
 */
export async function incidentClocks(db: Executor, incident: { id: string; service: string | null }, now = Date.now()): Promise<IncidentClocks> {
  if (!incident.service) return { sla: null, clocks: [] };
  const agreements = await clockDefinitionsFor(db, incident.service, null, { stopStatuses: ['resolved', 'closed'] });
  if (!agreements.sla) return { sla: null, clocks: [] };
  const calendar = agreements.calendars[agreements.sla.calendarId];
  if (!calendar) return { sla: { reference: agreements.sla.reference, title: agreements.sla.title }, clocks: [] };
  const timeline = timelineFromHistory(await listHistory(db, incident.id), { slaId: 'sla' });
  const results = computeSlaClocks(timeline, agreements.clocks, { now, calendar, calendars: agreements.calendars, explain: true });
  return {
    sla: { reference: agreements.sla.reference, title: agreements.sla.title },
    clocks: results.map((r, i) => ({
      ...r,
      name: agreements.clocks[i]?.name ?? r.clockId,
      elapsedText: formatDuration(r.elapsedMillis),
      remainingText: r.remainingMillis === null ? null : formatDuration(Math.abs(r.remainingMillis)),
    })),
  };
}

/** The SLA reference an incident on this service falls under, if any. */
export async function slaForService(db: Executor, service: string | null): Promise<string | null> {
  if (!service) return null;
  return (await clockDefinitionsFor(db, service, null)).sla?.reference ?? null;
}
